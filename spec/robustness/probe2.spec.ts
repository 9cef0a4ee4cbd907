import OpenAI from 'openai';
import { MockOpenAIServer } from 'parallel-tools/testing';
it('to', async () => {
  const s = await MockOpenAIServer.start();
  s.enqueue({ fault: 'never-respond' });
  const o = new OpenAI({ baseURL: s.baseURL, apiKey: 't', maxRetries: 0, timeout: 200 });
  try { await o.chat.completions.create({ model: 'm', messages: [] }); } catch (e: any) { console.log(e.constructor.name, e.message, e.cause, e.cause?.cause); }
  await s.close();
});
