import type OpenAI from 'openai';
import { BatchClient } from '../../batch/batch.client';
import { Extractor, type FacadeParams } from '../../extractor/extractor';
import type { ExtractionResult, ExtractorOptions } from '../../extractor/extractor.types';
import { Mode } from '../../extractor/mode';
import { resolveMode } from '../../extractor/mode.check';
import type { ProviderAdapter } from '../../extractor/provider-adapter';
import { OpenAIAdapter } from './openai.adapter';
import { OpenAIBatchProtocol } from './openai-batch.protocol';
import type {
  ChatCompletionMessageParam,
  OpenAIChatCompletionsFacade,
  OpenAIExtractorOptions,
  OpenAIRequestOptions,
} from './openai.types';
import { OpenAIResponsesAdapter } from './responses.adapter';
import type { OpenAIResponsesFacade, ResponseInputItem } from './responses.types';

/**
 * One OpenAI API behind a facade: an extractor over that API's adapter whose native entry points
 * the facade calls, whatever API the neutral methods use.
 */
class ApiLane<Msg> extends Extractor<Msg> {
  constructor(
    adapter: ProviderAdapter<any, any, Msg>,
    options: ExtractorOptions,
    private readonly split: (params: FacadeParams) => { messages: Msg[]; rest: FacadeParams },
  ) {
    super(adapter, options);
  }

  whole<T>(params: FacadeParams, options?: OpenAIRequestOptions): Promise<ExtractionResult<T>> {
    return this.runNative<T>(this.request(params, options), false);
  }

  calls(params: FacadeParams, options?: OpenAIRequestOptions): Promise<unknown[]> | AsyncIterable<unknown> {
    if (params.stream === true) return this.streamNative(this.request(params, options));
    return this.whole(params, options).then((r) => r.data);
  }

  private request(params: FacadeParams, options?: OpenAIRequestOptions) {
    const { messages, rest } = this.split(params);
    return this.fromFacadeParams(rest, () => messages, options);
  }
}

/** The chat facade's `messages`, copied so that re-asks never touch the caller's array. */
function chatMessages(params: FacadeParams) {
  return { messages: [...(params.messages as ChatCompletionMessageParam[])], rest: params };
}

/** The Responses facade's `input` is the conversation: a string is one user message, as the API reads it. */
function responsesInput(params: FacadeParams) {
  const { input, ...rest } = params as FacadeParams & { input?: string | ResponseInputItem[] };
  const messages: ResponseInputItem[] =
    typeof input === 'string' ? [{ role: 'user', content: input }] : [...(input ?? [])];
  return { messages, rest };
}

/**
 * A native message of an OpenAI batch request (`nativeMessages`): chat messages for
 * `/v1/chat/completions` lines, Responses input items for `/v1/responses` lines.
 */
export type OpenAIBatchMessage = ChatCompletionMessageParam | ResponseInputItem;

/**
 * The OpenAI facade: an {@link Extractor} (over the API its mode picks) that also speaks
 * `chat.completions.create` and `responses.create`, whatever the mode.
 */
export class OpenAIExtractor extends Extractor<unknown> {
  /** SDK-shaped entry point: the chat-completion parameters plus `responseModel`. */
  readonly chat: { completions: OpenAIChatCompletionsFacade };

  /** SDK-shaped entry point: the Responses API parameters plus `responseModel`. */
  readonly responses: OpenAIResponsesFacade;

