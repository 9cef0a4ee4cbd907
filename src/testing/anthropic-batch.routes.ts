import type { ServerResponse } from 'node:http';
import { anthropicErrorBody } from './anthropic-errors';
import {
  batchResults,
  emptyAnswer,
  type AnthropicBatchAnswer,
  type AnthropicBatchCounts,
  type AnthropicBatchRequest,
  type AnthropicBatchScript,
} from './anthropic-batch.script';
import { sendError, sendJson } from './batch-http';
import type { RecordedRequest } from './scripted-reply';

/** A Message Batch as the mock keeps it. */
export interface MockMessageBatch {
  id: string;
  requests: AnthropicBatchRequest[];
  processing_status: 'in_progress' | 'canceling' | 'ended';
  polls: number;
  /** Requests processed so far (the first ones); the rest are canceled by a cancel. */
  done: number;
  request_counts: AnthropicBatchCounts;
  created_at: string;
  cancel_initiated_at: string | null;
  ended_at: string | null;
  /** The results JSONL, once ended. */
  results?: string;
  script: AnthropicBatchScript;
}

const BATCH_PATH = /^\/v1\/messages\/batches\/([^/]+)(?:\/(cancel|results))?$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The Message Batches endpoints of the Anthropic mock server, with state of their own:
 * `POST /v1/messages/batches`, `GET /v1/messages/batches/:id` (one scripted step per retrieve),
 * `POST /v1/messages/batches/:id/cancel` and `GET /v1/messages/batches/:id/results` (JSONL).
 * Each created batch follows the next {@link AnthropicBatchScript}.
 * @example
 * server.batches.answer = (params) => anthropicToolUseMessage([{ name: 'Weather', input: { location: 'Oslo' } }]);
 * server.batches.script({ polls: 2, errored: ['req-2'] });
 */
export class AnthropicBatchRoutes {
  /** Every batch created, in order. */
  readonly created: MockMessageBatch[] = [];
  /** Answers the requests of batches whose script has no `answer`: a tool_use message with no calls. */
  answer: AnthropicBatchAnswer = emptyAnswer;
  private readonly scripts: AnthropicBatchScript[] = [];

  /** `origin` gives the server's origin, for the `results_url` of an ended batch. */
  constructor(private readonly origin: () => string) {}

  /** Queues the scripts of the next batches to be created. */
  script(...scripts: AnthropicBatchScript[]): this {
    this.scripts.push(...scripts);
    return this;
  }

  /** Answers the batch paths; false for any other path. @internal */
  handle(request: RecordedRequest, res: ServerResponse): boolean {
    const { method, path } = request;
    const match = BATCH_PATH.exec(path);
    if (method === 'POST' && path === '/v1/messages/batches') this.create(request.body ?? {}, res);
    else if (!match) return false;
    else if (method === 'GET' && !match[2]) this.retrieve(match[1], res);
    else if (method === 'POST' && match[2] === 'cancel') this.cancel(match[1], res);
    else if (method === 'GET' && match[2] === 'results') this.results(match[1], res);
    else return false;
    return true;
  }

  private create(body: any, res: ServerResponse): void {
    if (!Array.isArray(body.requests)) return this.fail(res, 400, 'requests: Field required');
    const requests = body.requests as AnthropicBatchRequest[];
    const batch: MockMessageBatch = {
      id: `msgbatch_mock_${this.created.length + 1}`,
      requests,
      processing_status: 'in_progress',
      polls: 0,
      done: 0,
      request_counts: { processing: requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      created_at: new Date().toISOString(),
      cancel_initiated_at: null,
      ended_at: null,
      script: this.scripts.shift() ?? {},
    };
    if (this.faulted(batch, 'create', res)) return;
    this.created.push(batch);
    sendJson(res, 200, this.batchObject(batch));
  }

  private retrieve(id: string, res: ServerResponse): void {
    const batch = this.find(id, res);
    if (!batch || this.faulted(batch, 'retrieve', res)) return;
    if (batch.processing_status !== 'ended') this.advance(batch);
    sendJson(res, 200, this.batchObject(batch));
  }

  private cancel(id: string, res: ServerResponse): void {
    const batch = this.find(id, res);
    if (!batch) return;
    if (batch.processing_status === 'in_progress') {
      batch.processing_status = 'canceling';
      batch.cancel_initiated_at = new Date().toISOString();
    }
    sendJson(res, 200, this.batchObject(batch));
  }

  private results(id: string, res: ServerResponse): void {
    const batch = this.find(id, res);
    if (!batch || this.faulted(batch, 'results', res)) return;
    if (batch.results === undefined) {
      return this.fail(res, 404, `Message Batch ${id} has not ended; its results are not available yet`);
    }
    res.writeHead(200, { 'content-type': 'application/binary' }).end(batch.results);
  }

  /** One poll: progress, or the end (the rest canceled after a cancel). */
  private advance(batch: MockMessageBatch): void {
    const polls = batch.script.polls ?? 1;
    const total = batch.requests.length;
    if (batch.processing_status === 'canceling') return this.finish(batch, batch.done);
    batch.polls++;
    if (batch.polls > polls) return this.finish(batch, total);
    batch.done = Math.floor((total * batch.polls) / (polls + 1));
    // As the API documents: every request counts as processing until the whole batch ends, so the
    // counts always sum to the batch size; `done` only decides where a cancel cuts the batch.
  }

  private finish(batch: MockMessageBatch, canceledFrom: number): void {
    const answer = batch.script.answer ?? this.answer;
    const { jsonl, counts } = batchResults(batch.requests, batch.script, answer, canceledFrom);
    batch.results = jsonl;
    batch.request_counts = counts;
    batch.processing_status = 'ended';
    batch.ended_at = new Date().toISOString();
  }

  private batchObject(b: MockMessageBatch): object {
    const ended = b.processing_status === 'ended';
    return {
      id: b.id,
      type: 'message_batch',
      processing_status: b.processing_status,
      request_counts: { ...b.request_counts },
      ended_at: b.ended_at,
      created_at: b.created_at,
      expires_at: new Date(Date.parse(b.created_at) + DAY_MS).toISOString(),
      archived_at: null,
      cancel_initiated_at: b.cancel_initiated_at,
      results_url: ended ? `${this.origin()}/v1/messages/batches/${b.id}/results` : null,
    };
  }

  private find(id: string, res: ServerResponse): MockMessageBatch | undefined {
    const batch = this.created.find((b) => b.id === id);
    if (!batch) this.fail(res, 404, `No Message Batch found with id '${id}'`);
    return batch;
  }

  /** Answers with the script's fault for this step, once. */
  private faulted(
    batch: MockMessageBatch,
    step: 'create' | 'retrieve' | 'results',
    res: ServerResponse,
  ): boolean {
    const fault = batch.script.fault;
    if (fault?.on !== step) return false;
    batch.script = { ...batch.script, fault: undefined };
    this.fail(res, fault.status, `Scripted HTTP ${fault.status} error on batch ${step}`);
    return true;
  }

  private fail(res: ServerResponse, status: number, message: string): void {
    sendError(res, status, anthropicErrorBody(status, message));
  }
}
