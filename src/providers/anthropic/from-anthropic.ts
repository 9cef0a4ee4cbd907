import type Anthropic from '@anthropic-ai/sdk';
import { BatchClient } from '../../batch/batch.client';
import { ParallelToolsError } from '../../errors/parallel-tools.error';
import { Extractor, type FacadeParams } from '../../extractor/extractor';
import type { ExtractionResult, ExtractorOptions } from '../../extractor/extractor.types';
import { Mode } from '../../extractor/mode';
import { resolveMode } from '../../extractor/mode.check';
import { AnthropicAdapter } from './anthropic.adapter';
import { AnthropicBatchProtocol } from './anthropic-batch.protocol';
import {
  DEFAULT_MAX_TOKENS,
  type AnthropicExtractorOptions,
  type AnthropicMessagesFacade,
  type AnthropicRequestOptions,
  type MessageParam,
} from './anthropic.types';

/**
 * The Anthropic facade: an {@link Extractor} over the Messages API that also speaks
 * `messages.create` and `messages.createWithResponse`.
 */
export class AnthropicExtractor extends Extractor<MessageParam> {
  /** SDK-shaped entry point: the `MessageCreateParams` plus `responseModel`. */
  readonly messages: AnthropicMessagesFacade;

  constructor(
    protected override readonly adapter: AnthropicAdapter,
    options: ExtractorOptions = {},
  ) {
    super(adapter, options);
    const whole = <T>(params: FacadeParams, requestOptions?: AnthropicRequestOptions) =>
      this.runNative<T>(this.native(params, requestOptions), false) as Promise<ExtractionResult<T>>;
    this.messages = {
      create: ((params: FacadeParams, requestOptions?: AnthropicRequestOptions) =>
        params.stream === true
          ? this.streamNative(this.native(params, requestOptions))
          : whole(params, requestOptions).then((r) => r.data)) as AnthropicMessagesFacade['create'],
      createWithResponse: whole as AnthropicMessagesFacade['createWithResponse'],
    };
  }

  private batchClient?: BatchClient<MessageParam>;

  /**
   * Bulk extraction through Anthropic Message Batches: each request is a `{ custom_id, params }`
   * entry whose params are exactly the body a single `messages.create` sends, and each
   * `succeeded` result is judged like a single reply. customIds must match `^[a-zA-Z0-9_-]{1,64}$`.
   * See docs/batch.md.
   *
   * @example
   * const outcomes = await fromAnthropic(new Anthropic(), { model: 'claude-sonnet-4-5' }).batches.run(
   *   documents.map((doc) => ({ customId: doc.id, messages: [{ role: 'user', content: doc.text }], responseModel: [Person] })),
   *   { maxRetries: 1 },
   * );
   */
  get batches(): BatchClient<MessageParam> {
    const { adapter, hooks, limits, options } = this;
    return (this.batchClient ??= new BatchClient<MessageParam>(
      { adapter, hooks, limits, maxRetries: options.maxRetries, model: options.model },
      new AnthropicBatchProtocol(adapter.client),
    ));
  }

  /** The facade's `messages`, copied so that re-asks never touch the caller's array. */
  private native(params: FacadeParams, requestOptions?: AnthropicRequestOptions) {
    return this.fromFacadeParams(
      params,
      (messages: MessageParam[] | undefined) => [...(messages ?? [])],
      requestOptions,
    );
  }
}

/**
 * Wraps an `@anthropic-ai/sdk` client for parallel tool use. The result is an {@link Extractor}
 * with the SDK-shaped `messages.create` on top; `maxTokens` (default 4096) is the `max_tokens` of
 * every request that has none, the neutral `extract` included.
 *
 * @example
 * const client = fromAnthropic(new Anthropic(), { maxTokens: 1024 });
 * const calls = await client.messages.create({
 *   model: 'claude-sonnet-4-5',
 *   messages: [{ role: 'user', content: 'Weather in Toronto and Dallas, and who won the Super Bowl?' }],
 *   responseModel: [Weather, GoogleSearch],
 * }); // Array<Weather | GoogleSearch>
 */
export function fromAnthropic(
  client: Anthropic,
  options: AnthropicExtractorOptions & ExtractorOptions = {},
): AnthropicExtractor {
  resolveMode('fromAnthropic', options.mode, [Mode.ANTHROPIC_PARALLEL_TOOLS]);
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new ParallelToolsError(
      'invalid_options',
      `fromAnthropic: maxTokens must be a positive integer; got ${String(options.maxTokens)}. Pass the max_tokens the neutral extract should send, e.g. { maxTokens: 4096 }.`,
    );
  }
  return new AnthropicExtractor(new AnthropicAdapter(client, maxTokens), options);
}
