/**
 * Every ```ts block of README.md and docs/*.md compiles against the library's real types.
 *
 * Each block becomes a virtual module next to the docs it came from, and all of them are
 * type-checked in one `ts.Program` with the compiler options of tsconfig.json, whose `paths`
 * resolve `parallel-tools/*` to `src/`. Only the module settings differ: `preserve` with `bundler`
 * resolution, so that the examples may use top-level `await` as an ES module does while src/ and
 * the blocks see one copy of each SDK's types (how an ESM app under `nodenext` sees the packed
 * declarations is the consumer smoke test's job, in .ci/run).
 *
 * A block that is a fragment gets its context from a hidden prelude, an HTML comment right before
 * the block (blank lines between are fine); its text is put in front of the block:
 *
 *     <!-- prelude: import { Weather, GoogleSearch, messages } from 'docs-context'; -->
 *     ```ts
 *     const calls = await client.chat.completions.create({ model, messages, responseModel: [Weather] });
 *     ```
 *
 * `docs-context` is spec/docs/docs-context.ts: the seed tools, `messages`, `params`, clients and
 * the NestJS sample's DTOs, for blocks that use them without declaring them. A block fenced
 * ```ts skip-check is left out; use it only for code that is meant not to compile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const PRELUDE = /^<!--\s*prelude:([\s\S]*)-->$/;

interface Block {
  file: string;
  /** 1-based line of the block's first code line in its markdown file. */
  line: number;
  prelude: string;
  code: string;
  virtualPath: string;
}

function markdownFiles(): string[] {
  const docs = path.join(ROOT, 'docs');
  const pages = fs.existsSync(docs)
    ? fs
        .readdirSync(docs)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => path.join(docs, f))
    : [];
  return [path.join(ROOT, 'README.md'), ...pages];
}

function extractBlocks(file: string): Block[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(ts|typescript)(\s+skip-check)?\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    if (end === lines.length) throw new Error(`${path.relative(ROOT, file)}:${i + 1}: unclosed code block`);
    const prelude = preludeBefore(lines.slice(0, i).join('\n'));
    if (!fence[2]) {
      const name = `${path.basename(file, '.md')}.block-${start + 1}.ts`;
      blocks.push({
        file,
        line: start + 1,
        prelude,
        code: lines.slice(start, end).join('\n'),
        virtualPath: path.join(path.dirname(file), name),
      });
    }
    i = end;
  }
  return blocks;
}

/** The text of the prelude comment that ends right before a block (blank lines allowed), or ''. */
function preludeBefore(text: string): string {
  const before = text.trimEnd();
  if (!before.endsWith('-->')) return '';
  return PRELUDE.exec(before.slice(before.lastIndexOf('<!--')))?.[1].trim() ?? '';
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const paths = { ...parsed.options.paths, 'docs-context': ['./spec/docs/docs-context.ts'] };
  return {
    ...parsed.options,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    paths,
    noEmit: true,
    declaration: false,
    sourceMap: false,
  };
}

describe('code blocks in README.md and docs/', () => {
  const blocks = markdownFiles().flatMap(extractBlocks);

  it('finds the blocks', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it('type-check in one program with no diagnostics', () => {
    const sources = new Map<string, { text: string; preludeLines: number; block: Block }>();
    for (const block of blocks) {
      // The prelude and the code share no line, so a diagnostic's line maps back to the markdown.
      const head = block.prelude ? `${block.prelude}\n` : '';
      sources.set(path.normalize(block.virtualPath), {
        text: `${head}${block.code}\nexport {};\n`,
        preludeLines: head ? head.split('\n').length - 1 : 0,
        block,
      });
    }
    const options = compilerOptions();
    const host = ts.createCompilerHost(options, true);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => sources.has(path.normalize(f)) || fileExists.call(host, f);
    host.readFile = (f) => sources.get(path.normalize(f))?.text ?? readFile.call(host, f);
    host.getSourceFile = (f, languageVersion, onError, shouldCreate) => {
      const virtual = sources.get(path.normalize(f));
      if (virtual) return ts.createSourceFile(f, virtual.text, languageVersion, true);
      return getSourceFile.call(host, f, languageVersion, onError, shouldCreate);
    };
    const program = ts.createProgram({ rootNames: [...sources.keys()], options, host });

    const problems: string[] = program.getGlobalDiagnostics().map((d) => flatten(d));
    for (const [fileName, { preludeLines, block }] of sources) {
      const sourceFile = program.getSourceFile(fileName);
      if (!sourceFile) throw new Error(`no source file for ${fileName}`);
      const diagnostics = [
        ...program.getSyntacticDiagnostics(sourceFile),
        ...program.getSemanticDiagnostics(sourceFile),
      ];
      for (const d of diagnostics) {
        const { line } = sourceFile.getLineAndCharacterOfPosition(d.start ?? 0);
        const inPrelude = line < preludeLines;
        const where = inPrelude
          ? `${path.relative(ROOT, block.file)}:${block.line - 1} (prelude)`
          : `${path.relative(ROOT, block.file)}:${block.line + line - preludeLines}`;
        problems.push(`${where}: TS${d.code} ${flatten(d)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

function flatten(d: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, '\n');
}
