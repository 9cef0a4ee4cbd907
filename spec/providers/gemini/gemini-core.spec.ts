import { loadFixture } from 'parallel-tools/testing';
import { GeminiStreamAssembler } from '../../../src/providers/gemini/gemini-stream.assembler';
import { PartialArgsBuilder, parseJsonPath } from '../../../src/providers/gemini/partial-args.builder';
import { describeIfFixtures, fixturePath } from '../../support/fixtures';

describe('PartialArgsBuilder (Vertex streamed arguments)', () => {
  it('parses dotted, indexed and bracketed JSON paths', () => {
    expect(parseJsonPath('$.location')).toEqual(['location']);
    expect(parseJsonPath('$.stops[0].city')).toEqual(['stops', 0, 'city']);
    expect(parseJsonPath(`$['a b']["c\\"d"][12]`)).toEqual(['a b', 'c"d', 12]);
    expect(parseJsonPath(`$['\\u0041\\n']`)).toEqual(['A\n']);
    expect(parseJsonPath('location')).toBeUndefined();
    expect(parseJsonPath('$.a[x]')).toBeUndefined();
  });

  it('builds nested objects and arrays, joins continued strings and keeps every value type', () => {
    const args: Record<string, unknown> = {};
    const builder = new PartialArgsBuilder(args);
    builder.apply({ jsonPath: '$.trip.stops[0].city', stringValue: 'Tor', willContinue: true });
    builder.apply({ jsonPath: '$.trip.stops[0].city', stringValue: 'onto' });
    builder.apply({ jsonPath: '$.trip.stops[1].city', stringValue: 'Dallas' });
    builder.apply({ jsonPath: '$.trip.stops[1].days', numberValue: 2 });
    builder.apply({ jsonPath: '$.trip.return', boolValue: false });
    builder.apply({ jsonPath: '$.note', nullValue: 'NULL_VALUE' });
    // A new piece for a path that was not continuing replaces the value.
    builder.apply({ jsonPath: '$.note', stringValue: 'a' });
    builder.apply({ jsonPath: '$.note', stringValue: 'b' });
    expect(args).toEqual({
      trip: { stops: [{ city: 'Toronto' }, { city: 'Dallas', days: 2 }], return: false },
      note: 'b',
    });
  });

  it('ignores unsafe keys, holes, mismatched containers and pieces without a value', () => {
    const args: Record<string, unknown> = {};
    const builder = new PartialArgsBuilder(args);
    builder.apply({ jsonPath: '$.__proto__.polluted', stringValue: 'x' });
    builder.apply({ jsonPath: '$.constructor', stringValue: 'x' });
    builder.apply({ jsonPath: '$.list[5]', stringValue: 'hole' });
    builder.apply({ jsonPath: '$.name', stringValue: 'n' });
    builder.apply({ jsonPath: '$.name[0]', stringValue: 'x' });
    builder.apply({ jsonPath: '$.empty' });
    builder.apply({ jsonPath: 'nope', stringValue: 'x' });
    expect(args).toEqual({ list: [], name: 'n' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describeIfFixtures('GeminiStreamAssembler on the recorded Vertex streams', () => {
  it('rebuilds the reply as whole parts: thought text, signatures kept, no partialArgs or terminators', () => {
    const assembler = new GeminiStreamAssembler();
    const emitted = loadFixture<object[]>(fixturePath('vertex-stream-partial-args-4-calls.jsonl')).flatMap(
      (c) => assembler.push(c),
    );
    expect(emitted.map((c) => [c.index, c.name, c.arguments])).toEqual([
      [0, 'read_theme', {}],
      [1, 'read_screen', { id: 'A' }],
      [2, 'read_screen', { id: 'B' }],
      [3, 'read_screen', { id: 'C' }],
    ]);
    expect(assembler.finished).toBe(true);
    const response = assembler.toResponse();
    const parts = response.candidates![0].content!.parts!;
    expect(parts).toHaveLength(5);
    expect(parts[0]).toMatchObject({
      thought: true,
      text: expect.stringContaining('Processing User Requests'),
    });
    expect(parts[1]).toEqual({
      functionCall: { name: 'read_theme', args: {} },
      thoughtSignature: expect.stringMatching(/^AY89/),
    });
    expect(parts.slice(2)).toEqual(
      ['A', 'B', 'C'].map((id) => ({ functionCall: { name: 'read_screen', args: { id } } })),
    );
    expect(response.candidates![0].finishReason).toBe('STOP');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 249, totalTokenCount: 490 });
  });

  it('is not finished until a finish reason arrives, and joins streamed text fragments', () => {
    const assembler = new GeminiStreamAssembler();
    assembler.push({ candidates: [{ content: { parts: [{ text: 'Hel' }] } }] });
    assembler.push({ candidates: [{ content: { parts: [{ text: 'lo', thoughtSignature: 'sig' }] } }] });
    expect(assembler.finished).toBe(false);
    assembler.push({ candidates: [{ content: { parts: [{ text: '' }] }, finishReason: 'STOP' }] });
    expect(assembler.finished).toBe(true);
    expect(assembler.toResponse().candidates![0].content!.parts).toEqual([
      { text: 'Hello', thoughtSignature: 'sig' },
    ]);
  });
});
