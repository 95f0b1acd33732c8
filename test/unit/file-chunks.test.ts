import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileChunks } from '../../src/contract/file-chunks';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

const openDescriptors = (): number => readdirSync('/proc/self/fd').length;

/** Each chunk copied, as a caller that keeps bytes must: the next chunk is read into the same buffer. */
async function collect(file: string, chunkBytes?: number): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of fileChunks(file, chunkBytes)) chunks.push(Buffer.from(chunk));
  return chunks;
}

describe('fileChunks', () => {
  it('gives the whole file in order, each chunk at most the size asked for', async () => {
    const bytes = randomBytes(10_000);
    const file = path.join(ws.dir, 'data.bin');
    writeFileSync(file, bytes);
    const chunks = await collect(file, 4096);
    expect(chunks.map((chunk) => chunk.length)).toEqual([4096, 4096, 1808]);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('reads every chunk into one buffer, so a long read does not allocate a buffer a chunk', async () => {
    const file = path.join(ws.dir, 'data.bin');
    writeFileSync(file, randomBytes(10_000));
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of fileChunks(file, 4096)) buffers.add(chunk.buffer);
    expect(buffers.size).toBe(1);
  });

  it('gives nothing for an empty file, and a file of exactly one chunk as one', async () => {
    expect(await collect(await ws.write('empty', ''), 16)).toEqual([]);
    expect((await collect(await ws.write('sixteen', 'x'.repeat(16)), 16)).map((chunk) => chunk.toString())).toEqual(['x'.repeat(16)]);
  });

  it('fails as opening the file fails, and for a folder on the first read', async () => {
    await expect(collect(path.join(ws.dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(collect(ws.dir)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('closes its descriptor when the reader stops early, finishes, or the read fails', async () => {
    const file = await ws.write('data.txt', 'y'.repeat(5000));
    const before = openDescriptors();
    for await (const chunk of fileChunks(file, 1000)) {
      expect(chunk.length).toBe(1000);
      break;
    }
    await collect(file, 1000);
    await collect(ws.dir).catch(() => {});
    expect(openDescriptors()).toBe(before);
  });
});
