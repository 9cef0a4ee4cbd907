/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.json',
        // 151002: ts-jest's note about hybrid module kinds under nodenext; type errors still fail.
        diagnostics: { ignoreCodes: [151002] },
      },
    ],
  },
  moduleNameMapper: {
    '^parallel-tools$': '<rootDir>/src/index.ts',
    '^parallel-tools/openai$': '<rootDir>/src/providers/openai/index.ts',
    '^parallel-tools/anthropic$': '<rootDir>/src/providers/anthropic/index.ts',
    '^parallel-tools/vertexai$': '<rootDir>/src/providers/vertexai/index.ts',
    '^parallel-tools/genai$': '<rootDir>/src/providers/genai/index.ts',
    '^parallel-tools/nestjs$': '<rootDir>/src/nestjs/index.ts',
    '^parallel-tools/testing$': '<rootDir>/src/testing/index.ts',
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 20000,
};
