import { loadFixture, responsesFunctionCallsStream } from 'parallel-tools/testing';
import { ResponsesStreamAssembler } from '../../../src/providers/openai/responses-stream.assembler';
import { describeIfFixtures, fixturePath } from '../../support/fixtures';

const push = (assembler: ResponsesStreamAssembler, events: object[]) =>
  events.flatMap((e) => assembler.push(e as any).map((call) => ({ at: events.indexOf(e), call })));

describe('ResponsesStreamAssembler', () => {
  it('completes a call when its JSON closes, before its output_item.done', () => {
    const events = responsesFunctionCallsStream([{ name: 'A', arguments: { x: 1 } }], {
      argumentChunkSize: 2,
    });
    const done = push(new ResponsesStreamAssembler(), events);
    expect(done).toHaveLength(1);
    expect(events[done[0].at]).toMatchObject({ type: 'response.function_call_arguments.delta' });
    expect(done[0].call).toEqual({ index: 0, id: 'call_mock_1', name: 'A', arguments: '{"x":1}' });
  });

  it('reads interleaved deltas of two calls by output_index, in the order the calls began', () => {
    const added = (i: number, name: string) => ({
      type: 'response.output_item.added',
      output_index: i,
      item: { type: 'function_call', id: `fc_${i}`, call_id: `call_${i}`, name, arguments: '' },
    });
    const delta = (i: number, d: string) => ({
      type: 'response.function_call_arguments.delta',
      output_index: i,
      delta: d,
    });
    const a = new ResponsesStreamAssembler();
    const calls = push(a, [
      added(0, 'A'),
      added(1, 'B'),
      delta(1, '{"y":'),
      delta(0, '{"x":'),
      delta(0, '1}'),
      delta(1, '2}'),
    ]);
    expect(calls.map((c) => c.call)).toEqual([
      { index: 0, id: 'call_0', name: 'A', arguments: '{"x":1}' },
      { index: 1, id: 'call_1', name: 'B', arguments: '{"y":2}' },
    ]);
    expect(a.finished).toBe(false);
  });

  it('takes the arguments of the done item when no delta brought any, and keeps every item in the response', () => {
    const a = new ResponsesStreamAssembler();
    const item = {
      type: 'function_call',
      id: 'fc_1',
      call_id: 'call_1',
      name: 'A',
      arguments: '{"x":3}',
      status: 'completed',
    };
    const reasoning = { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'enc' };
    const calls = push(a, [
      { type: 'response.output_item.done', output_index: 0, item: reasoning },
      { type: 'response.output_item.done', output_index: 1, item },
      { type: 'response.completed', response: { id: 'resp_1', status: 'completed', output: [] } },
    ]);
    expect(calls.map((c) => c.call)).toEqual([{ index: 0, id: 'call_1', name: 'A', arguments: '{"x":3}' }]);
    expect(a.finished).toBe(true);
    expect(a.toResponse().output).toEqual([reasoning, item]);
  });

  it('an error event the SDK let through ends the reply as failed; an unfinished call is marked incomplete', () => {
    const a = new ResponsesStreamAssembler();
    const calls = push(a, [
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { type: 'function_call', call_id: 'c', name: 'A', arguments: '' },
      },
      { type: 'response.function_call_arguments.delta', output_index: 0, delta: '{"x":' },
      { type: 'error', code: 'server_error', message: 'boom', param: null, sequence_number: 3 },
    ]);
    expect(calls.map((c) => c.call.arguments)).toEqual(['{"x":']);
    expect(a.finished).toBe(true);
    const response = a.toResponse();
    expect(response.status).toBe('failed');
    expect(response.error).toEqual({ code: 'server_error', message: 'boom' });
    expect(response.output).toEqual([expect.objectContaining({ arguments: '{"x":', status: 'incomplete' })]);
  });

  it('ignores events it does not know and garbage without throwing', () => {
    const a = new ResponsesStreamAssembler();
    expect(
      push(a, [
        { type: 'response.output_text.delta', delta: 'hi' },
        {},
        { type: 'response.output_item.done' },
      ]),
    ).toEqual([]);
    expect(a.finished).toBe(false);
  });
});

describeIfFixtures('ResponsesStreamAssembler on the recorded streams', () => {
  it('the codex streams: reasoning then one call each, each yielded once, the completed response kept', () => {
    const all = loadFixture<any[]>(
      fixturePath('more/vercel-ai.openai-reasoning-encrypted-content.1.chunks.txt'),
    );
    const starts = all.flatMap((e, i) => (e.type === 'response.created' ? [i] : []));
    const streams = starts.map((s, k) => all.slice(s, starts[k + 1]));
    const read = streams.map((events) => {
      const a = new ResponsesStreamAssembler();
      const calls = push(a, events).map((c) => c.call);
      return { calls, finished: a.finished, types: a.toResponse().output.map((i) => i.type) };
    });
    expect(read.map((r) => r.calls.map((c) => JSON.parse(c.arguments as string)))).toEqual([
      [{ a: 12, b: 7, op: 'add' }],
      [{ a: 19, b: 3, op: 'multiply' }],
      [{ a: 57, b: 10, op: 'multiply' }],
      [],
    ]);
    expect(read.every((r) => r.finished)).toBe(true);
    expect(read.map((r) => r.types)).toEqual([
      ['reasoning', 'function_call'],
      ['function_call'],
      ['function_call'],
      ['message'],
    ]);
  });
});
