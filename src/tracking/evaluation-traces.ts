import type { TracesConfig } from '../config/evaluate-schema';
import { readJsonl } from '../contract/jsonl';
import { resultSchema, type Result, type ToolCall, type Turn, type Usage } from '../contract/results';
import { asMessages, type ChatMessage } from '../evaluate/messages';
import { messageOf } from '../errors';
import type { Logger } from '../logger';
import { runPool } from '../pool';
import type { TrackingClient } from './client';
import { TraceClient, type AssessmentToLog, type SpanToLog, type TraceToLog } from './traces';
import { randomHex } from '../random-ids';
import { sha256Hex } from '../hash/sha256';

/** Traces per OTLP request: one request stores a batch's spans, then each trace's info follows. */
export const traceBatchSize = 50;
/** MLflow keeps request and response previews this long (TRACE_REQUEST_RESPONSE_PREVIEW_MAX_LENGTH). */
const previewChars = 1000;
/** A judge's raw answer is kept in the assessment's metadata up to this many characters. */
const rawChars = 2000;

export interface EvaluationTraceOptions {
  client: TrackingClient;
  settings: TracesConfig;
  experimentId: string;
  runId: string;
  resultsFile: string;
  /** Rows in results.jsonl (examples × repeat): sets the sampling rate without a first pass. */
  rows: number;
  model: { name: string; version: string };
  /** When the evaluation started: results rows carry no time of their own. */
  startedAtMs: number;
  logger: Logger;
  signal?: AbortSignal;
}

export interface TraceOutcome {
  logged: number;
  failed: number;
  /** Rows left out by the cap. */
  sampledOut: number;
  /** Why logging stopped early, when it did. */
  stopped?: string;
}

/**
 * Logs each evaluated request of results.jsonl as an MLflow trace linked to the evaluation run:
 * request, answer, tool calls, latency, tokens, and every scorer's verdict as an assessment.
 * Best effort by design: tracing is for people reading the run, so a failure here is a warning,
 * never a failed evaluation. Bounded by `max`, sampled by a hash of the example id, and stopped
 * as soon as a whole batch fails (a server without the tracing API should cost one batch).
 */
export async function logEvaluationTraces(options: EvaluationTraceOptions): Promise<TraceOutcome> {
  const { client, settings, experimentId, logger } = options;
  const traces = new TraceClient(client.rest, !client.onDatabricks);
  const rate = Math.min(1, settings.max / Math.max(1, options.rows));
  const outcome: TraceOutcome = { logged: 0, failed: 0, sampledOut: 0 };
  let firstFailure = '';
  let spanFailures = 0;
  let batch: TraceToLog[] = [];

  // Trace infos first, then the batch's spans in one request (the Python client sends spans
  // first). Either order gives the same trace; on MLflow 3.17 with SQLite, 100 sequential traces
  // took 72 ms each this way and 88 ms the other, though at 1,000 the two are within noise.
  const flush = async (): Promise<boolean> => {
    const sending = batch;
    batch = [];
    let failedHere = 0;
    await runPool(
      sending.values(),
      settings.concurrency,
      async (trace) => {
        try {
          await traces.startTrace(experimentId, trace);
          outcome.logged++;
        } catch (error) {
          failedHere++;
          firstFailure ||= messageOf(error);
        }
      },
      options.signal,
    );
    outcome.failed += failedHere;
    if (failedHere === sending.length) return false;
    try {
      await traces.logSpans(experimentId, sending);
    } catch (error) {
      firstFailure ||= `spans: ${messageOf(error)}`;
      spanFailures += sending.length;
    }
    return true;
  };

  for await (const { value } of readJsonl(options.resultsFile, resultSchema, 'results')) {
    if (options.signal?.aborted) break;
    if (outcome.logged + outcome.failed + batch.length >= settings.max || (rate < 1 && sampleFraction(value) >= rate)) {
      outcome.sampledOut++;
      continue;
    }
    batch.push(traceOf(value, options, (text) => client.mask(text)));
    if (batch.length >= traceBatchSize && !(await flush())) {
      outcome.stopped = 'a whole batch failed';
      break;
    }
  }
  if (batch.length > 0 && !outcome.stopped) await flush();
  if (spanFailures > 0) logger.warn(`tracking: the spans of ${spanFailures} traces (tool calls, inputs and outputs in full) could not be logged to run ${options.runId}: ${firstFailure}; their previews and assessments are`);
  if (outcome.failed > 0 || outcome.stopped) {
    logger.warn(
      `tracking: ${outcome.failed} of ${outcome.logged + outcome.failed} traces could not be logged to run ${options.runId}${outcome.stopped ? ` (stopped: ${outcome.stopped})` : ''}: ${firstFailure}. The evaluation itself is recorded; set evaluate.traces.enabled: false to skip traces`,
    );
  } else {
    logger.info(`tracking: logged ${outcome.logged} traces to run ${options.runId}${outcome.sampledOut ? ` (a sample: ${outcome.sampledOut} rows over evaluate.traces.max ${settings.max} left out)` : ''}`);
  }
  return outcome;
}

/** A stable number in [0, 1) per row: the same examples are sampled in every version's evaluation. */
function sampleFraction(row: Result): number {
  return Number.parseInt(sha256Hex(`${row.id}\u0000${row.repeat ?? 1}`).slice(0, 8), 16) / 2 ** 32;
}

