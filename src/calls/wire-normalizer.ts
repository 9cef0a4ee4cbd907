import { resolveClassModel } from '../metadata/class-model.resolver';
import type { ClassModel, TypeRef } from '../metadata/type-ref';

/** What a provider's dialect changed on the wire, to be undone before validation. */
export interface WireOptions {
  /** OpenAI strict: optional properties arrive as `null`; drop those nulls where null is not allowed. */
  dropNulls: boolean;
  /** Gemini: enum values travel as strings; turn numeric ones back into numbers. */
  enumStrings: boolean;
}

/** Undoes the dialect's changes on a fresh argument object, in place, following the class model. */
export function normalizeWireValue(
  model: ClassModel,
  value: Record<string, unknown>,
  wire: WireOptions,
): void {
  if (!wire.dropNulls && !wire.enumStrings) return;
  for (const p of model.properties) {
    if (!Object.prototype.hasOwnProperty.call(value, p.name)) continue;
    const v = value[p.name];
    if (v === null && wire.dropNulls && p.optional && !p.nullable) delete value[p.name];
    else value[p.name] = normalizeType(p.type, v, wire);
  }
}

function normalizeType(type: TypeRef, v: unknown, wire: WireOptions): unknown {
  switch (type.kind) {
    case 'enum':
      if (wire.enumStrings && typeof v === 'string') {
        const match = type.values.find((e) => typeof e === 'number' && String(e) === v);
        return match ?? v;
      }
      return v;
    case 'array':
      return Array.isArray(v) ? v.map((item) => normalizeType(type.items, item, wire)) : v;
    case 'class':
      if (isPlainObject(v)) normalizeWireValue(resolveClassModel(type.target), v, wire);
      return v;
    case 'union':
      if (isPlainObject(v)) {
        const member = type.members.find((m) => m.value === v[type.discriminator]);
        if (member) normalizeWireValue(resolveClassModel(member.target), v, wire);
      }
      return v;
    default:
      return v;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
