import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/clock';
import type { Result } from '../src/contract/results';
import { silentLogger } from '../src/logger';
import { ossMlflowRest } from '../src/registry/mlflow';
import { TrackingClient } from '../src/tracking/client';
import { logEvaluationTraces, traceBatchSize } from '../src/tracking/evaluation-traces';

export interface TraceLoggingRow {
  examples: number;
  concurrency: number;
  wallMs: number;
  msPer1000: number;
  logged: number;
  /** OTLP span requests plus StartTraceV3 calls. */
  requests: number;
}

/**
 * The cost of `evaluate.traces`: results.jsonl rows (a tool call, token usage, a code scorer and
 * a judge verdict each) logged as traces to a real MLflow 3.17 server (SQLite, loopback), after
 * the evaluation, at several write concurrencies. The caller starts the server (bench/mlflow-pipeline.mjs).
 */
export async function traceLogging(trackingUri: string, examples = 1000, concurrencies: readonly number[] = [1, 4, 8]): Promise<TraceLoggingRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bench-traces-'));
  try {
    const client = new TrackingClient(ossMlflowRest({ trackingUri, auth: undefined, clock: systemClock }, 'tracking.mlflow'));
    const rows: Result[] = Array.from({ length: examples }, (_, i) => ({
      id: `q${i}`,
      inputs: [{ role: 'user', content: `What is the weather in city ${i}?` }],
      outputs: `It is sunny in city ${i}.`,
      expected: 'sunny',
      scores: { contains: 1, helpful: i % 3 === 0 ? 0 : 1 },
      latency_ms: 120,
      judgements: { helpful: { score: i % 3 !== 0, reason: 'answers the question', raw: '{"score": true, "reason": "answers the question"}' } },
      tool_calls: [{ name: 'get_weather', arguments: { city: `city ${i}` } }],
      usage: { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 },
    }));
    const resultsFile = path.join(dir, 'results.jsonl');
    await writeFile(resultsFile, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const out: TraceLoggingRow[] = [];
    for (const concurrency of concurrencies) {
      const experiment = await client.getOrCreateExperiment(`bench-traces-${concurrency}`);
      const run = await client.createRun({ experimentId: experiment.experiment_id, runName: 'eval_pre_deploy_bench', startTime: Date.now(), tags: {} });
      const started = performance.now();
      const outcome = await logEvaluationTraces({
        client,
        settings: { enabled: true, max: examples, concurrency },
        experimentId: experiment.experiment_id,
        runId: run.info.run_id,
        resultsFile,
        rows: examples,
        model: { name: 'bench-agent', version: '1' },
        startedAtMs: Date.now(),
        logger: silentLogger,
      });
      const wallMs = performance.now() - started;
      out.push({ examples, concurrency, wallMs, msPer1000: (wallMs / Math.max(1, outcome.logged)) * 1000, logged: outcome.logged, requests: Math.ceil(examples / traceBatchSize) + examples });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
