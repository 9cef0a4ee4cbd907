import type OpenAI from 'openai';
import { BatchClient } from '../../batch/batch.client';
import { Extractor, type FacadeParams } from '../../extractor/extractor';
import type { ExtractorOptions } from '../../extractor/extractor.types';
import { Mode } from '../../extractor/mode';
import { resolveMode } from '../../extractor/mode.check';
import { OpenAIAdapter } from './openai.adapter';
import { OpenAIBatchProtocol } from './openai-batch.protocol';
import type {
  ChatCompletionMessageParam,
  OpenAIChatCompletionsFacade,
  OpenAIExtractorOptions,
  OpenAIRequestOptions,
} from './openai.types';

/** The OpenAI facade: an {@link Extractor} that also speaks `chat.completions.create`. */
export class OpenAIExtractor extends Extractor<ChatCompletionMessageParam> {
  /** SDK-shaped entry point: the chat-completion parameters plus `responseModel`. */
  readonly chat: { completions: OpenAIChatCompletionsFacade } = {
    completions: {
      create: ((params: FacadeParams, options?: OpenAIRequestOptions) => {
        if (params.stream === true) return this.streamNative(this.chatRequest(params, options));
        return this.runNative(this.chatRequest(params, options), false).then((r) => r.data);
      }) as OpenAIChatCompletionsFacade['create'],
      createWithResponse: ((params: FacadeParams, options?: OpenAIRequestOptions) =>
        this.runNative(
          this.chatRequest(params, options),
          false,
        )) as OpenAIChatCompletionsFacade['createWithResponse'],
      createWithCompletion: ((params: FacadeParams, options?: OpenAIRequestOptions) =>
        this.runNative(
          this.chatRequest(params, options),
          false,
        )) as OpenAIChatCompletionsFacade['createWithCompletion'],
    },
  };

  private batchClient?: BatchClient<ChatCompletionMessageParam>;

  /**
   * Bulk extraction through the OpenAI Batch API: each request becomes a `/v1/chat/completions`
   * line with exactly the body `chat.completions.create` would send, each result line is judged
   * like a single reply. See docs/batch.md.
   *
   * @example
   * const outcomes = await client.batches.run(requests, { maxRetries: 1 });
   */
  get batches(): BatchClient<ChatCompletionMessageParam> {
    const { adapter, hooks, limits, options } = this;
    const protocol = new OpenAIBatchProtocol((adapter as OpenAIAdapter).client, '/v1/chat/completions');
    return (this.batchClient ??= new BatchClient(
      { adapter, hooks, limits, maxRetries: options.maxRetries, model: options.model },
      protocol,
    ));
  }

  private chatRequest(params: FacadeParams, options?: OpenAIRequestOptions) {
    return this.fromFacadeParams(params, (messages: ChatCompletionMessageParam[]) => [...messages], options);
  }
}

/**
 * Wraps an `openai` client for parallel tool calls. The result is an {@link Extractor} with the
 * SDK-shaped `chat.completions.create` on top.
 *
 * @example
 * const client = fromOpenAI(new OpenAI(), { mode: Mode.PARALLEL_TOOLS });
 * const calls = await client.chat.completions.create({
 *   model: 'gpt-4o-mini',
 *   messages: [{ role: 'user', content: 'Weather in Toronto and Dallas, and who won the Super Bowl?' }],
 *   responseModel: [Weather, GoogleSearch],
 * }); // Array<Weather | GoogleSearch>
 */
export function fromOpenAI(
  client: OpenAI,
  options: OpenAIExtractorOptions & ExtractorOptions = {},
): OpenAIExtractor {
  resolveMode('fromOpenAI', options.mode, [Mode.PARALLEL_TOOLS]);
  return new OpenAIExtractor(new OpenAIAdapter(client, options.strict ?? false), options);
}
