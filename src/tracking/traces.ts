import { z } from 'zod';
import type { MlflowRest } from '../mlflow/rest';
import { lazySchema } from '../config/zod-helpers';

/**
 * MLflow 3's tracing REST API, as the MLflow 3.17 Python client uses it against a tracking
 * server (mlflow/tracing/export/mlflow_v3.py): the spans go to the server's OpenTelemetry
 * endpoint `POST /v1/traces` (OTLP/HTTP, JSON encoding, `x-mlflow-experiment-id` header), which
 * stores them and creates the trace; then `StartTraceV3` (`POST /api/3.0/mlflow/traces`) writes
 * the trace info — previews, duration, state, metadata (`mlflow.sourceRun` links the run), tags
 * and the assessments — merging into the trace the spans created. Both are idempotent by id:
 * a retried call rewrites the same trace.
 *
 * A Databricks workspace takes StartTraceV3 but keeps spans in Unity Catalog tables, not behind
 * `/v1/traces` (the Python client skips that step there too): only the trace info is sent.
 */

export interface SpanToLog {
  /** 16 hex digits. */
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** MLflow's span types: AGENT, TOOL, LLM, CHAIN… */
  type: string;
  startMs: number;
  endMs: number;
  error?: string;
  /** `mlflow.spanInputs`, `mlflow.spanOutputs`, `mlflow.chat.tokenUsage`: any JSON value. */
  attributes: Record<string, unknown>;
}

export interface AssessmentToLog {
  name: string;
  source: { type: 'CODE' | 'LLM_JUDGE' | 'HUMAN'; id: string };
  /** A feedback value (a score), an expectation (the expected answer), or an error in place of a value. */
  feedback?: { value: unknown } | { error: { code: string; message: string } };
  expectation?: { value: unknown };
  rationale?: string;
  metadata?: Record<string, string>;
}

export interface TraceToLog {
  /** 32 hex digits: the OpenTelemetry trace id. MLflow's trace id is `tr-` and these. */
  otelTraceId: string;
  requestTimeMs: number;
  durationMs: number;
  state: 'OK' | 'ERROR';
  requestPreview: string;
  responsePreview: string;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  assessments: AssessmentToLog[];
  spans: SpanToLog[];
}

export const mlflowTraceId = (otelTraceId: string): string => `tr-${otelTraceId}`;

const anything = z.unknown();
const traceInfoSchema = lazySchema(() => z.object({
  trace_id: z.string(),
  request_preview: z.string().optional(),
  response_preview: z.string().optional(),
  execution_duration: z.string().optional(),
  state: z.string().optional(),
  trace_metadata: z.record(z.string(), z.string()).optional().default({}),
  tags: z.record(z.string(), z.string()).optional().default({}),
  assessments: z.array(z.object({ assessment_name: z.string(), source: z.object({ source_type: z.string(), source_id: z.string().optional() }).optional(), feedback: z.object({ value: z.unknown().optional(), error: z.object({ error_code: z.string().optional(), error_message: z.string().optional() }).optional() }).optional(), expectation: z.object({ value: z.unknown().optional() }).optional(), rationale: z.string().optional(), metadata: z.record(z.string(), z.string()).optional() }).loose()).optional().default([]),
}).loose());
export type TraceInfo = z.infer<typeof traceInfoSchema>;
const searchPage = lazySchema(() => z.object({ traces: z.array(traceInfoSchema).optional().default([]), next_page_token: z.string().optional() }));

export class TraceClient {
  constructor(
    private readonly rest: MlflowRest,
    /** False on Databricks, whose spans live in Unity Catalog tables. */
    readonly sendsSpans: boolean,
  ) {}

