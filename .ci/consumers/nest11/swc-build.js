// Compiles src/ the way `nest build -b swc` does: legacy decorators with metadata, CommonJS out.
const { readdirSync, mkdirSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { transformFileSync } = require('@swc/core');

const [srcDir, outDir] = process.argv.slice(2);
for (const name of readdirSync(srcDir, { recursive: true })) {
  if (!name.endsWith('.ts')) continue;
  const { code } = transformFileSync(join(srcDir, name), {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2021',
    },
    module: { type: 'commonjs' },
  });
  const out = join(outDir, name.replace(/\.ts$/, '.js'));
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, code);
  console.log(`swc: ${relative(process.cwd(), out)}`);
}
