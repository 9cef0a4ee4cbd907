import OpenAI from 'openai';
import type { RawCall } from '../../calls/call.validator';
import type { ToolRegistry } from '../../calls/tool-registry';
import type { WireOptions } from '../../calls/wire-normalizer';
import type { ChatMessage, Usage } from '../../extractor/extractor.types';
import type {
  ProviderAdapter,
  ProviderTurn,
  StopReason,
  StreamEvent,
  ToolResultMessage,
} from '../../extractor/provider-adapter';
import { streamInterrupted } from '../../extractor/stream-interrupted';
import { toOpenAITool } from '../../schema/tool-definition';
import { OpenAIStreamAssembler } from './openai-stream.assembler';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam } from './openai.types';

type Params = Record<string, unknown> & { messages: ChatCompletionMessageParam[] };

/** OpenAI chat completions with parallel tool calls (also OpenAI-compatible servers). */
export class OpenAIAdapter implements ProviderAdapter<Params, ChatCompletion, ChatCompletionMessageParam> {
  readonly provider = 'openai';
  readonly wire: WireOptions;

  constructor(
    private readonly client: OpenAI,
    private readonly strict = false,
  ) {
    this.wire = { dropNulls: strict, enumStrings: false };
  }

  fromChatMessages(messages: ChatMessage[]): ChatCompletionMessageParam[] {
    return messages.map(({ role, content }) => ({ role, content }) as ChatCompletionMessageParam);
  }

  buildParams(input: {
    messages: ChatCompletionMessageParam[];
    registry: ToolRegistry;
    options: Record<string, unknown>;
    stream: boolean;
  }): Params {
    const { options, registry } = input;
    const own = registry.classes.map((c) => toOpenAITool(c, { strict: this.strict }));
    const params: Params = {
      ...options,
      messages: input.messages,
      tools: [...((options.tools as unknown[]) ?? []), ...own],
      tool_choice: options.tool_choice ?? 'required',
      parallel_tool_calls: options.parallel_tool_calls ?? true,
    };
    if (input.stream) {
      params.stream = true;
      params.stream_options = { include_usage: true, ...(options.stream_options as object) };
    }
    return params;
  }

  send(params: Params, signal?: AbortSignal): Promise<ChatCompletion> {
    return this.client.chat.completions.create(params as any, { signal }) as Promise<ChatCompletion>;
  }

  readTurn(response: ChatCompletion): ProviderTurn<ChatCompletion> {
    const choice = response.choices?.[0];
    const message = choice?.message;
    const calls: RawCall[] = (message?.tool_calls ?? [])
      .filter((c) => c.type === 'function' || (c as { function?: unknown }).function !== undefined)
      .map((c, index) => {
        const fn = (c as { function: { name: string; arguments: string } }).function;
        return { index, id: c.id || undefined, name: fn?.name, arguments: fn?.arguments ?? '' };
      });
    return {
      response,
      calls,
      stop: stopReason(choice?.finish_reason, message?.refusal),
      detail: message?.refusal ?? message?.content ?? undefined,
      usage: toUsage(response.usage),
    };
  }

  async *stream(params: Params, signal?: AbortSignal): AsyncIterable<StreamEvent<ChatCompletion>> {
    // HTTP errors before the first byte pass through unchanged, as the SDK reports them.
    const chunks = (await this.client.chat.completions.create(params as any, {
      signal,
    })) as unknown as AsyncIterable<ChatCompletionChunk>;
    const assembler = new OpenAIStreamAssembler();
    try {
      for await (const chunk of chunks) {
        for (const call of assembler.push(chunk)) yield { type: 'call', call };
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      throw streamInterrupted(error);
    }
    // The SDK ends an aborted stream quietly; the caller must still learn it was cancelled.
    if (signal?.aborted) throw new OpenAI.APIUserAbortError();
    if (!assembler.finished)
      throw streamInterrupted(new Error('the stream ended before the choice finished'));
    yield { type: 'end', turn: this.readTurn(assembler.toCompletion()) };
  }

  reaskMessages(
    turn: ProviderTurn<ChatCompletion>,
    results: ToolResultMessage[],
    instruction?: string,
  ): ChatCompletionMessageParam[] {
    const ids = uniqueCallIds(turn.calls);
    const messages: ChatCompletionMessageParam[] = [];
    if (turn.calls.length > 0) {
      messages.push({
        role: 'assistant',
        content: turn.response.choices?.[0]?.message?.content ?? null,
        tool_calls: turn.calls.map((c) => ({
          id: ids.get(c.index)!,
          type: 'function',
          function: {
            name: String(c.name),
            arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
          },
        })),
      });
      for (const r of results)
        messages.push({ role: 'tool', tool_call_id: ids.get(r.call.index)!, content: r.content });
    } else {
      const text = turn.response.choices?.[0]?.message?.content;
      if (text) messages.push({ role: 'assistant', content: text });
    }
    if (instruction) messages.push({ role: 'user', content: instruction });
    return messages;
  }
}

/**
 * Ids for the re-ask turn, by call index: OpenAI refuses a conversation with a missing or repeated
 * tool_call_id. By index, not by object: a stream's turn is rebuilt from the assembled completion.
 */
function uniqueCallIds(calls: RawCall[]): Map<number, string> {
  const seen = new Set<string>();
  const ids = new Map<number, string>();
  for (const c of calls) {
    let id = c.id || `call_${c.index}`;
    while (seen.has(id)) id = `${id}_${c.index}`;
    seen.add(id);
    ids.set(c.index, id);
  }
  return ids;
}

function stopReason(finish: string | null | undefined, refusal: string | null | undefined): StopReason {
  if (refusal) return 'refusal';
  if (finish === 'length') return 'length';
  if (finish === 'content_filter') return 'blocked';
  return finish === 'tool_calls' ? 'tool_calls' : 'stop';
}

function toUsage(usage: ChatCompletion['usage']): Usage | undefined {
  if (!usage) return undefined;
  return {
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    totalTokens: usage.total_tokens ?? 0,
  };
}