function traceOf(row: Result, options: EvaluationTraceOptions, mask: (text: string) => string): TraceToLog {
  const start = options.startedAtMs;
  const turns = row.turns ?? [];
  const duration = row.latency_ms ?? turns.reduce((sum, t) => sum + (t.latency_ms ?? 0), 0);
  const rootId = spanId();
  // A conversation row's inputs are its turns as written, expected answers and all: the request is the conversation as played.
  const inputs = masked(turns.length > 0 ? { messages: conversationOf(turns) } : row.inputs, mask);
  const outputs = masked(row.outputs, mask);
  const usage = tokenUsage(row.usage);
  const root: SpanToLog = {
    spanId: rootId,
    name: `${options.model.name} v${options.model.version}`,
    type: 'AGENT',
    startMs: start,
    endMs: start + duration,
    ...(row.error !== undefined ? { error: mask(row.error) } : {}),
    attributes: { 'mlflow.spanInputs': inputs, 'mlflow.spanOutputs': outputs, ...(usage ? { 'mlflow.chat.tokenUsage': usage } : {}) },
  };
  const children = turns.length > 0 ? turnSpans(turns, rootId, start, mask) : toolSpans(row.tool_calls, rootId, start, mask);
  const tags: Record<string, string> = {
    'mlflow.traceName': row.repeat ? `${row.id} #${row.repeat}` : row.id,
    'agent_release.example_id': row.id,
    'agent_release.model.name': options.model.name,
    'agent_release.model.version': options.model.version,
    ...(row.repeat ? { 'agent_release.repeat': String(row.repeat) } : {}),
    ...(row.cost !== undefined ? { 'agent_release.cost': String(row.cost) } : {}),
  };
  return {
    otelTraceId: randomHex(16),
    requestTimeMs: start,
    durationMs: duration,
    state: row.error === undefined ? 'OK' : 'ERROR',
    requestPreview: preview(inputs),
    responsePreview: preview(row.error !== undefined && row.outputs === null ? mask(row.error) : outputs),
    metadata: { 'mlflow.sourceRun': options.runId, ...(usage ? { 'mlflow.trace.tokenUsage': JSON.stringify(usage) } : {}) },
    tags,
    assessments: assessmentsOf(row, mask),
    spans: [root, ...children],
  };
}

const spanId = (): string => randomHex(8);

function tokenUsage(usage: Usage | undefined): Record<string, number | undefined> | undefined {
  return usage ? { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens, total_tokens: usage.total_tokens } : undefined;
}

/** Results do not time tool calls: each is a point at its request's start, in call order. */
function toolSpans(calls: readonly ToolCall[] | undefined, parentSpanId: string, at: number, mask: (text: string) => string): SpanToLog[] {
  return (calls ?? []).map((call) => ({ spanId: spanId(), parentSpanId, name: call.name, type: 'TOOL', startMs: at, endMs: at, attributes: { 'mlflow.spanInputs': masked(call.arguments, mask) } }));
}

/** One span per turn played, one after another: its input, answer, tool calls, tokens and error. */
function turnSpans(turns: readonly Turn[], parentSpanId: string, start: number, mask: (text: string) => string): SpanToLog[] {
  let at = start;
  return turns.flatMap((turn) => {
    const id = spanId();
    const usage = tokenUsage(turn.usage);
    const span: SpanToLog = {
      spanId: id,
      parentSpanId,
      name: `turn ${turn.turn}`,
      type: 'AGENT',
      startMs: at,
      endMs: at + (turn.latency_ms ?? 0),
      ...(turn.error !== undefined ? { error: mask(turn.error) } : {}),
      attributes: { 'mlflow.spanInputs': masked(turn.input, mask), 'mlflow.spanOutputs': masked(turn.output, mask), ...(usage ? { 'mlflow.chat.tokenUsage': usage } : {}) },
    };
    const tools = toolSpans(turn.tool_calls, id, at, mask);
    at = span.endMs;
    return [span, ...tools];
  });
}

/** The user's turns and the agent's replies, up to the last turn played. */
function conversationOf(turns: readonly Turn[]): ChatMessage[] {
  return turns.flatMap((turn, i) => [
    ...(asMessages(turn.input) ?? [{ role: 'user', content: JSON.stringify(turn.input) }]),
    ...(i < turns.length - 1 && turn.output !== null ? [{ role: 'assistant', content: turn.output }] : []),
  ]);
}

/** Each scorer's verdict, and the expected answer as MLflow's `expected_response` expectation. */
function assessmentsOf(row: Result, mask: (text: string) => string): AssessmentToLog[] {
  const out: AssessmentToLog[] = [];
  for (const [scorer, score] of Object.entries(row.scores)) {
    const judgement = row.judgements?.[scorer];
    // MLflow refuses "." in assessment names; scorer names allow it.
    const name = scorer.replace(/\./g, '_');
    const source = { type: judgement ? ('LLM_JUDGE' as const) : ('CODE' as const), id: scorer };
    if (score === null && judgement?.error === undefined) continue; // nothing to judge by, or the agent failed (the trace's state says so)
    out.push({
      name,
      source,
      feedback: score === null ? { error: { code: 'JUDGE_ERROR', message: mask(judgement?.error ?? 'no score') } } : { value: score },
      ...(judgement?.reason !== undefined ? { rationale: mask(judgement.reason) } : {}),
      ...(judgement ? { metadata: { raw: mask(judgement.raw.slice(0, rawChars)), score_as_given: JSON.stringify(judgement.score) } } : {}),
    });
  }
  if (row.expected !== undefined) out.push({ name: 'expected_response', source: { type: 'HUMAN', id: 'dataset' }, expectation: { value: masked(row.expected, mask) } });
  return out;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return text.length > previewChars ? `${text.slice(0, previewChars - 1)}…` : text;
}

/** Every string in a JSON value through the masker: answers may echo a token. */
function masked(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => masked(v, mask));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, mask)]));
  return value;
}
