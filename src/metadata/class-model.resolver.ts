import type { ClassType } from './class-type';
import { resolveProperty } from './property-type.resolver';
import { toolMetadataStorage } from './tool-metadata.storage';
import type { ClassModel, TypeRef } from './type-ref';
import { addClassMarker } from './validation-markers';
import { installMissingRules } from './validation-rules.installer';
import { readPropertyFacts, type PropertyFacts } from './validator-metadata.reader';

const models = new Map<Function, ClassModel>();
const factsOf = new Map<Function, PropertyFacts[]>();
const installed = new Set<Function>();
const scheduled = new Set<Function>();

/**
 * Reads a class (and, through its nested classes, every class it reaches) into a
 * {@link ClassModel}, once: the result is cached. Pure: it writes to no metadata store (see
 * {@link installValidationRules} for the step that does). Throws `ToolDefinitionError` when a
 * property's type cannot be known.
 */
export function resolveClassModel(target: ClassType): ClassModel {
  // The lookup is kept apart from the build: the build's closures would make every call, cached
  // or not, allocate a context (the calls layer asks once per call).
  return models.get(target) ?? buildClassModel(target);
}

function buildClassModel(target: ClassType): ClassModel {
  const facts = readPropertyFacts(target);
  const tool = toolMetadataStorage.getTool(target);
  const model: ClassModel = {
    target,
    name: tool?.name ?? target.name,
    description: tool?.description,
    properties: facts.map((f) => resolveProperty(target, f)),
  };
  // Cache before descending so that recursive classes terminate.
  models.set(target, model);
  factsOf.set(target, facts);
  try {
    for (const p of model.properties) for (const nested of nestedClasses(p.type)) resolveClassModel(nested);
  } catch (error) {
    models.delete(target);
    factsOf.delete(target);
    throw error;
  }
  return model;
}

/**
 * The named step that makes class-validator keep the promises of a class's schema: installs,
 * once for the class and every class it reaches, the rules `@Field` implies that the class lacks
 * (see `installMissingRules`). Idempotent; the calls layer runs it before validating a tool's
 * calls, and the decorators schedule it so that plain class-validator calls and NestJS's
 * `ValidationPipe` see the same rules.
 */
export function installValidationRules(target: ClassType): void {
  if (installed.has(target)) return;
  const model = resolveClassModel(target);
  const facts = factsOf.get(target) ?? [];
  installed.add(target);
  facts.forEach((f, i) => installMissingRules(target, model.properties[i], f));
  if (facts.length === 0) addClassMarker(target);
  for (const p of model.properties)
    for (const nested of nestedClasses(p.type)) installValidationRules(nested);
}

/**
 * Installs a class's validation rules once the current module has finished loading (nested
 * classes declared further down exist by then). Any error waits for the class's first real use,
 * which reports it in full.
 */
export function scheduleValidationRules(target: Function): void {
  if (scheduled.has(target)) return;
  scheduled.add(target);
  queueMicrotask(() => {
    try {
      installValidationRules(target as ClassType);
    } catch {
      // Reported with full context by getToolDefinition or the first extraction.
    }
  });
}

/** The classes a type refers to directly (the class, an array's class, a union's members). */
export function nestedClasses(type: TypeRef): ClassType[] {
  if (type.kind === 'class') return [type.target];
  if (type.kind === 'array') return nestedClasses(type.items);
  if (type.kind === 'union') return type.members.map((m) => m.target);
  return [];
}
