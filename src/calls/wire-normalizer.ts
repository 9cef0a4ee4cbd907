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
  // An index loop, and no store of an unchanged value: this runs once per call, and an array
  // iterator per call is garbage that shows on replies of thousands of calls.
  const properties = model.properties;
  for (let i = 0; i < properties.length; i++) {
    const p = properties[i];
    if (!hasOwn.call(value, p.name)) continue;
    const v = value[p.name];
    if (v === null && wire.dropNulls && p.optional && !p.nullable) {
      delete value[p.name];
      continue;
    }
    const normalized = normalizeType(p.type, v, wire);
    if (normalized !== v) value[p.name] = normalized;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

function normalizeType(type: TypeRef, v: unknown, wire: WireOptions): unknown {
  switch (type.kind) {
    case 'enum':
      if (wire.enumStrings && typeof v === 'string') {
        const match = type.values.find((e) => typeof e === 'number' && String(e) === v);
        return match ?? v;
      }
      return v;
    case 'array':
      // The arguments are a fresh copy: their arrays are normalized in place, not copied.
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = normalizeType(type.items, v[i], wire);
      return v;
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
