import OpenAI from 'openai';
import { IsIn } from 'class-validator';
import { ExtractionError, Field, Tool } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { loadFixture, MockOpenAIServer } from 'parallel-tools/testing';
import { readCassette } from '../../support/cassette';
import { describeIfFixtures, fixturePath } from '../../support/fixtures';
import { firstItemDone, holdAfter } from './responses-stream.support';

@Tool({ name: 'get_weather', description: 'Get weather' })
class GetWeather {
  @Field() city!: string;
}

@Tool({ name: 'semantic_scholar_search' })
class ScholarSearch {
  @Field() query!: string;
  @Field({ type: () => Number }) limit!: number;
  @Field({ minimum: 0 }) offset!: number;
  @Field() year!: number;
}

@Tool({ name: 'calculator' })
class Calculator {
  @Field() a!: number;
  @Field() b!: number;
  @Field({ enum: ['add', 'subtract', 'multiply', 'divide'] }) op!: string;
}

@Tool({ name: 'get_location' })
class GetLocation {
  @Field() @IsIn(['London'], { message: 'Wrong location, I only know about "London".' }) loc_name!: string;
}

describeIfFixtures('Responses API recorded replies through the real SDK', () => {
  let server: MockOpenAIServer;
  let openai: OpenAI;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));
  afterEach(() => expect(server.pendingReplies).toBe(0));

  it('replays the gpt-5.1 stream: the call is yielded before the server releases response.completed', async () => {
    const events = loadFixture<object[]>(fixturePath('responses-stream-1-call.jsonl'));
    const done = firstItemDone(events);
    expect(done).toBe(events.length - 2);
    const hold = holdAfter(events, done);
    server.enqueue({ sse: hold.sse });

    const received: Array<{ call: object; whileHeld: boolean }> = [];
    for await (const call of fromOpenAI(openai).responses.create({
      model: 'gpt-5.1',
      input: 'What is the weather in Beijing?',
      responseModel: [GetWeather],
      stream: true,
    })) {
      received.push({ call, whileHeld: hold.state.held });
      hold.release();
    }
    hold.done();
    expect(received).toEqual([
      { call: Object.assign(new GetWeather(), { city: 'Beijing' }), whileHeld: true },
    ]);
  });

  it('the recorded stream assembles into its completed response with usage', async () => {
    server.enqueue({ sse: loadFixture<object[]>(fixturePath('responses-stream-1-call.jsonl')) });
    const client = fromOpenAI(openai);
    const stream = client.responses.create({
      model: 'gpt-5.1',
      input: 'weather in Beijing',
      responseModel: [GetWeather],
      stream: true,
    });
    const seen: object[] = [];
    const hooks: any[] = [];
    client.hooks.on('response', (p) => hooks.push(p.response));
    for await (const call of stream) seen.push(call);
    expect(seen).toEqual([Object.assign(new GetWeather(), { city: 'Beijing' })]);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].id).toBe('resp_0775572d10a16b66006a8d85285ef487d2ae865d3657af7276');
    expect(hooks[0].status).toBe('completed');
    expect(hooks[0].usage.total_tokens).toBe(70);
    expect(hooks[0].output).toEqual([
      expect.objectContaining({ type: 'function_call', call_id: 'call_2FQdm3Br7Qb35YUBSkDR7kue' }),
    ]);
  });

  it('replays the o3 reply: the reasoning item is kept, the call becomes an instance', async () => {
    server.enqueue({ json: loadFixture(fixturePath('responses-o3-reasoning-1-call.json')) });
    const result = await fromOpenAI(openai).responses.createWithResponse({
      model: 'o3',
      input: 'Find papers on machine learning',
      max_output_tokens: 200,
      responseModel: [ScholarSearch],
    });
    expect(result.data).toEqual([
      Object.assign(new ScholarSearch(), { query: 'machine learning', limit: 10, offset: 0, year: 0 }),
    ]);
    expect(result.data[0]).toBeInstanceOf(ScholarSearch);
    expect(result.usage).toEqual({ promptTokens: 114, completionTokens: 88, totalTokens: 202 });
    expect(result.response.output.map((i) => i.type)).toEqual(['reasoning', 'function_call']);
    expect(result.response.output[0]).toMatchObject({ encrypted_content: '[redacted]' });
    expect(server.requests[0].body.max_output_tokens).toBe(200);
  });

  it('replays the store:false gpt-5.1-codex stream: the reasoning item with encrypted_content is echoed in a re-ask', async () => {
    const all = loadFixture<any[]>(
      fixturePath('more/vercel-ai.openai-reasoning-encrypted-content.1.chunks.txt'),
    );
    const starts = all.flatMap((e, i) => (e.type === 'response.created' ? [i] : []));
    expect(starts).toHaveLength(4);
    const first = all.slice(starts[0], starts[1]);
    const second = all.slice(starts[1], starts[2]);
    // The first recorded call is 12 + 7; this request's validator only accepts multiplications.
    const client = fromOpenAI(openai, { maxRetries: 1 });
    server.enqueue({ sse: first });
    const seen: object[] = [];
    for await (const call of client.responses.create({
      model: 'gpt-5.1-codex-max',
      input: [{ role: 'user', content: 'What is 12 + 7, then times 3?' }],
      store: false,
      include: ['reasoning.encrypted_content'],
      reasoning: { effort: 'high', summary: 'detailed' },
      responseModel: [Calculator],
      stream: true,
    }))
      seen.push(call);
    // A valid call needs no re-ask. A tool that accepts only multiplications forces one below.
    expect(seen).toEqual([Object.assign(new Calculator(), { a: 12, b: 7, op: 'add' })]);
    expect(server.requests).toHaveLength(1);
    server.requests.splice(0);
    server.enqueue({ sse: first }, { sse: second });

    @Tool({ name: 'calculator' })
    class Multiplier {
      @Field() a!: number;
      @Field() b!: number;
      @Field({ enum: ['multiply'] }) op!: string;
    }
    const again: object[] = [];
    for await (const call of client.responses.create({
      model: 'gpt-5.1-codex-max',
      input: [{ role: 'user', content: 'What is 12 + 7, then times 3?' }],
      store: false,
      include: ['reasoning.encrypted_content'],
      responseModel: [Multiplier],
      stream: true,
    }))
      again.push(call);
    expect(again).toEqual([Object.assign(new Multiplier(), { a: 19, b: 3, op: 'multiply' })]);
    expect(server.requests).toHaveLength(2);
    const reask = server.requests[1].body;
    expect(reask.store).toBe(false);
    expect(reask.previous_response_id).toBeUndefined();
    const recordedOutput = first[first.length - 1].response.output;
    expect(recordedOutput.map((i: any) => i.type)).toEqual(['reasoning', 'function_call']);
    expect(reask.input).toEqual([
      { role: 'user', content: 'What is 12 + 7, then times 3?' },
      recordedOutput[0],
      recordedOutput[1],
      {
        type: 'function_call_output',
        call_id: 'call_AB6AaRZ1FYZB2RwS6A5vbdqn',
        output: expect.stringContaining('op must be one of the following values: multiply'),
      },
    ]);
    expect(reask.input[1].encrypted_content).toMatch(/^gAAAA/);
  });

  it("re-asks like pydantic-ai's recording: one function_call_output per call_id, then the text reply keeps the valid call", async () => {
    const [ask, reask] = readCassette(fixturePath('more/pydantic-ai.test_openai_responses_model_retry.yaml'));
    server.enqueue({ json: ask.response }, { json: reask.response });
    const error = (await fromOpenAI(openai, { maxRetries: 1 })
      .responses.createWithResponse({
        model: ask.request.model,
        input: ask.request.input,
        instructions: ask.request.instructions,
        tool_choice: ask.request.tool_choice,
        responseModel: [GetLocation],
      })
      .catch((e: unknown) => e)) as ExtractionError;

    expect(server.requests).toHaveLength(2);
    const sent = server.requests[1].body;
    expect(sent.instructions).toBe('');
    expect(sent.tool_choice).toBe('auto');
    // The recording sent the conversation, the two calls, then one output per call_id, in that order.
    const recorded = reask.request.input;
    expect(sent.input.map((i: any) => i.type ?? i.role)).toEqual([
      'user',
      'function_call',
      'function_call',
      'function_call_output',
      'function_call_output',
    ]);
    expect(sent.input[0]).toEqual(recorded[0]);
    for (const at of [1, 2]) {
      const { id: _id, status: _status, ...echoed } = sent.input[at];
      expect(echoed).toEqual(recorded[at + 1]);
    }
    expect(sent.input.slice(3).map((i: any) => i.call_id)).toEqual(
      recorded.slice(4).map((i: any) => i.call_id),
    );
    expect(sent.input[3].output).toContain('Wrong location, I only know about "London".');
    expect(sent.input[4].output).toBe('Accepted.');

    // The recorded second reply answered in text: the bad call stays failed, the good one is kept.
    expect(error).toBeInstanceOf(ExtractionError);
    expect(error.code).toBe('validation_failed');
    expect(error.attempts).toBe(2);
    expect(error.results).toEqual([Object.assign(new GetLocation(), { loc_name: 'London' })]);
    expect(error.failures).toEqual([
      expect.objectContaining({ name: 'get_location', id: 'call_LWVp74L5HaH2KNvgVz9PJsrj' }),
    ]);
  });
});
