import type { ServerResponse } from 'node:http';
import { sendError, sendJson } from './batch-http';
import {
  batchFiles,
  type BatchAnswer,
  type BatchInputLine,
  type OpenAIBatchScript,
} from './openai-batch.script';
import type { RecordedRequest } from './scripted-reply';

/** A batch as the mock keeps it. */
export interface MockBatch {
  id: string;
  endpoint: string;
  input_file_id: string;
  /** The uploaded input lines, parsed. */
  lines: BatchInputLine[];
  status: string;
  polls: number;
  cancelled: boolean;
  output_file_id?: string;
  error_file_id?: string;
  request_counts: { total: number; completed: number; failed: number };
  metadata?: unknown;
  script: OpenAIBatchScript;
}

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
}

const FINAL = new Set(['completed', 'expired', 'cancelled', 'failed']);

/**
 * The OpenAI Batch API endpoints of the mock server, with state of their own: `POST /v1/files`
 * (multipart upload), `GET /v1/files/:id[/content]`, `POST /v1/batches`, `GET /v1/batches/:id`,
 * `POST /v1/batches/:id/cancel`. Each created batch follows the next {@link OpenAIBatchScript}:
 * `in_progress` with growing counts over polls, then completed, expired, cancelled or failed.
 * @example
 * server.batches.answer = (line) => ({ body: openAIToolCallsCompletion([{ name: 'Weather', arguments: { location: 'Oslo', units: 'metric' } }]) });
 * server.batches.script({ polls: 2 });
 */
export class OpenAIBatchRoutes {
  /** Every batch created, in order. */
  readonly created: MockBatch[] = [];
  /** Answers the lines of batches whose script has no `answer`. */
  answer: BatchAnswer = () => ({
    status: 500,
    body: {
      error: {
        message: 'MockOpenAIServer: set server.batches.answer to answer batch lines',
        type: 'server_error',
      },
    },
  });
  private readonly files = new Map<string, StoredFile>();
  private readonly batches = new Map<string, MockBatch>();
  private readonly scripts: OpenAIBatchScript[] = [];

  constructor(private readonly errorBody: (status: number, message: string) => unknown) {}

  /** Queues the scripts of the next batches to be created. */
  script(...scripts: OpenAIBatchScript[]): this {
    this.scripts.push(...scripts);
    return this;
  }

  /** The text of a stored file (an uploaded input, or a batch's output or error file). */
  fileContent(id: string): string | undefined {
    return this.files.get(id)?.content;
  }

  /** Answers the batch paths; false for any other path. @internal */
  handle(request: RecordedRequest, res: ServerResponse): boolean {
    const { method, path } = request;
    const file = /^\/v1\/files\/([^/]+)(\/content)?$/.exec(path);
    const batch = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
    if (method === 'POST' && path === '/v1/files') this.upload(request, res);
    else if (method === 'GET' && file) this.readFile(file[1], Boolean(file[2]), res);
    else if (method === 'POST' && path === '/v1/batches') this.create(request.body ?? {}, res);
    else if (method === 'GET' && batch && !batch[2]) this.retrieve(batch[1], res);
    else if (method === 'POST' && batch?.[2]) this.cancel(batch[1], res);
    else return false;
    return true;
  }

  private upload(request: RecordedRequest, res: ServerResponse): void {
    const parts = multipart(request);
    const content = parts.get('file');
    if (content === undefined) return this.fail(res, 400, "Missing the 'file' part of the upload");
    const stored = this.store(
      content.filename ?? 'upload.jsonl',
      parts.get('purpose')?.value ?? '',
      content.value,
    );
    sendJson(res, 200, fileObject(stored));
  }

