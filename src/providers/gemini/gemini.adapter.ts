import type { ToolRegistry } from '../../calls/tool-registry';
import type { WireOptions } from '../../calls/wire-normalizer';
import type { ChatMessage } from '../../extractor/extractor.types';
import type {
  ProviderAdapter,
  ProviderTurn,
  StreamEvent,
  ToolResultMessage,
} from '../../extractor/provider-adapter';
import { streamInterrupted } from '../../extractor/stream-interrupted';
import { geminiReaskContents } from './gemini-reask';
import { toGeminiContents } from './gemini-request';
import { GeminiStreamAssembler } from './gemini-stream.assembler';
import { readGeminiTurn } from './gemini-turn.reader';
import type { GeminiContent, GeminiResponse } from './gemini.types';

/** What `buildParams` receives. */
export interface GeminiBuildInput {
  messages: GeminiContent[];
  registry: ToolRegistry;
  options: Record<string, unknown>;
  stream: boolean;
}

/**
 * The Gemini core shared by the `@google-cloud/vertexai` and `@google/genai` adapters: reading
 * replies, assembling streams and building re-ask turns. A subclass only says how its SDK shapes
 * the request and sends it.
 */
export abstract class GeminiAdapter<Params, Res extends GeminiResponse> implements ProviderAdapter<
  Params,
  Res,
  GeminiContent
> {
  abstract readonly provider: string;
  /** Enums travel as strings in the Gemini dialect; nulls are real values (optional fields are simply left out). */
  readonly wire: WireOptions = { dropNulls: false, enumStrings: true };

  fromChatMessages(messages: ChatMessage[]): GeminiContent[] {
    return toGeminiContents(messages);
  }

  abstract buildParams(input: GeminiBuildInput): Params;

  abstract send(params: Params, signal?: AbortSignal): Promise<Res>;

  /** Opens the SDK's stream; errors before the first chunk pass through as the SDK reports them. */
  protected abstract openStream(params: Params, signal?: AbortSignal): Promise<AsyncIterable<GeminiResponse>>;

  readTurn(response: Res): ProviderTurn<Res> {
    return readGeminiTurn(response);
  }

  async *stream(params: Params, signal?: AbortSignal): AsyncIterable<StreamEvent<Res>> {
    const chunks = await this.openStream(params, signal);
    const assembler = new GeminiStreamAssembler();
    try {
      for await (const chunk of chunks) {
        for (const call of assembler.push(chunk)) yield { type: 'call', call };
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      throw streamInterrupted(error);
    }
    if (!assembler.finished)
      throw streamInterrupted(new Error('the stream ended before the model finished its reply'));
    yield { type: 'end', turn: this.readTurn(assembler.toResponse() as Res) };
  }

  reaskMessages(
    turn: ProviderTurn<Res>,
    results: ToolResultMessage[],
    instruction?: string,
  ): GeminiContent[] {
    return geminiReaskContents(turn.response, results, instruction);
  }
}
