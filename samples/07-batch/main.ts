import 'reflect-metadata';
import { fromOpenAI } from 'parallel-tools/openai';
import { orderNotes } from './documents';
import { sampleBatchOpenAI } from './offline-batch';
import { drawProgress } from './progress-bar';
import { LineItem, Shipment } from './tools';

/** Extracts the line items and the city of 300 order notes in one batch, with a progress bar. */
async function main(): Promise<void> {
  const { openai, offline, close } = await sampleBatchOpenAI();
  try {
    const client = fromOpenAI(openai, { model: 'gpt-4o-mini' });
    const notes = orderNotes(300);
    const outcomes = await client.batches.run(
      notes.map((note) => ({
        customId: note.id,
        messages: [
          { role: 'system', content: 'Call LineItem once per product line and Shipment once.' },
          { role: 'user', content: note.text },
        ],
        responseModel: [LineItem, Shipment],
      })),
      { maxRetries: 1, pollIntervalMs: offline ? 50 : 30_000, onProgress: drawProgress },
    );
    process.stdout.write('\n\n');

    const reasked = outcomes.filter((o) => o.ok && o.attempts > 1).length;
    const failed = outcomes.filter((o) => !o.ok);
    console.log(
      `${outcomes.length - failed.length} of ${notes.length} notes extracted (${reasked} after a re-ask).`,
    );
    for (const o of failed) if (!o.ok) console.log(`${o.customId}: ${o.error.code}: ${o.error.message}`);
    const first = outcomes[0];
    if (first.ok) {
      console.log(`\n${first.customId}: ${notes[0].text}`);
      for (const call of first.data) console.log(' ', call);
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
