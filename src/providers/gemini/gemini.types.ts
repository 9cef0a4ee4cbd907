/**
 * The Gemini wire shapes both Google SDKs share, typed structurally so that the core imports
 * neither `@google-cloud/vertexai` nor `@google/genai`. Unknown fields travel along untouched.
 */

/** One piece of a streamed argument (Vertex, `streamFunctionCallArguments`). */
export interface GeminiPartialArg {
  /** RFC 9535 JSON Path of the value, e.g. `$.location` or `$.stops[0].city`. */
  jsonPath?: string;
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  nullValue?: string;
  /** More pieces of the same path follow (a string value continues). */
  willContinue?: boolean;
}

/** A `functionCall` part: complete (`args`) or streamed (`partialArgs`, `willContinue`). */
export interface GeminiFunctionCall {
  name?: string;
  id?: string;
  args?: object;
  partialArgs?: GeminiPartialArg[];
  willContinue?: boolean;
}

/** One part of a content. */
export interface GeminiPart {
  text?: string;
  /** A thought summary, not an answer. */
  thought?: boolean;
  /** Gemini 3 signs its reasoning; the signature must be sent back with the part. */
  thoughtSignature?: string;
  functionCall?: GeminiFunctionCall;
  functionResponse?: { name?: string; id?: string; response?: object };
}

/** A conversation turn. `system` is ours: those turns become `systemInstruction`. */
export interface GeminiContent {
  role?: string;
  parts?: GeminiPart[];
}

/** `usageMetadata` of a reply (cumulative in a stream). */
export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  totalTokenCount?: number;
}

/** A candidate of a reply. */
export interface GeminiCandidate {
  content?: GeminiContent;
  finishReason?: string;
  finishMessage?: string;
  index?: number;
}

/** A `generateContent` reply, or one chunk of `streamGenerateContent`. */
export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}
