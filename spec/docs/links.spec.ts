import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const REPO_BLOB = 'https://github.com/parallel-tools/parallel-tools/blob/main/';
const LINK = /\]\(([^)\s]+)\)/g;

function links(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(LINK)].map((m) => m[1]);
}

const pages = fs
  .readdirSync(path.join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);

describe('documentation links', () => {
  it('README.md links only absolutely (the package ships no docs/), to files that exist', () => {
    const found = links('README.md');
    expect(found.length).toBeGreaterThan(10);
    expect(found.filter((l) => !/^https?:\/\//.test(l))).toEqual([]);
    const missing = found
      .filter((l) => l.startsWith(REPO_BLOB))
      .map((l) => l.slice(REPO_BLOB.length).split('#')[0])
      .filter((file) => !fs.existsSync(path.join(ROOT, file)));
    expect(missing).toEqual([]);
  });

  it('links every docs page from README.md', () => {
    const linked = new Set(links('README.md').map((l) => l.slice(REPO_BLOB.length)));
    expect(pages.filter((p) => p !== 'docs/README.md' && !linked.has(p))).toEqual([]);
  });

  it('docs/ links relatively to files that exist', () => {
    const broken = pages.flatMap((page) =>
      links(page)
        .filter((l) => !/^https?:\/\//.test(l))
        .map((l) => l.split('#')[0])
        .filter((target) => !fs.existsSync(path.join(ROOT, 'docs', target)))
        .map((target) => `${page} -> ${target}`),
    );
    expect(broken).toEqual([]);
  });
});
