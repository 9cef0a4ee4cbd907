import OpenAI from 'openai';
import { Extractor, ExtractorHooks } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, openAIToolCallsStream } from 'parallel-tools/testing';
import { ResultSlots } from '../../src/extractor/result-slots';
import { callHash } from '../../src/calls/call-key';
import { GoogleSearch, Weather } from '../support/seed-tools';

describe('Extractor (the provider-neutral service)', () => {
  let server: MockOpenAIServer;
  let extractor: Extractor;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    extractor = fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 }), {
      model: 'gpt-4o-mini',
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  it('extract: neutral messages and model, providerOptions passed through', async () => {
    server.enqueueToolCalls([{ name: 'GoogleSearch', arguments: { query: 'q' } }]);
    expect(extractor).toBeInstanceOf(Extractor);
    expect(extractor.provider).toBe('openai');
    const data = await extractor.extract({
      messages: [
        { role: 'system', content: 'Use tools' },
        { role: 'user', content: 'search q' },
      ],
      responseModel: [Weather, GoogleSearch],
      providerOptions: { temperature: 0.2 },
    });
    expect(data).toEqual([Object.assign(new GoogleSearch(), { query: 'q' })]);
    expect(server.requests[0].body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Use tools' },
        { role: 'user', content: 'search q' },
      ],
    });
  });

  it('extractWithResponse and stream', async () => {
    server.enqueueToolCalls([{ name: 'Weather', arguments: { location: 'Oslo', units: 'metric' } }], {
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    const result = await extractor.extractWithResponse({
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'x' }],
      responseModel: [Weather],
    });
    expect(result).toMatchObject({
      attempts: 1,
      usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 },
    });
    expect(server.requests[0].body.model).toBe('gpt-4.1');

    server.enqueue({
      sse: openAIToolCallsStream([{ name: 'Weather', arguments: { location: 'Oslo', units: 'metric' } }]),
    });
    const seen: Weather[] = [];
    for await (const call of extractor.stream({
      messages: [{ role: 'user', content: 'x' }],
      responseModel: [Weather],
    }))
      seen.push(call);
    expect(seen).toEqual([Object.assign(new Weather(), { location: 'Oslo', units: 'metric' })]);
  });

  it('stream() refuses a bad responseModel at once, before any request', () => {
    expect(() => extractor.stream({ messages: [], responseModel: [] as any })).toThrow(
      expect.objectContaining({ code: 'invalid_response_model' }),
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('ResultSlots', () => {
  const ok = (key: string, args: object = {}, hash = callHash(key, args)) => ({
    ok: true as const,
    call: { index: 0, name: key, arguments: JSON.stringify(args) },
    instance: { key },
    key: hash,
  });
  const bad = (name: string) => ({
    ok: false as const,
    call: { index: 0, name, arguments: {} },
    failure: { name, index: 0, arguments: {}, code: 'validation_failed' as const, message: 'm' },
  });

  it('fills failed places with replacements first come first, appends extras, drops repeats', () => {
    const slots = new ResultSlots();
    slots.beginAttempt();
    [ok('a'), bad('b'), ok('c'), bad('d')].forEach((o) => slots.add(o));
    expect(slots.failures.map((f) => f.name)).toEqual(['b', 'd']);
    slots.beginAttempt();
    expect(slots.add(ok('a'))).toBe(false);
    expect(slots.add(ok('b2'))).toBe(true);
    expect(slots.add(bad('d2'))).toBe(false);
    expect(slots.add(ok('e'))).toBe(true);
    expect(slots.instances).toEqual([{ key: 'a' }, { key: 'b2' }, { key: 'c' }, { key: 'e' }]);
    expect(slots.failures.map((f) => f.name)).toEqual(['d2']);
  });

  it('drops a repeat in another key order and keeps distinct calls that share a hash', () => {
    const slots = new ResultSlots();
    slots.beginAttempt();
    expect(slots.add(ok('W', { a: 1, b: 'x' }))).toBe(true);
    expect(slots.add(ok('W', { b: 'x', a: 1 }))).toBe(false);
    // Forced collisions: the same hash for other arguments, then for another tool.
    expect(slots.add(ok('W', { a: 2, b: 'x' }, callHash('W', { a: 1, b: 'x' })))).toBe(true);
    expect(slots.add(ok('V', { a: 1, b: 'x' }, callHash('W', { a: 1, b: 'x' })))).toBe(true);
    expect(slots.add(ok('W', { a: 2, b: 'x' }, callHash('W', { a: 1, b: 'x' })))).toBe(false);
    expect(slots.instances).toHaveLength(3);
  });

  it('puts calls in the model order whether room was reserved or not, out of order and past the reservation', () => {
    const at = (index: number, key: string) => ({ ...ok(key), call: { index, name: key, arguments: '{}' } });
    const failedAt = (index: number, name: string) => ({
      ...bad(name),
      call: { index, name, arguments: {} },
    });
    for (const reserved of [0, 2, 5]) {
      const slots = new ResultSlots();
      slots.beginAttempt();
      slots.reserve(reserved);
      // Streamed calls complete out of order; the fourth exceeds a reservation of two.
      [at(2, 'c'), at(0, 'a'), failedAt(3, 'd'), at(1, 'b')].forEach((o) => slots.add(o));
      expect(slots.instances).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'c' }]);
      expect(slots.size).toBe(4);
      slots.beginAttempt();
      slots.reserve(2);
      expect(slots.add(at(0, 'd2'))).toBe(true);
      expect(slots.add(at(1, 'e'))).toBe(true);
      expect(slots.instances).toEqual([
        { key: 'a' },
        { key: 'b' },
        { key: 'c' },
        { key: 'd2' },
        { key: 'e' },
      ]);
      expect(slots.failures).toEqual([]);
    }
  });
});

describe('ExtractorHooks', () => {
  it('calls handlers in order, supports off, and survives a throwing handler', () => {
    const seen: string[] = [];
    const second = () => seen.push('second');
    const hooks = new ExtractorHooks({ retry: () => seen.push('initial') })
      .on('retry', () => {
        throw new Error('boom');
      })
      .on('retry', second);
    hooks.emit('retry', { provider: 'p', attempt: 2, failures: [] });
    hooks.off('retry', second).emit('retry', { provider: 'p', attempt: 3, failures: [] });
    expect(seen).toEqual(['initial', 'second', 'initial']);
  });
});
