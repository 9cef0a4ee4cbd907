import OpenAI from 'openai';
import { ExtractionError } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import {
  MockOpenAIServer,
  responsesFunctionCallsResponse,
  responsesFunctionCallsStream,
  type ResponsesFunctionCallSpec,
  type ResponsesReplyExtra,
  type ScriptedReply,
} from 'parallel-tools/testing';
import { drain } from '../../testing/drain';
import { GoogleSearch, Weather } from '../../support/seed-tools';
import { firstItemDone } from './responses-stream.support';

const W = (location: string, units: 'metric' | 'imperial') =>
  Object.assign(new Weather(), { location, units });
const S = (query: string) => Object.assign(new GoogleSearch(), { query });
const toronto = { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } };
const bowl = { name: 'GoogleSearch', arguments: { query: 'super bowl' } };

type Transport = 'json' | 'stream';
const reply = (
  calls: ResponsesFunctionCallSpec[],
  extra: ResponsesReplyExtra,
  t: Transport,
): ScriptedReply =>
  t === 'json'
    ? { json: responsesFunctionCallsResponse(calls, extra) }
    : { sse: responsesFunctionCallsStream(calls, { argumentChunkSize: 4, ...extra }) };

describe.each<Transport>(['json', 'stream'])(
  'Responses bad replies (%s): typed errors, nothing valid lost',
  (t) => {
    let server: MockOpenAIServer;
    let openai: OpenAI;
    const base = {
      model: 'gpt-4.1-mini',
      input: 'weather in Toronto, and search the super bowl',
      responseModel: [Weather, GoogleSearch] as const,
    };
    /** Runs the request whole or streamed; returns the instances seen and the error. */
    const run = async (maxRetries = 0) => {
      const client = fromOpenAI(openai, { maxRetries });
      if (t === 'json') {
        try {
          return { items: await client.responses.create(base), error: undefined };
        } catch (error) {
          return { items: [] as object[], error };
        }
      }
      return drain(client.responses.create({ ...base, stream: true }));
    };
    const failing = async (maxRetries = 0) => {
      const { error } = await run(maxRetries);
      expect(error).toBeInstanceOf(ExtractionError);
      return error as ExtractionError;
    };

    beforeAll(async () => {
      server = await MockOpenAIServer.start();
      openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
    });
    afterAll(() => server.close());
    beforeEach(() => server.requests.splice(0));
    afterEach(() => expect(server.pendingReplies).toBe(0));

    it('unknown tool: names it and the tools that exist, the valid call kept', async () => {
      server.enqueue(
        reply([toronto, { name: 'BookFlight', arguments: { to: 'Lisbon' }, callId: 'call_x' }], {}, t),
      );
      const e = await failing();
      expect(e.code).toBe('unknown_tool');
      expect(e.results).toEqual([W('Toronto', 'metric')]);
      expect(e.failures).toEqual([
        expect.objectContaining({
          name: 'BookFlight',
          id: 'call_x',
          index: 1,
          code: 'unknown_tool',
          arguments: '{"to":"Lisbon"}',
          message: 'unknown tool "BookFlight"; the tools are: Weather, GoogleSearch',
        }),
      ]);
    });

    it('arguments that are not JSON: invalid_json, the other call kept', async () => {
      server.enqueue(reply([{ name: 'GoogleSearch', arguments: '{"query": "super bowl"' }, toronto], {}, t));
      const e = await failing();
      expect(e.code).toBe('invalid_json');
      expect(e.results).toEqual([W('Toronto', 'metric')]);
      expect(e.failures[0].message).toMatch(/^arguments are not valid JSON: /);
    });

    it('invalid arguments: validation_failed naming the property', async () => {
      server.enqueue(
        reply([{ name: 'Weather', arguments: { location: 42, units: 'metric', extra: true } }, bowl], {}, t),
      );
      const e = await failing();
      expect(e.code).toBe('validation_failed');
      expect(e.results).toEqual([S('super bowl')]);
      expect(e.failures[0].errors).toEqual(
        expect.arrayContaining([
          'location: location must be a string',
          'extra: property extra should not exist',
        ]),
      );
    });

    it('a multi_tool_use.parallel wrapper is unwrapped, each inner call checked', async () => {
      const wrapper = {
        name: 'multi_tool_use.parallel',
        callId: 'call_wrap',
        arguments: {
          tool_uses: [
            { recipient_name: 'functions.Weather', parameters: { location: 'Toronto', units: 'metric' } },
            { recipient_name: 'functions.GoogleSearch', parameters: { query: 'super bowl' } },
          ],
        },
      };
      server.enqueue(reply([wrapper], {}, t));
      const { items, error } = await run();
      expect(error).toBeUndefined();
      expect(items).toEqual([W('Toronto', 'metric'), S('super bowl')]);
    });

    it('a function_call without call_id is still checked; the re-ask gives it a call_id of its own', async () => {
      server.enqueue(
        reply(
          [{ name: 'Weather', arguments: { location: 'Dallas', units: 'kelvin' }, callId: null }, bowl],
          {},
          t,
        ),
        reply([{ name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } }], {}, t),
      );
      const { items, error } = await run(1);
      expect(error).toBeUndefined();
      expect(items).toEqual(
        t === 'json'
          ? [W('Dallas', 'imperial'), S('super bowl')]
          : [S('super bowl'), W('Dallas', 'imperial')],
      );
      const input = server.requests[1].body.input;
      const echoed = input.filter((i: any) => i.type === 'function_call');
      const outputs = input.filter((i: any) => i.type === 'function_call_output');
      expect(echoed.map((i: any) => i.call_id)).toEqual(['call_0', 'call_mock_2']);
      expect(outputs.map((o: any) => o.call_id)).toEqual(['call_0', 'call_mock_2']);
      expect(outputs[0].output).toContain('units must be one of the following values: imperial, metric');
      expect(outputs[1].output).toBe('Accepted.');
    });

    it('status incomplete (max_output_tokens): incomplete_output with the complete calls in results', async () => {
      server.enqueue(
        reply(
          [toronto, { name: 'GoogleSearch', arguments: '{"query": "who won' }],
          { status: 'incomplete' },
          t,
        ),
      );
      const e = await failing();
      expect(e.code).toBe('incomplete_output');
      expect(e.results).toEqual([W('Toronto', 'metric')]);
      expect(e.failures).toHaveLength(1);
    });

    it('status incomplete (content_filter): blocked, the valid call kept', async () => {
      server.enqueue(reply([toronto], { status: 'incomplete', incompleteReason: 'content_filter' }, t));
      const e = await failing();
      expect(e.code).toBe('blocked');
      expect(e.message).toContain('content_filter');
      expect(e.results).toEqual([W('Toronto', 'metric')]);
    });

    it('a refusal part: refusal, with its text', async () => {
      server.enqueue(reply([], { refusal: 'I am sorry, I cannot help with that.' }, t));
      const e = await failing();
      expect(e.code).toBe('refusal');
      expect(e.message).toContain('I am sorry, I cannot help with that.');
    });

    it('response.failed: provider_error with the reason and the valid calls', async () => {
      server.enqueue(
        reply([toronto], { status: 'failed', error: { code: 'server_error', message: 'boom' } }, t),
      );
      const e = await failing();
      expect(e.code).toBe('provider_error');
      expect(e.message).toContain('server_error: boom');
      expect(e.results).toEqual([W('Toronto', 'metric')]);
    });

    it('no calls at all: no_tool_calls quoting the text', async () => {
      server.enqueue(reply([], { text: 'I cannot check the weather.' }, t));
      const e = await failing();
      expect(e.code).toBe('no_tool_calls');
      expect(e.message).toContain('I cannot check the weather.');
    });
  },
);

