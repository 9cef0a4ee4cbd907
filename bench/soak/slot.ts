import { VertexAI } from '@google-cloud/vertexai';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { fromGenAI, type GenAIExtractor } from 'parallel-tools/genai';
import { fromOpenAI, type OpenAIExtractor } from 'parallel-tools/openai';
import {
  genAITestOptions,
  MockGeminiServer,
  MockOpenAIServer,
  vertexAIFetchRedirect,
  type VertexAIRedirect,
} from 'parallel-tools/testing';
import { fromVertexAI, type VertexAIExtractor } from 'parallel-tools/vertexai';
import { GoogleSearch, Weather } from '../tools';
import type { Plan } from './plan';
import { scriptFor } from './script';

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
    private readonly openaiServer: MockOpenAIServer,
    private readonly geminiServer: MockGeminiServer,
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
    server.enqueue(...scriptFor(plan, yielded));
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

  /** This slot closed and a new one in its place, on new ports (the old ones may have stale keep-alive sockets). */
  async renew(): Promise<Slot> {
    await this.close();
    return Slot.start();
  }

  async close(): Promise<void> {
    this.redirect.restore();
    await Promise.all([this.openaiServer.close(), this.geminiServer.close()]);
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
