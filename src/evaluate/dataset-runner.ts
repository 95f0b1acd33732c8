import { mkdir } from '../fs-async';
import path from 'node:path';
import type { Clock } from '../clock';
import type { EvaluateConfig } from '../config/evaluate-schema';
import { LineWriter } from '../contract/line-writer';
import type { Result, ToolCall, Turn } from '../contract/results';
import type { Metric } from '../contract/summary';
import { CancelledError, RemoteError, cancellation } from '../errors';
import { HttpTransportError, reserveConnections } from '../http/client';
import type { Logger } from '../logger';
import { RetriesExhaustedError } from '../http/retry';
import { createSha256 } from '../hash/sha256';
import { runPool } from '../pool';
import { Aggregate } from './aggregate';
import { datasetFormat, readExamples, type DatasetScan, type Example } from './dataset';
import { checkDataset, exampleProblem, type ScorerChecks } from './dataset-check';
import { FailureTally } from './failure-tally';
import { agentClient, type AgentAnswer } from './endpoint';
import { addCost, addUsage, historyStyle, playTurn, pricing, transcript, turnRecord, UnfinishedTurnError, type PlayedTurn, type TurnSpec } from './conversation';
import { resolveFormat } from './formats';
import { toolCallsOf } from './formats/steps';
import { TokenBucket } from './rate-limit';
import { combineTurns, mergeScored, nullScores, scoreAll, type Scored } from './score-all';
import { buildScorer, type Scorer } from './scorers';
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
  /**
   * sha256 of the bytes the run read; equals the scan's digest unless the file changed. Null when a
   * cancellation after the last example stopped the read before the end of the file (blank lines).
   */
  digest: string | null;
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
  /** The shell's masking path: an answer that quotes a credential is written without it. */
  mask?: (text: string) => string;
}

/**
 * A results row as JSON, with every credential the shell knows masked out of its text. The line
 * is masked whole (one pass, and almost always nothing to mask); when something was, the row is
 * written again with only its strings masked, so a secret that spells a key or a literal
 * (`null`, `true`) cannot break the line.
 */
function maskedLine(result: Result, mask: ((text: string) => string) | undefined): string {
  const json = JSON.stringify(result);
  if (!mask || mask(json) === json) return json;
  return JSON.stringify(result, (_key, value: unknown) => (typeof value === 'string' ? mask(value) : value));
}

/** One run of one example: with `repeat: k`, every example is run k times. */
interface Run {
  example: Example;
  run: number;
}

/** The scorers, the agent client and the dataset's checks a run (or a dry run) uses. */
function runParts(options: Pick<DatasetRunOptions, 'config' | 'url' | 'clock' | 'random'>) {
  const { config, clock } = options;
  const scorers = config.scorers.map((s) => buildScorer(s, { clock, random: options.random }));
  const limiter = config.requests_per_second === undefined ? null : new TokenBucket(config.requests_per_second, clock);
  // Tool calls are only looked at when the evaluation asks for them; otherwise a reply of calls alone stays unreadable, as before.
  const toolAware = config.conversation !== undefined || config.scorers.some((s) => s.type === 'tool_calls');
  const agent = agentClient({ endpoint: config.endpoint, url: options.url, inputColumn: config.dataset.columns.input, clock, limiter, random: options.random, toolOnlyReplies: toolAware });
  const prices = pricing(config.cost, config.endpoint.model);
  const scopes = new Map(config.scorers.map((s, i) => [scorers[i] as Scorer, s.turns ?? config.conversation?.turns ?? 'final']));
  const perTurn = scorers.filter((s) => scopes.get(s) === 'each');
  const atEnd = scorers.filter((s) => scopes.get(s) !== 'each');
  const player = config.conversation
    ? {
        agent,
        style: historyStyle(resolveFormat(config.endpoint, config.dataset.columns.input).settings.request),
        toolNames: config.endpoint.format !== 'openai-chat',
        maxToolRounds: config.conversation.max_tool_rounds,
        pricing: prices,
      }
    : null;
  const readOptions = {
    format: datasetFormat(config.dataset),
    columns: config.dataset.columns,
    inputProblem: (input: unknown, messages: Example['messages']) => agent.inputProblem({ raw: input, messages }),
    ...(config.conversation ? { conversation: config.conversation } : {}),
  };
  return { scorers, toolAware, agent, prices, perTurn, atEnd, player, readOptions, checks: { perTurn, atEnd } };
}

