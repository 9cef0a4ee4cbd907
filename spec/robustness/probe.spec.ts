import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { VertexAI } from '@google-cloud/vertexai';
import { fromOpenAI } from 'parallel-tools/openai';
import { fromGenAI } from 'parallel-tools/genai';
import { fromVertexAI } from 'parallel-tools/vertexai';
import { MockOpenAIServer, MockGeminiServer, genAITestOptions, vertexAIFetchRedirect, openAIToolCallsStream } from 'parallel-tools/testing';
import { GoogleSearch, Weather } from '../support/seed-tools';

const show = (e: any) => ({ name: e?.constructor?.name, code: e?.code, status: e?.status, msg: String(e?.message).slice(0, 200), results: e?.results?.length, failures: e?.failures?.map((f: any) => [f.code, f.message.slice(0, 100)]) });

describe('probe', () => {
  let o: MockOpenAIServer; let g: MockGeminiServer;
  beforeAll(async () => { o = await MockOpenAIServer.start(); g = await MockGeminiServer.start(); });
  afterAll(async () => { await o.close(); await g.close(); });
  const messages = [{ role: 'user' as const, content: 'x' }];

  it('openai', async () => {
    const openai = new OpenAI({ baseURL: o.baseURL, apiKey: 't', maxRetries: 0 });
    const c = fromOpenAI(openai);
    o.enqueue({ fault: 'malformed-body' });
    console.log('malformed json', show(await c.chat.completions.create({ model: 'm', messages, responseModel: [Weather] }).catch((e) => e)));
    o.enqueue({ fault: 'malformed-body' });
    console.log('malformed sse', show(await (async () => { for await (const _ of c.chat.completions.create({ model: 'm', messages, responseModel: [Weather], stream: true })); })().catch((e) => e)));
    o.enqueue({ fault: 'cut-connection' });
    console.log('cut before', show(await c.chat.completions.create({ model: 'm', messages, responseModel: [Weather] }).catch((e) => e)));
    const deep = '['.repeat(100000) + ']'.repeat(100000);
    o.enqueueToolCalls([{ name: 'Weather', arguments: `{"location":${deep}}` }]);
    let t = Date.now();
    console.log('deep', show(await c.chat.completions.create({ model: 'm', messages, responseModel: [Weather] }).catch((e) => e)), Date.now() - t);
    o.enqueueToolCalls([{ name: 'Weather', arguments: { location: 'x'.repeat(20_000_000), units: 'metric' } }]);
    t = Date.now();
    console.log('20MB', show(await c.chat.completions.create({ model: 'm', messages, responseModel: [Weather] }).catch((e) => e)), Date.now() - t);
    const many = Array.from({ length: 10000 }, (_, i) => ({ name: 'Weather', arguments: { location: `c${i}`, units: 'metric' } }));
    o.enqueueToolCalls(many);
    t = Date.now();
    const r = await c.chat.completions.create({ model: 'm', messages, responseModel: [Weather] }).catch((e) => e);
    console.log('10k', Array.isArray(r) ? r.length : show(r), Date.now() - t);
    o.enqueue({ sse: openAIToolCallsStream(many, { argumentChunkSize: 1000 }) });
    t = Date.now();
    let n = 0;
    for await (const _ of c.chat.completions.create({ model: 'm', messages, responseModel: [Weather], stream: true })) n++;
    console.log('10k stream', n, Date.now() - t);
    const slow = new OpenAI({ baseURL: o.baseURL, apiKey: 't', maxRetries: 0, timeout: 200 });
    o.enqueue({ fault: 'never-respond' });
    t = Date.now();
    console.log('timeout', show(await fromOpenAI(slow).chat.completions.create({ model: 'm', messages, responseModel: [Weather] }).catch((e) => e)), Date.now() - t);
  });

  it('genai', async () => {
    const ai = new GoogleGenAI(genAITestOptions(g));
    const c = fromGenAI(ai, { model: 'gemini' });
    g.enqueue({ fault: 'malformed-body' });
    console.log('g malformed json', show(await c.create({ messages, responseModel: [Weather] }).catch((e) => e)));
    g.enqueue({ fault: 'malformed-body' });
    console.log('g malformed sse', show(await (async () => { for await (const _ of c.create({ messages, responseModel: [Weather], stream: true })); })().catch((e) => e)));
    g.enqueue({ fault: 'cut-connection' });
    console.log('g cut before', show(await c.create({ messages, responseModel: [Weather] }).catch((e) => e)));
    g.enqueue({ status: 429 });
    console.log('g 429', show(await c.create({ messages, responseModel: [Weather] }).catch((e) => e)));
    const deep = '['.repeat(100000) + ']'.repeat(100000);
    const body = `{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"Weather","args":{"location":${deep}}}}]},"finishReason":"STOP"}]}`;
    g.enqueue({ status: 200, body, headers: { 'content-type': 'application/json' } });
    let t = Date.now();
    console.log('g deep', show(await c.create({ messages, responseModel: [Weather] }).catch((e) => e)), Date.now() - t);
    g.enqueueFunctionCalls([{ name: 'Weather', args: { location: 'x'.repeat(20_000_000), units: 'metric' } }]);
    t = Date.now();
    const r = await c.create({ messages, responseModel: [Weather] }).catch((e) => e);
    console.log('g 20MB', Array.isArray(r) ? r.length : show(r), Date.now() - t);
    g.enqueueFunctionCalls([{ name: 'Weather', args: { ['__proto__']: { polluted: 1 }, location: 'a', units: 'metric' } }]);
    console.log('g proto', await c.create({ messages, responseModel: [Weather] }).catch((e) => show(e)), ({} as any).polluted);
    const slow = new GoogleGenAI({ ...genAITestOptions(g), httpOptions: { ...genAITestOptions(g).httpOptions, timeout: 200 } });
    g.enqueue({ fault: 'never-respond' });
    t = Date.now();
    console.log('g timeout', show(await fromGenAI(slow, { model: 'm' }).create({ messages, responseModel: [Weather] }).catch((e) => e)), Date.now() - t);
    g.enqueue({ json: { candidates: [] } });
    console.log('g empty', show(await c.create({ messages, responseModel: [Weather] }).catch((e) => e)));
  });

  it('vertex', async () => {
    const redirect = vertexAIFetchRedirect(g);
    try {
      const model = new VertexAI({ project: 'p', location: 'us-central1', ...redirect.init }).getGenerativeModel({ model: 'gemini' });
      const c = fromVertexAI(model);
      g.enqueue({ fault: 'malformed-body' });
      console.log('v malformed json', show(await c.create({ messages, responseModel: [Weather] }).catch((e) => e)));
      g.enqueue({ fault: 'malformed-body' });
      console.log('v malformed sse', show(await (async () => { for await (const _ of c.create({ messages, responseModel: [Weather], stream: true })); })().catch((e) => e)));
      g.enqueue({ status: 429 });
      console.log('v 429', show(await c.create({ messages, responseModel: [Weather] }).catch((e) => e)));
      const deep = '['.repeat(100000) + ']'.repeat(100000);
      const body = `{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"Weather","args":{"location":${deep}}}}]},"finishReason":"STOP"}]}`;
      g.enqueue({ status: 200, body, headers: { 'content-type': 'application/json' } });
      let t = Date.now();
      console.log('v deep', show(await c.create({ messages, responseModel: [Weather] }).catch((e) => e)), Date.now() - t);
      g.enqueue({ sse: [body] });
      t = Date.now();
      console.log('v deep stream', show(await (async () => { for await (const _ of c.create({ messages, responseModel: [Weather], stream: true })); })().catch((e) => e)), Date.now() - t);
      const m2 = new VertexAI({ project: 'p', location: 'us-central1', ...redirect.init }).getGenerativeModel({ model: 'gemini' }, { timeout: 200 });
      g.enqueue({ fault: 'never-respond' });
      t = Date.now();
      console.log('v timeout', show(await fromVertexAI(m2).create({ messages, responseModel: [Weather] }).catch((e) => e)), Date.now() - t);
    } finally { redirect.restore(); }
  });
});
