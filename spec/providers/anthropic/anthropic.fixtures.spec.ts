import Anthropic from '@anthropic-ai/sdk';
import { ExtractionError } from 'parallel-tools';
import { fromAnthropic } from 'parallel-tools/anthropic';
import { loadFixture, MockAnthropicServer } from 'parallel-tools/testing';
import { readCassette } from '../../support/cassette';
import { describeIfFixtures, fixturePath } from '../../support/fixtures';
import {
  GetElevation,
  GetTime,
  GetWeatherByCity,
  GetWeatherByLocation,
  MakeFile,
  RetrieveEntityInfo,
  TestTool,
  UpdateIssueList,
} from './anthropic-fixture.tools';

type Block = Record<string, any>;
const user = (content: string) => ({
  model: 'claude-sonnet-4-5',
  messages: [{ role: 'user' as const, content }],
});

describeIfFixtures('fromAnthropic on recorded Anthropic traffic', () => {
  let server: MockAnthropicServer;
  let anthropic: Anthropic;
  beforeAll(async () => {
    server = await MockAnthropicServer.start();
    anthropic = new Anthropic({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const streamed = async <T>(
    responseModel: readonly [new () => T, ...Array<new () => T>],
    maxRetries = 0,
  ) => {
    const calls: T[] = [];
    for await (const call of fromAnthropic(anthropic).messages.create({
      ...user('go'),
      responseModel: responseModel as never,
      stream: true,
      maxRetries,
    }))
      calls.push(call as T);
    return calls;
  };

  it('anthropic-message-no-args.json: a tool_use with input {} is an instance; the text block stays in the response', async () => {
    server.enqueue({ json: loadFixture(fixturePath('anthropic-message-no-args.json')) });
    const result = await fromAnthropic(anthropic).messages.createWithResponse({
      ...user('refresh'),
      responseModel: [UpdateIssueList],
    });
    expect(result.data).toHaveLength(1);
    expect(result.data[0]).toBeInstanceOf(UpdateIssueList);
    expect(result.response.content.map((b) => b.type)).toEqual(['text', 'tool_use']);
    expect(result.usage.promptTokens).toBe(result.response.usage.input_tokens);
  });

  it('anthropic-stream-no-args.jsonl: a lone "" input_json_delta is {}', async () => {
    server.enqueue({ sse: loadFixture<object[]>(fixturePath('anthropic-stream-no-args.jsonl')) });
    const calls = await streamed([UpdateIssueList]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeInstanceOf(UpdateIssueList);
  });

  it('anthropic-stream-1-call.jsonl: the input split mid-string, a caller field on the block', async () => {
    server.enqueue({ sse: loadFixture<object[]>(fixturePath('anthropic-stream-1-call.jsonl')) });
    expect(await streamed([GetWeatherByCity])).toEqual([
      Object.assign(new GetWeatherByCity(), { city: 'San Francisco' }),
    ]);
  });

  it('OpenInference claude-sonnet-4-6 stream: two tools in parallel, in block order', async () => {
    server.enqueue({
      sse: loadFixture<object[]>(
        fixturePath('more/openinference.anthropic-2-tool_use.claude-sonnet-4-6.sse.txt'),
      ),
    });
    const calls = await streamed<object>([GetWeatherByLocation, GetTime]);
    expect(calls.map((c) => c.constructor)).toEqual([GetWeatherByLocation, GetTime]);
    expect(calls[0]).toEqual(Object.assign(new GetWeatherByLocation(), { location: 'New York, NY' }));
    expect((calls[1] as GetTime).timezone).toMatch(/^America\/New_York$/);
  });

  it('anthropic-sdk-python max_tokens cut inside a tool input: incomplete_output, the cut call a failure', async () => {
    server.enqueue({
      sse: loadFixture<object[]>(
        fixturePath('more/anthropic-sdk-python.incomplete_partial_json_response.sse.txt'),
      ),
    });
    const error = (await streamed([MakeFile]).catch((e: unknown) => e)) as ExtractionError;
    expect(error).toBeInstanceOf(ExtractionError);
    expect(error.code).toBe('incomplete_output');
    expect(error.results).toEqual([]);
    expect(error.failures).toEqual([expect.objectContaining({ name: 'make_file', code: 'invalid_json' })]);
  });

  it('pydantic-ai haiku-4-5: four parallel calls of one tool, then its real re-ask shape', async () => {
    const [first, second] = readCassette(
      fixturePath('more/pydantic-ai.test_multiple_parallel_tool_calls.yaml'),
    );
    const recorded = first.response.content.filter((b: Block) => b.type === 'tool_use');
    // Bob's call comes back invalid, so the re-ask answers all four tool_use blocks as the recording does.
    const reply = structuredClone(first.response);
    reply.content.find((b: Block) => b.input?.name === 'Bob').input = { name: 42 };
    server.enqueue({ json: reply });
    server.enqueue({ json: { ...first.response, content: [{ ...recorded[1], id: 'toolu_retry' }] } });
    const result = await fromAnthropic(anthropic).messages.createWithResponse({
      ...user('entities'),
      responseModel: [RetrieveEntityInfo],
      maxRetries: 1,
    });
    // The corrected call takes the place of the one it replaces.
    expect(result.data.map((c) => c.name)).toEqual(['Alice', 'Bob', 'Charlie', 'Daisy']);

    const ours = server.requests[1].body.messages as Block[];
    const theirs = second.request.messages as Block[];
    const shape = (messages: Block[]) =>
      messages
        .slice(1)
        .map((m) => [m.role, (m.content as Block[]).map((b) => b.type).filter((t) => t !== 'text')]);
    expect(shape(ours)).toEqual(shape(theirs));
    const ids = (m: Block) =>
      (m.content as Block[]).filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id);
    expect(ids(ours[2])).toEqual(recorded.map((b: Block) => b.id));
  });

  it('pydantic-ai sonnet-4-5: two different tools in one reply', async () => {
    const [first] = readCassette(fixturePath('more/pydantic-ai.test_mixed_tools_no_output.yaml'));
    server.enqueue({ json: first.response });
    const calls = await fromAnthropic(anthropic).messages.create({
      ...user('Denver'),
      responseModel: [GetWeatherByCity, GetElevation],
    });
    expect(calls.map((c) => c.constructor)).toEqual([GetWeatherByCity, GetElevation]);
    expect(calls.map((c) => c.city)).toEqual(['Denver', 'Denver']);
  });

  it('anthropic-sdk-typescript ToolRunner (opus-4-8): our re-ask matches the recorded follow-up request', async () => {
    const [first, second] = loadFixture<Array<{ body: Block; response: Block }>>(
      fixturePath('more/anthropic-sdk-ts.ToolRunner.parallel-2-tool_use.nock.json'),
    );
    const reply = structuredClone(first.response);
    reply.content[2].input = { count: 'two' };
    server.enqueue({ json: reply });
    server.enqueue({ json: { ...first.response, content: [first.response.content[2]] } });
    const calls = await fromAnthropic(anthropic).messages.create({
      model: first.body.model,
      max_tokens: first.body.max_tokens,
      messages: first.body.messages,
      responseModel: [TestTool],
      maxRetries: 1,
    });
    expect(calls.map((c) => c.count)).toEqual([1, 2]);
    const ours = server.requests[1].body.messages as Block[];
    const theirs = second.body.messages as Block[];
    expect(ours[1].content.map((b: Block) => b.type)).toEqual(theirs[1].content.map((b: Block) => b.type));
    expect(ours[1].content.slice(1).map((b: Block) => b.id)).toEqual(
      theirs[1].content.slice(1).map((b: Block) => b.id),
    );
    expect(
      ours[2].content.filter((b: Block) => b.type === 'tool_result').map((b: Block) => b.tool_use_id),
    ).toEqual(theirs[2].content.map((b: Block) => b.tool_use_id));
  });
});
