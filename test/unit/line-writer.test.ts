import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LineWriter } from '../../src/contract/line-writer';

describe('LineWriter', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'line-writer-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('holds lines until a chunk is full, and close writes the rest', async () => {
    const file = path.join(dir, 'out.jsonl');
    const writer = new LineWriter(file, 100);
    await writer.write('a'.repeat(40) + '\n');
    await writer.write('b'.repeat(40) + '\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await stat(file)).size).toBe(0);
    await writer.write('c'.repeat(40) + '\n');
    await writer.close();
    expect(await readFile(file, 'utf8')).toBe(`${'a'.repeat(40)}\n${'b'.repeat(40)}\n${'c'.repeat(40)}\n`);
  });

  it('keeps every line, in order, across many chunks and concurrent writers', async () => {
    const file = path.join(dir, 'many.jsonl');
    const writer = new LineWriter(file, 4096);
    const lines = Array.from({ length: 20_000 }, (_, i) => `${JSON.stringify({ id: `ex-${i}`, text: 'é'.repeat(i % 7) })}\n`);
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < lines.length) await writer.write(lines[next++] as string);
      }),
    );
    await writer.close();
    expect(await readFile(file, 'utf8')).toBe(lines.join(''));
  });

  it('closes an empty file', async () => {
    const file = path.join(dir, 'empty.jsonl');
    await new LineWriter(file).close();
    expect(await readFile(file, 'utf8')).toBe('');
  });
});
