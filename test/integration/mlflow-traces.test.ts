import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { systemClock } from '../../src/clock';
import type { Result } from '../../src/contract/results';
import { memoryLogger } from '../../src/logger';
import { ossMlflowRest } from '../../src/registry/mlflow';
import { TrackingClient } from '../../src/tracking/client';
import { logEvaluationTraces, type EvaluationTraceOptions } from '../../src/tracking/evaluation-traces';
import { TraceClient, type TraceInfo } from '../../src/tracking/traces';
import { mlflowStartTimeoutMs } from '../support/mlflow-server';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';

// Traces written through MLflow 3's tracing API and read back over its REST API, on the real server.

let server: WorkerMlflowServer;
let dir: string;
beforeAll(async () => {
  server = await workerMlflowServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-traces-'));
}, mlflowStartTimeoutMs);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

const fastRetries = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, deadlineMs: 5_000 };
const secret = 'sk-live-0123456789abcdef';
const client = (url = server.url): TrackingClient =>
  new TrackingClient(ossMlflowRest({ trackingUri: url, auth: undefined, clock: systemClock, retryPolicy: fastRetries }, 'tracking.mlflow'), { mask: (text) => text.split(secret).join('***') });
let count = 0;

/** An experiment and a run to link traces to. */
async function newRun(tracking: TrackingClient): Promise<{ experimentId: string; runId: string }> {
  const experiment = await tracking.getOrCreateExperiment(uniqueName(`traces-${++count}`));
  const run = await tracking.createRun({ experimentId: experiment.experiment_id, runName: 'eval_pre_deploy_test', startTime: Date.now(), tags: {} });
  return { experimentId: experiment.experiment_id, runId: run.info.run_id };
}

