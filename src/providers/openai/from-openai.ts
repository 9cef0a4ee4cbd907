import type OpenAI from 'openai';
import { Extractor, type NativeRequest } from '../../extractor/extractor';
import type { ExtractionResult, ExtractorOptions, ResponseModel } from '../../extractor/extractor.types';
import { Mode } from '../../extractor/mode';
import { resolveMode } from '../../extractor/mode.check';
import type { ProviderAdapter } from '../../extractor/provider-adapter';
import { OpenAIAdapter } from './openai.adapter';
import type {
  OpenAIChatCompletionsFacade,
  OpenAIExtractorOptions,
  OpenAIExtractParams,
  OpenAIRequestOptions,
} from './openai.types';
import { OpenAIResponsesAdapter } from './responses.adapter';
import type { OpenAIResponsesFacade, OpenAIResponsesParams, ResponseInputItem } from './responses.types';

/** One OpenAI API behind a facade: an extractor whose native entry points the facade may call. */
class ApiLane<Msg> extends Extractor<Msg> {
  run<T>(request: NativeRequest<Msg>): Promise<ExtractionResult<T>> {
    return this.runNative<T>(request, false);
  }

  streamCalls<T>(request: NativeRequest<Msg>): AsyncIterable<T> {
    return this.streamNative<T>(request);
  }
}

/**
 * The OpenAI facade: an {@link Extractor} (over the API its mode picks) that also speaks
 * `chat.completions.create` and `responses.create`, whatever the mode.
 */
export class OpenAIExtractor extends Extractor<unknown> {
  private readonly chatLane: ApiLane<unknown>;
  private readonly responsesLane: ApiLane<unknown>;

  /** SDK-shaped entry point: the chat-completion parameters plus `responseModel`. */
  readonly chat: { completions: OpenAIChatCompletionsFacade };

  /** SDK-shaped entry point: the Responses API parameters plus `responseModel`. */
  readonly responses: OpenAIResponsesFacade;

  constructor(
    adapters: { chat: ProviderAdapter; responses: ProviderAdapter },
    mode: Mode,
    options: ExtractorOptions = {},
  ) {
    super(mode === Mode.RESPONSES_PARALLEL_TOOLS ? adapters.responses : adapters.chat, options);
    // The lanes share this extractor's hooks, so one subscription sees every API.
    const laneOptions = { ...options, hooks: this.hooks };
    this.chatLane = new ApiLane(adapters.chat, laneOptions);
    this.responsesLane = new ApiLane(adapters.responses, laneOptions);

    const chatWhole = (params: OpenAIExtractParams<ResponseModel>, options?: OpenAIRequestOptions) =>
      this.chatLane.run(chatRequest(params, options));
    this.chat = {
      completions: {
        create: ((params: OpenAIExtractParams<ResponseModel>, options?: OpenAIRequestOptions) => {
          if (params.stream === true) return this.chatLane.streamCalls(chatRequest(params, options));
          return chatWhole(params, options).then((r) => r.data);
        }) as OpenAIChatCompletionsFacade['create'],
        createWithResponse: chatWhole as OpenAIChatCompletionsFacade['createWithResponse'],
        createWithCompletion: chatWhole as OpenAIChatCompletionsFacade['createWithCompletion'],
      },
    };
    this.responses = {
      create: ((params: OpenAIResponsesParams<ResponseModel>, options?: OpenAIRequestOptions) => {
        const request = responsesRequest(params, options);
        if (params.stream === true) return this.responsesLane.streamCalls(request);
        return this.responsesLane.run(request).then((r) => r.data);
      }) as OpenAIResponsesFacade['create'],
      createWithResponse: ((params: OpenAIResponsesParams<ResponseModel>, options?: OpenAIRequestOptions) =>
        this.responsesLane.run(
          responsesRequest(params, options),
        )) as OpenAIResponsesFacade['createWithResponse'],
    };
  }
}

function chatRequest(
  params: OpenAIExtractParams<ResponseModel>,
  options?: OpenAIRequestOptions,
): NativeRequest<unknown> {
  const { responseModel, maxRetries, validationContext, signal, stream: _stream, messages, ...rest } = params;
  return {
    messages: [...messages],
    responseModel,
    options: rest as Record<string, unknown>,
    maxRetries,
    validationContext,
    signal: options?.signal ?? signal,
  };
}

/** `input` as a string is one user message, as the API reads it. */
function responsesRequest(
  params: OpenAIResponsesParams<ResponseModel>,
  options?: OpenAIRequestOptions,
): NativeRequest<unknown> {
  const { responseModel, maxRetries, validationContext, signal, stream: _stream, input, ...rest } = params;
  const messages: ResponseInputItem[] =
    typeof input === 'string' ? [{ role: 'user', content: input }] : [...(input ?? [])];
  return {
    messages,
    responseModel,
    options: rest as Record<string, unknown>,
    maxRetries,
    validationContext,
    signal: options?.signal ?? signal,
  };
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
