import OpenAI from 'openai';
import { ExtractionError, Mode, ToolDefinitionError } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer } from 'parallel-tools/testing';
import { GoogleSearch, Weather } from '../../support/seed-tools';

describe('fromOpenAI over HTTP (the seed example)', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  const request = {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system' as const, content: 'You must always use tools' },
      {
        role: 'user' as const,
        content: 'What is the weather in toronto and dallas and who won the super bowl?',
      },
    ],
    responseModel: [Weather, GoogleSearch] as const,
  };

  it('returns every call as a validated instance, in the model order', async () => {
    server.enqueueToolCalls([
      { name: 'Weather', arguments: { location: 'Toronto', units: 'metric' } },
      { name: 'Weather', arguments: { location: 'Dallas', units: 'imperial' } },
      { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
    ]);
    const client = fromOpenAI(openai, { mode: Mode.PARALLEL_TOOLS });
    const calls = await client.chat.completions.create({ ...request, temperature: 0 });

    expect(calls.map((c) => c.constructor)).toEqual([Weather, Weather, GoogleSearch]);
    expect(calls[0]).toEqual(Object.assign(new Weather(), { location: 'Toronto', units: 'metric' }));
    expect(calls[1]).toEqual(Object.assign(new Weather(), { location: 'Dallas', units: 'imperial' }));
    expect(calls[2]).toEqual(Object.assign(new GoogleSearch(), { query: 'who won the super bowl' }));

    const body = server.requests[0].body;
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.temperature).toBe(0);
    expect(body.parallel_tool_calls).toBe(true);
    expect(body.tool_choice).toBe('required');
    expect(body.tools.map((t: any) => t.function.name)).toEqual(['Weather', 'GoogleSearch']);
    expect(body.tools[0].function.parameters).toEqual({
      type: 'object',
      properties: {
        location: { type: 'string', description: 'City name' },
        units: { type: 'string', enum: ['imperial', 'metric'] },
      },
      required: ['location', 'units'],
      additionalProperties: false,
    });
    expect(body.messages).toEqual(request.messages);
  });

  it('keeps the caller tool_choice and reports usage with createWithCompletion', async () => {
    server.enqueueToolCalls([{ name: 'GoogleSearch', arguments: { query: 'q' } }], {
      usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
    });
    const client = fromOpenAI(openai);
    const result = await client.chat.completions.createWithCompletion({ ...request, tool_choice: 'auto' });
    expect(server.requests[0].body.tool_choice).toBe('auto');
    expect(result.data).toEqual([Object.assign(new GoogleSearch(), { query: 'q' })]);
    expect(result.usage).toEqual({ promptTokens: 11, completionTokens: 7, totalTokens: 18 });
    expect(result.attempts).toBe(1);
    expect(result.response.choices[0].finish_reason).toBe('tool_calls');
  });

  it('keeps the valid calls in results when one call fails validation', async () => {
    server.enqueueToolCalls([
      { name: 'Weather', arguments: { location: 'Toronto', units: 'kelvin' }, id: 'call_bad' },
      { name: 'GoogleSearch', arguments: { query: 'who won the super bowl' } },
    ]);
    const error = await fromOpenAI(openai)
      .chat.completions.create(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    const e = error as ExtractionError;
    expect(e.code).toBe('validation_failed');
    expect(e.results).toEqual([Object.assign(new GoogleSearch(), { query: 'who won the super bowl' })]);
    expect(e.failures).toHaveLength(1);
    expect(e.failures[0]).toMatchObject({
      name: 'Weather',
      id: 'call_bad',
      index: 0,
      code: 'validation_failed',
    });
    expect(e.failures[0].errors).toEqual([
      'units: units must be one of the following values: imperial, metric',
    ]);
    expect(e.message).toContain('units must be one of the following values: imperial, metric');
  });

  it('refuses a responseModel that is not a non-empty array of tools', async () => {
    const client = fromOpenAI(openai);
    await expect(
      client.chat.completions.create({ ...request, responseModel: Weather as any }),
    ).rejects.toThrow(ToolDefinitionError);
    await expect(
      client.chat.completions.create({ ...request, responseModel: [] as any }),
    ).rejects.toMatchObject({
      code: 'invalid_response_model',
    });
    expect(server.requests).toHaveLength(0);
  });
});
