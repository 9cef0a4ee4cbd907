import fc from 'fast-check';
import { callKey } from '../../src/calls/call-key';
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
