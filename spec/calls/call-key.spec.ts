import fc from 'fast-check';
import { DEFAULT_ARGUMENT_LIMITS } from '../../src/calls/argument-limits';
import { callHash, callKey, sameCall } from '../../src/calls/call-key';
import { canonicalJson } from '../../src/calls/call.validator';

/** The same JSON value with every object's keys in another order. */
function reordered(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reordered(v, seed + 1));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const rotated = entries
    .slice(seed % (entries.length || 1))
    .concat(entries.slice(0, seed % (entries.length || 1)));
  return Object.fromEntries(rotated.reverse().map(([k, v]) => [k, reordered(v, seed + 1)]));
}

describe('callKey', () => {
  it('gives the same key to the same arguments in any key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        expect(callKey('T', reordered(value, seed))).toBe(callKey('T', value));
      }),
      { numRuns: 500 },
    );
  });

  it('tells values apart exactly when their sorted JSON differs', () => {
    const near = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        '1',
        1,
        '1;',
        ['a,b'],
        ['a', 'b'],
        { a: 'b' },
        { 'a:b': '' },
        's1:x',
        null,
        'null',
        true,
        'true',
      ),
    );
    fc.assert(
      fc.property(near, near, (a, b) => {
        expect(callKey('T', a) === callKey('T', b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the tool name apart from the arguments', () => {
    expect(callKey('ab', { c: 1 })).not.toBe(callKey('a', { bc: 1 }));
    expect(callKey('Weather', {})).not.toBe(callKey('Search', {}));
  });
});

describe('callHash and sameCall', () => {
  it('hashes the same arguments alike in any key order, as a small integer', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        const hash = callHash('T', value);
        expect(callHash('T', reordered(value, seed))).toBe(hash);
        expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 30).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart the near values callKey tells apart, and 0 from -0 not at all', () => {
    const near: unknown[] = [
      1,
      '1',
      [1],
      { a: 1 },
      { a: '1' },
      null,
      'null',
      true,
      'true',
      [],
      {},
      [[]],
      1.5,
    ];
    const hashes = new Set(near.map((v) => callHash('T', v)));
    expect(hashes.size).toBe(near.length);
    expect(callHash('T', { a: -0 })).toBe(callHash('T', { a: 0 }));
    expect(callHash('Weather', {})).not.toBe(callHash('Search', {}));
    expect(callHash('T', { a: 1, b: 2 })).not.toBe(callHash('T', { a: 2, b: 1 }));
  });

  it('spreads 10,000 distinct calls over distinct hashes, bar a rare collision', () => {
    const hashes = new Set(
      Array.from({ length: 10_000 }, (_, i) =>
        callHash('Weather', { location: `City ${i}`, units: 'metric' }),
      ),
    );
    expect(hashes.size).toBeGreaterThan(9_990);
  });

  it('confirms a match exactly, from the raw arguments (JSON text or objects)', () => {
    const call = (name: string, args: unknown) => ({ index: 0, name, arguments: args });
    const limits = DEFAULT_ARGUMENT_LIMITS;
    expect(sameCall(call('T', '{"a":1,"b":[2]}'), call('T', ' {"b":[2], "a":1}'), limits)).toBe(true);
    expect(sameCall(call('T', '{"a":1}'), call('T', { a: 1 }), limits)).toBe(true);
    expect(sameCall(call('T', '{"a":1}'), call('T', '{"a":2}'), limits)).toBe(false);
    expect(sameCall(call('T', '{"a":1}'), call('U', '{"a":1}'), limits)).toBe(false);
    expect(sameCall(call('T', '{}'), call('T', ''), limits)).toBe(true);
  });
});
