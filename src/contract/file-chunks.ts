import * as fs from 'node:fs';
import { promisify } from 'node:util';

const open = promisify(fs.open);
const read = promisify(fs.read);
const close = promisify(fs.close);

/**
 * A file's bytes, a chunk per read, through its own descriptor rather than a read stream: node:fs's
 * streams load node:fs/promises for their FileHandle support, with readline and the file watchers
 * (1.4 ms of a gate's start-up). Opening fails as fs.open does (ENOENT, EACCES), before any chunk;
 * the descriptor is closed however the reader stops. Every chunk is read into the same buffer, so
 * a chunk holds its bytes until the next one is asked for: a caller that keeps bytes copies them.
 */
export async function* fileChunks(file: string, chunkBytes = 64 * 1024): AsyncGenerator<Buffer> {
  const fd = await open(file, 'r');
  const buffer = Buffer.allocUnsafe(chunkBytes);
  try {
    for (;;) {
      const { bytesRead } = await read(fd, buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await close(fd).catch(() => {});
  }
}
