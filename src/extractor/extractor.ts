import { DEFAULT_ARGUMENT_LIMITS, type ArgumentLimits } from '../calls/argument-limits';
import { ToolRegistry } from '../calls/tool-registry';
import { extractWhole, streamExtraction, type RunInput } from './extraction.run';
import { ExtractorHooks } from './extractor.hooks';
import type {
  ExtractionControls,
  ExtractionResult,
  ExtractorOptions,
  ExtractRequest,
  ResponseModel,
  ToolCallOf,
} from './extractor.types';
import type { ProviderAdapter } from './provider-adapter';

/** A request in the provider's own message form, as the SDK facades receive it. */
export interface NativeRequest<Msg> extends ExtractionControls {
  messages: Msg[];
  responseModel: unknown;
  /** Provider request settings passed through as is. */
  options: Record<string, unknown>;
}

/** What every facade's params carry beside the SDK's own fields. */
export interface FacadeParams extends ExtractionControls {
  messages?: unknown;
  responseModel: unknown;
  stream?: boolean;
}

/**
 * The provider-neutral extraction service: what NestJS services and other apps inject. Every
 * `from*` factory returns one (with its provider's SDK-shaped method on top).
 *
 * @example
 * const calls = await extractor.extract({
 *   messages: [{ role: 'user', content: 'Weather in Toronto and Dallas?' }],
 *   responseModel: [Weather, GoogleSearch],
 * });
 */
export class Extractor<Msg = unknown> {
  /** Subscribe to `request`, `response`, `parse:error`, `retry` and `error` events here. */
  readonly hooks: ExtractorHooks;
  protected readonly limits: ArgumentLimits;

  constructor(
    protected readonly adapter: ProviderAdapter<any, any, Msg>,
    protected readonly options: ExtractorOptions = {},
  ) {
    this.hooks = options.hooks instanceof ExtractorHooks ? options.hooks : new ExtractorHooks(options.hooks);
    this.limits = { ...DEFAULT_ARGUMENT_LIMITS, ...options.limits };
  }

  /** The provider this extractor talks to (`openai`, `vertexai`, `genai`). */
  get provider(): string {
    return this.adapter.provider;
  }

  /** Every call the model made, as validated instances in the model's order. */
  async extract<const M extends ResponseModel>(request: ExtractRequest<M>): Promise<Array<ToolCallOf<M>>> {
    return (await this.extractWithResponse(request)).data;
  }

  /** The calls with the raw last response, the usage summed over attempts, and the attempt count. */
  async extractWithResponse<const M extends ResponseModel>(
    request: ExtractRequest<M>,
  ): Promise<ExtractionResult<ToolCallOf<M>>> {
    return this.runNative(this.toNative(request), false);
  }

  /** Each call as soon as its arguments are complete and valid, while the reply is still arriving. */
  stream<const M extends ResponseModel>(request: ExtractRequest<M>): AsyncIterable<ToolCallOf<M>> {
    return this.streamNative(this.toNative(request));
  }

  /**
   * A facade's params as a native request: the controls (`responseModel`, `maxRetries`,
   * `validationContext`, `signal`, `stream`) taken out, every other field passed to the provider as
   * is. `signal` may come in the SDK's request options or in the params.
   */
  protected fromFacadeParams(
    params: FacadeParams,
    toMessages: (messages: never) => Msg[],
    requestOptions?: { signal?: AbortSignal },
  ): NativeRequest<Msg> {
    const {
      responseModel,
      maxRetries,
      validationContext,
      signal,
      stream: _stream,
      messages,
      ...options
    } = params;
    return {
      messages: toMessages(messages as never),
      responseModel,
      options: options as Record<string, unknown>,
      maxRetries,
      validationContext,
      signal: requestOptions?.signal ?? signal,
    };
  }

  /**
   * Runs a request already in the provider's message form (the SDK facades' path). Not `async`:
   * the extraction's own promise is returned as is, without another hop; a bad tool list rejects.
   */
  protected runNative<T>(request: NativeRequest<Msg>, _stream: false): Promise<ExtractionResult<T>> {
    try {
      const registry = ToolRegistry.of(request.responseModel);
      return extractWhole(this.runInput(request, registry)) as Promise<ExtractionResult<T>>;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Streams a request already in the provider's message form. Bad tool classes throw here, at once. */
  protected streamNative<T>(request: NativeRequest<Msg>): AsyncIterable<T> {
    const registry = ToolRegistry.of(request.responseModel);
    return {
      [Symbol.asyncIterator]: () => streamExtraction(this.runInput(request, registry)) as AsyncGenerator<T>,
    };
  }

  private toNative(request: ExtractRequest): NativeRequest<Msg> {
    const model = request.model ?? this.options.model;
    return {
      messages: this.adapter.fromChatMessages(request.messages),
      responseModel: request.responseModel,
      options: { ...(model ? { model } : {}), ...request.providerOptions },
      maxRetries: request.maxRetries,
      validationContext: request.validationContext,
      signal: request.signal,
    };
  }

  private runInput(request: NativeRequest<Msg>, registry: ToolRegistry): RunInput<Msg> {
    return {
      adapter: this.adapter,
      registry,
      messages: request.messages,
      options: request.options,
      maxRetries: request.maxRetries ?? this.options.maxRetries ?? 0,
      validationContext: request.validationContext,
      signal: request.signal,
      hooks: this.hooks,
      limits: this.limits,
    };
  }
}
