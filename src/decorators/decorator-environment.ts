import { ToolDefinitionError } from '../errors/tool-definition.error';

/**
 * Throws when a decorator is called the TC39 way, `(value, context)`: TypeScript 5 emits standard
 * decorators when `experimentalDecorators` is off, and they carry no `design:type` metadata.
 * parallel-tools (like class-validator and class-transformer) needs the legacy decorators.
 */
export function rejectStandardDecorators(decorator: '@Tool' | '@Field', context: unknown): void {
  if (typeof context !== 'object' || context === null || !('kind' in context)) return;
  const name = (context as { name?: unknown }).name;
  const on = typeof name === 'string' ? ` on ${name}` : '';
  throw new ToolDefinitionError(
    'unsupported_decorators',
    `${decorator}${on} was called as a TC39 standard decorator, which parallel-tools, class-validator ` +
      `and class-transformer do not support. Turn on \`experimentalDecorators\` and \`emitDecoratorMetadata\` ` +
      `in tsconfig.json (SWC: \`legacyDecorator\` and \`decoratorMetadata\`; esbuild, tsx and Vite read ` +
      `\`experimentalDecorators\` from tsconfig.json but never emit the metadata).`,
    typeof name === 'string' && decorator === '@Field' ? { property: name } : {},
  );
}
