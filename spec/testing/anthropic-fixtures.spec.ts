import { loadFixture } from '../../src/testing';
import { toolUses, useAnthropicServer } from './anthropic-setup';
import { describeIfFixtures, fixturePath } from '../support/fixtures';

const params = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'x' }],
};

describe('MockAnthropicServer: recorded Anthropic fixtures through the SDK', () => {
  const setup = useAnthropicServer();

  describeIfFixtures('replaying the recorded Anthropic traffic through the SDK', () => {
    /** Streams a recorded stream's events through messages.stream() and returns the final message. */
    const replay = (events: object[]) => {
      setup.server.enqueue({ sse: events });
      return setup.client.messages.stream(params).finalMessage();
    };

    it('reads a recorded Message (text, then a tool without parameters)', async () => {
      setup.server.enqueue({ json: loadFixture(fixturePath('anthropic-message-no-args.json')) });
      const message = await setup.client.messages.create(params);
      expect(message.content.map((b) => b.type)).toEqual(['text', 'tool_use']);
      expect(toolUses(message)).toEqual([['updateIssueList', {}]]);
      expect(message.stop_reason).toBe('tool_use');
    });

    it('reads the nock-recorded Messages with 2 parallel tool_use blocks, then the end_turn reply', async () => {
      const recorded = loadFixture<Array<{ response: object }>>(
        fixturePath('more/anthropic-sdk-ts.ToolRunner.parallel-2-tool_use.nock.json'),
      );
      setup.server.enqueue(...recorded.map((entry) => ({ json: entry.response })));
      expect(toolUses(await setup.client.messages.create(params))).toEqual([
        ['test_tool', { count: 1 }],
        ['test_tool', { count: 2 }],
      ]);
      expect((await setup.client.messages.create(params)).stop_reason).toBe('end_turn');
    });

    it('replays the recorded streams (.jsonl, .chunks.txt): inputs split mid-string, "" alone meaning {}', async () => {
      const oneCall = await replay(loadFixture(fixturePath('anthropic-stream-1-call.jsonl')));
      expect(toolUses(oneCall)).toEqual([['get_weather', { city: 'San Francisco' }]]);
      expect(oneCall.content[0]).toMatchObject({ type: 'text', text: 'Let me check.' });
      for (const name of [
        'anthropic-stream-no-args.jsonl',
        'more/vercel-ai.anthropic-tool-no-args.chunks.txt',
      ]) {
        const noArgs = await replay(loadFixture(fixturePath(name)));
        expect(toolUses(noArgs)).toEqual([['updateIssueList', {}]]);
        expect(noArgs.stop_reason).toBe('tool_use');
      }
    });

    it('replays the raw .sse.txt stream with 2 tool_use blocks of different tools', async () => {
      const events = loadFixture<Array<{ type: string }>>(
        fixturePath('more/openinference.anthropic-2-tool_use.claude-sonnet-4-6.sse.txt'),
      );
      expect(events[0].type).toBe('message_start');
      expect(events.filter((e) => e.type === 'ping')).toHaveLength(1);
      const message = await replay(events);
      expect(toolUses(message)).toEqual([
        ['get_weather', { location: expect.stringMatching(/New York/) }],
        ['get_time', { timezone: 'America/New_York' }],
      ]);
      expect(message.content.map((b) => b.type)).toEqual(['text', 'tool_use', 'tool_use']);
    });

    it('replays a stream cut by max_tokens inside a tool input: the SDK keeps the partial input', async () => {
      const events = loadFixture<Array<{ type: string; index?: number }>>(
        fixturePath('more/anthropic-sdk-python.incomplete_partial_json_response.sse.txt'),
      );
      // The recording never closes the tool block.
      expect(events.filter((e) => e.type === 'content_block_stop').map((e) => e.index)).toEqual([0]);
      const message = await replay(events);
      expect(message.stop_reason).toBe('max_tokens');
      expect(toolUses(message)).toEqual([['make_file', expect.objectContaining({ filename: 'taxes.txt' })]]);
    });
  });
});
