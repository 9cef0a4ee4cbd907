import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** The provider SDKs and NestJS: only their own folders may load them (the core entry loads none). */
const SDK_MODULES = ['openai', '@google/genai'];
const SDKS = ['openai/*', '@anthropic-ai/*', '@google/genai/*', '@google-cloud/*', '@nestjs/*'];
const PROVIDERS = ['anthropic', 'gemini', 'genai', 'openai', 'vertexai'];

/** One folder's forbidden imports (DESIGN.md section 2: the folders follow the flow). */
const boundary = (files, groups, why) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        // Exact module names (a pattern would also match a folder of that name anywhere).
        paths: groups.includes('openai/*')
          ? SDK_MODULES.map((name) => ({ name, message: `${why} (DESIGN.md section 2, the flow).` }))
          : [],
        patterns: [{ group: groups, message: `${why} (DESIGN.md section 2, the flow).` }],
      },
    ],
  },
});
const folders = (...names) => names.map((n) => `**/${n}/**`);

export default tseslint.config(
  { ignores: ['dist/**', 'dist-samples/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      // Decorator and metadata APIs (class-validator, class-transformer, Reflect) are typed with Function.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  boundary(['src/errors/**'], ['../**'], 'errors/ imports nothing of the library: every folder may use it'),
  boundary(
    ['src/decorators/**', 'src/metadata/**', 'src/schema/**'],
    [...folders('calls', 'extractor', 'providers', 'nestjs', 'testing'), ...SDKS],
    'Reading classes and building schemas knows nothing of calls, extraction, providers or SDKs',
  ),
  boundary(
    ['src/calls/**'],
    [...folders('extractor', 'providers', 'nestjs', 'testing'), ...SDKS],
    'The calls layer knows no provider and no extractor',
  ),
  boundary(
    ['src/extractor/**'],
    [...folders('batch', 'providers', 'nestjs', 'testing'), ...SDKS],
    'The extractor drives adapters through ProviderAdapter, never a provider folder or SDK',
  ),
  boundary(
    ['src/batch/**'],
    [...folders('providers', 'nestjs', 'testing'), ...SDKS],
    'The batch core drives adapters and batch protocols through their interfaces, never a provider folder or SDK',
  ),
  boundary(
    ['src/nestjs/**'],
    [...folders('providers', 'testing'), 'openai/*', '@anthropic-ai/*', '@google/genai/*', '@google-cloud/*'],
    'The NestJS module takes any Extractor; it loads no provider',
  ),
  boundary(
    ['src/testing/**'],
    [...folders('decorators', 'metadata', 'schema', 'calls', 'extractor', 'providers', 'nestjs'), ...SDKS],
    'The test servers speak wire protocols only; they share no code with the library they test',
  ),
  // A provider never imports another one; genai and vertexai share the Gemini core.
  ...PROVIDERS.map((p) =>
    boundary(
      [`src/providers/${p}/**`],
      [
        ...PROVIDERS.filter((o) => o !== p && !(o === 'gemini' && ['genai', 'vertexai'].includes(p))).map(
          (o) => `**/providers/${o}/**`,
        ),
        ...PROVIDERS.filter((o) => o !== p && !(o === 'gemini' && ['genai', 'vertexai'].includes(p))).map(
          (o) => `../${o}/**`,
        ),
        ...folders('nestjs', 'testing'),
      ],
      `providers/${p} imports no other provider (only a provider's own shared core)`,
    ),
  ),
);
