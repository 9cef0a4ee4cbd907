import { mergeParams } from '../../src/extractor/merge-params';

describe('mergeParams', () => {
  it('gives what object spread gives: the same keys, in the same order, later parts winning', () => {
    const options = { model: 'm', tools: ['user tool'], temperature: 0.2 };
    const merged = mergeParams<Record<string, unknown>>(
      options,
      { messages: [] },
      { tools: ['a', 'b'], tool_choice: 'required' },
    );
    const spread = { ...options, messages: [], tools: ['a', 'b'], tool_choice: 'required' };
    expect(merged).toEqual(spread);
    expect(Object.keys(merged)).toEqual(Object.keys(spread));
    expect(Object.keys(merged)).toEqual(['model', 'tools', 'temperature', 'messages', 'tool_choice']);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(merged).not.toBe(options);
  });

  it('keeps an own __proto__ key a plain key, as spread does, instead of setting the prototype', () => {
    const options = JSON.parse('{"model":"m","__proto__":{"polluted":true}}') as object;
    const merged = mergeParams<Record<string, unknown>>(options, { messages: [] });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual(['model', '__proto__', 'messages']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('reads each getter once and copies symbols, as spread does', () => {
    let reads = 0;
    const tag = Symbol('tag');
    const options = {
      get model() {
        reads++;
        return 'm';
      },
      [tag]: 1,
    };
    const merged = mergeParams<Record<string | symbol, unknown>>(options, { messages: [] });
    expect(reads).toBe(1);
    expect(Object.getOwnPropertyDescriptor(merged, 'model')).toMatchObject({ value: 'm', writable: true });
    expect(merged[tag]).toBe(1);
  });
});
