import 'reflect-metadata';
import { createApp } from './app.module';
import { sampleExtractor } from './sample-extractor';

const EXAMPLE = { request: 'fly me to Lisbon on 3 May, a hotel for two nights, and a car' };

/**
 * Starts the trip planner on PORT (default 3000). With `--smoke` it sends the example request to
 * itself, prints the answer and exits.
 */
async function main(): Promise<void> {
  const { extractor, description, close } = await sampleExtractor();
  console.log(`Extractor: ${description}.`);
  const app = await createApp(extractor);
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
  const url = await app.getUrl();
  console.log(`Trip planner listening on ${url}. Try:`);
  console.log(
    `  curl -s -X POST ${url}/trips -H 'content-type: application/json' -d '${JSON.stringify(EXAMPLE)}'`,
  );

  if (process.argv.includes('--smoke')) {
    const res = await fetch(`${url}/trips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EXAMPLE),
    });
    console.log(`POST /trips -> ${res.status}\n${JSON.stringify(await res.json(), null, 2)}`);
    await app.close();
    await close();
    if (res.status !== 200) process.exitCode = 1;
    return;
  }
  // Ctrl-C: the shutdown hooks close the app and end the process, the local server with it.
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
