import 'reflect-metadata';
import { Mode } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { responsesClient } from './offline-responses';
import { GoogleSearch, Weather } from './tools';

const QUESTION = 'What is the weather in toronto and dallas and who won the super bowl?';

async function main(): Promise<void> {
  const { openai, close } = await responsesClient();
  try {
    // RESPONSES_PARALLEL_TOOLS points the neutral extract/stream at the Responses API as well.
    const client = fromOpenAI(openai, { mode: Mode.RESPONSES_PARALLEL_TOOLS });

    const result = await client.responses.createWithResponse({
      model: 'gpt-4.1-mini',
      instructions: 'You must always use tools',
      input: QUESTION,
      responseModel: [Weather, GoogleSearch],
    });
    console.log('Whole reply, items:', result.response.output.map((item) => item.type).join(', '));
    for (const call of result.data) console.log(call);
    console.log('usage:', result.usage, '\n');

    console.log('Streamed, each call as soon as it is complete:');
    for await (const call of client.responses.create({
      model: 'gpt-4.1-mini',
      instructions: 'You must always use tools',
      input: QUESTION,
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
