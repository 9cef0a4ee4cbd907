import type { RawCall } from '../../calls/call.validator';
import type { ChatCompletion, ChatCompletionChunk } from './openai.types';

interface PartialCall {
  index: number;
  id?: string;
  name: string;
  arguments: string;
}

/**
 * Assembles OpenAI stream chunks into calls. A call is complete when a delta for a later index
 * arrives or the choice finishes; `push` returns the calls that became complete.
 */
export class OpenAIStreamAssembler {
  private readonly calls: PartialCall[] = [];
  private current?: PartialCall;
  private emitted = 0;
  private content = '';
  private refusal = '';
  private finishReason: string | null = null;
  private usage?: ChatCompletion['usage'];
  private meta: { id: string; model: string; created: number } = { id: '', model: '', created: 0 };

  push(chunk: ChatCompletionChunk): RawCall[] {
    this.meta = {
      id: chunk.id ?? this.meta.id,
      model: chunk.model ?? this.meta.model,
      created: chunk.created ?? this.meta.created,
    };
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return [];
    const done: RawCall[] = [];
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string') this.content += delta.content;
    if (typeof delta.refusal === 'string') this.refusal += delta.refusal;
    for (const part of delta.tool_calls ?? []) {
      if (!this.current || part.index !== this.current.index) {
        done.push(...this.completeCurrent());
        this.current = { index: part.index, id: part.id, name: '', arguments: '' };
        this.calls.push(this.current);
      }
      if (part.id) this.current.id = part.id;
      if (part.function?.name) this.current.name += part.function.name;
      if (part.function?.arguments) this.current.arguments += part.function.arguments;
    }
    if (choice.finish_reason) {
      this.finishReason = choice.finish_reason;
      done.push(...this.completeCurrent());
    }
    return done;
  }

  /** Whether the choice finished (a stream that ends before this was cut). */
  get finished(): boolean {
    return this.finishReason !== null;
  }

  /** The whole reply in the non-streaming shape, for re-asks and for `response`. */
  toCompletion(): ChatCompletion {
    const toolCalls = this.calls.map((c) => ({
      id: c.id ?? '',
      type: 'function' as const,
      function: { name: c.name, arguments: c.arguments },
    }));
    return {
      id: this.meta.id,
      object: 'chat.completion',
      created: this.meta.created,
      model: this.meta.model,
      choices: [
        {
          index: 0,
          finish_reason: (this.finishReason ?? 'stop') as ChatCompletion['choices'][number]['finish_reason'],
          logprobs: null,
          message: {
            role: 'assistant',
            content: this.content || null,
            refusal: this.refusal || null,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
        },
      ],
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }

  private completeCurrent(): RawCall[] {
    const call = this.current;
    this.current = undefined;
    if (!call) return [];
    return [{ index: this.emitted++, id: call.id, name: call.name, arguments: call.arguments }];
  }
}
