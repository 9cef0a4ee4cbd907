import Anthropic from '@anthropic-ai/sdk';
import { rawCall, type RawCall } from '../../calls/call.validator';
import type { WireOptions } from '../../calls/wire-normalizer';
import type { ChatMessage, Usage } from '../../extractor/extractor.types';
import type {
  BuildParamsInput,
  ProviderAdapter,
  ProviderTurn,
  ToolResultMessage,
} from '../../extractor/provider-adapter';
import { mergeParams } from '../../extractor/merge-params';
import { usageOf } from '../../extractor/usage';
import type { ClassType } from '../../metadata/class-type';
import { getToolDefinition } from '../../schema/tool-definition';
import { contentText } from './anthropic-content';
import { anthropicReaskMessages } from './anthropic-reask';
import { anthropicStopDetail, anthropicStopReason, type AnthropicEnding } from './anthropic-stop-reason';
import { AnthropicStreamAssembler } from './anthropic-stream.assembler';
import {
  DEFAULT_MAX_TOKENS,
  type AnthropicTool,
  type Message,
  type MessageParam,
  type MessageStreamEvent,
} from './anthropic.types';

type Params = Record<string, unknown> & { messages: MessageParam[]; max_tokens: number };
type Block = Record<string, any>;

/** The Messages tool of each class (pure and cached, as the schema itself is). */
const tools = new WeakMap<ClassType, AnthropicTool>();

/**
 * Anthropic Messages (`client.messages.create`) with parallel tool use: one `{ name, description,
 * input_schema }` tool per class, `tool_choice: { type: 'any' }` unless given, the system text
 * in the top-level `system`, `max_tokens` filled in when the request has none.
 */
export class AnthropicAdapter implements ProviderAdapter<Params, Message, MessageParam, MessageStreamEvent> {
  readonly provider = 'anthropic';
  /** `input` is an object and the neutral schema is sent as is: nothing to normalize. */
  readonly wire: WireOptions = { dropNulls: false, enumStrings: false };

  constructor(
    /** The SDK client (the batch API reaches its `messages.batches`). */
    readonly client: Anthropic,
    /** The `max_tokens` of a request that has none. */
    readonly maxTokens = DEFAULT_MAX_TOKENS,
  ) {}

  /** System messages stay in place as `system` turns until {@link buildParams} moves them to `system`. */
  fromChatMessages(messages: ChatMessage[]): MessageParam[] {
    return messages.map(({ role, content }) => ({ role, content }) as MessageParam);
  }

  buildParams(input: BuildParamsInput<MessageParam>): Params {
    const { options, registry } = input;
    const system = systemText(options.system, input.messages);
    const params = mergeParams<Params>(options, {
      max_tokens: typeof options.max_tokens === 'number' ? options.max_tokens : this.maxTokens,
      messages: input.messages.filter((m) => (m as { role: string }).role !== 'system'),
      tools: [...((options.tools as unknown[]) ?? []), ...registry.classes.map(toAnthropicTool)],
      tool_choice: options.tool_choice ?? { type: 'any' },
    });
    if (system === undefined) delete params.system;
    else params.system = system;
    if (input.stream) params.stream = true;
    return params;
  }

  send(params: Params, signal?: AbortSignal): Promise<Message> {
    return this.client.messages.create(params as never, { signal }) as Promise<Message>;
  }

  async openStream(params: Params, signal?: AbortSignal): Promise<AsyncIterable<MessageStreamEvent>> {
    return (await this.client.messages.create(params as never, {
      signal,
    })) as unknown as AsyncIterable<MessageStreamEvent>;
  }

  readTurn(response: Message): ProviderTurn<Message> {
    const content = (Array.isArray(response?.content) ? response.content : []) as Block[];
    const calls: RawCall[] = content
      .filter((block) => block?.type === 'tool_use')
      .map((block, index) =>
        rawCall(
          index,
          typeof block.id === 'string' && block.id !== '' ? block.id : undefined,
          block.name,
          // `null` stays null (a call with no object is rejected, not read as `{}`); absent is `{}`.
          block.input,
        ),
      );
    const ending: AnthropicEnding = { stopReason: response?.stop_reason, calls: calls.length };
    return {
      response,
      calls,
      stop: anthropicStopReason(ending),
      detail: anthropicStopDetail(ending, contentText(content)),
      usage: toUsage(response?.usage),
    };
  }

  createAssembler(): AnthropicStreamAssembler {
    return new AnthropicStreamAssembler();
  }

  /** The SDK ends an aborted stream quietly: report it as the SDK reports an abort. */
  abortError(): unknown {
    return new Anthropic.APIUserAbortError();
  }

  reaskMessages(
    turn: ProviderTurn<Message>,
    results: ToolResultMessage[],
    instruction?: string,
  ): MessageParam[] {
    return anthropicReaskMessages(turn.response, results, instruction);
  }
}

/**
 * A class's Messages tool: the neutral schema as `input_schema` (its root is always an object).
 *
 * @example
 * const tool = toAnthropicTool(Weather); // { name: 'Weather', description, input_schema }
 */
export function toAnthropicTool(target: ClassType): AnthropicTool {
  let tool = tools.get(target);
  if (!tool) {
    const { name, description, parameters } = getToolDefinition(target);
    tool = Object.freeze({
      name,
      ...(description ? { description } : {}),
      input_schema: parameters as AnthropicTool['input_schema'],
    });
    tools.set(target, tool);
  }
  return tool;
}

/** The request's own `system`, then the text of every `system` turn, in order. */
function systemText(own: unknown, messages: MessageParam[]): unknown {
  const turns = messages.filter((m) => (m as { role: string }).role === 'system') as Array<{
    content: unknown;
  }>;
  if (turns.length === 0) return own;
  const blocks = [own, ...turns.map((t) => t.content)].flatMap(toTextBlocks);
  return blocks.every((b) => !('cache_control' in b)) ? blocks.map((b) => b.text).join('\n\n') : blocks;
}

function toTextBlocks(value: unknown): Block[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  return Array.isArray(value) ? (value as Block[]) : [];
}

function toUsage(usage: Message['usage'] | undefined): Usage | undefined {
  return usage ? usageOf(usage.input_tokens ?? 0, usage.output_tokens) : undefined;
}
