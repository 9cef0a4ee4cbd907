import type { RawCall } from '../../calls/call.validator';
import { JsonFragmentAssembler } from '../../calls/json-fragment.assembler';
import type { StreamAssembler } from '../../extractor/provider-adapter';
import type { ChatCompletion, ChatCompletionChunk } from './openai.types';

/**
 * Assembles chat-completion stream chunks. Tool-call deltas go to the shared JSON-fragment
 * assembler keyed by their `index` (deltas of several calls may interleave; a new `id` on an index
 * starts another call, as OpenAI-compatible servers that put every call on `index: 0` do). A call
 * is complete when its arguments' JSON closes, or when the choice finishes.
 */
export class OpenAIStreamAssembler implements StreamAssembler<ChatCompletionChunk, ChatCompletion> {
  private readonly calls = new JsonFragmentAssembler<number>();
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
    const parts = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
    parts.forEach((part, position) => {
      const key = typeof part?.index === 'number' ? part.index : position;
      done.push(
        ...this.calls.push(key, {
          id: part?.id ?? undefined,
          name: part?.function?.name ?? undefined,
          arguments: part?.function?.arguments,
        }),
      );
    });
    if (choice.finish_reason) {
      this.finishReason = choice.finish_reason;
      done.push(...this.calls.endAll());
    }
    return done;
  }

  get finished(): boolean {
    return this.finishReason !== null;
  }

  toResponse(): ChatCompletion {
    const toolCalls = this.calls.calls.map((c) => ({
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
}