describe('Responses stream faults', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;
  const base = {
    model: 'gpt-4.1-mini',
    input: 'weather in Toronto, and search the super bowl',
    responseModel: [Weather, GoogleSearch] as const,
    stream: true as const,
  };

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());

  it('an error event mid-stream (which the SDK raises) is stream_interrupted with the SDK error as cause', async () => {
    const events = responsesFunctionCallsStream([toronto, bowl]);
    const firstDone = firstItemDone(events);
    const error = {
      type: 'error',
      code: 'server_error',
      message: 'The server had an error',
      param: null,
      sequence_number: 99,
    };
    server.enqueue({ sse: [...events.slice(0, firstDone + 1), error] });
    const { items, error: thrown } = await drain(fromOpenAI(openai).responses.create(base));
    expect(items).toEqual([W('Toronto', 'metric')]);
    expect(thrown).toBeInstanceOf(ExtractionError);
    const e = thrown as ExtractionError;
    expect(e.code).toBe('stream_interrupted');
    expect(e.results).toEqual([W('Toronto', 'metric')]);
    expect(e.cause).toBeInstanceOf(OpenAI.APIError);
    expect((e.cause as Error).message).toContain('The server had an error');
  });

  it('a stream that ends before response.completed is stream_interrupted, the complete call kept', async () => {
    const events = responsesFunctionCallsStream([toronto, bowl]);
    server.enqueue({ sse: events.slice(0, -1) });
    const { items, error } = await drain(fromOpenAI(openai).responses.create(base));
    expect(items).toEqual([W('Toronto', 'metric'), S('super bowl')]);
    expect((error as ExtractionError).code).toBe('stream_interrupted');
    expect((error as ExtractionError).results).toHaveLength(2);
  });

  it('a cut connection mid-call is stream_interrupted after the completed calls', async () => {
    const events = responsesFunctionCallsStream([toronto, bowl]);
    const firstDone = firstItemDone(events);
    server.enqueue({ fault: 'cut-connection', sse: events, afterChunks: firstDone + 3 });
    const { items, error } = await drain(fromOpenAI(openai).responses.create(base));
    expect(items).toEqual([W('Toronto', 'metric')]);
    expect((error as ExtractionError).code).toBe('stream_interrupted');
  });

  it('HTTP errors from the SDK pass through unchanged', async () => {
    server.enqueue({ status: 401 });
    await expect(fromOpenAI(openai).responses.create({ ...base, stream: undefined })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    server.enqueue({ status: 429, headers: { 'x-should-retry': 'false' } });
    await expect(drain(fromOpenAI(openai).responses.create(base))).resolves.toMatchObject({
      error: expect.any(OpenAI.RateLimitError),
    });
  });
});
