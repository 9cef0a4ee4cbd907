import { VertexAI } from '@google-cloud/vertexai';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { fromGenAI, type GenAIExtractor } from 'parallel-tools/genai';
import { fromOpenAI, type OpenAIExtractor } from 'parallel-tools/openai';
import {
  genAITestOptions,
  geminiFunctionCallsResponse,
  geminiFunctionCallsStream,
  MockGeminiServer,
  MockOpenAIServer,
  openAIToolCallsCompletion,
  openAIToolCallsStream,
  vertexAIFetchRedirect,
  type ScriptedReply,
  type VertexAIRedirect,
} from 'parallel-tools/testing';
import { fromVertexAI, type VertexAIExtractor } from 'parallel-tools/vertexai';
import { GoogleSearch, Weather } from '../tools';
import { broken, type CallSpec, type Plan } from './plan';

/** How one extraction ended, before it is checked against its plan. */
export type Outcome = { data: object[] } | { error: unknown };

/** Milliseconds the impatient clients wait for a server that never answers. */
const TIMEOUT_MS = 1000;
const MESSAGES = [{ role: 'user' as const, content: 'Weather in two cities, and a web search.' }];

/**
 * One worker slot: its own local servers and SDK clients, running one extraction at a time, so
 * that every request it sends meets exactly the replies scripted for its plan.
 */
export class Slot {
  private constructor(
    private openaiServer: MockOpenAIServer,
    private geminiServer: MockGeminiServer,
    private readonly redirect: VertexAIRedirect,
    private readonly clients: Record<'patient' | 'impatient', Clients>,
  ) {}

  static async start(): Promise<Slot> {
    const openaiServer = await MockOpenAIServer.start();
    const geminiServer = await MockGeminiServer.start();
    const redirect = vertexAIFetchRedirect(geminiServer);
    const genai = genAITestOptions(geminiServer);
    const clients = (timeout: number | undefined, retries: number) => ({
      openai: fromOpenAI(
        new OpenAI({
          baseURL: openaiServer.baseURL,
          apiKey: 'soak',
          maxRetries: retries,
          timeout,
          logLevel: 'off',
        }),
      ),
      genai: fromGenAI(
        new GoogleGenAI({
          ...genai,
          httpOptions: {
            ...genai.httpOptions,
            timeout,
            retryOptions: { attempts: retries + 1, initialDelay: 0.001, jitter: 0 },
          },
        }),
        { model: 'gemini-soak' },
      ),
      vertexai: fromVertexAI(
        quietly(
          () => new VertexAI({ project: 'soak', location: 'us-central1', ...redirect.init }),
        ).getGenerativeModel({ model: 'gemini-soak' }, { timeout }),
      ),
    });
    // Patient clients let the SDKs retry (OpenAI, Gen AI); impatient ones time out fast and never retry.
    return new Slot(openaiServer, geminiServer, redirect, {
      patient: clients(undefined, 2),
      impatient: clients(TIMEOUT_MS, 0),
    });
  }

  /** Scripts the plan's replies, runs the extraction through the provider's SDK facade, and clears the record. */
  async run(plan: Plan): Promise<{ outcome: Outcome; requests: number; pending: number }> {
    const server = plan.provider === 'openai' ? this.openaiServer : this.geminiServer;
    let firstYield!: () => void;
    const yielded = new Promise<void>((resolve) => (firstYield = resolve));
    server.enqueue(...this.replies(plan, yielded));
    const clients = this.clients[plan.fault === 'never-respond' ? 'impatient' : 'patient'];
    const request = {
      messages: MESSAGES,
      responseModel: [Weather, GoogleSearch] as const,
      maxRetries: plan.fault === 'invalid-arguments' ? 1 : 0,
    };
    let outcome: Outcome;
    try {
      const started = send(clients, plan, request);
      if (!(Symbol.asyncIterator in started)) outcome = { data: await started };
      else {
        const data: object[] = [];
        for await (const call of started) {
          data.push(call);
          firstYield();
        }
        outcome = { data };
      }
    } catch (error) {
      outcome = { error };
    }
    const result = { outcome, requests: server.requests.length, pending: server.pendingReplies };
    // Recorded requests would otherwise pile up for the whole run and count as a leak.
    server.requests.splice(0);
    return result;
  }

