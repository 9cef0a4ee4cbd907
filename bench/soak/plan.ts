/** Which SDK an extraction goes through. */
export type Provider = 'openai' | 'genai' | 'vertexai';
export type Transport = 'json' | 'stream';

/** The faults the soak injects, one kind per faulty extraction. */
export const FAULT_KINDS = [
  'cut-mid-stream',
  'malformed-body',
  'http-500',
  'http-429',
  'invalid-arguments',
  'unknown-tool',
  'never-respond',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A call of the scripted reply, by tool name and arguments. */
export interface CallSpec {
  name: 'Weather' | 'GoogleSearch';
  args: Record<string, unknown>;
}

/** What one extraction does: everything is decided by its number and the seed, not by timing. */
export interface Plan {
  id: number;
  provider: Provider;
  transport: Transport;
  fault?: FaultKind;
  /** The valid calls the model makes (a fault may add, break or cut some). */
  calls: CallSpec[];
}

/**
 * The one outcome a plan allows, and how many HTTP requests it takes (`requests` exactly, or up to
 * `requestsUpTo` when a timeout may fire before a loaded machine even delivers the request).
 */
export type Expected = { requests: number; requestsUpTo?: boolean } & (
  | { kind: 'data'; data: CallSpec[] }
  | { kind: 'extraction-error'; code: string; results: CallSpec[]; failures: number }
  | { kind: 'sdk-error'; types: string[]; message?: RegExp }
);

/** One faulty extraction in `1 / FAULT_EVERY`: exactly 10 %, each kind in turn. */
export const FAULT_EVERY = 10;

const PROVIDERS: Provider[] = ['openai', 'genai', 'vertexai'];
const CITIES = ['Toronto', 'Dallas', 'Lisbon', 'Osaka', 'Lima', 'Oslo'];

/** mulberry32: a small seeded PRNG, one per extraction so that plans do not depend on scheduling. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The plan of extraction `id`. */
export function planFor(id: number, seed: number): Plan {
  const rng = random(Math.imul(seed, 0x9e3779b1) ^ id);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
  const fault =
    id % FAULT_EVERY === FAULT_EVERY - 1
      ? FAULT_KINDS[Math.floor(id / FAULT_EVERY) % FAULT_KINDS.length]
      : undefined;
  // A cut mid-stream needs a stream, and a first call complete before the cut.
  const transport: Transport = fault === 'cut-mid-stream' ? 'stream' : pick(['json', 'stream'] as const);
  const count = (fault === 'cut-mid-stream' ? 2 : 1) + Math.floor(rng() * 3);
  const calls = Array.from({ length: count }, (_, i): CallSpec =>
    rng() < 0.5
      ? {
          name: 'Weather',
          args: { location: `${pick(CITIES)} #${id}.${i}`, units: pick(['metric', 'imperial']) },
        }
      : { name: 'GoogleSearch', args: { query: `soak ${id}.${i} ${Math.floor(rng() * 1e6)}` } },
  );
  return { id, provider: pick(PROVIDERS), transport, fault, calls };
}

/** The outcome a plan must end in; the SDKs' own errors by the class each SDK throws. */
export function expectedOutcome(plan: Plan): Expected {
  const { calls, provider, transport } = plan;
  const vertex = provider === 'vertexai';
  switch (plan.fault) {
    case undefined:
      return { kind: 'data', data: calls, requests: 1 };
    case 'cut-mid-stream':
      return {
        kind: 'extraction-error',
        code: 'stream_interrupted',
        results: calls.slice(0, 1),
        failures: 0,
        requests: 1,
      };
    case 'malformed-body':
      return transport === 'stream'
        ? { kind: 'extraction-error', code: 'stream_interrupted', results: [], failures: 0, requests: 1 }
        : { kind: 'sdk-error', types: ['SyntaxError'], requests: 1 };
    case 'http-500':
    case 'http-429': {
      // OpenAI and Gen AI retry on their own; @google-cloud/vertexai has no retries and reports it.
      if (!vertex) return { kind: 'data', data: calls, requests: 2 };
      const status = plan.fault === 'http-500' ? 500 : 429;
      const type = status === 500 ? 'GoogleGenerativeAIError' : 'ClientError';
      return { kind: 'sdk-error', types: [type], message: new RegExp(`got status: ${status}`), requests: 1 };
    }
    case 'invalid-arguments':
      // One re-ask replaces the bad first call; a stream yields the replacement last.
      return {
        kind: 'data',
        data: transport === 'stream' ? [...calls.slice(1), calls[0]] : calls,
        requests: 2,
      };
    case 'unknown-tool':
      return { kind: 'extraction-error', code: 'unknown_tool', results: calls, failures: 1, requests: 1 };
    case 'never-respond': {
      const timedOut = { kind: 'sdk-error' as const, requests: 1, requestsUpTo: true };
      if (provider === 'openai') return { ...timedOut, types: ['APIConnectionTimeoutError'] };
      // Gen AI throws the fetch abort as it is or wrapped ("exception AbortError: ..."), depending on timing.
      if (provider === 'genai') return { ...timedOut, types: ['DOMException', 'Error'], message: /abort/i };
      return { ...timedOut, types: ['GoogleGenerativeAIError'], message: /exception posting request/ };
    }
  }
}

/** The first call made invalid (a wrong enum value, a number for a string). */
export function broken(call: CallSpec): CallSpec {
  return call.name === 'Weather'
    ? { name: call.name, args: { ...call.args, units: 'kelvin' } }
    : { name: call.name, args: { query: 42 } };
}
