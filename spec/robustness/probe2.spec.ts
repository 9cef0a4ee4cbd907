import { genAIDriver } from './support/drivers';
import { Weather, GoogleSearch } from '../support/seed-tools';
it('dbg', async () => {
  const d = await genAIDriver();
  const chunks: any[] = d.chunks({ calls: [{ name: 'Weather', args: { location: 'Toronto', units: 'metric' } }, { name: 'GoogleSearch', args: { query: 'q' } }] });
  console.log(JSON.stringify(chunks));
  chunks.splice(1, 0, '{"choices": [{"delta": ');
  d.server.enqueue({ sse: chunks });
  const ex = d.extractor({ hooks: { error: (e) => console.log('hook', e) } });
  const got: any[] = [];
  try { for await (const c of ex.stream({ messages: [{ role: 'user', content: 'x' }], responseModel: [Weather, GoogleSearch] })) got.push(c); } catch (e: any) { console.log('err', e.message, e.results, e.cause); }
  console.log(got);
  await d.close();
});