  /** One OTLP request for the spans of many traces: the server stores them all or none. */
  async logSpans(experimentId: string, traces: readonly TraceToLog[]): Promise<void> {
    const spans = traces.flatMap((trace) => trace.spans.map((span) => otlpSpan(trace.otelTraceId, span)));
    if (!this.sendsSpans || spans.length === 0) return;
    const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'agent-release' }, spans }] }] });
    await this.rest.raw({ what: `log the spans of ${traces.length} traces to experiment ${experimentId}`, method: 'POST', path: 'v1/traces', fromRoot: true, body, contentType: 'application/json', headers: { 'x-mlflow-experiment-id': experimentId }, idempotent: true });
  }

  async startTrace(experimentId: string, trace: TraceToLog): Promise<void> {
    const traceId = mlflowTraceId(trace.otelTraceId);
    const requestTime = new Date(trace.requestTimeMs).toISOString();
    const info = {
      trace_id: traceId,
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } },
      request_preview: trace.requestPreview,
      response_preview: trace.responsePreview,
      request_time: requestTime,
      execution_duration: `${(Math.max(0, trace.durationMs) / 1000).toFixed(3)}s`,
      state: trace.state,
      trace_metadata: trace.metadata,
      tags: trace.tags,
      assessments: trace.assessments.map((a) => assessmentJson(traceId, requestTime, a)),
    };
    await this.rest.call({ what: `log trace ${traceId}`, method: 'POST', path: 'mlflow/traces', api: '3.0', fields: { trace: { trace_info: info } }, response: anything, idempotent: true });
  }

  /** Trace infos (assessments included) of an experiment; `filter` in MLflow's trace search syntax. */
  async searchTraces(experimentId: string, filter?: string, pageToken?: string): Promise<{ traces: TraceInfo[]; nextPageToken?: string }> {
    const fields = { locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } }], filter, max_results: 500, page_token: pageToken };
    const page = await this.rest.call({ what: `search traces of experiment ${experimentId}`, method: 'POST', path: 'mlflow/traces/search', api: '3.0', fields, response: searchPage, idempotent: true });
    return { traces: page.traces, nextPageToken: page.next_page_token };
  }
}

function assessmentJson(traceId: string, time: string, a: AssessmentToLog): Record<string, unknown> {
  const feedback = a.feedback === undefined ? undefined : 'error' in a.feedback ? { error: { error_code: a.feedback.error.code, error_message: a.feedback.error.message } } : { value: a.feedback.value };
  return {
    assessment_name: a.name,
    trace_id: traceId,
    source: { source_type: a.source.type, source_id: a.source.id },
    create_time: time,
    last_update_time: time,
    ...(feedback ? { feedback } : {}),
    ...(a.expectation ? { expectation: { value: a.expectation.value } } : {}),
    ...(a.rationale !== undefined ? { rationale: a.rationale } : {}),
    ...(a.metadata ? { metadata: a.metadata } : {}),
  };
}

/** OTLP/JSON: ids in hex, times in nanoseconds as strings, attribute values as AnyValue. */
function otlpSpan(traceId: string, span: SpanToLog): Record<string, unknown> {
  return {
    traceId,
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    name: span.name,
    kind: 1,
    startTimeUnixNano: nanos(span.startMs),
    endTimeUnixNano: nanos(span.endMs),
    // 1 OK, 2 ERROR (opentelemetry/proto/trace/v1/trace.proto Status.StatusCode).
    status: span.error === undefined ? { code: 1 } : { code: 2, message: span.error },
    attributes: Object.entries({ 'mlflow.spanType': span.type, ...span.attributes }).map(([key, value]) => ({ key, value: anyValue(value) })),
  };
}

function nanos(ms: number): string {
  return (BigInt(Math.round(ms * 1000)) * 1000n).toString();
}

/** A JSON value as OTLP's AnyValue; MLflow reads kvlist and array values back as objects and lists. */
export function anyValue(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (typeof value === 'object') return { kvlistValue: { values: Object.entries(value).map(([key, v]) => ({ key, value: anyValue(v) })) } };
  return { stringValue: String(value) };
}
