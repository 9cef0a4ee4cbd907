import { loadFixture } from 'parallel-tools/testing';
import { AnthropicStreamAssembler } from '../../../src/providers/anthropic/anthropic-stream.assembler';
import { describeIfFixtures, fixturePath } from '../../support/fixtures';

type Event = Record<string, any>;

/** Feeds events one by one; records after which event each call came out. */
function feed(events: Event[]) {
  const assembler = new AnthropicStreamAssembler();
  const completions: Array<{ at: number; index: number; name: string; arguments: unknown; id?: string }> = [];
  events.forEach((event, at) => {
    for (const call of assembler.push(event as never)) completions.push({ at, ...call });
  });
  return { assembler, completions };
}

const start = {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content: [],
    usage: { input_tokens: 10, output_tokens: 1 },
  },
};
const toolStart = (index: number, id: string, name: string) => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id, name, input: {} },
});
const json = (index: number, partial_json: string) => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'input_json_delta', partial_json },
});
const stop = (index: number) => ({ type: 'content_block_stop', index });
const end = (stop_reason: string) => [
  { type: 'message_delta', delta: { stop_reason, stop_sequence: null }, usage: { output_tokens: 42 } },
  { type: 'message_stop' },
];

describe('AnthropicStreamAssembler', () => {
  it('hands out a call at the fragment that closes its JSON, before its content_block_stop', () => {
    const events = [
      start,
      toolStart(0, 'toolu_a', 'Weather'),
      json(0, ''),
      json(0, '{"location": "Tor'),
      json(0, 'onto"}'),
      stop(0),
      ...end('tool_use'),
    ];
    const { completions, assembler } = feed(events);
    expect(completions).toEqual([
      { at: 4, index: 0, id: 'toolu_a', name: 'Weather', arguments: '{"location": "Toronto"}' },
    ]);
    expect(assembler.finished).toBe(true);
  });

  it('reads "" alone as a complete call at content_block_stop, and ping events anywhere', () => {
    const events = [
      start,
      { type: 'ping' },
      toolStart(0, 'toolu_a', 'Refresh'),
      json(0, ''),
      { type: 'ping' },
      stop(0),
      ...end('tool_use'),
    ];
    const { completions, assembler } = feed(events);
    expect(completions).toEqual([{ at: 5, index: 0, id: 'toolu_a', name: 'Refresh', arguments: '' }]);
    expect((assembler.toResponse().content[0] as Event).input).toEqual({});
  });

  it('keeps text, thinking with its signature, and tool inputs as objects in the assembled message', () => {
    const events = [
      start,
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Two cities' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig==' } },
      stop(0),
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Checking.' } },
      stop(1),
      toolStart(2, 'toolu_a', 'Weather'),
      json(2, '{"location":"Toronto"}'),
      stop(2),
      toolStart(3, 'toolu_b', 'Weather'),
      json(3, '{"location":'),
      stop(3),
      ...end('max_tokens'),
    ];
    const { completions, assembler } = feed(events);
    expect(completions.map((c) => [c.index, c.arguments])).toEqual([
      [0, '{"location":"Toronto"}'],
      [1, '{"location":'],
    ]);
    const message = assembler.toResponse();
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Two cities', signature: 'sig==' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_a', name: 'Weather', input: { location: 'Toronto' } },
      { type: 'tool_use', id: 'toolu_b', name: 'Weather', input: {} },
    ]);
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage).toEqual({ input_tokens: 10, output_tokens: 42 });
  });

  it('is not finished without message_stop (a cut stream)', () => {
    const { assembler, completions } = feed([start, toolStart(0, 'toolu_a', 'Weather'), json(0, '{"loc')]);
    expect(assembler.finished).toBe(false);
    expect(completions).toEqual([]);
  });

  it('keeps a __proto__ key in usage as data, never as a prototype', () => {
    const { assembler } = feed([
      start,
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn' },
        usage: JSON.parse('{"__proto__": {"polluted": 1}, "output_tokens": 3}'),
      },
      { type: 'message_stop' },
    ]);
    const usage = assembler.toResponse().usage as Event;
    expect(Object.getPrototypeOf(usage)).toBe(Object.prototype);
    expect(usage.polluted).toBeUndefined();
    expect(usage.output_tokens).toBe(3);
  });
});

describeIfFixtures('AnthropicStreamAssembler on recorded streams', () => {
  it('anthropic-stream-1-call.jsonl: the input split mid-string becomes one call', () => {
    const { completions, assembler } = feed(
      loadFixture<Event[]>(fixturePath('anthropic-stream-1-call.jsonl')),
    );
    expect(completions).toHaveLength(1);
    expect(completions[0].name).toBe('get_weather');
    expect(JSON.parse(completions[0].arguments as string)).toEqual({ city: 'San Francisco' });
    expect(assembler.finished).toBe(true);
    expect(assembler.toResponse().content.map((b) => b.type)).toEqual(['text', 'tool_use']);
  });

  it('anthropic-stream-no-args.jsonl: a tool without parameters whose only delta is ""', () => {
    const { completions, assembler } = feed(
      loadFixture<Event[]>(fixturePath('anthropic-stream-no-args.jsonl')),
    );
    expect(completions.map((c) => [c.name, c.arguments])).toEqual([['updateIssueList', '']]);
    const tool = assembler.toResponse().content.find((b) => b.type === 'tool_use') as Event;
    expect(tool.input).toEqual({});
  });
});
