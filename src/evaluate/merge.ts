import { readdir, stat } from '../fs-async';
import path from 'node:path';
import { readJsonl } from '../contract/jsonl';
import { LineWriter } from '../contract/line-writer';
import { resultSchema } from '../contract/results';
import { readSummary, type ShardInfo, type Summary } from '../contract/summary';
import { InputError } from '../errors';
import { Aggregate } from './aggregate';
import type { Scorer } from './scorers';
import { fileDigest, shardLabel, shardRows } from './shard';

/** A shard's two files, with its summary read and known to carry a shard block. */
export interface ShardFiles {
  summaryFile: string;
  resultsFile: string;
  summary: Summary & { shard: ShardInfo };
}

/** Paths as the user should see them in messages (relative to the workspace when inside it). */
export type Show = (file: string) => string;

/**
 * Every regular file named summary.json under the roots (directories are searched recursively,
 * files are taken as given), sorted. After actions/download-artifact with merge-multiple: false
 * each shard's artifact sits in its own folder, so the depth is not fixed. Symbolic links are
 * not followed, so a link cannot pull in files from outside the roots or loop.
 */
export async function findShardSummaries(roots: readonly string[], exclude: ReadonlySet<string>, show: Show): Promise<string[]> {
  const found = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name === 'summary.json' && !exclude.has(full)) found.add(full);
    }
  };
  for (const root of roots) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(root)).isDirectory();
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new InputError(`shards path ${show(root)} ${missing ? 'does not exist; download every shard\'s artifact there first' : `cannot be read: ${(error as Error).message}`}`);
    }
    if (isDirectory) await walk(root);
    else found.add(root);
  }
  if (found.size === 0) {
    throw new InputError(
      `no shard summaries (summary.json) under ${roots.map(show).join(', ')}; run evaluate with shard: i/n in each matrix job and download every shard's artifact there (actions/download-artifact with pattern and merge-multiple: false)`,
    );
  }
  return [...found].sort();
}

/** Reads each summary and refuses one that is not a shard's; results.jsonl is expected beside it. */
export async function readShards(files: readonly string[], show: Show): Promise<ShardFiles[]> {
  const shards: ShardFiles[] = [];
  for (const summaryFile of files) {
    const summary = await readSummary(summaryFile);
    const { shard } = summary;
    if (!shard) {
      throw new InputError(`${show(summaryFile)} is not a shard summary (it has no shard field); merge combines the summaries written by evaluate with shard: i/n, so point it at those only`);
    }
    shards.push({ summaryFile, resultsFile: path.join(path.dirname(summaryFile), 'results.jsonl'), summary: { ...summary, shard } });
  }
  return shards;
}

/**
 * The checks that need no results row: one model version, one shard count, one dataset, every
 * index exactly once, and each shard holding the rows its index gives it. Returns the shards in
 * index order.
 */
