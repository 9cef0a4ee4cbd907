import { callHash } from '../../src/calls/call-key';
import { rawCall } from '../../src/calls/call.validator';
import type { CallFailure } from '../../src/errors/extraction.error';
import { ResultSlots } from '../../src/extractor/result-slots';

const failure = (name: string, index: number): CallFailure => ({
  name,
  index,
  arguments: '{}',
  code: 'validation_failed',
  message: `${name} is bad`,
});

describe('ResultSlots.addValid / addFailed', () => {
  it('keeps which places failed when a call that completes early moves later ones up', () => {
    const slots = new ResultSlots();
    slots.beginAttempt();
    const valid = (index: number, name: string) =>
      slots.addValid(rawCall(index, undefined, name, '{}'), { name }, callHash(name, {}));
    // Streamed out of order: 0, then the failed 3, then 1 and 2 complete and move it to the end.
    expect(valid(0, 'a')).toBe(true);
    slots.addFailed(rawCall(3, undefined, 'd', '{}'), failure('d', 3));
    expect(valid(2, 'c')).toBe(true);
    expect(valid(1, 'b')).toBe(true);
    expect(slots.instances).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(slots.failures.map((f) => f.name)).toEqual(['d']);
    expect(slots.size).toBe(4);

    // The re-ask's call takes the failed place, the last one, not the one it first stood in.
    slots.beginAttempt();
    expect(valid(0, 'd2')).toBe(true);
    expect(slots.instances).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd2' }]);
    expect(slots.failures).toEqual([]);
  });

  it('drops a repeat of an accepted call and lets a failed re-ask keep its place failed', () => {
    const slots = new ResultSlots();
    slots.beginAttempt();
    slots.reserve(3);
    const a = rawCall(0, undefined, 'a', '{"x":1}');
    expect(slots.addValid(a, { a: 1 }, callHash('a', { x: 1 }))).toBe(true);
    slots.addFailed(rawCall(1, undefined, 'b', '{}'), failure('b', 1));
    slots.addFailed(rawCall(2, undefined, 'c', '{}'), failure('c', 2));
    slots.beginAttempt();
    expect(slots.addValid(rawCall(0, undefined, 'a', '{ "x": 1 }'), { a: 2 }, callHash('a', { x: 1 }))).toBe(
      false,
    );
    slots.addFailed(rawCall(1, undefined, 'b', '{}'), failure('b2', 1));
    expect(slots.addValid(rawCall(2, undefined, 'c', '{}'), { c: 1 }, callHash('c', {}))).toBe(true);
    expect(slots.instances).toEqual([{ a: 1 }, { c: 1 }]);
    expect(slots.failures.map((f) => f.name)).toEqual(['b2']);
    expect(slots.size).toBe(3);
  });
});