/** Every check a run makes of the dataset before its first request, without making one: what a dry run answers for. */
export async function checkDatasetForRun(options: Pick<DatasetRunOptions, 'config' | 'url' | 'clock' | 'random' | 'datasetFile'>): Promise<void> {
  const { scorers, readOptions, checks } = runParts(options);
  await checkDataset(options.datasetFile, readOptions, scorers, checks);
}

/**
 * Checks the whole dataset, then streams its examples through the agent with bounded concurrency
 * (and, if set, a request rate), scores each answer and writes one results line per run as it
 * completes. Fails fast when the endpoint cannot be reached at all, rather than recording a run
 * of errors.
 */
export async function runDataset(options: DatasetRunOptions): Promise<DatasetRun> {
  const { config, clock, logger } = options;
  const { scorers, toolAware, agent, prices, perTurn, atEnd, player, readOptions, checks } = runParts(options);
  await checkDataset(options.datasetFile, readOptions, scorers, checks);
  // One connection per worker, to the agent and to each judge, reused for the whole run.
  reserveConnections(agent.url, config.concurrency);
  for (const s of config.scorers) if (s.type === 'llm_judge') reserveConnections(s.endpoint.url, s.concurrency);
  const repeat = config.repeat;
  const aggregate = new Aggregate(scorers);
  // Made once the dataset passed its checks: a refused dataset leaves no empty version folder behind.
  await mkdir(path.dirname(options.resultsFile), { recursive: true });
  const out = new LineWriter(options.resultsFile);
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  let answered = 0;
  let unusedToolResults = 0;
  const failures = new FailureTally();
  const judgeFailures = new Map(scorers.filter((s) => s.judge).map((s) => [s.name, new FailureTally()]));
  let unreachable = { count: 0, first: '', advice: '' };
  const total = (options.shard ? shardRows(options.shard, options.scan.rows) : options.scan.rows) * repeat;
  const progress = startProgress(total, () => aggregate, { clock, logger, everyMs: options.progressEveryMs ?? 1_000 });

  const write = async (result: Result): Promise<void> => {
    aggregate.add(result);
    await out.write(`${maskedLine(result, options.mask)}\n`);
  };

  /** Counts a failed request; aborts the run when the endpoint has answered nothing at all. */
  const noteFailure = (error: unknown): string => {
    const message = (error as Error).message;
    // A retried call says how many attempts it made; say it of the others too.
    failures.add(error instanceof RetriesExhaustedError ? message : `${message} (1 attempt, not retried)`);
    // Not a timeout: an agent slower than evaluate.endpoint.timeout on its first examples is there, and the others may still be answered.
    const failure = transportFailure(error);
    if (answered === 0 && failure && failure.code !== 'TIMEOUT') {
      // A proxy's refusal already says what to change; the endpoint and the agent are not in question.
      const advice = failure.code === 'PROXY_REFUSED' ? '' : '; check evaluate.endpoint.url and that the agent is running';
      unreachable = { count: unreachable.count + 1, first: unreachable.first || message, advice: unreachable.first ? unreachable.advice : advice };
      if (unreachable.count >= Math.min(config.concurrency, total)) abort.abort();
    }
    return message;
  };

  const scoredFields = (scored: Scored): Partial<Result> => ({
    scores: scored.scores,
    ...(scored.error !== undefined ? { error: scored.error } : {}),
    ...(Object.keys(scored.judgements).length > 0 ? { judgements: scored.judgements } : {}),
    ...(Object.keys(scored.reasons).length > 0 ? { reasons: scored.reasons } : {}),
  });
  const spent = (usage: AgentAnswer['usage'], cost: number | undefined, calls: readonly ToolCall[]): Partial<Result> => ({
    ...(toolAware || calls.length > 0 ? { tool_calls: [...calls] } : {}),
    ...(usage ? { usage } : {}),
    ...(cost !== undefined ? { cost } : {}),
  });

  const evaluateOne = async ({ example, run }: Run): Promise<void> => {
    const base = {
      id: example.id,
      ...(repeat > 1 ? { repeat: run } : {}),
      inputs: example.input,
    };
    const expected = example.expected !== undefined ? { expected: example.expected } : {};
    if (player && example.turns) return evaluateConversation(example, example.turns, base);
    if (!player && run === 1 && example.fields.tool_results !== undefined) unusedToolResults++;
    let answer: AgentAnswer;
    try {
      answer = await agent.ask({ raw: example.input, messages: example.messages }, signal);
      answered++;
    } catch (error) {
      if (signal.aborted) return;
      const message = noteFailure(error);
      await write({ ...base, outputs: null, ...expected, scores: nullScores(scorers), latency_ms: null, error: message });
      return;
    }
    const latency = Math.round(answer.latencyMs * 10) / 10;
    const toolCalls = toolCallsOf(answer.steps);
    const scored = await scoreAll(scorers, { answer: answer.text, toolCalls, example, latencyMs: answer.latencyMs, signal });
    if (signal.aborted) return;
    if (scored.error === undefined) for (const [name, message] of Object.entries(scored.judgeErrors)) judgeFailures.get(name)?.add(message);
    await write({
      ...base,
      outputs: answer.text,
      ...expected,
      scores: scored.scores,
      latency_ms: latency,
      ...scoredFields(scored),
      ...spent(answer.usage, prices?.price(answer.usage, answer.model), toolCalls),
    });
  };

  /**
   * Plays a conversation turn by turn. A turn that fails ends it: the row is an error naming the
   * turn, with the turns played so far. Scorers then meet each turn or the whole at its end.
   */
  const evaluateConversation = async (example: Example, turns: readonly TurnSpec[], base: { id: string; repeat?: number; inputs: unknown }): Promise<void> => {
    const history: unknown[] = [];
    const played: PlayedTurn[] = [];
    const records: Turn[] = [];
    // A row written as turns is recorded turn by turn; a plain row (one turn, its input a conversation) is recorded as always.
    const recorded = example.messages === null;
    const expected = example.expected ?? turns.at(-1)?.expected;
    const expectedField = expected !== undefined ? { expected } : {};
    for (const [i, spec] of turns.entries()) {
      try {
        played.push(await playTurn({ ...(player as NonNullable<typeof player>), signal }, history, { raw: spec.input, messages: spec.messages }, spec.toolResults, i === turns.length - 1));
        if (i === 0) answered++;
        records.push(turnRecord(i, spec, played[i] as PlayedTurn));
      } catch (error) {
        if (signal.aborted) return;
        const message = noteFailure(error);
        const unfinishedCalls = error instanceof UnfinishedTurnError ? error.toolCalls : [];
        records.push(turnRecord(i, spec, null, message, unfinishedCalls));
        const calls = [...played.flatMap((p) => p.toolCalls), ...unfinishedCalls];
        await write({
          ...base,
          outputs: played.at(-1)?.text ?? null,
          ...expectedField,
          scores: nullScores(scorers),
          latency_ms: null,
          error: turns.length > 1 ? `turn ${i + 1} of ${turns.length}: ${message}` : message,
          ...(calls.length > 0 ? { tool_calls: calls } : {}),
          ...(recorded ? { turns: records } : {}),
        });
        return;
      }
    }
    const last = played.at(-1) as PlayedTurn;
    const calls = played.flatMap((p) => p.toolCalls);
    const latencyMs = played.reduce((sum, p) => sum + p.latencyMs, 0);
    const usage = played.slice(1).reduce((sum, p) => addUsage(sum, p.usage), played[0]?.usage);
    const cost = played.slice(1).reduce((sum, p) => addCost(sum, p.cost), played[0]?.cost);
    const eachTurn = await Promise.all(
      turns.map((spec, i) =>
        scoreAll(perTurn, {
          answer: (played[i] as PlayedTurn).text,
          toolCalls: (played[i] as PlayedTurn).toolCalls,
          example: { id: example.id, line: example.line, input: spec.input, messages: spec.messages, expected: spec.expected, fields: spec.fields },
          latencyMs: (played[i] as PlayedTurn).latencyMs,
          signal,
        }),
      ),
    );
    const whole = recorded ? { id: example.id, line: example.line, input: transcript(turns, played), messages: null, expected, fields: example.fields, turns } : example;
    const atEndScored = await scoreAll(atEnd, { answer: last.text, toolCalls: calls, example: whole, latencyMs, signal });
    if (signal.aborted) return;
    const scored = mergeScored(combineTurns(perTurn, eachTurn), atEndScored, scorers);
    if (scored.error === undefined) for (const [name, message] of Object.entries(scored.judgeErrors)) judgeFailures.get(name)?.add(message);
    if (recorded && perTurn.length > 0) eachTurn.forEach((t, i) => Object.assign(records[i] as Turn, { scores: t.scores }));
    await write({
      ...base,
      outputs: last.text,
      ...expectedField,
      scores: scored.scores,
      latency_ms: Math.round(latencyMs * 10) / 10,
      ...scoredFields(scored),
      ...spent(usage, cost, calls),
      ...(recorded ? { turns: records } : {}),
    });
  };

  const read = { rows: 0, examples: 0 };
  const bytesRead = createSha256();
  const examples = readExamples(options.datasetFile, { ...readOptions, recheck: bytesRead });
  try {
    await runPool(runsOf(examples, { scorers, checks, file: options.datasetFile, shard: options.shard ?? null, repeat, read }), config.concurrency, evaluateOne, signal);
  } finally {
    progress.stop();
    await out.close();
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
  // A shard is a slice: one whose few examples all failed is part of an evaluation merge weighs whole, as an unsharded run would.
  if (answered === 0 && options.shard) {
    logger.warn(`the agent answered none of this shard's ${aggregate.examples} ${repeat > 1 ? 'runs' : 'examples'} (${failures.describe()}); they are recorded as errors for merge to count`);
  } else if (answered === 0) {
    throw new NoAnswerError(
      `agent endpoint ${agent.url} did not answer any of the ${aggregate.examples} ${repeat > 1 ? 'runs' : 'examples'}. ${failures.describe()}. Every error is in ${options.resultsFile} (kept for you; the next run replaces it)`,
    );
  }
  const metrics = aggregate.metrics();
  warnUnmeasured(aggregate, metrics, config.cost !== undefined, logger);
  if (unusedToolResults > 0) {
    logger.warn(`${unusedToolResults} ${unusedToolResults === 1 ? 'row carries' : 'rows carry'} tool_results, which only a conversation uses: without evaluate.conversation the runner asks once and never answers a tool call; add \`conversation: {}\` to evaluate`);
  }
  for (const [name, tally] of judgeFailures) {
    const rate = metrics[`${name}/judge_error_rate`];
    if (!rate || rate.value === 0) continue;
    const failed = Math.round(rate.value * rate.n);
    logger.warn(
      `judge ${name} failed on ${failed} of the ${rate.n} answers it was asked to grade (${name}/judge_error_rate = ${rate.value}); those answers are left out of ${name}/mean and still count for the other scorers. ${tally.describe()}. Gate on ${name}/judge_error_rate to block on it`,
    );
  }
  const digest = signal.aborted ? null : `sha256:${bytesRead.digest('hex')}`;
  return { metrics, errors: aggregate.errors, examples: read.examples, rowsRead: read.rows, digest };
}

/**
 * The runs of one shard's examples (each `repeat` times), counting every row read so the
 * caller can tell the file did not change, and checking every row (in the slice or not)
 * against the scorers before it is sent.
 */
async function* runsOf(
  examples: AsyncGenerator<Example>,
  options: { scorers: readonly Scorer[]; checks: ScorerChecks; file: string; shard: Shard | null; repeat: number; read: { rows: number; examples: number } },
): AsyncGenerator<Run> {
  const { scorers, checks, file, shard, repeat, read } = options;
  for await (const example of examples) {
    const problem = exampleProblem(file, example, scorers, checks);
    if (problem) throw problem;
    const position = read.rows++;
    if (shard && !inShard(shard, position)) continue;
    read.examples++;
    for (let run = 1; run <= repeat; run++) yield { example, run };
  }
}

/** Answers without usage are left out of tokens/* and cost/*, never counted as 0: say how many. */
function warnUnmeasured(aggregate: Aggregate, metrics: Record<string, Metric>, priced: boolean, logger: Logger): void {
  const answered = aggregate.examples - aggregate.errors;
  const counted = metrics['tokens/mean']?.n ?? 0;
  if (aggregate.unreportedUsage > 0 && (counted > 0 || priced)) {
    logger.warn(
      counted > 0
        ? `${aggregate.unreportedUsage} of the ${answered} answers reported no token usage; tokens/* are over the ${counted} that did, not counting the others as 0`
        : `none of the ${answered} answers reported token usage, so there are no tokens/* metrics and evaluate.cost cannot price them`,
    );
  }
  const costed = metrics['cost/mean']?.n ?? 0;
  if (priced && aggregate.unpriced > 0 && counted > 0) {
    logger.warn(`${aggregate.unpriced} of the ${answered} answers could not be priced (no prompt and completion token counts, or a model without a price in evaluate.cost.prices); cost/* are over the ${costed} that could`);
  }
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
    logger.progress(`evaluated ${examples}/${total} (${rate.toFixed(1)}/s, ${errors} error${errors === 1 ? '' : 's'}${Number.isFinite(eta) ? `, ~${eta}s left` : ''})`);
  }, options.everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      logger.progress(null);
    },
  };
}