  /**
   * Fresh servers on the same ports (the clients and the Vertex AI redirect stay as they are): a
   * request the client gave up on can no longer reach them, nor a reply it left queued.
   */
  async renew(): Promise<void> {
    const ports = [this.openaiServer.port, this.geminiServer.port];
    await Promise.all([this.openaiServer.close(), this.geminiServer.close()]);
    this.openaiServer = await retry(() => MockOpenAIServer.start({ port: ports[0] }));
    this.geminiServer = await retry(() => MockGeminiServer.start({ port: ports[1] }));
  }

  async close(): Promise<void> {
    this.redirect.restore();
    await Promise.all([this.openaiServer.close(), this.geminiServer.close()]);
  }

  private replies(plan: Plan, yielded: Promise<void>): ScriptedReply[] {
    const { calls, fault } = plan;
    const reply = (specs: CallSpec[]) => this.reply(plan, specs);
    switch (fault) {
      case undefined:
        return [reply(calls)];
      case 'cut-mid-stream': {
        const chunks = this.chunks(plan, calls);
        const sent =
          plan.provider === 'openai'
            ? chunks.findIndex((c) => c.choices?.[0]?.delta?.tool_calls?.[0]?.index === 1) + 1
            : 1;
        // Cut once the first call has reached the caller (a bound keeps a broken run from hanging).
        const gate = { gate: () => Promise.race([yielded, sleep(2000)]) };
        return [
          {
            fault: 'cut-connection',
            sse: [...chunks.slice(0, sent), gate, ...chunks.slice(sent)],
            afterChunks: sent + 1,
          },
        ];
      }
      case 'malformed-body':
        return [{ fault: 'malformed-body' }];
      case 'http-500':
      case 'http-429': {
        const error = { status: fault === 'http-500' ? 500 : 429, headers: { 'retry-after-ms': '1' } };
        return plan.provider === 'vertexai' ? [error] : [error, reply(calls)];
      }
      case 'invalid-arguments':
        return [reply([broken(calls[0]), ...calls.slice(1)]), reply([calls[0]])];
      case 'unknown-tool': {
        const withUnknown: CallSpec[] = [...calls];
        withUnknown.splice(plan.id % (calls.length + 1), 0, {
          name: 'BookFlight' as CallSpec['name'],
          args: { to: 'Lisbon' },
        });
        return [reply(withUnknown)];
      }
      case 'never-respond':
        return [{ fault: 'never-respond' }];
    }
  }

  private reply(plan: Plan, specs: CallSpec[]): ScriptedReply {
    if (plan.transport === 'stream') return { sse: this.chunks(plan, specs) };
    if (plan.provider === 'openai')
      return { json: openAIToolCallsCompletion(specs.map((c) => ({ name: c.name, arguments: c.args }))) };
    return { json: geminiFunctionCallsResponse(specs) };
  }

  private chunks(plan: Plan, specs: CallSpec[]): Array<Record<string, any>> {
    if (plan.provider === 'openai')
      return openAIToolCallsStream(specs.map((c) => ({ name: c.name, arguments: c.args })));
    return geminiFunctionCallsStream(specs);
  }
}

type Clients = { openai: OpenAIExtractor; genai: GenAIExtractor; vertexai: VertexAIExtractor };
type Request = {
  messages: typeof MESSAGES;
  responseModel: readonly [typeof Weather, typeof GoogleSearch];
  maxRetries: number;
};

/** The provider's SDK-shaped call: a promise of instances, or a stream of them. */
function send(clients: Clients, plan: Plan, request: Request): Promise<object[]> | AsyncIterable<object> {
  const stream = plan.transport === 'stream';
  switch (plan.provider) {
    case 'openai': {
      const params = { model: 'gpt-soak', ...request };
      const { completions } = clients.openai.chat;
      return stream ? completions.create({ ...params, stream: true }) : completions.create(params);
    }
    case 'genai':
      return stream ? clients.genai.create({ ...request, stream: true }) : clients.genai.create(request);
    case 'vertexai':
      return stream
        ? clients.vertexai.create({ ...request, stream: true })
        : clients.vertexai.create(request);
  }
}

/** A port just closed can take a moment to be free again. */
async function retry<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= 20 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      await sleep(25);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The Vertex AI SDK prints a deprecation notice per client; fifty of them say nothing about the soak. */
function quietly<T>(make: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return make();
  } finally {
    console.warn = warn;
  }
}
