import { getMetadataStorage } from 'class-validator';
import type { FieldOptions } from '../decorators/field.options';
import { prototypeChain, toolMetadataStorage } from './tool-metadata.storage';
import { CLASS_MARKER_KEY, FIELD_MARKER } from './validation-markers';

/** One class-validator rule on a property, as class-validator stores it. */
export interface ValidatorFact {
  /** The validator's name (`isString`, `min`, `isOptional`, …) or its system type (`nestedValidation`). */
  name: string;
  constraints: unknown[];
  each: boolean;
  /** The class the rule was declared on (an ancestor, or a mapped type's class). */
  target: Function;
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
  /** The class whose `@Field` (or Swagger plugin entry) declares the property: where its rules go. */
  owner?: Function;
  /** class-validator rules, `@Field`'s own marker left out. */
  validators: ValidatorFact[];
  plugin?: PluginFact;
  transformType?: TransformTypeFact;
  /** `@Expose({ name })`: the name on the wire. */
  exposedName?: string;
  /** TypeScript's `design:type`, when a decorator made it emit one. */
  designType?: Function;
}

interface TransformOptions {
  name?: string;
  toPlainOnly?: boolean;
  toClassOnly?: boolean;
  groups?: string[];
}
// class-transformer keeps its store in an internal module with no public path of its own.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: {
    findTypeMetadata(target: Function, key: string): { typeFunction: any; options?: any } | undefined;
    findExposeMetadata(target: Function, key: string): { options?: TransformOptions } | undefined;
    findExcludeMetadata(
      target: Function,
      key: string | undefined,
    ): { options?: TransformOptions } | undefined;
    getStrategy(target: Function): 'excludeAll' | 'exposeAll' | 'none';
  };
};

/**
 * Reads `@Field`, class-validator, class-transformer, the Swagger plugin factory and
 * `design:type` for a class and its ancestors. Property order: base class first, then in order
 * of declaration. Properties that `plainToInstance` never fills (`@Exclude()`) are left out.
 */
export function readPropertyFacts(target: Function): PropertyFacts[] {
  const facts = new Map<string, PropertyFacts>();
  const factOf = (key: string): PropertyFacts => {
    let f = facts.get(key);
    if (!f) facts.set(key, (f = { key, validators: [] }));
    return f;
  };

  const chain = prototypeChain(target).reverse();
  // The same view class-validator takes when it validates (a subclass rule of one type hides the
  // inherited rules of that type on the same property).
  const cvMetadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  for (const cls of chain) {
    for (const m of cvMetadata) {
      if (m.target !== cls || typeof m.propertyName !== 'string' || m.propertyName === CLASS_MARKER_KEY)
        continue;
      const f = factOf(m.propertyName);
      if (m.name === FIELD_MARKER) Object.assign(f, { field: m.constraints[0] as FieldOptions, owner: cls });
      else
        f.validators.push({
          name: m.name ?? m.type,
          constraints: m.constraints ?? [],
          each: m.each === true,
          target: cls,
        });
    }
    const factory = Object.prototype.hasOwnProperty.call(cls, '_OPENAPI_METADATA_FACTORY')
      ? (cls as any)._OPENAPI_METADATA_FACTORY
      : undefined;
    if (typeof factory === 'function') {
      const described = (factory() ?? {}) as Record<string, PluginFact>;
      for (const key of Object.keys(described))
        Object.assign(factOf(key), { plugin: described[key], owner: cls });
    }
  }
  for (const [key, { options, owner }] of toolMetadataStorage.getFields(target))
    Object.assign(factOf(key), { field: options, owner });

  const excludeAll = defaultMetadataStorage.getStrategy(target) === 'excludeAll';
  const kept: PropertyFacts[] = [];
  for (const f of facts.values()) {
    const expose = readsPlain(defaultMetadataStorage.findExposeMetadata(target, f.key));
    const exclude = readsPlain(defaultMetadataStorage.findExcludeMetadata(target, f.key));
    if (exclude || (excludeAll && !expose) || (expose?.options?.groups?.length ?? 0) > 0) continue;
    const type = defaultMetadataStorage.findTypeMetadata(target, f.key);
    if (type)
      f.transformType = { typeFunction: type.typeFunction, discriminator: type.options?.discriminator };
    f.exposedName = expose?.options?.name;
    f.designType = (Reflect as any).getMetadata?.('design:type', (target as any).prototype, f.key);
    kept.push(f);
  }
  return kept;
}

/** The metadata, if it applies when plain arguments become an instance (not `toPlainOnly`). */
function readsPlain<T extends { options?: TransformOptions }>(metadata: T | undefined): T | undefined {
  if (!metadata) return undefined;
  const o = metadata.options;
  return o?.toPlainOnly === true && o.toClassOnly !== true ? undefined : metadata;
}
