import { z } from 'zod';
import { InputError } from '../errors';
import type { MlflowRest } from '../mlflow/rest';
import { randomIndex, seededRandom } from '../stats/random';
import type { RecordedRequest } from './requests';
import { lazySchema } from '../config/zod-helpers';

/** MLflow 3's trace endpoints sit beside the 2.0 API the transport is rooted at. */
const searchPath = '../3.0/mlflow/traces/search';
const getPath = '../3.0/mlflow/traces/get';

const searchAnswer = lazySchema(() => z.object({
  traces: z.array(z.object({ trace_id: z.string(), state: z.string().optional() }).loose()).default([]),
  next_page_token: z.string().optional(),
}));

/** OTLP's AnyValue, as MLflow 3 returns span attributes. */
type AnyValue = { string_value?: string; bool_value?: boolean; int_value?: string | number; double_value?: number; array_value?: { values?: AnyValue[] }; kvlist_value?: { values?: { key: string; value?: AnyValue }[] } };
const anyValue: z.ZodType<AnyValue> = lazySchema(() => z.lazy(() =>
  z.object({
    string_value: z.string().optional(),
    bool_value: z.boolean().optional(),
    int_value: z.union([z.string(), z.number()]).optional(),
    double_value: z.number().optional(),
    array_value: z.object({ values: z.array(anyValue).optional() }).optional(),
    kvlist_value: z.object({ values: z.array(z.object({ key: z.string(), value: anyValue.optional() })).optional() }).optional(),
  }),
));
const traceAnswer = lazySchema(() => z.object({
  trace: z.object({
    spans: z.array(z.object({ parent_span_id: z.string().optional(), attributes: z.array(z.object({ key: z.string(), value: anyValue.optional() })).default([]) }).loose()).default([]),
  }).loose(),
}));

/**
 * Recorded requests from MLflow traces: the experiment's traces that ended OK between `fromMs`
 * and `toMs` (POST /api/3.0/mlflow/traces/search, paged), sampled (reservoir, seeded), each read
 * whole (GET /api/3.0/mlflow/traces/get) for its root span's inputs: the trace metadata keeps only
 * a 250-character preview of them. A trace whose root span has no object inputs is skipped.
 */
export async function readTraceRequests(rest: MlflowRest, options: { experiment: string; fromMs: number; toMs: number; sample: number; seed: number }): Promise<{ requests: RecordedRequest[]; rows: number; skipped: number }> {
  const experiment = await rest.call({
    what: `read experiment ${options.experiment}`,
    method: 'GET',
    path: 'mlflow/experiments/get-by-name',
    fields: { experiment_name: options.experiment },
    response: z.object({ experiment: z.object({ experiment_id: z.string() }).loose() }),
    idempotent: true,
  });
  const random = seededRandom(options.seed);
  const sampled: string[] = [];
  let seen = 0;
  let pageToken: string | undefined;
  do {
    const page = await rest.call({
      what: `search the traces of ${options.experiment}`,
      method: 'POST',
      path: searchPath,
      fields: {
        locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experiment.experiment.experiment_id } }],
        filter: `trace.timestamp_ms >= ${Math.floor(options.fromMs)} AND trace.timestamp_ms < ${Math.floor(options.toMs)} AND trace.status = 'OK'`,
        max_results: 500,
        ...(pageToken ? { page_token: pageToken } : {}),
      },
      response: searchAnswer,
      idempotent: true,
    });
    for (const trace of page.traces) {
      seen++;
      if (sampled.length < options.sample) sampled.push(trace.trace_id);
      else {
        const slot = randomIndex(random, seen);
        if (slot < options.sample) sampled[slot] = trace.trace_id;
      }
    }
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  const window = `between ${new Date(options.fromMs).toISOString()} and ${new Date(options.toMs).toISOString()}`;
  if (seen === 0) throw new InputError(`experiment ${options.experiment} has no traces that ended OK ${window}; widen shadow.requests.mlflow_traces.window or check the experiment`);
  const requests: RecordedRequest[] = [];
  for (const id of sampled) {
    const { trace } = await rest.call({ what: `read trace ${id}`, method: 'GET', path: getPath, fields: { trace_id: id }, response: traceAnswer, idempotent: true });
    const root = trace.spans.find((s) => !s.parent_span_id);
    const inputs = root?.attributes.find((a) => a.key === 'mlflow.spanInputs')?.value;
    const body = inputs ? decode(inputs) : undefined;
    if (body && typeof body === 'object' && !Array.isArray(body)) requests.push({ id, body: body as Record<string, unknown> });
  }
  return { requests, rows: seen, skipped: sampled.length - requests.length };
}

/** AnyValue to JSON; a string holding JSON (how some tracers store inputs) is parsed. */
function decode(value: AnyValue): unknown {
  if (value.kvlist_value) return Object.fromEntries((value.kvlist_value.values ?? []).map((kv) => [kv.key, kv.value ? decode(kv.value) : null]));
  if (value.array_value) return (value.array_value.values ?? []).map(decode);
  if (value.string_value !== undefined) {
    try {
      const parsed: unknown = JSON.parse(value.string_value);
      return typeof parsed === 'object' ? parsed : value.string_value;
    } catch {
      return value.string_value;
    }
  }
  if (value.int_value !== undefined) return Number(value.int_value);
  return value.double_value ?? value.bool_value ?? null;
}
