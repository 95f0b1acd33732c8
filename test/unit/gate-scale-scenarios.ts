/**
 * Seeded candidate/champion results files for the gate-at-scale equivalence test: rows written in
 * completion order (not id order), repeats interleaved, null scores, failed rows, ids on one side
 * only. Their decisions were recorded with the gate as it was at fb2904f (Maps of string ids and
 * zod on every row) in gate-scale-reference.json; the test replays them and compares bit for bit.
 */
import { summarySchemaId } from '../../src/contract/summary';
import { seededRandom, type RandomSource } from '../../src/stats/random';
import type { Workspace } from '../support/workspace';
import { digestA, registerVersions } from './gate-fixtures';

export interface ScaleScenario {
  name: string;
  baseline: string;
  extra?: string;
  candidate: string[];
  champion: string[];
}

type Row = Record<string, unknown>;
const line = (row: Row): string => JSON.stringify(row);

function shuffled<T>(items: T[], random: RandomSource): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The bench's rows: id q<i> in dataset order, pass when the hash of i falls under the rate. */
function benchRows(count: number, passRate: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) => {
    const pass = (((i + offset) * 2654435761) % 1000) / 1000 < passRate ? 1 : 0;
    return `{"id":"q${i}","inputs":"question ${i}","outputs":"answer ${i}","scores":{"contains":${pass}},"latency_ms":${40 + (i % 17)}}`;
  });
}

function gradedRows(ids: string[], random: RandomSource, shift: number): Row[] {
  return ids.map((id, i) => ({ id, inputs: `q ${id}`, outputs: `a ${id}`, scores: { grade: Math.min(1, Math.max(0, random() / 3 + shift + (i % 7) / 10)), contains: random() < 0.7 + shift ? 1 : 0 }, latency_ms: 10 + i }));
}

export function scaleScenarios(): ScaleScenario[] {
  const random = seededRandom(16);
  const ids = (n: number, prefix = 'ex-'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const graded = ids(3000);
  const repeatedIds = ids(800, 'r');
  const repeatedRows = (shift: number): Row[] =>
    repeatedIds.flatMap((id, i) =>
      [1, 2, 3].map((run) => {
        if (i % 97 === 0 && run === 2) return { id, repeat: run, inputs: id, outputs: null, scores: {}, latency_ms: null, error: 'timeout' };
        const passed = random() < 0.75 + shift + (i % 5 === 0 ? -0.4 : 0) ? 1 : 0;
        return { id, repeat: run, inputs: id, outputs: 'x', scores: { contains: i % 53 === 0 && run === 1 ? null : passed, grade: passed * 0.5 + random() / 2 }, latency_ms: run };
      }),
    );
  return [
    { name: 'bench rows, pass/fail, paired (mcnemar)', baseline: '{ max_drop: { "contains/mean": 0.02 }, inconclusive: warn }', candidate: benchRows(20_000, 0.8, 7), champion: benchRows(20_000, 0.8) },
    {
      name: 'graded, paired bootstrap, champion in another order, ids missing on each side',
      baseline: '{ max_drop: { "grade/mean": 0.02, "contains/mean": 0.05 } }',
      candidate: shuffled(gradedRows(graded.slice(0, 2950), random, 0), random).map(line),
      champion: shuffled(gradedRows(graded.slice(40), random, 0.01), random).map(line),
    },
    {
      name: 'graded and pass/fail, unpaired (few shared ids)',
      baseline: '{ max_drop: { "grade/mean": 0.02, "contains/mean": 0.05 } }',
      candidate: shuffled(gradedRows(ids(1500, 'a'), random, 0), random).map(line),
      champion: shuffled(gradedRows(ids(1200, 'b'), random, -0.02), random).map(line),
    },
    {
      name: 'repeat: 3 interleaved, nulls and failed rows, flakiness',
      baseline: '{ max_drop: { "contains/mean": 0.05, "grade/mean": 0.05 } }',
      candidate: shuffled(repeatedRows(0), random).map(line),
      champion: shuffled(repeatedRows(-0.05), random).map(line),
    },
    {
      name: 'a scorer only the candidate has, and an alias',
      baseline: '{ max_drop: { "judge/mean": 0.05, "exact/mean": 0.05 } }',
      extra: '  metric_aliases: { "exact/mean": ["contains/mean"] }\n',
      candidate: gradedRows(graded.slice(0, 500), random, 0).map((row) => line({ ...row, scores: { ...(row.scores as Row), judge: 1 } })),
      champion: gradedRows(graded.slice(0, 500), random, 0).map(line),
    },
  ];
}

function summaryOf(version: string, rows: string[]): string {
  const distinct = new Set(rows.map((r) => (JSON.parse(r) as { id: string }).id)).size;
  return JSON.stringify({
    schema: summarySchemaId,
    model: { name: 'support-agent', version },
    dataset: { name: 'golden', digest: digestA, rows: distinct },
    metrics: { 'contains/mean': { value: 0.8, n: distinct } },
    errors: 0,
    run_id: null,
    created_at: '2026-11-23T10:00:00.000Z',
  });
}

export async function writeScenario(ws: Workspace, scenario: ScaleScenario): Promise<string> {
  await registerVersions(ws, 2, '1');
  for (const [version, rows] of [['1', scenario.champion], ['2', scenario.candidate]] as const) {
    await ws.write(`.agent-release/support-agent/v${version}/summary.json`, summaryOf(version, rows));
    await ws.write(`.agent-release/support-agent/v${version}/results.jsonl`, `${rows.join('\n')}\n`);
  }
  return `version: 1
model: { name: support-agent }
gate:
  thresholds: { "contains/mean": { min: 0.5 } }
${scenario.extra ?? ''}  baseline: ${scenario.baseline}
`;
}
