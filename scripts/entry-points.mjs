/**
 * The package's public entry points: one line each, subpath -> compiled module under dist/
 * (no extension). `npm run entries` writes `exports`, `typesVersions`, `main` and `types` of
 * package.json from this list; the build writes each entry's ESM wrapper (.mjs + .d.mts) and
 * fails when package.json is out of date.
 */
export const ENTRY_POINTS = {
  '.': 'index',
  './openai': 'providers/openai/index',
  './anthropic': 'providers/anthropic/index',
  './vertexai': 'providers/vertexai/index',
  './genai': 'providers/genai/index',
  './nestjs': 'nestjs/index',
  './testing': 'testing/index',
};
