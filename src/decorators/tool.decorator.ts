import { ToolDefinitionError } from '../errors/tool-definition.error';
import { toolMetadataStorage } from '../metadata/tool-metadata.storage';
import { scheduleValidationRules } from '../metadata/class-model.resolver';
import type { ToolOptions } from './tool.options';
import { rejectStandardDecorators } from './decorator-environment';

/** The rule OpenAI and Gemini both accept for function names. */
export const TOOL_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * Marks a class as a tool the model can call. Works on classes described with {@link Field} and
 * on existing class-validator DTOs alike.
 *
 * @example
 * @Tool({ description: 'Current weather for a city' })
 * class Weather {
 *   @Field({ description: 'City name' }) location!: string;
 *   @Field({ enum: ['imperial', 'metric'] }) units!: 'imperial' | 'metric';
 * }
 */
export function Tool(options: ToolOptions = {}): ClassDecorator {
  return ((target: Function, context?: unknown) => {
    rejectStandardDecorators('@Tool', context);
    const name = options.name ?? target.name;
    if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name)) {
      throw new ToolDefinitionError(
        'invalid_tool_name',
        `@Tool on ${target.name}: the name ${JSON.stringify(name)} is not a valid tool name. ` +
          `Use letters, digits, '_' and '-', starting with a letter or '_', at most 64 characters: ` +
          `@Tool({ name: 'get_weather' }).`,
        { target },
      );
    }
    toolMetadataStorage.addTool(target, { ...options, name });
    scheduleValidationRules(target);
  }) as ClassDecorator;
}
