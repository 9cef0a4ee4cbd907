import 'reflect-metadata';
import { fromAnthropic } from 'parallel-tools/anthropic';
import { anthropicClient } from './offline-anthropic';
import { GoogleSearch, Weather } from './tools';

const QUESTION = 'What is the weather in toronto and dallas and who won the super bowl?';
const MODEL = 'claude-sonnet-4-5';

async function main(): Promise<void> {
  const { anthropic, close } = await anthropicClient();
  try {
    const client = fromAnthropic(anthropic, { maxTokens: 1024 });

    const result = await client.messages.createWithResponse({
      model: MODEL,
      system: 'You must always use tools',
      messages: [{ role: 'user', content: QUESTION }],
      responseModel: [Weather, GoogleSearch],
    });
    console.log('Whole reply, blocks:', result.response.content.map((block) => block.type).join(', '));
    for (const call of result.data) console.log(call);
    console.log('usage:', result.usage, '\n');

    console.log('Streamed, each call as soon as its input is complete:');
    for await (const call of client.messages.create({
      model: MODEL,
      system: 'You must always use tools',
      messages: [{ role: 'user', content: QUESTION }],
      responseModel: [Weather, GoogleSearch],
      stream: true,
    })) {
      console.log(call instanceof Weather ? `Weather for ${call.location}` : `Search: ${call.query}`);
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
