import { DEFAULT_ARGUMENT_LIMITS } from 'parallel-tools';
import { ArgumentsRejection, parseArguments, readArguments } from '../../src/calls/arguments.parser';

describe('parseArguments', () => {
  const limits = DEFAULT_ARGUMENT_LIMITS;

  it('reads a JSON string and an already-parsed object alike', () => {
    expect(parseArguments('{"a":1,"b":[true]}', limits)).toEqual({ ok: true, value: { a: 1, b: [true] } });
    expect(parseArguments({ a: 1 }, limits)).toEqual({ ok: true, value: { a: 1 } });
  });

  it('treats an empty or missing argument string as {}', () => {
    expect(parseArguments('', limits)).toEqual({ ok: true, value: {} });
    expect(parseArguments('  \n', limits)).toEqual({ ok: true, value: {} });
    expect(parseArguments(undefined, limits)).toEqual({ ok: true, value: {} });
  });

  it('refuses text that is not JSON, and JSON that is not an object', () => {
    expect(parseArguments('{"a":', limits)).toMatchObject({ ok: false, code: 'invalid_json' });
    expect(parseArguments('[1,2]', limits)).toEqual({
      ok: false,
      code: 'validation_failed',
      message: 'arguments must be a JSON object, got an array',
    });
    expect(parseArguments('3', limits)).toMatchObject({
      ok: false,
      message: 'arguments must be a JSON object, got a number',
    });
    expect(parseArguments('null', limits)).toMatchObject({
      ok: false,
      message: 'arguments must be a JSON object, got null',
    });
    expect(parseArguments(['x'], limits)).toMatchObject({ ok: false, code: 'validation_failed' });
  });

  it('refuses oversized and too deep arguments before parsing them', () => {
    const small = { maxArgumentsBytes: 32, maxDepth: 3 };
    expect(parseArguments(`{"a":"${'x'.repeat(40)}"}`, small)).toMatchObject({
      ok: false,
      code: 'invalid_json',
      message: expect.stringContaining('maxArgumentsBytes'),
    });
    // Multi-byte characters count in bytes, not in UTF-16 units.
    expect(parseArguments(`{"a":"${'é'.repeat(14)}"}`, small)).toMatchObject({
      ok: false,
      code: 'invalid_json',
    });
    expect(parseArguments('{"a":{"b":{"c":{}}}}', small)).toMatchObject({
      ok: false,
      message: expect.stringContaining('maxDepth'),
    });
    expect(parseArguments('{"a":"{{{{{{"}', small)).toEqual({ ok: true, value: { a: '{{{{{{' } });
    expect(parseArguments({ a: { b: { c: { d: 1 } } } }, small)).toMatchObject({
      ok: false,
      message: expect.stringContaining('maxDepth'),
    });
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseArguments(`{"a":${deep}}`, limits)).toMatchObject({ ok: false, code: 'invalid_json' });
  });

  it('drops __proto__, constructor and prototype keys at every level', () => {
    const parsed = parseArguments(
      '{"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"x":1}},"ok":1}}',
      limits,
    );
    expect(parsed).toEqual({ ok: true, value: { a: { ok: 1 } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const value = (parsed as { value: object }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('readArguments', () => {
  const limits = DEFAULT_ARGUMENT_LIMITS;

  it('returns the arguments themselves, or a rejection saying what parseArguments says', () => {
    expect(readArguments('{"a":1}', limits)).toEqual({ a: 1 });
    expect(readArguments('', limits)).toEqual({});
    const rejected = readArguments('[1]', limits);
    expect(rejected).toBeInstanceOf(ArgumentsRejection);
    expect(rejected).toMatchObject({
      code: 'validation_failed',
      message: 'arguments must be a JSON object, got an array',
    });
    for (const raw of ['{"a":', '{"a":1}', 'x'.repeat(limits.maxArgumentsBytes + 1), { b: [1] }, 7]) {
      const read = readArguments(raw, limits);
      const parsed = parseArguments(raw, limits);
      if (read instanceof ArgumentsRejection)
        expect(parsed).toEqual({ ok: false, code: read.code, message: read.message });
      else expect(parsed).toEqual({ ok: true, value: read });
    }
  });

  it('never hands back a rejection for arguments that look like one', () => {
    const read = readArguments('{"code":"invalid_json","message":"m"}', limits);
    expect(read).not.toBeInstanceOf(ArgumentsRejection);
    expect(read).toEqual({ code: 'invalid_json', message: 'm' });
  });
});
