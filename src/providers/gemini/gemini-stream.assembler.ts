import type { RawCall } from '../../calls/call.validator';
import type { StreamAssembler } from '../../extractor/provider-adapter';
import type { GeminiCandidate, GeminiFunctionCall, GeminiPart, GeminiResponse } from './gemini.types';
import { PartialArgsBuilder } from './partial-args.builder';

interface OpenCall {
  part: GeminiPart & { functionCall: { name: string; id?: string; args: Record<string, unknown> } };
  builder: PartialArgsBuilder;
}

/**
 * Assembles `streamGenerateContent` chunks. A call is complete when its part arrives whole
 * (`{ name, args }`, the classic shape), or, with streamed arguments, when the empty
 * `functionCall: {}` (or a piece without `willContinue`) ends the `partialArgs` that followed its
 * `{ name, willContinue: true }`. `push` returns the calls that became complete.
 */
export class GeminiStreamAssembler<Res extends GeminiResponse = GeminiResponse> implements StreamAssembler<
  GeminiResponse,
  Res
> {
  /** The model's parts as one reply: calls whole, text fragments joined, signatures kept. */
  private readonly parts: GeminiPart[] = [];
  private open?: OpenCall;
  private emitted = 0;
  private sawCandidate = false;
  private candidate: Omit<GeminiCandidate, 'content'> = {};
  private readonly head: Omit<GeminiResponse, 'candidates'> = {};

  push(chunk: GeminiResponse): RawCall[] {
    const { candidates, ...head } = chunk;
    if (head.usageMetadata) head.usageMetadata = { ...this.head.usageMetadata, ...head.usageMetadata };
    Object.assign(this.head, head);
    const candidate = candidates?.[0];
    if (!candidate) return [];
    this.sawCandidate = true;
    const { content, ...meta } = candidate;
    Object.assign(this.candidate, meta);
    const done: RawCall[] = [];
    for (const part of content?.parts ?? []) {
      if (part.functionCall) done.push(...this.pushCall(part, part.functionCall));
      else this.pushOther(part);
    }
    if (candidate.finishReason) done.push(...this.finish(candidate.finishReason));
    return done;
  }

  /** Whether the model finished (or the prompt was blocked); a stream that ends before was cut. */
  get finished(): boolean {
    return this.candidate.finishReason !== undefined || Boolean(this.head.promptFeedback?.blockReason);
  }

  /** The whole reply in the non-streaming shape, for re-asks and for `response`. */
  toResponse(): Res {
    const candidates = this.sawCandidate
      ? [{ content: { role: 'model', parts: this.parts }, ...this.candidate }]
      : [];
    return { candidates, ...this.head } as Res;
  }

  private pushCall(part: GeminiPart, call: GeminiFunctionCall): RawCall[] {
    const done: RawCall[] = [];
    // A new name while a call is open: the open one was never ended, take it as it is.
    if (this.open && call.name) done.push(...this.close());
    if (!this.open) {
      if (!call.name) return done; // A stray terminator or piece: nothing to attach it to.
      const { functionCall: _, ...rest } = part;
      const sent: unknown = call.args ?? {};
      // Arguments that are not an object stay as sent, to fail as they do in a whole reply.
      const args = (isObject(sent) ? { ...sent } : sent) as Record<string, unknown>;
      const functionCall = { name: call.name, ...(call.id ? { id: call.id } : {}), args };
      this.open = {
        part: { ...rest, functionCall },
        builder: new PartialArgsBuilder(isObject(sent) ? args : {}),
      };
      this.parts.push(this.open.part);
    } else if (part.thoughtSignature && !this.open.part.thoughtSignature) {
      this.open.part.thoughtSignature = part.thoughtSignature;
    }
    for (const piece of call.partialArgs ?? []) this.open.builder.apply(piece);
    if (!call.willContinue) done.push(...this.close());
    return done;
  }

  private pushOther(part: GeminiPart): void {
    const last = this.parts[this.parts.length - 1];
    if (
      isText(part) &&
      last &&
      isText(last) &&
      !last.thoughtSignature &&
      Boolean(last.thought) === Boolean(part.thought)
    ) {
      last.text += part.text!;
      if (part.thoughtSignature) last.thoughtSignature = part.thoughtSignature;
      return;
    }
    // The empty text chunk that often carries the finish reason adds nothing.
    if (isText(part) && part.text === '' && !part.thoughtSignature) return;
    this.parts.push(isText(part) ? { ...part } : part);
  }

  private finish(reason: string): RawCall[] {
    if (!this.open) return [];
    if (reason === 'STOP') return this.close();
    // Cut by the token limit or a filter: the open call's arguments are not whole, drop it.
    this.parts.splice(this.parts.indexOf(this.open.part), 1);
    this.open = undefined;
    return [];
  }

  private close(): RawCall[] {
    const call = this.open?.part.functionCall;
    this.open = undefined;
    if (!call) return [];
    return [{ index: this.emitted++, id: call.id, name: call.name, arguments: call.args }];
  }
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isText(part: GeminiPart): boolean {
  return typeof part.text === 'string' && !part.functionCall;
}
