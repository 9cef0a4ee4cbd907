import type { ClassType } from './class-type';
import { installFieldValidation } from './field-validation.installer';
import { resolveProperty } from './property-type.resolver';
import { toolMetadataStorage } from './tool-metadata.storage';
import type { ClassModel, TypeRef } from './type-ref';
import { readPropertyFacts } from './validator-metadata.reader';

const models = new Map<Function, ClassModel>();
/** Classes whose `@Field` rules are installed: a failed resolution retried must not add them twice. */
const installed = new Set<Function>();

/**
 * Reads a class (and, through its nested classes, every class it reaches) into a
 * {@link ClassModel}, once: the result is cached, and `@Field` validation is installed then.
 * Throws `ToolDefinitionError` when a property's type cannot be known.
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
  const install = !installed.has(target);
  installed.add(target);
  facts.forEach((f, i) => {
    if (install && f.field) {
      installFieldValidation(target, model.properties[i], f.field, f.validators.length > 0, f.transformType !== undefined);
    }
  });
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

/** Resolves a class eagerly, keeping any error for its first real use. */
export function primeClassModel(target: ClassType): void {
  try {
    resolveClassModel(target);
  } catch {
    // Reported with full context by getToolDefinition or the first extraction.
  }
}

/** The classes a type refers to directly (the class, an array's class, a union's members). */
export function nestedClasses(type: TypeRef): ClassType[] {
  if (type.kind === 'class') return [type.target];
  if (type.kind === 'array') return nestedClasses(type.items);
  if (type.kind === 'union') return type.members.map((m) => m.target);
  return [];
}
