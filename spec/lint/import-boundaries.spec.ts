import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Lints source texts as if they were files at the given paths, with the project's own config. */
function lint(files: Record<string, string>): Record<string, string[]> {
  // A child process: the flat config is ESM, which Jest's module sandbox cannot load.
  const script = `
    const { ESLint } = require('eslint');
    const files = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
      const out = {};
      for (const [filePath, code] of Object.entries(files)) {
        const [result] = await eslint.lintText(code, { filePath });
        out[filePath] = result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const stdout = execFileSync(process.execPath, ['-e', script, JSON.stringify(files)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Record<string, string[]>;
}

describe('the flow is enforced by lint (DESIGN.md section 2)', () => {
  const use = (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`;

  it('refuses imports against the flow, naming the rule broken', () => {
    const found = lint({
      'src/calls/probe.ts': use('../extractor/extractor'),
      'src/metadata/probe.ts': use('../calls/call.validator'),
      'src/schema/probe.ts': use('openai'),
      'src/decorators/probe.ts': use('../providers/openai/openai.adapter'),
      'src/extractor/probe.ts': use('../providers/gemini/gemini.adapter'),
      'src/providers/openai/probe.ts': use('../gemini/gemini-request'),
      'src/providers/genai/probe.ts': use('../vertexai/vertexai.adapter'),
      'src/errors/probe.ts': use('../metadata/class-type'),
      'src/nestjs/probe.ts': use('@google/genai'),
      'src/testing/probe.ts': use('../calls/call.validator'),
      'src/batch/probe.ts': use('../providers/openai/openai-batch.protocol'),
    });
    expect(found['src/batch/probe.ts']).toEqual([expect.stringContaining('The batch core drives adapters')]);
    expect(found['src/calls/probe.ts']).toEqual([
      expect.stringContaining('knows no provider and no extractor'),
    ]);
    expect(found['src/metadata/probe.ts']).toEqual([expect.stringContaining('knows nothing of calls')]);
    expect(found['src/schema/probe.ts']).toEqual([expect.stringContaining('or SDKs')]);
    expect(found['src/providers/openai/probe.ts']).toEqual([
      expect.stringContaining('providers/openai imports no other provider'),
    ]);
    for (const file of Object.keys(found))
      expect({ file, errors: found[file].length }).toEqual({ file, errors: 1 });
  });

  it('allows what the flow allows', () => {
    const found = lint({
      'src/calls/probe.ts': use('../metadata/class-model.resolver'),
      'src/extractor/probe.ts': use('../calls/call.validator'),
      'src/batch/probe.ts': use('../extractor/extraction.run'),
      'src/providers/genai/probe.ts': use('../gemini/gemini.adapter'),
      'src/providers/openai/probe.ts': use('openai'),
      'src/schema/probe.ts': use('./openai-strict.dialect'),
      'src/nestjs/probe.ts': use('@nestjs/common'),
    });
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((f) => [f, []])));
  });
});
