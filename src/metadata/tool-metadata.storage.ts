import type { FieldOptions } from '../decorators/field.options';
import type { ToolOptions } from '../decorators/tool.options';

/**
 * Where `@Tool` and `@Field` write. Decorators only record; the resolver reads this together with
 * class-validator's and class-transformer's own stores.
 */
class ToolMetadataStorage {
  private readonly tools = new Map<Function, ToolOptions>();
  private readonly fields = new Map<Function, Map<string, FieldOptions>>();

  addTool(target: Function, options: ToolOptions): void {
    this.tools.set(target, options);
  }

  /** The `@Tool` options of this exact class (a subclass must be marked itself). */
  getTool(target: Function): ToolOptions | undefined {
    return this.tools.get(target);
  }

  addField(target: Function, key: string, options: FieldOptions): void {
    let own = this.fields.get(target);
    if (!own) this.fields.set(target, (own = new Map()));
    own.set(key, options);
  }

  /** `@Field` options of the class and its ancestors, base first; a subclass overrides. */
  getFields(target: Function): Map<string, { options: FieldOptions; owner: Function }> {
    const merged = new Map<string, { options: FieldOptions; owner: Function }>();
    for (const cls of prototypeChain(target).reverse()) {
      for (const [key, options] of this.fields.get(cls) ?? []) merged.set(key, { options, owner: cls });
    }
    return merged;
  }
}

/** The class and its ancestors, most derived first, up to (not including) `Object`. */
export function prototypeChain(target: Function): Function[] {
  const chain: Function[] = [];
  for (
    let cls: any = target;
    cls && cls !== Function.prototype && cls !== Object;
    cls = Object.getPrototypeOf(cls)
  ) {
    chain.push(cls);
  }
  return chain;
}

/** The one storage of this package. */
export const toolMetadataStorage = new ToolMetadataStorage();
