import type { RawCall } from '../../calls/call.validator';
import { JsonFragmentAssembler } from '../../calls/json-fragment.assembler';
import type { StreamAssembler } from '../../extractor/provider-adapter';
import type { Response, ResponseOutputItem, ResponseStreamEvent } from './responses.types';

type Item = Record<string, any>;

/** The events that end a Responses stream, each carrying the final `response`. */
const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Assembles a Responses API stream. `function_call` items go to the shared JSON-fragment assembler
 * keyed by their `output_index`: a call is complete when its arguments' JSON closes or at its
 * `response.output_item.done`, whichever comes first. The reply ends at `response.completed`,
 * `response.incomplete` or `response.failed` (or an `error` event the SDK did not raise itself);
 * its `response` is the reply as a whole, reasoning and message items included.
 */
export class ResponsesStreamAssembler implements StreamAssembler<ResponseStreamEvent, Response> {
  private readonly calls = new JsonFragmentAssembler<number>();
  /** Every output item as it stands: added, then replaced by its `output_item.done` form. */
  private readonly items = new Map<number, Item>();
  private head?: Response;
  private final?: Response;
  private error?: { code: string | null; message: string };

  push(event: ResponseStreamEvent): RawCall[] {
    const e = event as Item;
    switch (e?.type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        this.head = e.response;
        return [];
      case 'response.output_item.added':
        return this.itemEvent(e, false);
      case 'response.function_call_arguments.delta':
        return typeof e.output_index === 'number' && typeof e.delta === 'string'
          ? this.calls.push(e.output_index, { arguments: e.delta })
          : [];
      case 'response.output_item.done':
        return this.itemEvent(e, true);
      case 'error':
        this.error = { code: e.code ?? null, message: String(e.message ?? 'error event') };
        return this.calls.endAll();
      default:
        if (FINAL_EVENTS.has(e?.type)) {
          this.final = e.response ?? { ...this.head, status: e.type.slice('response.'.length) };
          return this.calls.endAll();
        }
        return [];
    }
  }

  get finished(): boolean {
    return this.final !== undefined || this.error !== undefined;
  }

  toResponse(): Response {
    const base: Item = this.final ?? this.head ?? { id: '', object: 'response', created_at: 0, model: '' };
    const output: ResponseOutputItem[] =
      Array.isArray(base.output) && base.output.length > 0 ? base.output : this.assembledOutput();
    const response: Item = { ...base, output, output_text: outputText(output) };
    if (this.error) {
      response.status = 'failed';
      response.error = this.error;
    }
    return response as Response;
  }

  private itemEvent(e: Item, done: boolean): RawCall[] {
    const index = e.output_index;
    const item = e.item;
    if (typeof index !== 'number' || !item || typeof item !== 'object') return [];
    this.items.set(index, item);
    if (item.type !== 'function_call') return [];
    const known = this.current(index);
    const fragment = {
      id: typeof item.call_id === 'string' ? item.call_id : undefined,
      name: known ? undefined : item.name,
      // The done item carries the whole arguments: use them only when no delta brought any.
      arguments: !known || known.arguments === '' ? item.arguments : undefined,
    };
    const completed = this.calls.push(index, fragment);
    return done ? [...completed, ...this.calls.end(index)] : completed;
  }

  /** The call being assembled at an output index, if any. */
  private current(index: number) {
    const all = this.calls.calls;
    for (let i = all.length - 1; i >= 0; i--) if (all[i].key === index) return all[i];
    return undefined;
  }

  /** The output when the final event carried none: the items in output order, calls as assembled. */
  private assembledOutput(): ResponseOutputItem[] {
    return [...this.items.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, item]) => {
        if (item.type !== 'function_call' || item.status === 'completed') return item;
        const call = this.current(index);
        return { ...item, arguments: call?.arguments ?? item.arguments ?? '', status: 'incomplete' };
      }) as ResponseOutputItem[];
  }
}

/** The text of the reply's `output_text` parts, as the SDK's `output_text` convenience field has it. */
export function outputText(output: readonly unknown[]): string {
  const texts: string[] = [];
  for (const item of output as Item[]) {
    if (item?.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) if (part?.type === 'output_text') texts.push(String(part.text ?? ''));
  }
  return texts.join('');
}
