import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  geminiFunctionCallsResponse,
  geminiFunctionCallsStream,
  loadFixture,
  openAIToolCallsCompletion,
  openAIToolCallsStream,
} from '../../src/testing';

describe('OpenAI reply builders', () => {
  const calls = [
    { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
    { name: 'GoogleSearch', arguments: '{"query": "super bowl"', id: 'call_raw' },
  ];

  it('builds a chat.completion with the calls, ids and usage', () => {
    const body = openAIToolCallsCompletion(calls, { usage: { total_tokens: 7 } });
    const choice = body.choices[0];
    expect(body).toMatchObject({ object: 'chat.completion', usage: { total_tokens: 7 } });
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message).toMatchObject({ role: 'assistant', content: null, refusal: null });
    expect(choice.message.tool_calls).toEqual([
      {
        id: 'call_mock_1',
        type: 'function',
        function: { name: 'Weather', arguments: '{"location":"Toronto","units":"metric"}' },
      },
      // A string is kept verbatim, so broken JSON can be scripted.
      {
        id: 'call_raw',
        type: 'function',
        function: { name: 'GoogleSearch', arguments: '{"query": "super bowl"' },
      },
    ]);
  });

  it('builds a plain answer, a refusal or a truncation when asked', () => {
    const plain = openAIToolCallsCompletion([], { content: 'No tools needed.' });
    expect(plain.choices[0].message.tool_calls).toBeUndefined();
    expect(plain.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: 'No tools needed.' },
    });
    const refusal = openAIToolCallsCompletion([], { refusal: 'I cannot help with that.' });
    expect(refusal.choices[0].message.refusal).toBe('I cannot help with that.');
    expect(openAIToolCallsCompletion(calls, { finish_reason: 'length' }).choices[0].finish_reason).toBe(
      'length',
    );
  });

  it('streams the calls like the real API: first delta with id and name, arguments in fragments', () => {
    const chunks = openAIToolCallsStream(calls, { argumentChunkSize: 5, usage: { total_tokens: 9 } });
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);

    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: null });
    expect(deltas.filter((delta) => delta.id)).toEqual([
      { index: 0, id: 'call_mock_1', type: 'function', function: { name: 'Weather', arguments: '' } },
      { index: 1, id: 'call_raw', type: 'function', function: { name: 'GoogleSearch', arguments: '' } },
    ]);
    const fragments = deltas.filter((delta) => !delta.id);
    expect(fragments.every((delta) => delta.function.arguments.length <= 5 && !delta.function.name)).toBe(
      true,
    );
    const joined = [0, 1].map((i) =>
      deltas
        .filter((delta) => delta.index === i)
        .map((delta) => delta.function.arguments)
        .join(''),
    );
    expect(joined).toEqual(['{"location":"Toronto","units":"metric"}', '{"query": "super bowl"']);

    const [finish, usage] = chunks.slice(-2);
    expect(finish.choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
    expect(usage).toMatchObject({ object: 'chat.completion.chunk', choices: [], usage: { total_tokens: 9 } });
  });
});

describe('Gemini reply builders', () => {
  const calls = [
    { name: 'Weather', args: { location: 'Toronto' } },
    { name: 'Weather', args: { location: 'Dallas' } },
  ];

  it('builds a generateContent body with a text part before the calls', () => {
    const body = geminiFunctionCallsResponse(calls, { text: 'Sure.' });
    expect(body.candidates[0]).toMatchObject({ finishReason: 'STOP', index: 0 });
    expect(body.candidates[0].content).toEqual({
      role: 'model',
      parts: [{ text: 'Sure.' }, ...calls.map((call) => ({ functionCall: call }))],
    });
    expect(body.usageMetadata.totalTokenCount).toBeGreaterThan(0);
  });

  it('streams one part per chunk with finishReason and usage on the last only', () => {
    const chunks = geminiFunctionCallsStream(calls, {
      finishReason: 'MAX_TOKENS',
      usageMetadata: { totalTokenCount: 3 },
    });
    expect(chunks.map((chunk) => chunk.candidates[0].content.parts)).toEqual(
      calls.map((call) => [{ functionCall: call }]),
    );
    expect(chunks[0].candidates[0].finishReason).toBeUndefined();
    expect(chunks[0].usageMetadata).toBeUndefined();
    expect(chunks[1].candidates[0].finishReason).toBe('MAX_TOKENS');
    expect(chunks[1].usageMetadata).toEqual({ totalTokenCount: 3 });
    expect(geminiFunctionCallsStream([])).toHaveLength(1);
  });
});

describe('loadFixture', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallel-tools-fixtures-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
  }

  it('reads .json, .sse (data payloads, no [DONE]) and .jsonl (one object per line)', () => {
    expect(loadFixture(file('a.json', '{"a": 1}'))).toEqual({ a: 1 });
    const sse =
      'event: x\ndata: {"a":1}\n\ndata:{"b":2}\r\n\r\ndata: line 1\ndata: line 2\n\ndata: [DONE]\n\n';
    expect(loadFixture(file('a.sse', sse))).toEqual(['{"a":1}', '{"b":2}', 'line 1\nline 2']);
    expect(loadFixture(file('a.jsonl', '{"a":1}\n\n{"b":2}'))).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('refuses other file types', () => {
    expect(() => loadFixture(file('a.txt', 'x'))).toThrow(/unsupported fixture type/);
  });
});
