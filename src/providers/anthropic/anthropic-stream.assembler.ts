import type { RawCall } from '../../calls/call.validator';
import { JsonFragmentAssembler } from '../../calls/json-fragment.assembler';
import type { StreamAssembler } from '../../extractor/provider-adapter';
import { inputObject } from './anthropic-content';
import type { Message, MessageStreamEvent } from './anthropic.types';

type Block = Record<string, any>;

/**
 * Assembles a Messages stream. `tool_use` blocks go to the shared JSON-fragment assembler keyed by
 * their content-block index: a call is complete when its input's JSON closes or at its
 * `content_block_stop`, whichever comes first (`""` alone is `{}`). Text, thinking (with its
 * `signature`) and other blocks are rebuilt in place for `response` and the re-ask echo. The reply
 * ends at `message_stop`; `ping` events may come anywhere.
 */
export class AnthropicStreamAssembler implements StreamAssembler<MessageStreamEvent, Message> {
  private readonly calls = new JsonFragmentAssembler<number>();
  private readonly blocks = new Map<number, Block>();
  private head?: Block;
  private stopReason: string | null = null;
  private stopSequence: string | null = null;
  private usage: Block = {};
  private stopped = false;

  push(event: MessageStreamEvent): RawCall[] {
    const e = event as Block;
    switch (e?.type) {
      case 'message_start':
        this.head = e.message && typeof e.message === 'object' ? e.message : {};
        this.usage = { ...this.head?.usage };
        return [];
      case 'content_block_start':
        return this.start(e.index, e.content_block);
      case 'content_block_delta':
        return this.delta(e.index, e.delta);
      case 'content_block_stop':
        return typeof e.index === 'number' && this.blocks.get(e.index)?.type === 'tool_use'
          ? this.calls.end(e.index)
          : [];
      case 'message_delta':
        if (e.delta?.stop_reason !== undefined) this.stopReason = e.delta.stop_reason;
        if (e.delta?.stop_sequence !== undefined) this.stopSequence = e.delta.stop_sequence;
        // message_delta usage is cumulative: it replaces the counts message_start gave.
        // Defined, not assigned: a `__proto__` key in the payload stays a plain own property.
        for (const [key, value] of Object.entries(e.usage ?? {}))
          if (value !== null)
            Object.defineProperty(this.usage, key, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
        return [];
      case 'message_stop':
        this.stopped = true;
        return this.calls.endAll();
      default:
        return [];
    }
  }

  get finished(): boolean {
    return this.stopped;
  }

  toResponse(): Message {
    const inputs = new Map(this.calls.calls.map((call) => [call.key, call.arguments]));
    const content = [...this.blocks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, block]) => (block.type === 'tool_use' ? toolUse(block, inputs.get(index)) : block));
    return {
      ...this.head,
      content,
      stop_reason: this.stopReason,
      stop_sequence: this.stopSequence,
      usage: this.usage,
    } as Message;
  }

  private start(index: unknown, block: Block | undefined): RawCall[] {
    if (typeof index !== 'number' || !block || typeof block !== 'object') return [];
    this.blocks.set(index, { ...block });
    if (block.type !== 'tool_use') return [];
    // The input is `{}` at the start; a server that sends it whole there sends no deltas.
    const whole = block.input && typeof block.input === 'object' && Object.keys(block.input).length > 0;
    return this.calls.push(index, {
      id: typeof block.id === 'string' && block.id !== '' ? block.id : undefined,
      name: typeof block.name === 'string' ? block.name : '',
      arguments: whole ? block.input : undefined,
    });
  }

  private delta(index: unknown, delta: Block | undefined): RawCall[] {
    const block = typeof index === 'number' ? this.blocks.get(index) : undefined;
    if (!block || !delta) return [];
    switch (delta.type) {
      case 'input_json_delta':
        return block.type === 'tool_use' && typeof delta.partial_json === 'string'
          ? this.calls.push(index as number, { arguments: delta.partial_json })
          : [];
      case 'text_delta':
        block.text = `${block.text ?? ''}${delta.text ?? ''}`;
        return [];
      case 'thinking_delta':
        block.thinking = `${block.thinking ?? ''}${delta.thinking ?? ''}`;
        return [];
      case 'signature_delta':
        block.signature = `${block.signature ?? ''}${delta.signature ?? ''}`;
        return [];
      case 'citations_delta':
        block.citations = [...(block.citations ?? []), delta.citation];
        return [];
      default:
        return [];
    }
  }
}

/** A `tool_use` block as the API returns it whole: its input an object. */
function toolUse(block: Block, input: string | undefined): Block {
  return { ...block, input: input !== undefined ? inputObject(input) : (block.input ?? {}) };
}
