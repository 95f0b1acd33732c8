import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Clock } from '../clock';
import type { EvaluateConfig } from '../config/evaluate-schema';
import type { Judgement, Result } from '../contract/results';
import type { Metric } from '../contract/summary';
import { CancelledError, RemoteError, cancellation } from '../errors';
import { HttpTransportError, reserveConnections } from '../http/client';
import type { Logger } from '../logger';
import { RetriesExhaustedError } from '../http/retry';
import { runPool } from '../pool';
import { Aggregate } from './aggregate';
import { datasetFormat, readExamples, type DatasetScan, type Example } from './dataset';
import { checkDataset, exampleProblem } from './dataset-check';
import { FailureTally } from './failure-tally';
import { agentClient, type AgentAnswer } from './endpoint';
import { TokenBucket } from './rate-limit';
import { buildScorer, ScoringError, type Scorer, type ScoreInput } from './scorers';
import { inShard, shardRows, type Shard } from './shard';

/** No example got an answer. The partial results hold each example's error, so they are kept. */
export class NoAnswerError extends RemoteError {}

export interface DatasetRun {
  metrics: Record<string, Metric>;
  /** Results rows (runs) whose call or scoring failed. */
  errors: number;
  /** Examples evaluated: the whole dataset, or this shard's slice of it (each counted once, whatever `repeat`). */
  examples: number;
  /** Rows read from the file, in the slice or not; equals the scan's rows unless the file changed. */
  rowsRead: number;
}

export interface DatasetRunOptions {
  config: EvaluateConfig;
  datasetFile: string;
  scan: DatasetScan;
  /** The endpoint URL with its templates filled; the format may place it (e.g. under /serving-endpoints/…). */
  url: string;
  resultsFile: string;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** Evaluate only this slice; every row is still read, so ids stay checked across the whole file. */
  shard?: Shard | null;
  /** Jitter source for retries; tests pin it. */
  random?: () => number;
  /** How often the progress line is refreshed; the logger decides how often a log shows it. */
  progressEveryMs?: number;
}

/** One run of one example: with `repeat: k`, every example is run k times. */
interface Run {
  example: Example;
  run: number;
}

/**
 * Checks the whole dataset, then streams its examples through the agent with bounded concurrency
 * (and, if set, a request rate), scores each answer and writes one results line per run as it
 * completes. Fails fast when the endpoint cannot be reached at all, rather than recording a run
 * of errors.
 */
