import OpenAI from 'openai';
import {
  BatchRequestError,
  ExtractionError,
  type BatchOutcome,
  type BatchRequestErrorCode,
} from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import {
  MockOpenAIServer,
  openAIToolCallsCompletion,
  type BatchInputLine,
  type BatchLineReply,
  type OpenAIBatchScript,
} from 'parallel-tools/testing';
import { Weather } from '../support/seed-tools';

/**
 * Results lines are untrusted input too. Each row breaks the line (or the batch) of request `b`
 * out of three and asserts the exact typed outcome of `b`, while `a` and `c` keep their valid
 * instances: nothing valid is lost, and every stray line is reported.
 */

const W = (location: string) => Object.assign(new Weather(), { location, units: 'metric' });
const valid = (line: BatchInputLine): BatchLineReply => ({
  body: openAIToolCallsCompletion([
    { name: 'Weather', arguments: { location: String(line.body.messages[0].content), units: 'metric' } },
  ]),
});
const requests = ['a', 'b', 'c'].map((customId) => ({
  customId,
  messages: [{ role: 'user' as const, content: customId.toUpperCase() }],
  responseModel: [Weather] as const,
}));

interface Row {
  name: string;
  /** What the mock answers for b's line. */
  b: BatchLineReply | BatchLineReply[];
  script?: OpenAIBatchScript;
  /** The code of b's outcome. */
  code: BatchRequestErrorCode | ExtractionError['code'];
  /** Lines reported beside the three requests (stray lines). */
  strays?: Array<[string, BatchRequestErrorCode]>;
  check?: (b: Extract<BatchOutcome, { ok: false }>) => void;
}

const ROWS: Row[] = [
  {
    name: 'a results line with bad JSON (its custom_id still readable)',
    b: { text: '{"id":"batch_req_2","custom_id":"b","response":{"status_code":200,"body":{"choices":[' },
    code: 'batch_result_unreadable',
    check: (b) => expect((b.error as BatchRequestError).line).toBe(2),
  },
  {
    name: 'a results line with bad JSON and no custom_id: reported, and b is missing',
    b: { text: 'not json at all' },
    code: 'batch_result_missing',
    strays: [['', 'batch_result_unreadable']],
  },
  {
    name: 'a JSON line without the results shape',
    b: { text: JSON.stringify({ custom_id: 'b', surprise: true }) },
    code: 'batch_result_unreadable',
  },
  {
    name: 'a results line for an unknown customId (b answered under another id)',
    b: {
      ...valid({ custom_id: 'b', method: 'POST', url: '', body: { messages: [{ content: 'B' }] } }),
      customId: 'zz',
    },
    code: 'batch_result_missing',
    strays: [['zz', 'batch_result_unexpected']],
  },
  {
    name: 'a second line for the same request',
    b: [
      valid({ custom_id: 'b', method: 'POST', url: '', body: { messages: [{ content: 'B' }] } }),
      {
        body: openAIToolCallsCompletion([
          { name: 'Weather', arguments: { location: 'Again', units: 'metric' } },
        ]),
      },
    ],
    code: 'ok' as never,
    strays: [['b', 'batch_result_unexpected']],
  },
  { name: 'a missing line', b: { skip: true }, code: 'batch_result_missing' },
  {
    name: 'a line with an HTTP error status',
    b: { status: 429, body: { error: { message: 'Rate limit reached for requests', type: 'requests' } } },
    code: 'batch_request_failed',
    check: (b) => {
      const error = b.error as BatchRequestError;
      expect(error.status).toBe(429);
      expect(error.message).toContain('Rate limit reached for requests');
    },
  },
  {
    name: 'an error-file line (the request was rejected)',
    b: { error: { code: 'invalid_request', message: 'The model does not exist' } },
    code: 'batch_request_failed',
  },
  {
    name: 'a reply with one bad call beside a valid one',
    b: {
      body: openAIToolCallsCompletion([
        { name: 'Weather', arguments: { location: 'B', units: 'metric' } },
        { name: 'Nope', arguments: {} },
      ]),
    },
    code: 'unknown_tool',
    check: (b) => expect((b.error as ExtractionError).results).toEqual([W('B')]),
  },
  {
    name: 'a reply cut by the token limit',
    b: { body: openAIToolCallsCompletion([], { finish_reason: 'length' }) },
    code: 'incomplete_output',
  },
  {
    name: 'a reply that is not a chat completion',
    b: { body: 'a string body' },
    code: 'no_tool_calls',
  },
];

