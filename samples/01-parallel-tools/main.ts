import 'reflect-metadata';
import { Mode } from 'parallel-tools';
import { fromOpenAI } from 'parallel-tools/openai';
import { sampleOpenAI } from './offline-openai';
import { GoogleSearch, Weather } from './tools';

async function main(): Promise<void> {
  const { openai, close } = await sampleOpenAI();
  try {
    const client = fromOpenAI(openai, { mode: Mode.PARALLEL_TOOLS });
    const calls = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You must always use tools' },
        { role: 'user', content: 'What is the weather in toronto and dallas and who won the super bowl?' },
      ],
      responseModel: [Weather, GoogleSearch],
    });
    // calls: Array<Weather | GoogleSearch>, real instances in the model's order.
    for (const call of calls) console.log(call);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
