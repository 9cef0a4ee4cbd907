import { AcceptedCalls } from '../../src/calls/accepted-calls';
import { DEFAULT_ARGUMENT_LIMITS } from '../../src/calls/argument-limits';
import { callHash } from '../../src/calls/call-key';

const call = (name: string, args: string) => ({ index: 0, name, arguments: args });

describe('AcceptedCalls', () => {
  it('finds every added call, and its repeat in another key order, across growth', () => {
    const set = new AcceptedCalls(DEFAULT_ARGUMENT_LIMITS);
    const calls = Array.from({ length: 2_000 }, (_, i) => call('W', `{"city":"c${i}","n":${i}}`));
    for (const c of calls) {
      const hash = callHash(c.name, JSON.parse(c.arguments));
      expect(set.has(hash, c)).toBe(false);
      set.add(hash, c);
    }
    for (let i = 0; i < 2_000; i += 97) {
      const repeat = call('W', `{"n":${i}, "city":"c${i}"}`);
      expect(set.has(callHash('W', JSON.parse(repeat.arguments)), repeat)).toBe(true);
    }
    expect(set.has(callHash('W', { city: 'c1', n: 2 }), call('W', '{"city":"c1","n":2}'))).toBe(false);
  });

  it('keeps distinct calls apart when they share a hash, the highest hash included', () => {
    const set = new AcceptedCalls(DEFAULT_ARGUMENT_LIMITS);
    for (const hash of [0, 2 ** 30 - 1]) {
      const calls = Array.from({ length: 40 }, (_, i) => call('W', `{"n":${i}}`));
      for (const c of calls) {
        expect(set.has(hash, c)).toBe(false);
        set.add(hash, c);
      }
      for (const c of calls) expect(set.has(hash, c)).toBe(true);
      expect(set.has(hash, call('W', '{"n":40}'))).toBe(false);
    }
  });

  it('finds calls added before and after a reservation', () => {
    const set = new AcceptedCalls(DEFAULT_ARGUMENT_LIMITS);
    const calls = Array.from({ length: 300 }, (_, i) => call('W', `{"n":${i}}`));
    const hashOf = (c: { name: string; arguments: string }) => callHash(c.name, JSON.parse(c.arguments));
    calls.slice(0, 10).forEach((c) => set.add(hashOf(c), c));
    set.reserve(100);
    calls.slice(10).forEach((c) => set.add(hashOf(c), c));
    expect(calls.every((c) => set.has(hashOf(c), c))).toBe(true);
    expect(set.has(hashOf(call('W', '{"n":300}')), call('W', '{"n":300}'))).toBe(false);
  });
});
