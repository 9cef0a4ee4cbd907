import OpenAI from 'openai';
import { fromOpenAI } from 'parallel-tools/openai';
import { loadFixture, MockOpenAIServer, type SseItem } from 'parallel-tools/testing';
import { describeIfFixtures, fixturePath } from '../../support/fixtures';
import { GetStockPrice, GetWeatherArgs } from '../../support/fixture-tools';

describeIfFixtures('OpenAI recorded replies through the real SDK', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;
  const messages = [
    { role: 'user' as const, content: "What's the weather like in Edinburgh and the AAPL stock price?" },
  ];

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  it('replays gpt-4o parallel calls of two tools into instances with their exact values', async () => {
    server.enqueue({ json: loadFixture(fixturePath('openai-chat-2-parallel-calls.json')) });
    const client = fromOpenAI(openai);
    const result = await client.chat.completions.createWithCompletion({
      model: 'gpt-4o-2024-08-06',
      messages,
      responseModel: [GetWeatherArgs, GetStockPrice],
    });

    expect(result.data).toHaveLength(2);
    const [weather, stock] = result.data;
    expect(weather).toBeInstanceOf(GetWeatherArgs);
    expect(weather).toEqual(
      Object.assign(new GetWeatherArgs(), { city: 'Edinburgh', country: 'GB', units: 'c' }),
    );
    expect(stock).toBeInstanceOf(GetStockPrice);
    expect(stock).toEqual(Object.assign(new GetStockPrice(), { ticker: 'AAPL', exchange: 'NASDAQ' }));
    expect(result.usage).toEqual({ promptTokens: 149, completionTokens: 60, totalTokens: 209 });
    expect(result.response.id).toBe('chatcmpl-ABfvyvfNWKcl7Ohqos4UFrmMs1v4C');

    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0];
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.body).toEqual({
      model: 'gpt-4o-2024-08-06',
      messages,
      tools: [
        {
          type: 'function',
          function: {
            name: 'GetWeatherArgs',
            parameters: {
              type: 'object',
              properties: {
                city: { type: 'string' },
                country: { type: 'string' },
                units: { type: 'string', enum: ['c', 'f'], default: 'c' },
              },
              required: ['city', 'country', 'units'],
              additionalProperties: false,
            },
          },
        },
        {
          type: 'function',
          function: {
            name: 'get_stock_price',
            parameters: {
              type: 'object',
              properties: { ticker: { type: 'string' }, exchange: { type: 'string' } },
              required: ['ticker', 'exchange'],
              additionalProperties: false,
            },
          },
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: true,
    });
  });

  it('streams the recorded reply and yields the first call before the stream is finished', async () => {
    const payloads = loadFixture<string[]>(fixturePath('openai-chat-stream-2-parallel-calls.sse'));
    // Hold everything from the second call's first delta on until the caller has the first instance.
    const secondCallStarts = payloads.findIndex((p) => /"tool_calls":\[\{"index":1/.test(p));
    expect(secondCallStarts).toBeGreaterThan(0);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sse: SseItem[] = [
      ...payloads.slice(0, secondCallStarts + 1),
      { gate },
      ...payloads.slice(secondCallStarts + 1),
    ];
    server.enqueue({ sse });
    let held = true;
    // If the library waited for the whole reply, only this timer would let the stream finish.
    const safety = setTimeout(() => {
      held = false;
      release();
    }, 3000);

    const client = fromOpenAI(openai);
    const received: Array<{ call: object; whileHeld: boolean }> = [];
    for await (const call of client.chat.completions.create({
      model: 'gpt-4o-2024-08-06',
      messages,
      responseModel: [GetWeatherArgs, GetStockPrice],
      stream: true,
    })) {
      received.push({ call, whileHeld: held });
      held = false;
      release();
    }
    clearTimeout(safety);

    expect(received.map((r) => r.whileHeld)).toEqual([true, false]);
    expect(received[0].call).toEqual(
      Object.assign(new GetWeatherArgs(), { city: 'Edinburgh', country: 'GB', units: 'c' }),
    );
    expect(received[1].call).toEqual(
      Object.assign(new GetStockPrice(), { ticker: 'AAPL', exchange: 'NASDAQ' }),
    );
    const body = server.requests[0].body;
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
  });
});
