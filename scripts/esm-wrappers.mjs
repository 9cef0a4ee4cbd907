// After `tsc -p tsconfig.build.json`: gives every entry point an ESM face over the one CommonJS
// build, so an ESM app has a single runtime copy (class-transformer/class-validator metadata and
// `instanceof` stay one) and declarations that import the SDKs the way the app does.
//  - every dist/**/*.d.ts gets a .d.mts twin whose relative imports name .mjs files (TypeScript
//    reads them as ESM declarations, so `import OpenAI from 'openai'` resolves openai's ESM types);
//  - every entry point gets a .mjs that imports the CJS module and re-exports its names;
//  - then each wrapper is imported to check it exposes exactly the names `require` gives.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import ts from 'typescript';
import { ENTRY_POINTS } from './entry-points.mjs';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const require = createRequire(import.meta.url);

function* declarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* declarations(path);
    else if (entry.name.endsWith('.d.ts')) yield path;
  }
}

/** `./x` -> `./x.mjs`, `./dir` -> `./dir/index.mjs`; bare specifiers stay as they are. */
function esmSpecifier(fromFile, specifier) {
  if (!specifier.startsWith('.')) return specifier;
  const target = join(dirname(fromFile), specifier.replace(/\.js$/, ''));
  if (existsSync(`${target}.d.ts`)) return `${specifier.replace(/\.js$/, '')}.mjs`;
  if (existsSync(join(target, 'index.d.ts'))) return `${specifier.replace(/\/$/, '')}/index.mjs`;
  throw new Error(`${relative(dist, fromFile)}: cannot resolve ${specifier}`);
}

function toEsmDeclaration(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const literals = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      literals.push(node.moduleSpecifier);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      literals.push(node.argument.literal);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      literals.push(node.moduleReference.expression);
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = text;
  for (const literal of literals.sort((a, b) => b.getStart() - a.getStart())) {
    const quote = text[literal.getStart()];
    const specifier = `${quote}${esmSpecifier(file, literal.text)}${quote}`;
    out = out.slice(0, literal.getStart()) + specifier + out.slice(literal.getEnd());
  }
  writeFileSync(file.replace(/\.d\.ts$/, '.d.mts'), out);
}

function writeWrapper(module) {
  const cjsPath = join(dist, `${module}.js`);
  const names = Object.keys(require(cjsPath)).filter((n) => n !== '__esModule' && n !== 'default');
  const base = `./${module.split('/').pop()}.js`;
  const lines = [
    '// ESM entry: re-exports the CommonJS build (one runtime copy for CJS and ESM importers).',
    `import cjs from '${base}';`,
    names.length > 0 ? `export const { ${names.join(', ')} } = cjs;` : 'export {};',
    '',
  ];
  writeFileSync(join(dist, `${module}.mjs`), lines.join('\n'));
  return names;
}

let count = 0;
for (const file of declarations(dist)) {
  toEsmDeclaration(file);
  count++;
}
for (const module of Object.values(ENTRY_POINTS)) {
  const names = writeWrapper(module);
  const esm = await import(pathToFileURL(join(dist, `${module}.mjs`)).href);
  const missing = names.filter((n) => esm[n] !== require(join(dist, `${module}.js`))[n]);
  if (missing.length > 0 || Object.keys(esm).length !== names.length)
    throw new Error(`dist/${module}.mjs does not re-export ${missing.join(', ') || 'the same names'}`);
}
console.log(`esm-wrappers: ${count} .d.mts, ${Object.keys(ENTRY_POINTS).length} .mjs entry points`);
