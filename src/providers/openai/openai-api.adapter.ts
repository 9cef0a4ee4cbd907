import OpenAI from 'openai';
import type { WireOptions } from '../../calls/wire-normalizer';

/**
 * What the chat-completions and Responses adapters share: the SDK client, the wire options of the
 * OpenAI dialects, and how a cancelled stream is reported.
 */
export abstract class OpenAIApiAdapter<Params, Res, Chunk> {
  /** Strict schemas send optional properties as `null`: those nulls are dropped before validation. */
  readonly wire: WireOptions;

  constructor(
    /** The SDK client (the batch API reaches its `files` and `batches`). */
    readonly client: OpenAI,
    protected readonly strict = false,
  ) {
    this.wire = { dropNulls: strict, enumStrings: false };
  }

  /** The SDK method of this API (`chat.completions.create`, `responses.create`). */
  protected abstract create(params: Params, options: { signal?: AbortSignal }): Promise<unknown>;

  send(params: Params, signal?: AbortSignal): Promise<Res> {
    return this.create(params, { signal }) as Promise<Res>;
  }

  /** The same method with `stream: true` in `params` answers with the SDK's stream of events. */
  async openStream(params: Params, signal?: AbortSignal): Promise<AsyncIterable<Chunk>> {
    return (await this.create(params, { signal })) as AsyncIterable<Chunk>;
  }

  /** The user's own tools then ours, every call required and in parallel unless the user says otherwise. */
  protected parallelTools(options: Record<string, unknown>, own: unknown[]): Record<string, unknown> {
    return {
      tools: [...((options.tools as unknown[]) ?? []), ...own],
      tool_choice: options.tool_choice ?? 'required',
      parallel_tool_calls: options.parallel_tool_calls ?? true,
    };
  }

  /** The SDK ends an aborted stream quietly: report it as the SDK reports an abort. */
  abortError(): unknown {
    return new OpenAI.APIUserAbortError();
  }
}
