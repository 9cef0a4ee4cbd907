import { MockGeminiServer, MockOpenAIServer } from '../../src/testing';

const GEMINI_STREAM = '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse';
const GEMINI_UNARY = '/v1beta/models/gemini-2.5-flash:generateContent';

function post(url: string, body: unknown = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('the shared mock server core (raw HTTP)', () => {
  let openai: MockOpenAIServer;
  let gemini: MockGeminiServer;

  beforeEach(async () => {
    [openai, gemini] = await Promise.all([MockOpenAIServer.start(), MockGeminiServer.start()]);
  });
  afterEach(() => Promise.all([openai.close(), gemini.close()]));

  it('writes SSE events verbatim for strings, JSON for objects; [DONE] only on OpenAI and only by default', async () => {
    openai.enqueue({ sse: ['raw', { a: 1 }] }, { sse: [{ b: 2 }], done: false });
    gemini.enqueue({ sse: [{ c: 3 }] });

    const first = await post(`${openai.baseURL}/chat/completions`, { stream: true });
    expect(first.headers.get('content-type')).toBe('text/event-stream');
    expect(await first.text()).toBe('data: raw\n\ndata: {"a":1}\n\ndata: [DONE]\n\n');
    expect(await (await post(`${openai.baseURL}/chat/completions`)).text()).toBe('data: {"b":2}\n\n');
    expect(await (await post(`${gemini.baseURL}${GEMINI_STREAM}`)).text()).toBe('data: {"c":3}\n\n');
  });

  it('sends JSON and error replies with their status and headers', async () => {
    openai.enqueue(
      { json: { ok: 1 }, status: 201, headers: { 'x-test': 'yes' } },
      { status: 503, body: 'down' },
    );

    const created = await post(`${openai.baseURL}/anything`);
    expect([created.status, created.headers.get('x-test'), await created.json()]).toEqual([
      201,
      'yes',
      { ok: 1 },
    ]);
    const down = await post(`${openai.baseURL}/anything`);
    expect([down.status, down.headers.get('content-type'), await down.text()]).toEqual([
      503,
      'text/plain',
      'down',
    ]);
  });

  it('records method, path, query, headers, parsed and raw body', async () => {
    openai.enqueue({ json: {} }, { json: {} });
    await post(`${openai.baseURL}/chat/completions?api-version=1`, { model: 'm' });
    await fetch(`${openai.baseURL}/files`, { method: 'PUT', body: 'not json' });

    expect(openai.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      url: '/v1/chat/completions?api-version=1',
      body: { model: 'm' },
      rawBody: '{"model":"m"}',
    });
    expect(openai.requests[0].headers['content-type']).toBe('application/json');
    expect(openai.requests[1]).toMatchObject({ method: 'PUT', body: undefined, rawBody: 'not json' });
  });

  it('uses the fallback option once the queue is empty', async () => {
    const server = await MockOpenAIServer.start({ fallback: { json: { fallback: true } } });
    try {
      server.enqueue({ json: { first: true } });
      expect(await (await post(`${server.baseURL}/x`)).json()).toEqual({ first: true });
      expect(await (await post(`${server.baseURL}/x`)).json()).toEqual({ fallback: true });
      expect(await (await post(`${server.baseURL}/x`)).json()).toEqual({ fallback: true });
    } finally {
      await server.close();
    }
  });

  it('says so, with the provider error shape, when the script runs out', async () => {
    const response = await post(`${gemini.baseURL}${GEMINI_UNARY}`);
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 500, status: 'INTERNAL' });
    expect(body.error.message).toMatch(/MockGeminiServer: the script ran out, no reply left for request #1/);
  });

  it('applies the server default latency, overridden field by field by the reply', async () => {
    const server = await MockOpenAIServer.start({ latency: { firstByteMs: 60 } });
    try {
      server.enqueue({ json: {} }, { json: {}, latency: { firstByteMs: 0 } });
      let started = Date.now();
      await post(`${server.baseURL}/x`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(55);
      started = Date.now();
      await post(`${server.baseURL}/x`);
      expect(Date.now() - started).toBeLessThan(50);
    } finally {
      await server.close();
    }
  });

  it('listens on the requested port', async () => {
    const port = openai.port;
    await openai.close();
    openai = await MockOpenAIServer.start({ port });
    expect(openai.baseURL).toBe(`http://127.0.0.1:${port}/v1`);
  });

  it('calls a function gate only when the stream reaches it; a rejected gate cuts the stream', async () => {
    const reached = jest.fn();
    const gate = deferred();
    openai.enqueue({ sse: ['one', { gate: () => (reached(), gate.promise) }, 'two'] });

    const response = await post(`${openai.baseURL}/chat/completions`);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: one\n\n');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reached).toHaveBeenCalledTimes(1);
    gate.reject(new Error('cut'));
    await expect(
      (async () => {
        while (!(await reader.read()).done);
      })(),
    ).rejects.toThrow();
  });

  it('sends malformed bodies in the framing the request expects', async () => {
    gemini.enqueue({ fault: 'malformed-body' }, { fault: 'malformed-body' });

    const unary = await post(`${gemini.baseURL}${GEMINI_UNARY}`);
    await expect(unary.json()).rejects.toThrow();
    const stream = await post(`${gemini.baseURL}${GEMINI_STREAM}`);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const data = (await stream.text()).replace(/^data: /, '');
    expect(() => JSON.parse(data)).toThrow();
  });

  it('close() ends never-answered requests and streams held at a gate, quickly', async () => {
    openai.enqueue({ fault: 'never-respond' }, { sse: ['one', { gate: new Promise(() => undefined) }] });
    // Settle both into values at once: they reject during close(), before the assertions run.
    const hanging = post(`${openai.baseURL}/chat/completions`).catch((error: unknown) => error);
    const streaming = await post(`${openai.baseURL}/chat/completions`);
    const body = streaming.text().catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const started = Date.now();
    await openai.close();
    expect(Date.now() - started).toBeLessThan(500);
    // fetch's errors come from Node's realm, not Jest's: compare names, not classes.
    expect(await hanging).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(await body).toMatchObject({ name: 'TypeError', message: 'terminated' });
  });
});