describe('batch results robustness (OpenAI SDK, local server)', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());

  it.each(ROWS)('$name: a and c keep their instances', async (row) => {
    server.batches.script({
      polls: 0,
      ...row.script,
      answer: (line) => (line.custom_id === 'b' ? row.b : valid(line)),
    });
    const outcomes = await fromOpenAI(openai, { model: 'm' }).batches.run(requests, { pollIntervalMs: 1 });
    const [a, b, c, ...strays] = outcomes;
    expect([a, c].map((o) => o.ok && o.data)).toEqual([[W('A')], [W('C')]]);
    expect(strays.map((o) => [o.customId, !o.ok && o.error.code])).toEqual(row.strays ?? []);
    for (const stray of strays) if (!stray.ok) expect(stray.error).toBeInstanceOf(BatchRequestError);
    if (row.code === ('ok' as never)) {
      expect(b.ok && b.data).toEqual([W('B')]);
      return;
    }
    if (b.ok) throw new Error(`expected b to fail with ${row.code}`);
    expect(b.customId).toBe('b');
    expect(b.error.code).toBe(row.code);
    expect(b.error.message.length).toBeGreaterThan(20);
    row.check?.(b);
  });

  it.each([
    ['expired', 'batch_expired'],
    ['cancelled', 'batch_cancelled'],
  ] as const)(
    'a batch that ended %s: the requests run keep their instances, the others are %s',
    async (status, code) => {
      server.batches.script({ polls: 1, status, answered: 2, answer: valid });
      const outcomes = await fromOpenAI(openai, { model: 'm' }).batches.run(requests, { pollIntervalMs: 1 });
      expect(outcomes.map((o) => (o.ok ? o.data : o.error.code))).toEqual([[W('A')], [W('B')], code]);
      const c = outcomes[2];
      expect(!c.ok && c.error).toBeInstanceOf(BatchRequestError);
    },
  );

  it('a failed batch: every request is batch_failed with the provider reason', async () => {
    server.batches.script({ polls: 0, status: 'failed' });
    const outcomes = await fromOpenAI(openai, { model: 'm' }).batches.run(requests, { pollIntervalMs: 1 });
    expect(outcomes.map((o) => !o.ok && o.error.code)).toEqual([
      'batch_failed',
      'batch_failed',
      'batch_failed',
    ]);
    expect(!outcomes[0].ok && outcomes[0].error.message).toContain('Scripted batch failure');
  });

  it('an HTTP error while polling passes through as the SDK error', async () => {
    server.batches.script({ polls: 1, answer: valid, fault: { on: 'retrieve', status: 503 } });
    const job = await fromOpenAI(openai, { model: 'm' }).batches.submit(requests, { pollIntervalMs: 1 });
    await expect(job.results().next()).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });

  it('an oversized line is unreadable and the next line is read as usual', async () => {
    const huge = `{"custom_id":"b","response":{"status_code":200,"body":"${'x'.repeat(5000)}"}}`;
    server.batches.script({
      polls: 0,
      answer: (line) => (line.custom_id === 'b' ? { text: huge } : valid(line)),
    });
    const outcomes = await fromOpenAI(openai, { model: 'm' }).batches.run(requests, {
      pollIntervalMs: 1,
      maxLineLength: 2000,
    });
    expect(outcomes.map((o) => (o.ok ? o.data : o.error.code))).toEqual([
      [W('A')],
      'batch_result_unreadable',
      [W('C')],
    ]);
    const b = outcomes[1];
    expect(!b.ok && String((b.error as BatchRequestError).body).length).toBeLessThan(1100);
  });
});
