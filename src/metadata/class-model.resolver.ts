import type { ClassType } from './class-type';
import { resolveProperty } from './property-type.resolver';
import { toolMetadataStorage } from './tool-metadata.storage';
import type { ClassModel, TypeRef } from './type-ref';
import { addClassMarker } from './validation-markers';
import { installMissingRules } from './validation-rules.installer';
import { readPropertyFacts } from './validator-metadata.reader';

const models = new Map<Function, ClassModel>();
const scheduled = new Set<Function>();
const installedMarkers = new Set<Function>();

/**
 * Reads a class (and, through its nested classes, every class it reaches) into a
 * {@link ClassModel}, once: the result is cached, and the validation rules its schema promises
 * are installed then (see `installMissingRules`). Throws `ToolDefinitionError` when a property's
 * type cannot be known.
 */
export function resolveClassModel(target: ClassType): ClassModel {
  const cached = models.get(target);
  if (cached) return cached;

  const facts = readPropertyFacts(target);
  const tool = toolMetadataStorage.getTool(target);
  const model: ClassModel = {
    target,
    name: tool?.name ?? target.name,
    description: tool?.description,
    properties: facts.map((f) => resolveProperty(target, f)),
  };
  // Idempotent: a retried resolution finds the rules it installed the first time.
  facts.forEach((f, i) => installMissingRules(target, model.properties[i], f));
  if (facts.length === 0 && !installedMarkers.has(target)) {
    installedMarkers.add(target);
    addClassMarker(target);
  }
  // Cache before descending so that recursive classes terminate.
  models.set(target, model);
  try {
    for (const p of model.properties) for (const nested of nestedClasses(p.type)) resolveClassModel(nested);
  } catch (error) {
    models.delete(target);
    throw error;
  }
  return model;
}

/**
 * Resolves a class once the current module has finished loading (nested classes declared further
 * down exist by then), so plain class-validator calls and NestJS's `ValidationPipe` see the rules
 * `@Field` promises. Any error waits for the class's first real use, which reports it in full.
 */
export function schedulePrime(target: Function): void {
  if (scheduled.has(target)) return;
  scheduled.add(target);
  queueMicrotask(() => {
    try {
      resolveClassModel(target as ClassType);
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
