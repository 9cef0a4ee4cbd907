import { ToolDefinitionError } from '../errors/tool-definition.error';
import { installValidationRules } from '../metadata/class-model.resolver';
import type { ClassType } from '../metadata/class-type';
import type { ToolDefinition } from '../schema/json-schema';
import { getToolDefinition } from '../schema/tool-definition';

/**
 * The tools of one request, looked up by the name the model used. A `Map`, never a plain object:
 * the model may call `__proto__` or `toString`.
 */
export class ToolRegistry {
  private readonly byName = new Map<string, ClassType>();
  readonly classes: readonly ClassType[];

  constructor(responseModel: unknown) {
    if (!Array.isArray(responseModel) || responseModel.length === 0) {
      throw new ToolDefinitionError(
        'invalid_response_model',
        `responseModel must be a non-empty array of @Tool classes in parallel mode, e.g. responseModel: [Weather, GoogleSearch]; got ${describe(responseModel)}.`,
      );
    }
    for (const target of responseModel) {
      if (typeof target !== 'function') {
        throw new ToolDefinitionError(
          'invalid_response_model',
          `responseModel holds ${describe(target)}, not a @Tool class.`,
        );
      }
      const { name } = getToolDefinition(target as ClassType);
      installValidationRules(target as ClassType);
      const other = this.byName.get(name);
      if (other && other !== target) {
        throw new ToolDefinitionError(
          'duplicate_tool_name',
          `${other.name} and ${target.name} are both named "${name}" in one request: give one of them another name with @Tool({ name: '...' }).`,
          { target },
        );
      }
      this.byName.set(name, target as ClassType);
    }
    this.classes = [...this.byName.values()];
  }

  /** The class for a tool name, or undefined for a name that is not one of this request's tools. */
  get(name: unknown): ClassType | undefined {
    return typeof name === 'string' ? this.byName.get(name) : undefined;
  }

  /** The tool names, in the order given. */
  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The neutral definitions, in the order given. */
  get definitions(): ToolDefinition[] {
    return this.classes.map(getToolDefinition);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an empty array';
  if (typeof value === 'function') return `the class ${value.name}`;
  return value === null ? 'null' : typeof value;
}
