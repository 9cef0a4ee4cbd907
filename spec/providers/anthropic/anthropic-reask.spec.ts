import type { RawCall } from '../../../src/calls/call.validator';
import type { ToolResultMessage } from '../../../src/extractor/provider-adapter';
import { anthropicReaskMessages } from '../../../src/providers/anthropic/anthropic-reask';

type Block = Record<string, any>;

const message = (content: Block[]) =>
  ({
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content,
    stop_reason: 'tool_use',
  }) as never;
const call = (index: number, name: string, id?: string): RawCall => ({ index, id, name, arguments: {} });
const ok = (c: RawCall): ToolResultMessage => ({ call: c, ok: true, content: 'Accepted.' });
const bad = (c: RawCall, content = 'Error: units must be one of metric, imperial'): ToolResultMessage => ({
  call: c,
  ok: false,
  content,
});

describe('anthropicReaskMessages', () => {
  const reply = message([
    { type: 'thinking', thinking: 'Two cities.', signature: 'sig==' },
    { type: 'text', text: 'Checking both.', citations: null },
    {
      type: 'tool_use',
      id: 'toolu_a',
      name: 'Weather',
      input: { location: 'Toronto' },
      caller: { type: 'direct' },
    },
    { type: 'tool_use', id: 'toolu_b', name: 'Weather', input: { location: 'Dallas', units: 'kelvin' } },
  ]);

  it('echoes the assistant content, then one user turn: a tool_result per tool_use, then the correction', () => {
    const [assistant, user, ...rest] = anthropicReaskMessages(reply, [
      ok(call(0, 'Weather', 'toolu_a')),
      bad(call(1, 'Weather', 'toolu_b')),
    ]);
    expect(rest).toEqual([]);
    expect(assistant).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Two cities.', signature: 'sig==' },
        { type: 'text', text: 'Checking both.' },
        {
          type: 'tool_use',
          id: 'toolu_a',
          name: 'Weather',
          input: { location: 'Toronto' },
          caller: { type: 'direct' },
        },
        { type: 'tool_use', id: 'toolu_b', name: 'Weather', input: { location: 'Dallas', units: 'kelvin' } },
      ],
    });
    const content = user.content as Block[];
    expect(user.role).toBe('user');
    expect(content.map((b) => b.type)).toEqual(['tool_result', 'tool_result', 'text']);
    expect(content[0]).toEqual({ type: 'tool_result', tool_use_id: 'toolu_a', content: 'Accepted.' });
    expect(content[1]).toEqual({
      type: 'tool_result',
      tool_use_id: 'toolu_b',
      content: 'Error: units must be one of metric, imperial',
      is_error: true,
    });
    expect(content[2].text).toMatch(/corrected arguments/);
  });

  it('puts the run instruction after the tool results, in place of the default correction', () => {
    const [, user] = anthropicReaskMessages(
      reply,
      [ok(call(0, 'Weather')), ok(call(1, 'Weather'))],
      'Also fix the earlier call.',
    );
    expect((user.content as Block[]).at(-1)).toEqual({ type: 'text', text: 'Also fix the earlier call.' });
  });

  it('sends no correction text when every call was accepted and there is no instruction', () => {
    const [, user] = anthropicReaskMessages(reply, [ok(call(0, 'Weather')), ok(call(1, 'Weather'))]);
    expect((user.content as Block[]).map((b) => b.type)).toEqual(['tool_result', 'tool_result']);
  });

  it('gives missing or repeated ids unique ones, so that each result answers exactly one tool_use', () => {
    const twice = message([
      { type: 'tool_use', id: 'toolu_x', name: 'Weather', input: {} },
      { type: 'tool_use', id: 'toolu_x', name: 'Weather', input: {} },
      { type: 'tool_use', name: 'Weather', input: 'not an object' },
    ]);
    const [assistant, user] = anthropicReaskMessages(
      twice,
      [0, 1, 2].map((i) => bad(call(i, 'Weather'))),
    );
    const echoed = (assistant.content as Block[]).map((b) => b.id);
    const answered = (user.content as Block[])
      .filter((b) => b.type === 'tool_result')
      .map((b) => b.tool_use_id);
    expect(new Set(echoed).size).toBe(3);
    expect(answered).toEqual(echoed);
    expect((assistant.content as Block[])[2].input).toEqual({});
  });

  it("groups a wrapper's inner calls into the one tool_result of the block they came in", () => {
    const wrapper = message([
      { type: 'tool_use', id: 'toolu_w', name: 'multi_tool_use.parallel', input: {} },
    ]);
    const [, user] = anthropicReaskMessages(wrapper, [
      ok(call(0, 'Weather', 'toolu_w')),
      bad(call(0, 'GoogleSearch', 'toolu_w'), 'Error: query is empty'),
    ]);
    const [result] = user.content as Block[];
    expect(result).toMatchObject({ tool_use_id: 'toolu_w', is_error: true });
    expect(result.content).toBe('1. Weather: Accepted.\n2. GoogleSearch: Error: query is empty');
  });

  it('leaves out empty text blocks, which the API refuses', () => {
    expect(anthropicReaskMessages(message([{ type: 'text', text: '' }]), [], 'Call Weather.')).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Call Weather.' }] },
    ]);
  });
});
