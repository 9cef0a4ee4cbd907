import { Readable } from 'node:stream';
import { readResultsLines, type ResultsLine } from '../../src/batch/result-lines.reader';

async function lines(chunks: Array<string | Uint8Array>, max?: number): Promise<ResultsLine[]> {
  const out: ResultsLine[] = [];
  for await (const line of readResultsLines(Readable.from(chunks, { objectMode: true }), max)) out.push(line);
  return out;
}

describe('readResultsLines', () => {
  it('splits lines across chunk boundaries, skips blank lines, keeps a last line without newline', async () => {
    expect(await lines(['{"a":', '1}\n\n{"b"', ':2}\r\n', '\n{"c":3}'])).toEqual([
      { line: 1, text: '{"a":1}', oversized: false },
      { line: 3, text: '{"b":2}\r', oversized: false },
      { line: 5, text: '{"c":3}', oversized: false },
    ]);
  });

  it('decodes a multi-byte character split between two byte chunks', async () => {
    const bytes = Buffer.from('{"city":"Zürich"}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect((await lines([bytes.subarray(0, cut), bytes.subarray(cut)])).map((l) => l.text)).toEqual([
      '{"city":"Zürich"}',
    ]);
  });

  it('reads a web ReadableStream too', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('1\n2'));
        controller.close();
      },
    });
    const out: string[] = [];
    for await (const line of readResultsLines(stream)) out.push(line.text);
    expect(out).toEqual(['1', '2']);
  });

  it('cuts an oversized line to its head, whether it arrives whole or in pieces, and reads on', async () => {
    const long = `{"custom_id":"x","pad":"${'y'.repeat(3000)}"}`;
    const pieces = long.match(/.{1,100}/g)!;
    for (const chunks of [[`${long}\nok\n`], [...pieces, '\nok']]) {
      const out = await lines(chunks, 1500);
      expect(out.map((l) => [l.line, l.oversized, l.text.length])).toEqual([
        [1, true, 1024],
        [2, false, 2],
      ]);
      expect(out[0].text.startsWith('{"custom_id":"x"')).toBe(true);
    }
  });

  it('drops a 20 MB line as it streams by, keeping its head, and reads the next', async () => {
    async function* endless(): AsyncGenerator<string> {
      for (let i = 0; i < 200; i++) yield 'z'.repeat(100_000);
      yield '\n{"after":true}\n';
    }
    const out: ResultsLine[] = [];
    for await (const line of readResultsLines(endless(), 1_000_000)) out.push(line);
    expect(out.map((l) => [l.oversized, l.text.length])).toEqual([
      [true, 1024],
      [false, 14],
    ]);
  });
});
