/** Evaluations on disk for the gate's tests: a summary.json and results.jsonl that agree with each other. */
import { summarySchemaId, type Summary } from '../../src/contract/summary';
import type { Result } from '../../src/contract/results';
import { LocalRegistry } from '../../src/registry/local';
import type { Workspace } from '../support/workspace';

export const digestA = `sha256:${'a'.repeat(64)}`;
export const digestB = `sha256:${'b'.repeat(64)}`;

export interface EvaluationSpec {
  version: string;
  /** By scorer: one score per example (or per run with `repeat`), in id order. */
  scores: Record<string, readonly (number | null)[]>;
  ids?: readonly string[];
  /** Rows per example id (`repeat: k`); scores then hold ids × repeat values, id-major. */
  repeat?: number;
  digest?: string;
  model?: string;
  /** Scorers the summary declares graded (a bootstrap interval on the mean), as evaluate does. */
  graded?: readonly string[];
}

export function exampleIds(n: number, prefix = 'q'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
}

/** `passes` ones then zeros: a pass/fail column. */
export function passFail(n: number, passes: number): number[] {
  return Array.from({ length: n }, (_, i) => (i < passes ? 1 : 0));
}

export function evaluation(spec: EvaluationSpec): { summary: Summary; results: Result[]; jsonl: string } {
  const repeat = spec.repeat ?? 1;
  const first = Object.values(spec.scores)[0] ?? [];
  const ids = spec.ids ?? exampleIds(first.length / repeat);
  const results: Result[] = [];
  ids.forEach((id, i) => {
    for (let r = 0; r < repeat; r++) {
      const row = i * repeat + r;
      results.push({
        id,
        inputs: `question ${id}`,
        outputs: `answer ${id}`,
        scores: Object.fromEntries(Object.entries(spec.scores).map(([scorer, values]) => [scorer, values[row] ?? null])),
        latency_ms: 100 + row,
      });
    }
  });
  const metrics: Summary['metrics'] = {};
  for (const [scorer, values] of Object.entries(spec.scores)) {
    const scored = values.filter((v): v is number => v !== null);
    const value = scored.reduce((a, b) => a + b, 0) / scored.length;
    const ci = spec.graded?.includes(scorer) ? { ci: { low: value, high: value, confidence: 0.95, method: 'bootstrap-percentile' } } : {};
    if (scored.length) metrics[`${scorer}/mean`] = { value, n: scored.length, ...ci };
  }
  metrics['latency_ms/p95'] = { value: 150, n: results.length };
  const summary: Summary = {
    schema: summarySchemaId,
    model: { name: spec.model ?? 'support-agent', version: spec.version },
    dataset: { name: 'golden', digest: spec.digest ?? digestA, rows: ids.length },
    metrics,
    errors: 0,
    run_id: null,
    created_at: '2026-11-23T10:00:00.000Z',
  };
  return { summary, results, jsonl: results.map((r) => JSON.stringify(r)).join('\n') + '\n' };
}

/** Writes an evaluation where evaluate would (or under `dir`), returning the summary's path. */
export async function writeEvaluation(ws: Workspace, spec: EvaluationSpec, dir = `.agent-release/support-agent/v${spec.version}`): Promise<string> {
  const { summary, jsonl } = evaluation(spec);
  await ws.write(`${dir}/summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
  await ws.write(`${dir}/results.jsonl`, jsonl);
  return `${dir}/summary.json`;
}

/** Versions 1..count registered; `champion` (when given) holds @champion. */
export async function registerVersions(ws: Workspace, count: number, champion?: string): Promise<LocalRegistry> {
  const registry = new LocalRegistry(ws.registryFile);
  for (let i = 0; i < count; i++) await registry.registerVersion('support-agent', `http://agent/${i + 1}`, {});
  if (champion) await registry.setAlias('support-agent', 'champion', champion, undefined);
  return registry;
}

export function gateConfigText(baseline: string, extra = ''): string {
  return `version: 1
model: { name: support-agent }
gate:
  thresholds: { "contains/mean": { min: 0.5 } }
${extra}  baseline: ${baseline}
`;
}
