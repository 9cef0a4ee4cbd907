// Derives package.json's entry-point fields from scripts/entry-points.mjs.
// `--write` updates package.json; without it, exits 1 when package.json differs (the build runs that).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import { ENTRY_POINTS } from './entry-points.mjs';

const packageJsonPath = fileURLToPath(new URL('../package.json', import.meta.url));

/** The fields of package.json that the entry-point list decides. */
export function entryFields() {
  const exports = {};
  const typesVersions = {};
  for (const [subpath, module] of Object.entries(ENTRY_POINTS)) {
    const base = `./dist/${module}`;
    exports[subpath] = {
      // ESM importers get ESM-flavoured declarations, so the SDK types they see (openai's ESM
      // .d.mts) are the ones our declarations import; the .mjs re-exports the one CJS runtime copy.
      import: { types: `${base}.d.mts`, default: `${base}.mjs` },
      require: { types: `${base}.d.ts`, default: `${base}.js` },
    };
    // TypeScript's node10 resolution (classic `"module": "commonjs"`) ignores `exports`.
    if (subpath !== '.') typesVersions[subpath.slice(2)] = [`${base}.d.ts`];
  }
  exports['./package.json'] = './package.json';
  const root = ENTRY_POINTS['.'];
  return {
    main: `./dist/${root}.js`,
    types: `./dist/${root}.d.ts`,
    exports,
    typesVersions: { '*': typesVersions },
  };
}

function main() {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const wanted = entryFields();
  const stale = Object.keys(wanted).filter((k) => JSON.stringify(pkg[k]) !== JSON.stringify(wanted[k]));
  if (stale.length === 0) return;
  if (!process.argv.includes('--write')) {
    console.error(
      `package.json ${stale.join(', ')} do not match scripts/entry-points.mjs: run \`npm run entries\` and commit package.json.`,
    );
    process.exit(1);
  }
  writeFileSync(packageJsonPath, `${JSON.stringify({ ...pkg, ...wanted }, null, 2)}\n`);
  console.log(`package.json: wrote ${stale.join(', ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