  private readFile(id: string, content: boolean, res: ServerResponse): void {
    const file = this.files.get(id);
    if (!file) return this.fail(res, 404, `No such File object: ${id}`);
    const owner = this.created.find((b) => b.output_file_id === id || b.error_file_id === id);
    if (content && this.faulted(owner, 'content', res)) return;
    if (!content) return sendJson(res, 200, fileObject(file));
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.content);
  }

  private create(body: any, res: ServerResponse): void {
    const input = this.files.get(body.input_file_id);
    if (!input) return this.fail(res, 400, `Invalid input_file_id: ${body.input_file_id}`);
    const script = this.scripts.shift() ?? {};
    const lines = input.content
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l));
    const batch: MockBatch = {
      id: `batch_mock_${this.created.length + 1}`,
      endpoint: body.endpoint,
      input_file_id: input.id,
      lines,
      status: 'validating',
      polls: 0,
      cancelled: false,
      request_counts: { total: lines.length, completed: 0, failed: 0 },
      metadata: body.metadata ?? null,
      script,
    };
    if (this.faulted(batch, 'create', res)) return;
    this.created.push(batch);
    this.batches.set(batch.id, batch);
    sendJson(res, 200, batchObject(batch));
  }

  private retrieve(id: string, res: ServerResponse): void {
    const batch = this.batches.get(id);
    if (!batch) return this.fail(res, 404, `No batch found with id '${id}'.`);
    if (this.faulted(batch, 'retrieve', res)) return;
    if (!FINAL.has(batch.status)) this.advance(batch);
    sendJson(res, 200, batchObject(batch));
  }

  private cancel(id: string, res: ServerResponse): void {
    const batch = this.batches.get(id);
    if (!batch) return this.fail(res, 404, `No batch found with id '${id}'.`);
    if (!FINAL.has(batch.status)) {
      batch.cancelled = true;
      batch.status = 'cancelling';
    }
    sendJson(res, 200, batchObject(batch));
  }

  /** One poll: progress, or the end the script (or a cancel) says. */
  private advance(batch: MockBatch): void {
    const polls = batch.script.polls ?? 1;
    const total = batch.lines.length;
    if (batch.cancelled) return this.finish(batch, 'cancelled', batch.request_counts.completed);
    batch.polls++;
    if (batch.polls <= polls) {
      batch.status = 'in_progress';
      batch.request_counts.completed = Math.floor((total * batch.polls) / (polls + 1));
      return;
    }
    const status = batch.script.status ?? 'completed';
    this.finish(batch, status, status === 'completed' ? total : (batch.script.answered ?? 0));
  }

  private finish(batch: MockBatch, status: MockBatch['status'], answered: number): void {
    batch.status = status;
    if (status === 'failed') return;
    const files = batchFiles(
      batch.lines,
      { ...batch.script, status: status as never },
      batch.script.answer ?? this.answer,
      answered,
    );
    if (files.output)
      batch.output_file_id = this.store('batch_output.jsonl', 'batch_output', files.output).id;
    if (files.errors) batch.error_file_id = this.store('batch_errors.jsonl', 'batch_output', files.errors).id;
    batch.request_counts = {
      total: batch.lines.length,
      completed: batch.lines.length - files.failed,
      failed: files.failed,
    };
  }

  private store(filename: string, purpose: string, content: string): StoredFile {
    const stored = { id: `file-mock-${this.files.size + 1}`, filename, purpose, content };
    this.files.set(stored.id, stored);
    return stored;
  }

  /** Answers with the script's fault for this step, once. */
  private faulted(
    batch: MockBatch | undefined,
    step: 'create' | 'retrieve' | 'content',
    res: ServerResponse,
  ): boolean {
    const fault = batch?.script.fault;
    if (!batch || fault?.on !== step) return false;
    batch.script = { ...batch.script, fault: undefined };
    this.fail(res, fault.status, `Scripted HTTP ${fault.status} error on batch ${step}`);
    return true;
  }

  private fail(res: ServerResponse, status: number, message: string): void {
    sendError(res, status, this.errorBody(status, message));
  }
}

function batchObject(b: MockBatch): object {
  const failed = b.status === 'failed';
  return {
    id: b.id,
    object: 'batch',
    endpoint: b.endpoint,
    input_file_id: b.input_file_id,
    completion_window: '24h',
    status: b.status,
    created_at: 1_700_000_000,
    output_file_id: b.output_file_id ?? null,
    error_file_id: b.error_file_id ?? null,
    request_counts: { ...b.request_counts },
    metadata: b.metadata,
    ...(failed
      ? {
          errors: {
            object: 'list',
            data: [{ code: 'invalid_request', message: 'Scripted batch failure', line: 1 }],
          },
        }
      : {}),
  };
}

function fileObject(f: StoredFile): object {
  const bytes = Buffer.byteLength(f.content);
  return {
    id: f.id,
    object: 'file',
    bytes,
    created_at: 1_700_000_000,
    filename: f.filename,
    purpose: f.purpose,
    status: 'processed',
  };
}

/** The parts of a `multipart/form-data` body by name (text parts only: batch files are JSONL). */
function multipart(request: RecordedRequest): Map<string, { value: string; filename?: string }> {
  const type = String(request.headers['content-type'] ?? '');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  const parts = new Map<string, { value: string; filename?: string }>();
  if (!boundary) return parts;
  for (const part of request.rawBody.split(`--${boundary[1] ?? boundary[2]}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (name === undefined) continue;
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    parts.set(name, { value: part.slice(split + 4).replace(/\r\n$/, ''), filename });
  }
  return parts;
}
