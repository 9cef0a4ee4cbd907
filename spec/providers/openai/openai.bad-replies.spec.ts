import OpenAI from 'openai';
import { ExtractionError, Field, Tool } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer } from 'parallel-tools/testing';
import { GoogleSearch, Weather } from '../../support/seed-tools';

@Tool()
class Note {
  @Field() title!: string;
  @Field({ optional: true }) body?: string;
  @Field({ optional: true, nullable: true, type: () => String }) tag?: string | null;
}

describe('OpenAI bad replies become typed errors that keep the valid calls', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;
  const base = {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user' as const, content: 'weather in Toronto, and search the super bowl' }],
    responseModel: [Weather, GoogleSearch] as const,
  };
  const toronto = Object.assign(new Weather(), { location: 'Toronto', units: 'metric' });
  const extract = () =>
    fromOpenAI(openai)
      .chat.completions.create(base)
      .then(
        () => {
          throw new Error('expected an ExtractionError');
        },
        (e: unknown) => e as ExtractionError,
      );

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  it('unknown tool: names the tool and the ones that exist', async () => {
    server.enqueueToolCalls([
      { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
      { name: 'BookFlight', arguments: { to: 'Lisbon' }, id: 'call_x' },
    ]);
    const e = await extract();
    expect(e).toBeInstanceOf(ExtractionError);
    expect(e.code).toBe('unknown_tool');
    expect(e.results).toEqual([toronto]);
    expect(e.failures).toEqual([
      expect.objectContaining({
        name: 'BookFlight',
        id: 'call_x',
        index: 1,
        code: 'unknown_tool',
        arguments: '{"to":"Lisbon"}',
      }),
    ]);
    expect(e.failures[0].message).toBe('unknown tool "BookFlight"; the tools are: Weather, GoogleSearch');
    expect(e.attempts).toBe(1);
  });

  it('arguments that are not JSON: invalid_json, other calls kept', async () => {
    server.enqueueToolCalls([
      { name: 'GoogleSearch', arguments: '{"query": "super bowl"' },
      { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
    ]);
    const e = await extract();
    expect(e.code).toBe('invalid_json');
    expect(e.results).toEqual([toronto]);
    expect(e.failures[0].message).toMatch(/^arguments are not valid JSON: /);
  });

  it('validation failure: the message names the property and the rule', async () => {
    server.enqueueToolCalls([{ name: 'Weather', arguments: { location: 42, units: 'metric', extra: true } }]);
    const e = await extract();
    expect(e.code).toBe('validation_failed');
    expect(e.failures[0].errors).toEqual(
      expect.arrayContaining([
        'location: location must be a string',
        'extra: property extra should not exist',
      ]),
    );
    expect(e.message).toContain('location: location must be a string');
  });

  it('no tool calls: no_tool_calls, quoting what the model said', async () => {
    server.enqueue({ json: textCompletion('I cannot check the weather.', 'stop') });
    const e = await extract();
    expect(e.code).toBe('no_tool_calls');
    expect(e.message).toContain('I cannot check the weather.');
    expect(e.results).toEqual([]);
  });

  it("finish_reason 'length': incomplete_output with the complete calls in results", async () => {
    server.enqueueToolCalls(
      [
        { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
        { name: 'GoogleSearch', arguments: '{"query": "who won' },
      ],
      { finish_reason: 'length' },
    );
    const e = await extract();
    expect(e.code).toBe('incomplete_output');
    expect(e.results).toEqual([toronto]);
    expect(e.failures).toHaveLength(1);
    expect(e.message).toMatch(/max tokens/);
  });

  it('a refusal: refusal, with the text', async () => {
    server.enqueueToolCalls([], { refusal: 'I am sorry, I cannot help with that.', finish_reason: 'stop' });
    const e = await extract();
    expect(e.code).toBe('refusal');
    expect(e.message).toContain('I am sorry, I cannot help with that.');
  });

  it("finish_reason 'content_filter': blocked", async () => {
    server.enqueue({ json: textCompletion(null, 'content_filter') });
    const e = await extract();
    expect(e.code).toBe('blocked');
  });

  it('HTTP errors from the SDK pass through unchanged', async () => {
    server.enqueue({
      status: 401,
      body: { error: { message: 'bad key', type: 'invalid_request_error', code: 'invalid_api_key' } },
    });
    await expect(fromOpenAI(openai).chat.completions.create(base)).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
  });

  it('strict: sends the strict dialect and removes the nulls it asked for before validation', async () => {
    server.enqueueToolCalls([{ name: 'Note', arguments: { title: 'Groceries', body: null, tag: null } }]);
    const client = fromOpenAI(openai, { strict: true });
    const [note] = await client.chat.completions.create({ ...base, responseModel: [Note] });
    expect(note).toBeInstanceOf(Note);
    expect(note).toEqual(Object.assign(new Note(), { title: 'Groceries', tag: null }));
    expect(note.body).toBeUndefined();

    const fn = server.requests[0].body.tools[0].function;
    expect(fn.strict).toBe(true);
    expect(fn.parameters).toEqual({
      type: 'object',
      properties: {
        title: { type: 'string' },
        body: { type: ['string', 'null'] },
        tag: { type: ['string', 'null'] },
      },
      required: ['title', 'body', 'tag'],
      additionalProperties: false,
    });
  });
});

function textCompletion(content: string | null, finishReason: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: finishReason,
        logprobs: null,
      },
    ],
  };
}
