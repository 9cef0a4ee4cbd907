import OpenAI from 'openai';
import type { RawCall } from '../../calls/call.validator';
import type { ToolRegistry } from '../../calls/tool-registry';
import type { WireOptions } from '../../calls/wire-normalizer';
import type { ChatMessage, Usage } from '../../extractor/extractor.types';
import type { ProviderAdapter, ProviderTurn, ToolResultMessage } from '../../extractor/provider-adapter';
import type { ClassType } from '../../metadata/class-type';
import { toOpenAITool } from '../../schema/tool-definition';
import { responsesReaskInput } from './responses-reask';
import { responsesStopDetail, responsesStopReason, type ResponsesEnding } from './responses-stop-reason';
import { outputText, ResponsesStreamAssembler } from './responses-stream.assembler';
import type { FunctionTool, Response, ResponseInputItem, ResponseStreamEvent } from './responses.types';

type Params = Record<string, unknown> & { input: ResponseInputItem[] };
type Item = Record<string, any>;

/** The flat Responses function tool of each class, per dialect (the chat tool is cached already). */
const flatTools = new WeakMap<ClassType, { loose?: FunctionTool; strict?: FunctionTool }>();

/**
 * The OpenAI Responses API (`client.responses.create`) with parallel function calls: flat
 * function tools, `parallel_tool_calls: true`, `tool_choice: 'required'` unless given.
 */
export class OpenAIResponsesAdapter implements ProviderAdapter<
  Params,
  Response,
  ResponseInputItem,
  ResponseStreamEvent
> {
  readonly provider = 'openai-responses';
  readonly wire: WireOptions;

  constructor(
    private readonly client: OpenAI,
    private readonly strict = false,
  ) {
    this.wire = { dropNulls: strict, enumStrings: false };
  }

  /** System messages stay input messages in their place (the API takes any number of them, in order). */
  fromChatMessages(messages: ChatMessage[]): ResponseInputItem[] {
    return messages.map(({ role, content }) => ({ role, content }));
  }

  buildParams(input: {
    messages: ResponseInputItem[];
    registry: ToolRegistry;
    options: Record<string, unknown>;
    stream: boolean;
  }): Params {
    const { options, registry } = input;
    const own = registry.classes.map((c) => this.tool(c));
    const params: Params = {
      ...options,
      input: input.messages,
      tools: [...((options.tools as unknown[]) ?? []), ...own],
      tool_choice: options.tool_choice ?? 'required',
      parallel_tool_calls: options.parallel_tool_calls ?? true,
    };
    if (input.stream) params.stream = true;
    return params;
  }

  send(params: Params, signal?: AbortSignal): Promise<Response> {
    return this.client.responses.create(params as any, { signal }) as Promise<Response>;
  }

  readTurn(response: Response): ProviderTurn<Response> {
    const output = (Array.isArray(response?.output) ? response.output : []) as Item[];
    const calls: RawCall[] = output
      .filter((item) => item?.type === 'function_call')
      .map((item, index) => ({
        index,
        id: typeof item.call_id === 'string' && item.call_id !== '' ? item.call_id : undefined,
        name: item.name,
        arguments: item.arguments ?? '',
      }));
    const ending: ResponsesEnding = {
      status: response?.status,
      incompleteReason: response?.incomplete_details?.reason,
      refusal: refusalText(output),
      error: response?.error,
      calls: calls.length,
    };
    return {
      response,
      calls,
      stop: responsesStopReason(ending),
      detail: responsesStopDetail(ending, outputText(output)),
      usage: toUsage(response?.usage),
    };
  }

  async openStream(params: Params, signal?: AbortSignal): Promise<AsyncIterable<ResponseStreamEvent>> {
    return (await this.client.responses.create(params as any, {
      signal,
    })) as unknown as AsyncIterable<ResponseStreamEvent>;
  }

  createAssembler(): ResponsesStreamAssembler {
    return new ResponsesStreamAssembler();
  }

  /** The SDK ends an aborted stream quietly: report it as the SDK reports an abort. */
  abortError(): unknown {
    return new OpenAI.APIUserAbortError();
  }

  reaskMessages(
    turn: ProviderTurn<Response>,
    results: ToolResultMessage[],
    instruction?: string,
  ): ResponseInputItem[] {
    return responsesReaskInput(turn.response, results, instruction);
  }

  private tool(target: ClassType): FunctionTool {
    let entry = flatTools.get(target);
    if (!entry) flatTools.set(target, (entry = {}));
    const slot = this.strict ? 'strict' : 'loose';
    if (!entry[slot]) {
      const fn = toOpenAITool(target, { strict: this.strict }).function;
      entry[slot] = Object.freeze({
        type: 'function' as const,
        name: fn.name,
        ...(fn.description ? { description: fn.description } : {}),
        parameters: fn.parameters as FunctionTool['parameters'],
        strict: this.strict,
      });
    }
    return entry[slot]!;
  }
}

/** The first `refusal` content part of the reply's message items. */
function refusalText(output: Item[]): string | undefined {
  for (const item of output) {
    if (item?.type !== 'message' || !Array.isArray(item.content)) continue;
    const part = item.content.find((p: Item) => p?.type === 'refusal');
    if (part) return String(part.refusal ?? '') || '(no reason given)';
  }
  return undefined;
}

function toUsage(usage: Response['usage']): Usage | undefined {
  if (!usage) return undefined;
  return {
    promptTokens: usage.input_tokens ?? 0,
    completionTokens: usage.output_tokens ?? 0,
    totalTokens: usage.total_tokens ?? 0,
  };
}
