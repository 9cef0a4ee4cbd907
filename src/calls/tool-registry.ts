import { ToolDefinitionError } from '../errors/tool-definition.error';
import { installValidationRules } from '../metadata/class-model.resolver';
import type { ClassType } from '../metadata/class-type';
import type { ToolDefinition } from '../schema/json-schema';
import { getToolDefinition } from '../schema/tool-definition';

/** How many registries are kept per first class: an app uses a few tool lists per class, not many. */
const KEPT_PER_CLASS = 8;

/** The registries already built, under the first class of their list (weak: classes made at run time may go). */
const built = new WeakMap<ClassType, ToolRegistry[]>();

/**
 * The tools of one request, looked up by the name the model used. A `Map`, never a plain object:
 * the model may call `__proto__` or `toString`.
 */
export class ToolRegistry {
  private readonly byName = new Map<string, ClassType>();
  readonly classes: readonly ClassType[];
  /** The list as given (repeats included), to tell whether another request's list is the same. */
  private readonly given: readonly unknown[];
  /** What providers derive from these tools (their request's tool list), by the provider's key. */
  private readonly derived = new Map<string, unknown>();

  /**
   * The registry of a response model: the one built before for the same classes in the same order,
   * or a new one. Building it reads each class's definition and installs its validation rules, the
   * same for every request of that list; a bad list throws every time, as the constructor does.
   *
   * @example
   * const registry = ToolRegistry.of([Weather, GoogleSearch]); // the same object on the next request
   */
  static of(responseModel: unknown): ToolRegistry {
    const first: unknown = Array.isArray(responseModel) ? responseModel[0] : undefined;
    if (typeof first !== 'function') return new ToolRegistry(responseModel);
    const list = built.get(first as ClassType) ?? [];
    const same = list.find((r) => sameList(r.given, responseModel as unknown[]));
    if (same) return same;
    const registry = new ToolRegistry(responseModel);
    if (list.length >= KEPT_PER_CLASS) list.shift();
    list.push(registry);
    built.set(first as ClassType, list);
    return registry;
  }

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
    this.given = [...responseModel];
  }

  /**
   * A value a provider derives from these tools alone (e.g. its request's tool list), built once
   * per registry under the provider's `key`. The value is shared by every request: never mutate it.
   */
  derive<T>(key: string, build: (classes: readonly ClassType[]) => T): T {
    if (!this.derived.has(key)) this.derived.set(key, build(this.classes));
    return this.derived.get(key) as T;
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

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an empty array';
  if (typeof value === 'function') return `the class ${value.name}`;
  return value === null ? 'null' : typeof value;
}
