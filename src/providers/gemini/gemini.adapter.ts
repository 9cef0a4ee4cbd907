import type { ToolRegistry } from '../../calls/tool-registry';
import type { WireOptions } from '../../calls/wire-normalizer';
import type { ChatMessage } from '../../extractor/extractor.types';
import type { ProviderAdapter, ProviderTurn, ToolResultMessage } from '../../extractor/provider-adapter';
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
  GeminiContent,
  GeminiResponse
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
  abstract openStream(params: Params, signal?: AbortSignal): Promise<AsyncIterable<GeminiResponse>>;

  readTurn(response: Res): ProviderTurn<Res> {
    return readGeminiTurn(response);
  }

  createAssembler(): GeminiStreamAssembler<Res> {
    return new GeminiStreamAssembler<Res>();
  }

  reaskMessages(
    turn: ProviderTurn<Res>,
    results: ToolResultMessage[],
    instruction?: string,
  ): GeminiContent[] {
    return geminiReaskContents(turn.response, results, instruction);
  }
}