  constructor(
    adapters: { chat: OpenAIAdapter; responses: OpenAIResponsesAdapter },
    mode: Mode,
    options: ExtractorOptions = {},
  ) {
    super(mode === Mode.RESPONSES_PARALLEL_TOOLS ? adapters.responses : adapters.chat, options);
    // The lanes share this extractor's hooks, so one subscription sees every API.
    const laneOptions = { ...options, hooks: this.hooks };
    const chat = new ApiLane(adapters.chat, laneOptions, chatMessages);
    const responses = new ApiLane(adapters.responses, laneOptions, responsesInput);
    const chatWhole = (params: FacadeParams, options?: OpenAIRequestOptions) => chat.whole(params, options);
    this.chat = {
      completions: {
        create: ((params: FacadeParams, options?: OpenAIRequestOptions) =>
          chat.calls(params, options)) as OpenAIChatCompletionsFacade['create'],
        createWithResponse: chatWhole as OpenAIChatCompletionsFacade['createWithResponse'],
        createWithCompletion: chatWhole as OpenAIChatCompletionsFacade['createWithCompletion'],
      },
    };
    this.responses = {
      create: ((params: FacadeParams, options?: OpenAIRequestOptions) =>
        responses.calls(params, options)) as OpenAIResponsesFacade['create'],
      createWithResponse: ((params: FacadeParams, options?: OpenAIRequestOptions) =>
        responses.whole(params, options)) as OpenAIResponsesFacade['createWithResponse'],
    };
    this.batchAdapters = adapters;
  }

  private readonly batchAdapters: { chat: OpenAIAdapter; responses: OpenAIResponsesAdapter };
  private batchClient?: BatchClient<OpenAIBatchMessage>;

  /**
   * Bulk extraction through the OpenAI Batch API, over the API the mode picks: each request is a
   * `/v1/chat/completions` line (or `/v1/responses` in `Mode.RESPONSES_PARALLEL_TOOLS`) with exactly
   * the body a single call sends, and each result line is judged like a single reply. See docs/batch.md.
   *
   * @example
   * const outcomes = await client.batches.run(requests, { maxRetries: 1 });
   */
  get batches(): BatchClient<OpenAIBatchMessage> {
    const { adapter, hooks, limits, options } = this;
    const endpoint = adapter === this.batchAdapters.responses ? '/v1/responses' : '/v1/chat/completions';
    const protocol = new OpenAIBatchProtocol(this.batchAdapters.chat.client, endpoint);
    // The adapter of the mode takes that API's native messages; the union types both lanes.
    return (this.batchClient ??= new BatchClient<OpenAIBatchMessage>(
      {
        adapter: adapter as ProviderAdapter<unknown, unknown, OpenAIBatchMessage>,
        hooks,
        limits,
        maxRetries: options.maxRetries,
        model: options.model,
      },
      protocol,
    ));
  }
}

/**
 * Wraps an `openai` client for parallel tool calls. The result is an {@link Extractor} with the
 * SDK-shaped `chat.completions.create` and `responses.create` on top; `mode` picks the API of the
 * neutral `extract` / `stream` (`Mode.PARALLEL_TOOLS`, the default, or `Mode.RESPONSES_PARALLEL_TOOLS`).
 *
 * @example
 * const client = fromOpenAI(new OpenAI(), { mode: Mode.PARALLEL_TOOLS });
 * const calls = await client.chat.completions.create({
 *   model: 'gpt-4o-mini',
 *   messages: [{ role: 'user', content: 'Weather in Toronto and Dallas, and who won the Super Bowl?' }],
 *   responseModel: [Weather, GoogleSearch],
 * }); // Array<Weather | GoogleSearch>
 * const same = await client.responses.create({
 *   model: 'gpt-4.1-mini',
 *   input: 'Weather in Toronto and Dallas, and who won the Super Bowl?',
 *   responseModel: [Weather, GoogleSearch],
 * });
 */
export function fromOpenAI(
  client: OpenAI,
  options: OpenAIExtractorOptions & ExtractorOptions = {},
): OpenAIExtractor {
  const mode = resolveMode('fromOpenAI', options.mode, [Mode.PARALLEL_TOOLS, Mode.RESPONSES_PARALLEL_TOOLS]);
  const strict = options.strict ?? false;
  const adapters = {
    chat: new OpenAIAdapter(client, strict),
    responses: new OpenAIResponsesAdapter(client, strict),
  };
  return new OpenAIExtractor(adapters, mode, options);
}