export async function runDataset(options: DatasetRunOptions): Promise<DatasetRun> {
  const { config, clock, logger } = options;
  const scorers = config.scorers.map((s) => buildScorer(s, { clock, random: options.random }));
  const limiter = config.requests_per_second === undefined ? null : new TokenBucket(config.requests_per_second, clock);
  const agent = agentClient({ endpoint: config.endpoint, url: options.url, inputColumn: config.dataset.columns.input, clock, limiter, random: options.random });
  const readOptions = {
    format: datasetFormat(config.dataset),
    columns: config.dataset.columns,
    inputProblem: (input: unknown, messages: Example['messages']) => agent.inputProblem({ raw: input, messages }),
  };
  await checkDataset(options.datasetFile, readOptions, scorers);
  // One connection per worker, to the agent and to each judge, reused for the whole run.
  reserveConnections(agent.url, config.concurrency);
  for (const s of config.scorers) if (s.type === 'llm_judge') reserveConnections(s.endpoint.url, s.concurrency);
  const repeat = config.repeat;
  const aggregate = new Aggregate(scorers);
  const out = createWriteStream(options.resultsFile, { encoding: 'utf8' });
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  let answered = 0;
  const failures = new FailureTally();
  const judgeFailures = new Map(scorers.filter((s) => s.judge).map((s) => [s.name, new FailureTally()]));
  let unreachable = { count: 0, first: '', advice: '' };
  const total = (options.shard ? shardRows(options.shard, options.scan.rows) : options.scan.rows) * repeat;
  const progress = startProgress(total, () => aggregate, { clock, logger, everyMs: options.progressEveryMs ?? 1_000 });

  const write = async (result: Result): Promise<void> => {
    aggregate.add(result);
    if (!out.write(`${JSON.stringify(result)}\n`)) await once(out, 'drain');
  };

  const evaluateOne = async ({ example, run }: Run): Promise<void> => {
    const base = {
      id: example.id,
      ...(repeat > 1 ? { repeat: run } : {}),
      inputs: example.input,
    };
    const expected = example.expected !== undefined ? { expected: example.expected } : {};
    let answer: AgentAnswer;
    try {
      answer = await agent.ask({ raw: example.input, messages: example.messages }, signal);
      answered++;
    } catch (error) {
      if (signal.aborted) return;
      const message = (error as Error).message;
      // A retried call says how many attempts it made; say it of the others too.
      failures.add(error instanceof RetriesExhaustedError ? message : `${message} (1 attempt, not retried)`);
      const failure = transportFailure(error);
      if (answered === 0 && failure) {
        // A proxy's refusal already says what to change; the endpoint and the agent are not in question.
        const advice = failure.code === 'PROXY_REFUSED' ? '' : '; check evaluate.endpoint.url and that the agent is running';
        unreachable = { count: unreachable.count + 1, first: unreachable.first || message, advice: unreachable.first ? unreachable.advice : advice };
        if (unreachable.count >= Math.min(config.concurrency, total)) abort.abort();
      }
      await write({ ...base, outputs: null, ...expected, scores: nullScores(scorers), latency_ms: null, error: message });
      return;
    }
    const latency = Math.round(answer.latencyMs * 10) / 10;
    const scored = await scoreAll(scorers, { answer: answer.text, example, latencyMs: answer.latencyMs, signal });
    if (signal.aborted) return;
    if (scored.error === undefined) for (const [name, message] of Object.entries(scored.judgeErrors)) judgeFailures.get(name)?.add(message);
    await write({
      ...base,
      outputs: answer.text,
      ...expected,
      scores: scored.scores,
      latency_ms: latency,
      ...(scored.error !== undefined ? { error: scored.error } : {}),
      ...(Object.keys(scored.judgements).length > 0 ? { judgements: scored.judgements } : {}),
    });
  };

  const read = { rows: 0, examples: 0 };
  const examples = readExamples(options.datasetFile, readOptions);
  try {
    await runPool(runsOf(examples, { scorers, file: options.datasetFile, shard: options.shard ?? null, repeat, read }), config.concurrency, evaluateOne, signal);
  } finally {
    progress.stop();
    out.end();
    await once(out, 'close');
  }
  // Cancelled with runs left: a signal that comes after the last run leaves a whole evaluation.
  if (options.signal?.aborted && aggregate.examples < total) {
    const done = aggregate.examples;
    throw new CancelledError(
      `evaluation ${cancellation(options.signal.reason)} after ${done} of ${total} ${repeat > 1 ? 'runs' : 'examples'}; nothing was recorded as the evaluation. The ${done} finished ${done === 1 ? 'is' : 'are'} in ${options.resultsFile} (kept; the next run replaces it); run evaluate again to evaluate the version`,
    );
  }
  if (abort.signal.aborted) {
    throw new RemoteError(`agent endpoint ${agent.url} is unreachable: the first ${unreachable.count} requests all failed (${unreachable.first})${unreachable.advice}`);
  }
  if (answered === 0) {
    throw new NoAnswerError(
      `agent endpoint ${agent.url} did not answer any of the ${aggregate.examples} ${repeat > 1 ? 'runs' : 'examples'}. ${failures.describe()}. Every error is in ${options.resultsFile} (kept for you; the next run replaces it)`,
    );
  }
  const metrics = aggregate.metrics();
  for (const [name, tally] of judgeFailures) {
    const rate = metrics[`${name}/judge_error_rate`];
    if (!rate || rate.value === 0) continue;
    const failed = Math.round(rate.value * rate.n);
    logger.warn(
      `judge ${name} failed on ${failed} of the ${rate.n} answers it was asked to grade (${name}/judge_error_rate = ${rate.value}); those answers are left out of ${name}/mean and still count for the other scorers. ${tally.describe()}. Gate on ${name}/judge_error_rate to block on it`,
    );
  }
  return { metrics, errors: aggregate.errors, examples: read.examples, rowsRead: read.rows };
}

