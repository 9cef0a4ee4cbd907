import OpenAI from 'openai';
import { Mode } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, responsesFunctionCallsResponse } from 'parallel-tools/testing';
import { GoogleSearch, Weather } from '../../support/seed-tools';

const W = (location: string, units: 'metric' | 'imperial' = 'metric') =>
  Object.assign(new Weather(), { location, units });

describe('client.batches in Mode.RESPONSES_PARALLEL_TOOLS: /v1/responses lines (real SDK, local server)', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());

  const single = {
    messages: [
      { role: 'system' as const, content: 'You must always use tools' },
      { role: 'user' as const, content: 'Weather in Lima' },
    ],
    responseModel: [Weather, GoogleSearch] as const,
  };
  const bad = responsesFunctionCallsResponse([
    { name: 'Weather', arguments: { location: 'Lima', units: 'kelvin' }, callId: 'call_bad' },
  ]);
  const good = responsesFunctionCallsResponse([
    { name: 'Weather', arguments: { location: 'Lima', units: 'metric' } },
  ]);

  it('sends the body a single responses call sends, judges the Response lines, and re-asks with the same input', async () => {
    const client = fromOpenAI(openai, { mode: Mode.RESPONSES_PARALLEL_TOOLS, model: 'gpt-4.1-mini' });
    server.enqueue({ json: bad }, { json: good });
    await client.extract({ ...single, maxRetries: 1 });
    const [first, reask] = server.requests.map((r) => r.body);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/responses', '/v1/responses']);

    const replies = [bad, good];
    server.batches.answer = () => ({ body: replies.shift() });
    server.batches.script({ polls: 0 }, { polls: 0 });
    const outcomes = await client.batches.run([{ customId: 'lima', ...single }], {
      maxRetries: 1,
      pollIntervalMs: 1,
    });

    expect(client.batches.endpoint).toBe('/v1/responses');
    const [round1, round2] = server.batches.created;
    expect(round1.endpoint).toBe('/v1/responses');
    expect(round1.lines).toEqual([{ custom_id: 'lima', method: 'POST', url: '/v1/responses', body: first }]);
    expect(round2.lines[0].body).toEqual(reask);
    expect(outcomes).toEqual([
      expect.objectContaining({ customId: 'lima', ok: true, attempts: 2, data: [W('Lima')] }),
    ]);
  });

  it('chat mode keeps /v1/chat/completions', () => {
    expect(fromOpenAI(openai, { model: 'm' }).batches.endpoint).toBe('/v1/chat/completions');
  });
});
