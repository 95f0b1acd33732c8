import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Clock } from '../clock';
import type { EvaluateConfig } from '../config/schema';
import type { Result } from '../contract/results';
import type { Metric } from '../contract/summary';
import { RemoteError } from '../errors';
import { HttpTransportError } from '../http/client';
import type { Logger } from '../logger';
import { runPool } from '../pool';
import { Aggregate } from './aggregate';
import { readExamples, type DatasetScan, type Example } from './dataset';
import { askAgent } from './endpoint';
import { createScorer, type Scorer } from './scorers';
import { inShard, shardRows, type Shard } from './shard';

export interface DatasetRun {
  metrics: Record<string, Metric>;
  errors: number;
  /** Examples evaluated: the whole dataset, or this shard's slice of it. */
  examples: number;
  /** Rows read from the file, in the slice or not; equals the scan's rows unless the file changed. */
  rowsRead: number;
}

export interface DatasetRunOptions {
  config: EvaluateConfig;
  datasetFile: string;
  scan: DatasetScan;
  url: string;
  resultsFile: string;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** Evaluate only this slice; every row is still read, so ids stay checked across the whole file. */
  shard?: Shard | null;
}

/**
 * Streams examples through the agent with bounded concurrency and writes one results line per
 * example as it completes. Fails fast when the endpoint cannot be reached at all, rather than
 * recording a run of errors.
 */
export async function runDataset(options: DatasetRunOptions): Promise<DatasetRun> {
  const { config, clock, logger, url } = options;
  const scorers = config.scorers.map(createScorer);
  const aggregate = new Aggregate(scorers);
  const out = createWriteStream(options.resultsFile, { encoding: 'utf8' });
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  let answered = 0;
  let unreachable: { count: number; first: string } = { count: 0, first: '' };
  const total = options.shard ? shardRows(options.shard, options.scan.rows) : options.scan.rows;
  const progress = startProgress(total, () => aggregate, clock, logger);

  const evaluateOne = async (example: Example): Promise<void> => {
    const started = performance.now();
    let result: Result;
    try {
      const answer = await askAgent(config.endpoint, url, example.messages, clock, signal);
      const latency = performance.now() - started;
      answered++;
      result = {
        id: example.id,
        inputs: example.input,
        outputs: answer.text,
        ...(example.expected !== undefined ? { expected: example.expected } : {}),
        scores: scoreAll(scorers, answer.text, example, latency),
        latency_ms: Math.round(latency * 10) / 10,
      };
    } catch (error) {
      if (signal.aborted) return;
      const message = (error as Error).message;
      if (answered === 0 && isUnreachable(error)) {
        unreachable = { count: unreachable.count + 1, first: unreachable.first || message };
        if (unreachable.count >= Math.min(config.concurrency, total)) abort.abort();
      }
      result = {
        id: example.id,
        inputs: example.input,
        outputs: null,
        ...(example.expected !== undefined ? { expected: example.expected } : {}),
        scores: Object.fromEntries(scorers.map((s) => [s.name, null])),
        latency_ms: null,
        error: message,
      };
    }
    aggregate.add(result.scores, result.latency_ms, result.error !== undefined);
    if (!out.write(`${JSON.stringify(result)}\n`)) await once(out, 'drain');
  };

  const read = { rows: 0 };
  try {
    await runPool(slice(readExamples(options.datasetFile, config.dataset.columns), options.shard ?? null, read), config.concurrency, evaluateOne, signal);
  } finally {
    progress.stop();
    out.end();
    await once(out, 'close');
  }
  if (abort.signal.aborted) {
    throw new RemoteError(`agent endpoint ${url} is unreachable: the first ${unreachable.count} requests all failed (${unreachable.first}); check evaluate.endpoint.url and that the agent is running`);
  }
  if (answered === 0) {
    throw new RemoteError(`agent endpoint ${url} did not answer any of the ${aggregate.examples} examples; see ${options.resultsFile} for each error`);
  }
  return { metrics: aggregate.metrics(), errors: aggregate.errors, examples: aggregate.examples, rowsRead: read.rows };
}

/** The examples of one shard, counting every row read so the caller can tell the file did not change. */
async function* slice(examples: AsyncGenerator<Example>, shard: Shard | null, read: { rows: number }): AsyncGenerator<Example> {
  for await (const example of examples) {
    const position = read.rows++;
    if (!shard || inShard(shard, position)) yield example;
  }
}

function scoreAll(scorers: readonly Scorer[], answer: string, example: Example, latency: number): Record<string, number | null> {
  return Object.fromEntries(scorers.map((s) => [s.name, s.score(answer, example, latency)]));
}

function isUnreachable(error: unknown): boolean {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current instanceof HttpTransportError) return true;
    current = current.cause;
  }
  return false;
}

/** A log line every few seconds on long runs: done/total, rate, errors, ETA. */
function startProgress(total: number, read: () => Aggregate, clock: Clock, logger: Logger): { stop(): void } {
  const started = clock.now();
  const timer = setInterval(() => {
    const { examples, errors } = read();
    const seconds = (clock.now() - started) / 1000;
    const rate = examples / Math.max(seconds, 0.001);
    const eta = rate > 0 ? Math.round((total - examples) / rate) : NaN;
    logger.info(`evaluated ${examples}/${total} (${rate.toFixed(1)}/s, ${errors} errors${Number.isFinite(eta) ? `, ~${eta}s left` : ''})`);
  }, 5_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
