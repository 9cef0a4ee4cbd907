import Anthropic from '@anthropic-ai/sdk';
import { anthropicToolUseMessage } from 'parallel-tools/testing';
import { useAnthropicServer } from './anthropic-setup';

const params = (city: string) => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: city }],
});
const requests = (...ids: string[]) => ids.map((id) => ({ custom_id: id, params: params(id) }));

describe('MockAnthropicServer Message Batches (through setup.client.messages.batches)', () => {
  const setup = useAnthropicServer();

  /** Every line of a batch's results, through the SDK's JSONL decoder. */
  const resultsOf = async (id: string) => {
    const lines = [];
    for await (const line of await setup.client.messages.batches.results(id)) lines.push(line);
    return lines;
  };

  it('creates a batch, advances it one step per retrieve, and serves its results through results_url', async () => {
    setup.server.batches.script({
      polls: 2,
      answer: (p, id) =>
        anthropicToolUseMessage([{ name: 'Weather', input: { location: p.messages[0].content } }], {
          id: `msg_${id}`,
        }),
    });
    const created = await setup.client.messages.batches.create({ requests: requests('a', 'b', 'c') });
    expect(created).toMatchObject({
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: 3, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      cancel_initiated_at: null,
      results_url: null,
    });
    expect(created.id).toMatch(/^msgbatch_/);
    expect(Date.parse(created.expires_at)).toBeGreaterThan(Date.parse(created.created_at));
    expect(setup.server.requests[0].body.requests[1]).toEqual({ custom_id: 'b', params: params('b') });

    const seen = [];
    for (let i = 0; i < 3; i++) {
      const b = await setup.client.messages.batches.retrieve(created.id);
      seen.push([b.processing_status, b.request_counts.processing, b.request_counts.succeeded]);
    }
    // Every request counts as processing until the whole batch ends (the API's documented counts).
    expect(seen).toEqual([
      ['in_progress', 3, 0],
      ['in_progress', 3, 0],
      ['ended', 0, 3],
    ]);
    const ended = await setup.client.messages.batches.retrieve(created.id);
    expect(ended.results_url).toBe(`${setup.server.baseURL}/v1/messages/batches/${created.id}/results`);
    expect(ended.ended_at).toEqual(expect.any(String));

    const lines = await resultsOf(created.id);
    expect(lines.map((l) => [l.custom_id, l.result.type])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
      ['c', 'succeeded'],
    ]);
    const first = lines[0].result.type === 'succeeded' ? lines[0].result.message : undefined;
    expect(first).toMatchObject({ id: 'msg_a', content: [{ type: 'tool_use', input: { location: 'a' } }] });
    // results() retrieves the batch, then GETs results_url asking for application/binary.
    const [retrieve, download] = setup.server.requests.slice(-2);
    expect(retrieve).toMatchObject({ method: 'GET', path: `/v1/messages/batches/${created.id}` });
    expect(download).toMatchObject({ method: 'GET', path: `/v1/messages/batches/${created.id}/results` });
    expect(download.headers.accept).toBe('application/binary');
  });

  it('writes errored, expired, dropped and extra lines as scripted', async () => {
    setup.server.batches.script({
      polls: 0,
      answer: (_p, id) => (id === 'c' ? undefined : anthropicToolUseMessage([])),
      errored: ['b'],
      dropLines: ['d'],
      extraLines: ['{"custom_id":"ghost","result":{"type":"canceled"}}'],
    });
    const created = await setup.client.messages.batches.create({ requests: requests('a', 'b', 'c', 'd') });
    const ended = await setup.client.messages.batches.retrieve(created.id);
    expect(ended.request_counts).toEqual({
      processing: 0,
      succeeded: 2,
      errored: 1,
      canceled: 0,
      expired: 1,
    });
    const lines = await resultsOf(created.id);
    expect(lines.map((l) => [l.custom_id, l.result.type])).toEqual([
      ['a', 'succeeded'],
      ['b', 'errored'],
      ['c', 'expired'],
      ['ghost', 'canceled'],
    ]);
    expect(lines[1].result).toEqual({
      type: 'errored',
      error: { type: 'error', error: { type: 'invalid_request_error', message: expect.any(String) } },
    });
  });

  it('a raw line that is not JSON makes the SDK decoder throw after the lines before it', async () => {
    setup.server.batches.script({ polls: 0, extraLines: ['{"custom_id": "broken'] });
    const created = await setup.client.messages.batches.create({ requests: requests('a') });
    await setup.client.messages.batches.retrieve(created.id);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const line of await setup.client.messages.batches.results(created.id))
        seen.push(line.custom_id);
    })();
    await expect(reading).rejects.toBeInstanceOf(SyntaxError);
    expect(seen).toEqual(['a']);
  });

  it('cancels: canceling with cancel_initiated_at, then ended with the rest canceled', async () => {
    setup.server.batches.script({ polls: 3 });
    const created = await setup.client.messages.batches.create({ requests: requests('a', 'b', 'c', 'd') });
    await setup.client.messages.batches.retrieve(created.id); // 4 * 1/4 -> the first request done
    const canceling = await setup.client.messages.batches.cancel(created.id);
    expect(canceling.processing_status).toBe('canceling');
    expect(canceling.cancel_initiated_at).toEqual(expect.any(String));
    const ended = await setup.client.messages.batches.retrieve(created.id);
    expect(ended).toMatchObject({
      processing_status: 'ended',
      request_counts: { succeeded: 1, canceled: 3, processing: 0 },
    });
    expect((await resultsOf(created.id)).map((l) => l.result.type)).toEqual([
      'succeeded',
      'canceled',
      'canceled',
      'canceled',
    ]);
  });

  it('answers unknown ids with 404, early results with 404, and scripted faults once', async () => {
    await expect(setup.client.messages.batches.retrieve('msgbatch_nope')).rejects.toBeInstanceOf(
      Anthropic.NotFoundError,
    );
    setup.server.batches.script({ fault: { on: 'create', status: 429 } });
    await expect(setup.client.messages.batches.create({ requests: requests('a') })).rejects.toBeInstanceOf(
      Anthropic.RateLimitError,
    );

    setup.server.batches.script({ polls: 0, fault: { on: 'retrieve', status: 529 } });
    const created = await setup.client.messages.batches.create({ requests: requests('a') });
    await expect(setup.client.messages.batches.results(created.id)).rejects.toBeInstanceOf(
      Anthropic.OverloadedError,
    );
    const early = await fetch(`${setup.server.baseURL}/v1/messages/batches/${created.id}/results`);
    expect(early.status).toBe(404);
    expect(await early.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });

    setup.server.batches.script({ polls: 0, fault: { on: 'results', status: 500 } });
    const second = await setup.client.messages.batches.create({ requests: requests('a') });
    await setup.client.messages.batches.retrieve(second.id);
    await expect(setup.client.messages.batches.results(second.id)).rejects.toBeInstanceOf(
      Anthropic.InternalServerError,
    );
    expect(await resultsOf(second.id)).toHaveLength(1);
  });

  it('leaves messages.create to the script', async () => {
    setup.server.enqueueToolUse([{ name: 'Weather', input: { location: 'Oslo' } }]);
    const message = await setup.client.messages.create(params('Oslo'));
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'toolu_mock_1', name: 'Weather', input: { location: 'Oslo' } },
    ]);
  });
});
