import { fileChunks } from '../contract/file-chunks';
import { UsageError } from '../errors';
import { createSha256 } from '../hash/sha256';

/** One slice of a dataset: shard `index` of `count`, both counted from 1 as in `shard: 2/4`. */
export interface Shard {
  index: number;
  count: number;
}

const expectedForm = 'i/n with 1 ≤ i ≤ n (e.g. 2/4: the second of four slices; in a matrix, shard: ${{ matrix.shard }}/4)';

/** Parses the `shard` input; empty means the whole dataset. */
export function parseShard(text: string | undefined): Shard | null {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return null;
  const match = /^(\d+)\/(\d+)$/.exec(trimmed);
  if (!match) throw new UsageError(`shard "${trimmed}" is not of the form ${expectedForm}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UsageError(`shard "${trimmed}" is out of range: expected ${expectedForm}`);
  }
  return { index, count };
}

/**
 * Example k (0-based among the dataset's non-empty rows) belongs to shard (k mod n) + 1.
 * Round-robin rather than contiguous blocks: the slice depends only on the row's position, so
 * it is the same on every runner, and shards stay balanced if hard examples cluster in the file.
 */
export function inShard(shard: Shard, position: number): boolean {
  return position % shard.count === shard.index - 1;
}

/** How many of `rows` examples shard i/n holds. */
export function shardRows(shard: Shard, rows: number): number {
  return shard.index > rows ? 0 : Math.floor((rows - shard.index) / shard.count) + 1;
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** The folder under a version's directory a shard writes to, so shards never overwrite each other or the merged files. */
export function shardDirName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}

/** sha256 over a file's bytes, streamed, as "sha256:<hex>". */
export async function fileDigest(file: string): Promise<string> {
  const hash = createSha256();
  for await (const chunk of fileChunks(file)) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}
