import { OpenAIApiAdapter } from './openai-api.adapter';
import { rawCall, type RawCall } from '../../calls/call.validator';
import type { ChatMessage, Usage } from '../../extractor/extractor.types';
import { mergeParams } from '../../extractor/merge-params';
import { usageOf } from '../../extractor/usage';
import type {
  ProviderAdapter,
  ProviderTurn,
  ToolResultMessage,
  BuildParamsInput,
} from '../../extractor/provider-adapter';
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
export class OpenAIResponsesAdapter
  extends OpenAIApiAdapter<Params, Response, ResponseStreamEvent>
  implements ProviderAdapter<Params, Response, ResponseInputItem, ResponseStreamEvent>
{
  readonly provider = 'openai-responses';
  /** System messages stay input messages in their place (the API takes any number of them, in order). */
  fromChatMessages(messages: ChatMessage[]): ResponseInputItem[] {
    return messages.map(({ role, content }) => ({ role, content }));
  }

  buildParams(input: BuildParamsInput<ResponseInputItem>): Params {
    const { options, registry } = input;
    const own = registry.derive(this.strict ? 'openai-responses:strict' : 'openai-responses', (classes) =>
      classes.map((c) => this.tool(c)),
    );
    const params = mergeParams<Params>(options, { input: input.messages }, this.parallelTools(options, own));
    if (input.stream) params.stream = true;
    return params;
  }

  protected create(params: Params, options: { signal?: AbortSignal }): Promise<unknown> {
    return this.client.responses.create(params as any, options);
  }

  readTurn(response: Response): ProviderTurn<Response> {
    const output = (Array.isArray(response?.output) ? response.output : []) as Item[];
    const calls: RawCall[] = output
      .filter((item) => item?.type === 'function_call')
      .map((item, index) =>
        rawCall(
          index,
          typeof item.call_id === 'string' && item.call_id !== '' ? item.call_id : undefined,
          item.name,
          item.arguments ?? '',
        ),
      );
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

  createAssembler(): ResponsesStreamAssembler {
    return new ResponsesStreamAssembler();
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
  return usage ? usageOf(usage.input_tokens, usage.output_tokens, usage.total_tokens) : undefined;
}