async function resultsFile(rows: readonly Result[]): Promise<string> {
  const file = path.join(await mkdtemp(path.join(dir, 'eval-')), 'results.jsonl');
  await writeFile(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return file;
}

async function allTraces(tracking: TrackingClient, experimentId: string, runId: string): Promise<TraceInfo[]> {
  const traces = new TraceClient(tracking.rest, true);
  const found: TraceInfo[] = [];
  let token: string | undefined;
  do {
    const page = await traces.searchTraces(experimentId, `metadata.\`mlflow.sourceRun\` = '${runId}'`, token);
    found.push(...page.traces);
    token = page.nextPageToken;
  } while (token);
  return found;
}

const spansSchema = z.object({ trace: z.object({ spans: z.array(z.object({ name: z.string(), span_id: z.string().optional(), parent_span_id: z.string().optional(), status: z.unknown(), start_time_unix_nano: z.unknown(), attributes: z.array(z.object({ key: z.string(), value: z.record(z.string(), z.unknown()).optional() })) }).loose()) }).loose() });

function options(tracking: TrackingClient, run: { experimentId: string; runId: string }, file: string, rows: number, extra: Partial<EvaluationTraceOptions> = {}): EvaluationTraceOptions {
  return { client: tracking, settings: { enabled: true, max: 1000, concurrency: 4 }, ...run, resultsFile: file, rows, model: { name: 'support-agent', version: '7' }, startedAtMs: Date.parse('2026-12-01T10:00:00Z'), logger: memoryLogger(), ...extra };
}

describe('evaluation traces on a real MLflow server', () => {
  it('logs request, answer, tool calls, latency, tokens and every verdict as assessments, linked to the run, with secrets masked', async () => {
    const tracking = client();
    const run = await newRun(tracking);
    const rows: Result[] = [
      {
        id: 'weather',
        inputs: [{ role: 'user', content: 'Weather in Paris?' }],
        outputs: `Sunny. (token ${secret})`,
        expected: 'Sunny',
        scores: { contains: 1, 'polite.v2': 0 },
        latency_ms: 250.5,
        judgements: { 'polite.v2': { score: false, reason: 'curt', raw: '{"score": false, "reason": "curt"}' } },
        tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris', units: ['C'] } }],
        usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
        cost: 0.0004,
      },
      { id: 'judge-down', inputs: 'Hi', outputs: 'Hello', scores: { contains: null, 'polite.v2': null }, latency_ms: 40, judgements: { 'polite.v2': { score: null, raw: '', error: 'judge polite.v2: HTTP 503' } } },
      { id: 'broken', inputs: 'Boom?', outputs: null, scores: { contains: null, 'polite.v2': null }, latency_ms: null, error: 'HTTP 500 from the agent' },
    ];
    const outcome = await logEvaluationTraces(options(tracking, run, await resultsFile(rows), rows.length));
    expect(outcome).toEqual({ logged: 3, failed: 0, sampledOut: 0 });

    const traces = await allTraces(tracking, run.experimentId, run.runId);
    const byId = new Map(traces.map((t) => [t.tags['agent_release.example_id'], t]));
    expect([...byId.keys()].sort()).toEqual(['broken', 'judge-down', 'weather']);
    const weather = byId.get('weather')!;
    expect(weather).toMatchObject({
      state: 'OK',
      execution_duration: '0.251s',
      request_preview: '[{"role":"user","content":"Weather in Paris?"}]',
      response_preview: 'Sunny. (token ***)',
      tags: { 'mlflow.traceName': 'weather', 'agent_release.model.version': '7', 'agent_release.cost': '0.0004' },
    });
    expect(weather.trace_metadata['mlflow.sourceRun']).toBe(run.runId);
    expect(JSON.parse(weather.trace_metadata['mlflow.trace.tokenUsage'] ?? '{}')).toEqual({ input_tokens: 12, output_tokens: 5, total_tokens: 17 });
    const assessments = Object.fromEntries(weather.assessments.map((a) => [a.assessment_name, a]));
    expect(assessments.contains).toMatchObject({ source: { source_type: 'CODE', source_id: 'contains' }, feedback: { value: 1 } });
    expect(assessments.polite_v2).toMatchObject({ source: { source_type: 'LLM_JUDGE', source_id: 'polite.v2' }, feedback: { value: 0 }, rationale: 'curt', metadata: { raw: '{"score": false, "reason": "curt"}', score_as_given: 'false' } });
    expect(assessments.expected_response).toMatchObject({ source: { source_type: 'HUMAN' }, expectation: { value: 'Sunny' } });

    // Get trace info, and one assessment by its id, as MLflow's own client reads them.
    const info = await tracking.rest.call({ what: 'get trace info', method: 'GET', path: `mlflow/traces/${weather.trace_id}`, api: '3.0', fields: {}, response: z.object({ trace: z.object({ trace_info: z.object({ state: z.string(), assessments: z.array(z.object({ assessment_id: z.string(), assessment_name: z.string() }).loose()) }).loose() }) }), idempotent: true });
    expect(info.trace.trace_info.state).toBe('OK');
    const judged = info.trace.trace_info.assessments.find((a) => a.assessment_name === 'polite_v2')!;
    const one = await tracking.rest.call({ what: 'get assessment', method: 'GET', path: `mlflow/traces/${weather.trace_id}/assessments/${judged.assessment_id}`, api: '3.0', fields: {}, response: z.object({ assessment: z.object({ rationale: z.string(), feedback: z.object({ value: z.unknown() }) }).loose() }), idempotent: true });
    expect(one.assessment).toMatchObject({ rationale: 'curt', feedback: { value: 0 } });

    const judgeDown = byId.get('judge-down')!;
    expect(judgeDown.assessments.map((a) => [a.assessment_name, a.feedback?.error?.error_message])).toEqual([['polite_v2', 'judge polite.v2: HTTP 503']]);
    expect(byId.get('broken')).toMatchObject({ state: 'ERROR', response_preview: 'HTTP 500 from the agent', assessments: [] });

    // The spans: the agent's request and answer, and each tool call under it.
    const full = spansSchema.parse(JSON.parse(await tracking.rest.raw({ what: 'get trace', method: 'GET', path: `api/3.0/mlflow/traces/get?trace_id=${weather.trace_id}`, fromRoot: true, idempotent: true })));
    const spans = full.trace.spans;
    expect(spans.map((s) => s.name).sort()).toEqual(['get_weather', 'support-agent v7']);
    const tool = spans.find((s) => s.name === 'get_weather')!;
    expect(tool.parent_span_id).toBeDefined();
    const attribute = (key: string): unknown => tool.attributes.find((a) => a.key === key)?.value;
    expect(attribute('mlflow.spanType')).toEqual({ string_value: 'TOOL' });
    expect(JSON.stringify(attribute('mlflow.spanInputs'))).toContain('Paris');
    expect(JSON.stringify(full)).not.toContain(secret);
  });

  it('traces a conversation turn by turn: the request is the conversation played, with the earlier replies and without the dataset answers', async () => {
    const tracking = client();
    const run = await newRun(tracking);
    const written = [
      { input: 'Hi', expected: 'DATASET-EXPECTED-1' },
      { input: 'Refund order 7?', expected_tool_calls: [{ name: 'lookup_order' }], tool_results: { lookup_order: 'DATASET-TOOL-RESULT' } },
      { input: [{ role: 'user', content: `When will it arrive? (token ${secret})` }], expected: 'DATASET-EXPECTED-3' },
    ];
    const usage = { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 };
    const lookup = { name: 'lookup_order', arguments: { id: 7 } };
    const rows: Result[] = [
      {
        id: 'refund-chat',
        inputs: written,
        outputs: 'Within 5 days.',
        expected: 'DATASET-EXPECTED-3',
        scores: { contains: 1 },
        latency_ms: 450,
        tool_calls: [lookup],
        usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 },
        turns: [
          { turn: 1, input: 'Hi', output: 'Hello! How can I help?', latency_ms: 100, usage },
          { turn: 2, input: 'Refund order 7?', output: 'Refunded.', tool_calls: [lookup], latency_ms: 200, usage },
          { turn: 3, input: written[2]!.input, output: 'Within 5 days.', latency_ms: 150, usage },
        ],
      },
      {
        id: 'broke-off',
        inputs: written,
        outputs: 'Hello! How can I help?',
        scores: { contains: null },
        latency_ms: null,
        error: 'turn 2 of 3: HTTP 500 from the agent',
        turns: [
          { turn: 1, input: 'Hi', output: 'Hello! How can I help?', latency_ms: 100 },
          { turn: 2, input: 'Refund order 7?', output: null, latency_ms: null, error: 'HTTP 500 from the agent' },
        ],
      },
    ];
    expect(await logEvaluationTraces(options(tracking, run, await resultsFile(rows), rows.length))).toEqual({ logged: 2, failed: 0, sampledOut: 0 });
    const byId = new Map((await allTraces(tracking, run.experimentId, run.runId)).map((t) => [t.tags['agent_release.example_id'], t]));
    const chat = byId.get('refund-chat')!;
    expect(chat).toMatchObject({ state: 'OK', execution_duration: '0.450s', response_preview: 'Within 5 days.' });
    expect(JSON.parse(chat.request_preview ?? '')).toEqual({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello! How can I help?' },
        { role: 'user', content: 'Refund order 7?' },
        { role: 'assistant', content: 'Refunded.' },
        { role: 'user', content: 'When will it arrive? (token ***)' },
      ],
    });
    expect(Object.fromEntries(chat.assessments.map((a) => [a.assessment_name, a.expectation?.value ?? a.feedback?.value]))).toEqual({ contains: 1, expected_response: 'DATASET-EXPECTED-3' });

    const spansOf = async (traceId: string) =>
      spansSchema.parse(JSON.parse(await tracking.rest.raw({ what: 'get trace', method: 'GET', path: `api/3.0/mlflow/traces/get?trace_id=${traceId}`, fromRoot: true, idempotent: true }))).trace.spans;
    const spans = await spansOf(chat.trace_id);
    expect(spans.map((s) => s.name).sort()).toEqual(['lookup_order', 'support-agent v7', 'turn 1', 'turn 2', 'turn 3']);
    const named = (name: string) => spans.find((s) => s.name === name)!;
    const attribute = (name: string, key: string): unknown => named(name).attributes.find((a) => a.key === key)?.value;
    const rootId = named('support-agent v7').span_id;
    expect(['turn 1', 'turn 2', 'turn 3'].map((t) => named(t).parent_span_id)).toEqual([rootId, rootId, rootId]);
    expect(named('lookup_order').parent_span_id).toBe(named('turn 2').span_id);
    expect([attribute('turn 1', 'mlflow.spanInputs'), attribute('turn 1', 'mlflow.spanOutputs')]).toEqual([{ string_value: 'Hi' }, { string_value: 'Hello! How can I help?' }]);
    expect(JSON.stringify(attribute('turn 3', 'mlflow.chat.tokenUsage'))).toMatch(/total_tokens.*14/);
    expect(Number(BigInt(String(named('turn 2').start_time_unix_nano)) - BigInt(String(named('turn 1').start_time_unix_nano))) / 1e6).toBe(100);
    const text = JSON.stringify(spans);
    for (const answer of ['DATASET-EXPECTED', 'DATASET-TOOL-RESULT', 'expected_tool_calls', secret]) expect(text).not.toContain(answer);

    const broken = byId.get('broke-off')!;
    expect(broken).toMatchObject({ state: 'ERROR' });
    const brokenSpans = await spansOf(broken.trace_id);
    expect(brokenSpans.map((s) => [s.name, s.status])).toEqual(
      expect.arrayContaining([
        ['turn 1', expect.objectContaining({ code: expect.stringMatching(/OK/) })],
        ['turn 2', expect.objectContaining({ code: expect.stringMatching(/ERROR/), message: 'HTTP 500 from the agent' })],
      ]),
    );
  });

  it('caps a large evaluation with a stable sample: the same examples are traced for two versions', async () => {
    const tracking = client();
    const rows = (version: string): Result[] => Array.from({ length: 400 }, (_, i) => ({ id: `q${i}`, inputs: `question ${i}`, outputs: `v${version}`, scores: { contains: i % 2 }, latency_ms: 10 }));
    const sampled: string[][] = [];
    for (const version of ['1', '2']) {
      const run = await newRun(tracking);
      const outcome = await logEvaluationTraces(options(tracking, run, await resultsFile(rows(version)), 400, { settings: { enabled: true, max: 60, concurrency: 8 } }));
      expect(outcome.logged).toBeLessThanOrEqual(60);
      expect(outcome.logged).toBeGreaterThan(20);
      expect(outcome.logged + outcome.sampledOut).toBe(400);
      const traces = await allTraces(tracking, run.experimentId, run.runId);
      expect(traces).toHaveLength(outcome.logged);
      sampled.push(traces.map((t) => t.tags['agent_release.example_id'] ?? '').sort());
    }
    expect(sampled[1]).toEqual(sampled[0]);
  });

  it('never fails the evaluation: writes the server refuses (an experiment that does not exist) cost one batch and a warning', async () => {
    const tracking = client();
    const run = await newRun(tracking);
    const rows: Result[] = Array.from({ length: 120 }, (_, i) => ({ id: `q${i}`, inputs: 'q', outputs: 'a', scores: { contains: 1 }, latency_ms: 1 }));
    const logger = memoryLogger();
    // An experiment id that does not exist: every write of the batch is refused.
    const outcome = await logEvaluationTraces(options(tracking, { experimentId: '987654321', runId: run.runId }, await resultsFile(rows), rows.length, { logger }));
    expect(outcome.logged).toBe(0);
    expect(outcome.failed).toBe(50);
    expect(outcome.stopped).toBe('a whole batch failed');
    const warning = logger.lines.find((l) => l.startsWith('warn: tracking: 50 of 50 traces could not be logged'));
    expect(warning).toContain('(stopped: a whole batch failed)');
    expect(warning).toContain('set evaluate.traces.enabled: false to skip traces');
  });
});