export function checkShards(shards: readonly ShardFiles[], expected: { model: string; version: string }, show: Show): ShardFiles[] {
  const label = (s: ShardFiles): string => `${show(s.summaryFile)} (shard ${shardLabel(s.summary.shard)})`;
  for (const s of shards) {
    const { name, version } = s.summary.model;
    if (name !== expected.model || version !== expected.version) {
      throw new InputError(`${show(s.summaryFile)} is the evaluation of ${name} version ${version}, but merge was asked for ${expected.model} version ${expected.version}; merge the shards of one version only`);
    }
  }
  const counts = groupBy(shards, (s) => String(s.summary.shard.count));
  if (counts.size > 1) {
    const parts = [...counts].map(([count, group]) => `${count} in ${group.map(label).join(', ')}`);
    throw new InputError(`shards disagree on the shard count: ${parts.join('; ')}; merge the shards of one matrix run only`);
  }
  const datasets = groupBy(shards, (s) => `${s.summary.dataset.name} ${s.summary.dataset.digest} ${s.summary.dataset.rows}`);
  if (datasets.size > 1) {
    const parts = [...datasets.values()].map((group) => {
      const d = (group[0] as ShardFiles).summary.dataset;
      return `${d.name} ${d.digest.slice(0, 19)}… (${d.rows} rows) in ${group.map(label).join(', ')}`;
    });
    throw new InputError(`shards were evaluated on different datasets: ${parts.join('; ')}; re-run every shard on the same dataset file`);
  }
  const settings = groupBy(shards, (s) => s.summary.shard.settings_digest ?? '');
  if (settings.size > 1) {
    const parts = [...settings].map(([digest, group]) => `${digest ? `${digest.slice(0, 19)}…` : 'not recorded'} in ${group.map(label).join(', ')}`);
    throw new InputError(`shards were evaluated under different evaluate settings (scorers, repeat, conversation, cost or endpoint format): ${parts.join('; ')}; re-run every shard from one config`);
  }
  const first = shards[0] as ShardFiles;
  const { count } = first.summary.shard;
  const rows = first.summary.dataset.rows;
  const byIndex = groupBy(shards, (s) => String(s.summary.shard.index));
  for (const [index, group] of byIndex) {
    if (group.length > 1) {
      throw new InputError(`shard ${index}/${count} appears ${group.length} times: ${group.map((s) => show(s.summaryFile)).join(', ')}; keep one (download each shard's artifact once)`);
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(String(i)));
  if (missing.length > 0) {
    const found = [...byIndex.keys()].map(Number).sort((a, b) => a - b);
    throw new InputError(
      `${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (found ${found.map((i) => `${i}/${count}`).join(', ')}); re-run the missing shard's job, and merge only after every shard has finished`,
    );
  }
  const ordered = [...shards].sort((a, b) => a.summary.shard.index - b.summary.shard.index);
  for (const s of ordered) {
    const want = shardRows(s.summary.shard, rows);
    if (s.summary.shard.rows !== want) {
      throw new InputError(`${label(s)} holds ${s.summary.shard.rows} rows, but shard ${shardLabel(s.summary.shard)} of a ${rows}-row dataset holds ${want}; the shards' rows must add up to the dataset's ${rows}`);
    }
  }
  return ordered;
}

/** Each results.jsonl must be the very file its summary was written with. */
export async function checkResultDigests(shards: readonly ShardFiles[], show: Show): Promise<void> {
  for (const s of shards) {
    let digest: string;
    try {
      digest = await fileDigest(s.resultsFile);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new InputError(`${show(s.summaryFile)} has no readable results.jsonl beside it (${show(s.resultsFile)}: ${missing ? 'file not found' : (error as Error).message}); upload both files of every shard`);
    }
    if (digest !== s.summary.shard.results_digest) {
      throw new InputError(
        `${show(s.resultsFile)} is not the results file ${show(s.summaryFile)} was written with (digest ${digest.slice(0, 19)}…, the summary says ${s.summary.shard.results_digest.slice(0, 19)}…); upload a shard's summary.json and results.jsonl together, from the same run`,
      );
    }
  }
}

export interface Combined {
  aggregate: Aggregate;
  /** Rows read per shard, in the order given. */
  rows: number[];
}

/**
 * Streams every shard's results rows, in order, into one aggregate (so means, intervals and
 * percentiles are computed over the whole set, not averaged across shards) and, unless `out` is
 * null, into one results file. Memory holds the example ids (to refuse one seen twice) and the
 * latencies (for percentiles), never the rows.
 */
export async function combineResults(shards: readonly ShardFiles[], scorers: readonly Scorer[], out: string | null, show: Show): Promise<Combined> {
  const aggregate = new Aggregate(scorers);
  const names = scorers.flatMap((s) => [s.name, ...(s.parts ?? []).map((p) => p.name)]).sort();
  // Example id → its shard; with `repeat: k` an id has k rows (runs 1..k), each seen once.
  const shardOf = new Map<string, ShardFiles>();
  const runsSeen = new Set<string>();
  const rows: number[] = [];
  const stream = out ? new LineWriter(out) : null;
  try {
    for (const s of shards) {
      let count = 0;
      let examples = 0;
      for await (const { line, value } of readJsonl(s.resultsFile, resultSchema, 'shard results')) {
        const where = `${show(s.resultsFile)}:${line}`;
        const other = shardOf.get(value.id);
        if (other && other !== s) {
          throw new InputError(
            `${where}: example id "${value.id}" appears in two shards: ${show(other.resultsFile)} (shard ${shardLabel(other.summary.shard)}) and ${show(s.resultsFile)} (shard ${shardLabel(s.summary.shard)}); shards must be disjoint slices of one dataset`,
          );
        }
        const run = `${value.id}\u0000${value.repeat ?? 1}`;
        if (runsSeen.has(run)) {
          const which = value.repeat === undefined ? '' : ` run ${value.repeat}`;
          throw new InputError(`${where}: example id "${value.id}"${which} appears twice in ${show(s.resultsFile)}; example ids must be unique`);
        }
        runsSeen.add(run);
        if (!other) {
          shardOf.set(value.id, s);
          examples++;
        }
        const scored = Object.keys(value.scores).sort();
        if (scored.join('\0') !== names.join('\0')) {
          throw new InputError(
            `${where}: scores are named ${scored.join(', ') || 'nothing'} but evaluate.scorers names ${names.join(', ')}; merge with the configuration the shards were evaluated with`,
          );
        }
        aggregate.add(value);
        count++;
        if (stream) await stream.write(`${JSON.stringify(value)}\n`);
      }
      if (examples !== s.summary.shard.rows) {
        const runs = count === examples ? '' : ` (in ${count} rows)`;
        throw new InputError(`${show(s.resultsFile)} has ${examples} examples${runs} but ${show(s.summaryFile)} says shard ${shardLabel(s.summary.shard)} holds ${s.summary.shard.rows}`);
      }
      rows.push(count);
    }
  } finally {
    await stream?.close();
  }
  return { aggregate, rows };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
