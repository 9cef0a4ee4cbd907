import { OpenAIApiAdapter } from './openai-api.adapter';
import { rawCall, type RawCall } from '../../calls/call.validator';
import type { ChatMessage, Usage } from '../../extractor/extractor.types';
import { mergeParams } from '../../extractor/merge-params';
import { usageOf } from '../../extractor/usage';
import type {
  ProviderAdapter,
  ProviderTurn,
  StopReason,
  ToolResultMessage,
  BuildParamsInput,
} from '../../extractor/provider-adapter';
import { toOpenAITool } from '../../schema/tool-definition';
import { OpenAIStreamAssembler } from './openai-stream.assembler';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam } from './openai.types';

type Params = Record<string, unknown> & { messages: ChatCompletionMessageParam[] };

/** OpenAI chat completions with parallel tool calls (also OpenAI-compatible servers). */
export class OpenAIAdapter
  extends OpenAIApiAdapter<Params, ChatCompletion, ChatCompletionChunk>
  implements ProviderAdapter<Params, ChatCompletion, ChatCompletionMessageParam>
{
  readonly provider = 'openai';
  fromChatMessages(messages: ChatMessage[]): ChatCompletionMessageParam[] {
    return messages.map(({ role, content }) => ({ role, content }) as ChatCompletionMessageParam);
  }

  buildParams(input: BuildParamsInput<ChatCompletionMessageParam>): Params {
    const { options, registry } = input;
    // Built once per tool list and dialect; each request gets its own copy of the list.
    const own = registry.derive(this.strict ? 'openai-chat:strict' : 'openai-chat', (classes) =>
      classes.map((c) => toOpenAITool(c, { strict: this.strict })),
    );
    const params = mergeParams<Params>(
      options,
      { messages: input.messages },
      this.parallelTools(options, own),
    );
    if (input.stream) {
      params.stream = true;
      params.stream_options = { include_usage: true, ...(options.stream_options as object) };
    }
    return params;
  }

  protected create(params: Params, options: { signal?: AbortSignal }): Promise<unknown> {
    return this.client.chat.completions.create(params as any, options);
  }

  readTurn(response: ChatCompletion): ProviderTurn<ChatCompletion> {
    const choice = response.choices?.[0];
    const message = choice?.message;
    const toolCalls = Array.isArray(message?.tool_calls) ? message.tool_calls : [];
    // Sized once: on a reply of thousands of calls, a growing array is garbage several times its size.
    const calls: RawCall[] = new Array(toolCalls.length);
    let count = 0;
    for (let i = 0; i < toolCalls.length; i++) {
      const c = toolCalls[i];
      if (c.type !== 'function' && (c as { function?: unknown }).function === undefined) continue;
      const fn = (c as { function: { name: string; arguments: string } }).function;
      calls[count] = rawCall(count, c.id || undefined, fn?.name, fn?.arguments ?? '');
      count++;
    }
    calls.length = count;
    return {
      response,
      calls,
      stop: stopReason(choice?.finish_reason, message?.refusal),
      detail: message?.refusal ?? message?.content ?? undefined,
      usage: toUsage(response.usage),
    };
  }

  createAssembler(): OpenAIStreamAssembler {
    return new OpenAIStreamAssembler();
  }

  reaskMessages(
    turn: ProviderTurn<ChatCompletion>,
    results: ToolResultMessage[],
    instruction?: string,
  ): ChatCompletionMessageParam[] {
    // The calls as they were checked (a wrapper's inner calls each on their own), not as sent.
    const calls = results.map((r) => r.call);
    const ids = uniqueCallIds(calls);
    const messages: ChatCompletionMessageParam[] = [];
    const content = turn.response.choices?.[0]?.message?.content ?? null;
    if (calls.length > 0) {
      messages.push({
        role: 'assistant',
        content,
        tool_calls: calls.map((c, i) => ({
          id: ids[i],
          type: 'function',
          function: {
            name: String(c.name),
            arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
          },
        })),
      });
      results.forEach((r, i) => messages.push({ role: 'tool', tool_call_id: ids[i], content: r.content }));
    } else if (content) {
      messages.push({ role: 'assistant', content });
    }
    if (instruction) messages.push({ role: 'user', content: instruction });
    return messages;
  }
}

/**
 * Ids for the re-ask turn, one per call in order: OpenAI refuses a conversation with a missing or
 * repeated tool_call_id (a wrapper's inner calls share the wrapper's id).
 */
function uniqueCallIds(calls: RawCall[]): string[] {
  const seen = new Set<string>();
  return calls.map((c, position) => {
    let id = c.id || `call_${position}`;
    while (seen.has(id)) id = `${id}_${position}`;
    seen.add(id);
    return id;
  });
}

function stopReason(finish: string | null | undefined, refusal: string | null | undefined): StopReason {
  if (refusal) return 'refusal';
  if (finish === 'length') return 'length';
  if (finish === 'content_filter') return 'blocked';
  return finish === 'tool_calls' ? 'tool_calls' : 'stop';
}

function toUsage(usage: ChatCompletion['usage']): Usage | undefined {
  return usage ? usageOf(usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) : undefined;
}