/**
 * The runs of one shard's examples (each `repeat` times), counting every row read so the
 * caller can tell the file did not change, and checking every row (in the slice or not)
 * against the scorers before it is sent.
 */
async function* runsOf(
  examples: AsyncGenerator<Example>,
  options: { scorers: readonly Scorer[]; file: string; shard: Shard | null; repeat: number; read: { rows: number; examples: number } },
): AsyncGenerator<Run> {
  const { scorers, file, shard, repeat, read } = options;
  for await (const example of examples) {
    const problem = exampleProblem(file, example, scorers);
    if (problem) throw problem;
    const position = read.rows++;
    if (shard && !inShard(shard, position)) continue;
    read.examples++;
    for (let run = 1; run <= repeat; run++) yield { example, run };
  }
}

interface Scored {
  scores: Record<string, number | null>;
  judgements: Record<string, Judgement>;
  error?: string;
  /** Judges that failed on this answer, by scorer name: their failure, not the agent's. */
  judgeErrors: Record<string, string>;
}

/**
 * Every scorer on one answer, concurrently (a judge call need not wait for another). When a
 * scorer of the answer itself cannot score, the run is an error and every score is null: the
 * contract leaves an errored example out of every mean, so the means stay over the same examples.
 * A judge that fails (unreachable, an unreadable verdict) only loses its own score: the answer
 * still counts for the other scorers, and the failure is kept in the judgement for
 * `<judge>/judge_error_rate`.
 */
async function scoreAll(scorers: readonly Scorer[], input: ScoreInput): Promise<Scored> {
  const outcomes = await Promise.allSettled(scorers.map(async (s) => s.score(input)));
  const scores: Record<string, number | null> = {};
  const judgements: Record<string, Judgement> = {};
  const errors: string[] = [];
  const judgeErrors: Record<string, string> = {};
  outcomes.forEach((outcome, i) => {
    const scorer = scorers[i] as Scorer;
    if (outcome.status === 'fulfilled') {
      scores[scorer.name] = outcome.value.score;
      if (outcome.value.judgement) judgements[scorer.name] = outcome.value.judgement;
      return;
    }
    const error = outcome.reason as unknown;
    if (error instanceof ScoringError && error.judgement) judgements[scorer.name] = error.judgement;
    const message = error instanceof Error ? error.message : String(error);
    if (scorer.judge) {
      const said = judgements[scorer.name];
      judgements[scorer.name] = { score: said?.score ?? null, ...(said?.reason !== undefined ? { reason: said.reason } : {}), raw: said?.raw ?? '', error: said?.error ?? message };
      scores[scorer.name] = null;
      judgeErrors[scorer.name] = message;
      return;
    }
    errors.push(error instanceof ScoringError || message.startsWith('judge ') ? message : `scorer ${scorer.name}: ${message}`);
  });
  if (errors.length === 0) return { scores, judgements, judgeErrors };
  return { scores: nullScores(scorers), judgements, error: errors.join('; '), judgeErrors };
}

function nullScores(scorers: readonly Scorer[]): Record<string, null> {
  return Object.fromEntries(scorers.map((s) => [s.name, null]));
}

function transportFailure(error: unknown): HttpTransportError | undefined {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current instanceof HttpTransportError) return current;
    current = current.cause;
  }
  return undefined;
}

/** The progress line on long runs: done/total, rate, errors, ETA; cleared when the run ends. */
function startProgress(total: number, read: () => Aggregate, options: { clock: Clock; logger: Logger; everyMs: number }): { stop(): void } {
  const { clock, logger } = options;
  const started = clock.now();
  const timer = setInterval(() => {
    const { examples, errors } = read();
    const seconds = (clock.now() - started) / 1000;
    const rate = examples / Math.max(seconds, 0.001);
    const eta = rate > 0 ? Math.round((total - examples) / rate) : NaN;
    logger.progress(`evaluated ${examples}/${total} (${rate.toFixed(1)}/s, ${errors} errors${Number.isFinite(eta) ? `, ~${eta}s left` : ''})`);
  }, options.everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      logger.progress(null);
    },
  };
}
