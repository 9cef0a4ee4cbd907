import { getMetadataStorage } from 'class-validator';
import type { FieldOptions } from '../decorators/field.options';
import { prototypeChain, toolMetadataStorage } from './tool-metadata.storage';

/** One class-validator rule on a property, as class-validator stores it. */
export interface ValidatorFact {
  /** The validator's name (`isString`, `min`, `isOptional`, …) or its system type (`nestedValidation`). */
  name: string;
  constraints: unknown[];
  each: boolean;
}

/** The NestJS Swagger CLI plugin's view of a property (`static _OPENAPI_METADATA_FACTORY`). */
export interface PluginFact {
  required?: boolean;
  type?: () => unknown;
  isArray?: boolean;
  enum?: unknown;
  nullable?: boolean;
  description?: string;
  example?: unknown;
  default?: unknown;
  [keyword: string]: unknown;
}

/** class-transformer's `@Type` on a property. */
export interface TransformTypeFact {
  typeFunction: (options?: unknown) => Function;
  discriminator?: { property: string; subTypes: Array<{ name: string; value: Function }> };
}

/** Everything the stores know of one property, before any interpretation. */
export interface PropertyFacts {
  key: string;
  field?: FieldOptions;
  validators: ValidatorFact[];
  plugin?: PluginFact;
  transformType?: TransformTypeFact;
  /** `@Expose({ name })`: the name on the wire. */
  exposedName?: string;
  /** `@Exclude()`: never part of the tool. */
  excluded: boolean;
  /** TypeScript's `design:type`, when a decorator made it emit one. */
  designType?: Function;
}

// class-transformer keeps its store in an internal module with no public path of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: {
    findTypeMetadata(target: Function, key: string): { typeFunction: any; options?: any } | undefined;
    findExposeMetadata(target: Function, key: string): { options?: { name?: string } } | undefined;
    findExcludeMetadata(target: Function, key: string): unknown;
  };
};

/**
 * Reads `@Field`, class-validator, class-transformer, the Swagger plugin factory and
 * `design:type` for a class and its ancestors. Property order: base class first, then in order
 * of declaration.
 */
export function readPropertyFacts(target: Function): PropertyFacts[] {
  const facts = new Map<string, PropertyFacts>();
  const factOf = (key: string): PropertyFacts => {
    let f = facts.get(key);
    if (!f) facts.set(key, (f = { key, validators: [], excluded: false }));
    return f;
  };

  const chain = prototypeChain(target).reverse();
  const cvMetadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  for (const cls of chain) {
    for (const m of cvMetadata) {
      if (m.target !== cls || typeof m.propertyName !== 'string') continue;
      factOf(m.propertyName).validators.push({
        name: m.name ?? m.type,
        constraints: m.constraints ?? [],
        each: m.each === true,
      });
    }
    const factory = Object.prototype.hasOwnProperty.call(cls, '_OPENAPI_METADATA_FACTORY')
      ? (cls as any)._OPENAPI_METADATA_FACTORY
      : undefined;
    if (typeof factory === 'function') {
      const described = factory() as Record<string, PluginFact> | undefined;
      for (const key of Object.keys(described ?? {})) factOf(key).plugin = described![key];
    }
  }
  for (const [key, field] of toolMetadataStorage.getFields(target)) factOf(key).field = field;

  for (const f of facts.values()) {
    const type = defaultMetadataStorage.findTypeMetadata(target, f.key);
    if (type) f.transformType = { typeFunction: type.typeFunction, discriminator: type.options?.discriminator };
    f.exposedName = defaultMetadataStorage.findExposeMetadata(target, f.key)?.options?.name;
    f.excluded = defaultMetadataStorage.findExcludeMetadata(target, f.key) !== undefined;
    f.designType = (Reflect as any).getMetadata?.('design:type', (target as any).prototype, f.key);
  }
  return [...facts.values()].filter((f) => !f.excluded);
}
