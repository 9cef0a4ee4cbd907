import * as ts from 'typescript';
import { getToolDefinition, ToolDefinitionError } from 'parallel-tools';

/**
 * Builds tool classes the way other toolchains do: tsc with `emitDecoratorMetadata` off (what
 * tsx, esbuild, Vite and Vitest produce too: no `design:type`), and TypeScript 5's TC39 standard
 * decorators (`experimentalDecorators` off). The output runs against the real library.
 */
function load(source: string, options: ts.CompilerOptions): Record<string, any> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, ...options },
  });
  const module = { exports: {} as Record<string, any> };
  new Function('require', 'exports', 'module', outputText)(require, module.exports, module);
  return module.exports;
}

const legacyWithoutMetadata = { experimentalDecorators: true, emitDecoratorMetadata: false };
const legacyWithMetadata = { experimentalDecorators: true, emitDecoratorMetadata: true };
const standard = { experimentalDecorators: false, emitDecoratorMetadata: false };

function definitionError(target: new () => object): ToolDefinitionError {
  try {
    getToolDefinition(target);
  } catch (error) {
    if (error instanceof ToolDefinitionError) return error;
    throw error;
  }
  throw new Error(`getToolDefinition(${target.name}) did not throw`);
}

describe('decorator environment', () => {
  describe('without emitDecoratorMetadata (tsc, tsx, esbuild, Vitest)', () => {
    const { Weather, Mixed, Explicit } = load(
      `import { Tool, Field } from 'parallel-tools';
       import { IsInt } from 'class-validator';
       @Tool() export class Weather { @Field() location!: string; @Field() days!: number; }
       @Tool() export class Mixed { @IsInt() count!: number; @Field() label!: string; }
       @Tool() export class Explicit { @Field({ type: () => String }) location!: string; }`,
      legacyWithoutMetadata,
    );

    it('names the missing metadata and both fixes instead of an unknown type', () => {
      const error = definitionError(Weather);
      expect(error.code).toBe('missing_decorator_metadata');
      expect(error.property).toBe('location');
      expect(error.message).toContain('Weather.location');
      expect(error.message).toContain('emitDecoratorMetadata');
      expect(error.message).toContain('experimentalDecorators');
      expect(error.message).toMatch(/tsx, esbuild, Vite, Vitest/);
      expect(error.message).toContain('@Field({ type: () => String })');
    });

    it('blames the metadata for a property that has only @Field, even beside typed rules', () => {
      const error = definitionError(Mixed);
      expect(error.code).toBe('missing_decorator_metadata');
      expect(error.property).toBe('label');
    });

    it('accepts a property whose type is given explicitly', () => {
      expect(getToolDefinition(Explicit).parameters.properties).toEqual({ location: { type: 'string' } });
    });
  });

  it('keeps unknown_property_type for a union when the metadata is there', () => {
    const { Union } = load(
      `import { Tool, Field } from 'parallel-tools';
       @Tool() export class Union { @Field() value!: string | number; }`,
      legacyWithMetadata,
    );
    expect(definitionError(Union).code).toBe('unknown_property_type');
  });

  describe('TC39 standard decorators (experimentalDecorators off)', () => {
    it.each([
      ['@Field', `@Field() location!: string;`, /@Field on location/],
      ['@Tool', `location!: string;`, /@Tool on Weather/],
    ])('%s names experimentalDecorators and emitDecoratorMetadata', (_, body, where) => {
      let thrown: unknown;
      try {
        load(
          `import { Tool, Field } from 'parallel-tools';
           @Tool() export class Weather { ${body} }`,
          standard,
        );
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ToolDefinitionError);
      const error = thrown as ToolDefinitionError;
      expect(error.code).toBe('unsupported_decorators');
      expect(error.message).toMatch(where);
      expect(error.message).toContain('experimentalDecorators');
      expect(error.message).toContain('emitDecoratorMetadata');
      expect(error.message).toContain('class-validator');
    });
  });
});
