import 'reflect-metadata';
import { Mode } from 'parallel-tools';
import { fromGenAI } from 'parallel-tools/genai';
import { GoogleSearch, Weather } from '../01-parallel-tools/tools';
import { sampleGenAI } from './offline-genai';

async function main(): Promise<void> {
  const { ai, close } = await sampleGenAI();
  try {
    const client = fromGenAI(ai, { mode: Mode.GENAI_PARALLEL_TOOLS, model: 'gemini-2.5-flash' });
    const calls = await client.create({
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
