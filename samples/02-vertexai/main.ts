import 'reflect-metadata';
import { Mode } from 'parallel-tools';
import { fromVertexAI } from 'parallel-tools/vertexai';
import { GoogleSearch, Weather } from '../01-parallel-tools/tools';
import { sampleVertexModel } from './offline-vertexai';

async function main(): Promise<void> {
  const { model, close } = await sampleVertexModel();
  try {
    const client = fromVertexAI(model, { mode: Mode.VERTEXAI_PARALLEL_TOOLS });
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
