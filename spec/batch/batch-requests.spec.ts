import OpenAI from 'openai';
import { ParallelToolsError, ToolDefinitionError } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { GoogleSearch, Weather } from '../support/seed-tools';

describe('building a batch', () => {
  const openai = new OpenAI({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'test', maxRetries: 0 });
  const messages = [{ role: 'user' as const, content: 'hi' }];

  it('refuses two requests with one customId, naming it', () => {
    const build = () =>
      fromOpenAI(openai, { model: 'm' }).batches.build([
        { customId: 'x', messages, responseModel: [Weather] },
        { customId: 'x', messages, responseModel: [GoogleSearch] },
      ]);
    expect(build).toThrow(ParallelToolsError);
    expect(build).toThrow(/"x"/);
  });

  it('refuses a request without a customId or without a model', () => {
    const batches = fromOpenAI(openai).batches;
    expect(() => batches.build([{ customId: '', messages, responseModel: [Weather], model: 'm' }])).toThrow(
      /#0 has no customId/,
    );
    try {
      batches.build([{ customId: 'a', messages, responseModel: [Weather] }]);
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(ParallelToolsError);
      expect((error as ParallelToolsError).code).toBe('invalid_options');
      expect((error as Error).message).toMatch(/no model/);
    }
  });

  it('refuses a bad responseModel as a single call does', () => {
    expect(() =>
      fromOpenAI(openai, { model: 'm' }).batches.build([
        { customId: 'a', messages, responseModel: [] as never },
      ]),
    ).toThrow(ToolDefinitionError);
  });

  it('builds native messages and per-request settings as given, the request model over the client one', () => {
    const [line] = fromOpenAI(openai, { model: 'default-model', strict: true }).batches.build([
      {
        customId: 'n1',
        nativeMessages: [{ role: 'developer', content: 'Be brief' }, ...messages],
        responseModel: [Weather],
        model: 'gpt-4o-mini',
        providerOptions: { tool_choice: 'auto', max_completion_tokens: 50 },
      },
    ]) as any[];
    expect(line).toEqual(
      expect.objectContaining({ custom_id: 'n1', method: 'POST', url: '/v1/chat/completions' }),
    );
    expect(line.body).toEqual(
      expect.objectContaining({
        model: 'gpt-4o-mini',
        tool_choice: 'auto',
        max_completion_tokens: 50,
        parallel_tool_calls: true,
        messages: [{ role: 'developer', content: 'Be brief' }, ...messages],
      }),
    );
    expect(line.body.tools[0].function.strict).toBe(true);
    expect(line.body.stream).toBeUndefined();
  });
});
