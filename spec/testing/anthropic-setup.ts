import Anthropic from '@anthropic-ai/sdk';
import { MockAnthropicServer } from '../../src/testing';

/** A fresh server and an SDK client on it for each test (no retries, SDK logging off). */
export interface AnthropicSetup {
  server: MockAnthropicServer;
  client: Anthropic;
}

/** Registers beforeEach/afterEach hooks; read `server` and `client` inside the tests. */
export function useAnthropicServer(): AnthropicSetup {
  const setup = {} as AnthropicSetup;
  beforeEach(async () => {
    setup.server = await MockAnthropicServer.start();
    setup.client = new Anthropic({
      baseURL: setup.server.baseURL,
      apiKey: 'test',
      maxRetries: 0,
      logLevel: 'off',
    });
  });
  afterEach(() => setup.server.close());
  return setup;
}

/** The tool_use blocks of a message as `[name, input]` pairs. */
export function toolUses(message: Anthropic.Message): Array<[string, unknown]> {
  return message.content.flatMap((b) =>
    b.type === 'tool_use' ? [[b.name, b.input] as [string, unknown]] : [],
  );
}
