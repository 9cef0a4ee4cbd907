import Anthropic from '@anthropic-ai/sdk';
import { ExtractionError } from 'parallel-tools';
import { fromAnthropic } from 'parallel-tools/anthropic';
import { anthropicToolUseMessage, anthropicToolUseStream, MockAnthropicServer } from 'parallel-tools/testing';
import { GoogleSearch, S, W, Weather } from '../../support/seed-tools';
import { firstToolStop } from './anthropic-stream.support';

const toronto = { name: 'Weather', input: { location: 'Toronto', units: 'metric' } };
const search = { name: 'GoogleSearch', input: { query: 'who won the super bowl' } };
const base = {
  model: 'claude-sonnet-4-5',
  messages: [{ role: 'user' as const, content: 'Weather in Toronto, and who won the Super Bowl?' }],
  responseModel: [Weather, GoogleSearch] as const,
};

describe('Anthropic replies that cannot be fully used', () => {
  let server: MockAnthropicServer;
  let anthropic: Anthropic;
  beforeAll(async () => {
    server = await MockAnthropicServer.start();
    anthropic = new Anthropic({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const failure = (stream: boolean) => async () => {
    const client = fromAnthropic(anthropic).messages;
    try {
      if (stream) for await (const _ of client.create({ ...base, stream: true }));
      else await client.create(base);
    } catch (error) {
      return error as ExtractionError;
    }
    throw new Error('expected an ExtractionError');
  };
  const reply = (stream: boolean, calls: object[], extra: object = {}) =>
    server.enqueue(
      stream
        ? { sse: anthropicToolUseStream(calls as never, extra) }
        : { json: anthropicToolUseMessage(calls as never, extra) },
    );

  describe.each([
    ['whole', false],
    ['streamed', true],
  ])('%s', (_label, stream) => {
    it('stop_reason max_tokens: incomplete_output with the complete calls in results', async () => {
      reply(stream, [toronto, search], { stop_reason: 'max_tokens' });
      const e = await failure(stream)();
      expect(e).toBeInstanceOf(ExtractionError);
      expect(e.code).toBe('incomplete_output');
      expect(e.results).toEqual([W('Toronto'), S('who won the super bowl')]);
      expect(e.message).toMatch(/max tokens/);
    });

    it('stop_reason refusal: refusal, the valid call kept', async () => {
      reply(stream, [search], { stop_reason: 'refusal', text: 'I cannot help with that.' });
      const e = await failure(stream)();
      expect(e.code).toBe('refusal');
      expect(e.message).toMatch(/I cannot help with that/);
      expect(e.results).toEqual([S('who won the super bowl')]);
    });

    it('stop_reason pause_turn: paused, saying what happened and what to do', async () => {
      reply(stream, [toronto], { stop_reason: 'pause_turn' });
      const e = await failure(stream)();
      expect(e.code).toBe('paused');
      expect(e.message).toMatch(/paused the turn .*pause_turn.*Send the reply back/);
      expect(e.results).toEqual([W('Toronto')]);
    });

    it('end_turn with no tool use: no_tool_calls quoting the text', async () => {
      reply(stream, [], { stop_reason: 'end_turn', text: 'It is sunny in Toronto.' });
      const e = await failure(stream)();
      expect(e.code).toBe('no_tool_calls');
      expect(e.message).toMatch(/It is sunny in Toronto/);
    });

    it('an unknown tool: unknown_tool naming the tools that exist, the valid call kept', async () => {
      reply(stream, [{ name: 'Calculator', input: { x: 1 } }, search]);
      const e = await failure(stream)();
      expect(e.code).toBe('unknown_tool');
      expect(e.failures[0]).toMatchObject({ name: 'Calculator', code: 'unknown_tool', index: 0 });
      expect(e.results).toEqual([S('who won the super bowl')]);
    });

    it('a multi_tool_use.parallel wrapper is unwrapped, each inner call checked', async () => {
      const wrapper = {
        name: 'multi_tool_use.parallel',
        input: {
          tool_uses: [
            { recipient_name: 'functions.Weather', parameters: toronto.input },
            { recipient_name: 'functions.GoogleSearch', parameters: search.input },
          ],
        },
      };
      reply(stream, [wrapper]);
      const client = fromAnthropic(anthropic).messages;
      const calls: object[] = [];
      if (stream) for await (const c of client.create({ ...base, stream: true })) calls.push(c);
      else calls.push(...(await client.create(base)));
      expect(calls).toEqual([W('Toronto'), S('who won the super bowl')]);
    });
  });

  it('streamed input that is not JSON: invalid_json, the other call kept', async () => {
    server.enqueue({
      sse: anthropicToolUseStream([{ name: 'Weather', input: '{"location": "Tor' }, search]),
    });
    const e = await failure(true)();
    expect(e.code).toBe('invalid_json');
    expect(e.results).toEqual([S('who won the super bowl')]);
  });
});

describe('Anthropic stream faults', () => {
  let server: MockAnthropicServer;
  let anthropic: Anthropic;
  beforeAll(async () => {
    server = await MockAnthropicServer.start();
    anthropic = new Anthropic({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  async function drain(): Promise<{ seen: object[]; error: unknown }> {
    const seen: object[] = [];
    try {
      for await (const call of fromAnthropic(anthropic).messages.create({ ...base, stream: true }))
        seen.push(call);
    } catch (error) {
      return { seen, error };
    }
    return { seen, error: undefined };
  }

  it('an error event mid-stream (which the SDK raises) is stream_interrupted with the SDK error as cause', async () => {
    const events = anthropicToolUseStream([toronto, search]);
    const cut = firstToolStop(events) + 1;
    server.enqueue({
      sse: [
        ...events.slice(0, cut),
        { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      ],
    });
    const { seen, error } = await drain();
    expect(seen).toEqual([W('Toronto')]);
    expect(error).toBeInstanceOf(ExtractionError);
    const e = error as ExtractionError;
    expect(e.code).toBe('stream_interrupted');
    expect(e.results).toEqual([W('Toronto')]);
    expect(e.cause).toBeInstanceOf(Anthropic.APIError);
    expect(String((e.cause as Error).message)).toMatch(/Overloaded/);
  });

  it('a stream that ends before message_stop is stream_interrupted, the complete call kept', async () => {
    const events = anthropicToolUseStream([toronto, search]);
    server.enqueue({ sse: events.slice(0, firstToolStop(events) + 3) });
    const { seen, error } = await drain();
    expect(seen).toEqual([W('Toronto')]);
    expect((error as ExtractionError).code).toBe('stream_interrupted');
    expect((error as ExtractionError).results).toEqual([W('Toronto')]);
  });

  it('a cut connection mid-call is stream_interrupted after the completed calls', async () => {
    const events = anthropicToolUseStream([toronto, search]);
    server.enqueue({ fault: 'cut-connection', sse: events, afterChunks: firstToolStop(events) + 3 });
    const { seen, error } = await drain();
    expect(seen).toEqual([W('Toronto')]);
    expect((error as ExtractionError).code).toBe('stream_interrupted');
  });

  it('HTTP errors from the SDK pass through unchanged', async () => {
    server.enqueue({ status: 401 });
    await expect(fromAnthropic(anthropic).messages.create(base)).rejects.toBeInstanceOf(
      Anthropic.AuthenticationError,
    );
    server.enqueue({ status: 529 });
    const overloaded = await fromAnthropic(anthropic)
      .messages.create(base)
      .catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(Anthropic.APIError);
    expect((overloaded as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    server.enqueue({ status: 400 });
    const streamed = drain();
    expect((await streamed).error).toBeInstanceOf(Anthropic.BadRequestError);
  });
});
