/** Tokens and cost in the gate: thresholds on the summary's numbers, and the champion comparison as an allowed increase. */
import type { Result } from '../../src/contract/results';
import type { Summary } from '../../src/contract/summary';
import { scoreSides } from '../../src/gate/pairing';
import { gateMarkdown } from '../../src/gate/report';
import { readScores } from '../../src/gate/scores';
import { gate } from '../../src/modes/gate';
import { compareIncrease, compareIncreaseOf, decideIncrease, seededRandom } from '../../src/stats';
import { contextOf } from '../support/context';
import { makeWorkspace, type Workspace } from '../support/workspace';
import { evaluation, passFail, registerVersions } from './gate-fixtures';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
  await registerVersions(ws, 2, '1');
});
afterEach(() => ws.cleanup());

/** An evaluation whose examples cost `costs[i]` and spent 1000 × that many tokens; null leaves a row without usage. */
async function writeSpend(version: string, costs: readonly (number | null)[]): Promise<void> {
  const { summary, results } = evaluation({ version, scores: { contains: passFail(costs.length, costs.length) } });
  const rows: Result[] = results.map((r, i) => {
    const cost = costs[i];
    return cost === null || cost === undefined ? r : { ...r, usage: { prompt_tokens: Math.round(cost * 800_000), completion_tokens: Math.round(cost * 200_000), total_tokens: Math.round(cost * 1_000_000) }, cost };
  });
  const priced = costs.filter((c): c is number => c !== null);
  const metrics: Summary['metrics'] = { ...summary.metrics };
  if (priced.length > 0) metrics['cost/mean'] = { value: priced.reduce((a, b) => a + b, 0) / priced.length, n: priced.length };
  const dir = `.agent-release/support-agent/v${version}`;
  await ws.write(`${dir}/summary.json`, JSON.stringify({ ...summary, metrics }));
  await ws.write(`${dir}/results.jsonl`, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

const config = (baseline: string, thresholds = '{ "contains/mean": { min: 0.5 } }') => `version: 1
model: { name: support-agent }
gate:
  thresholds: ${thresholds}
  baseline: ${baseline}
`;
const decide = (text: string) => gate(contextOf(text, ws.dir).ctx, { modelVersion: '2' });
/** Deterministic, varied costs around `mean`. */
const costs = (n: number, mean: number, seed: number): number[] => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => mean * (0.5 + random()));
};

describe('gate.baseline.max_increase', () => {
  it('blocks 30% more cost per example when 10% is allowed, with the interval in the reason and the table', async () => {
    const champion = costs(200, 0.002, 1);
    await writeSpend('1', champion);
    await writeSpend('2', champion.map((c, i) => c * (1.3 + (i % 3) * 0.01)));
    const result = await decide(config('{ max_increase: { "cost/mean": 0.1 } }'));
    expect(result.decision).toBe('fail');
    const rule = result.rules.find((r) => r.metric === 'cost/mean');
    expect(rule).toMatchObject({ rule: 'baseline', passed: false, inputs: { method: 'paired-bootstrap-ratio', paired: true, max_increase: 0.1, verdict: 'fail' } });
    expect(rule?.reason).toMatch(/^against @champion v1: cost\/mean changed by \+31\.\d% \(0\.00\d+ vs 0\.00\d+; 95% CI \+3\d\.\d% – \+3\d\.\d%, n = 200 paired\): more than the allowed 10% increase$/);
    const table = gateMarkdown(result, []).split('\n').find((line) => line.startsWith('| cost/mean'));
    expect(table).toMatch(/^\| cost\/mean \| increase ≤ 10% \| 0\.00\d+ \| 0\.00\d+ \| \+31\.\d% \(\+3\d\.\d% – \+3\d\.\d%\) \| ❌/);
  });

  it('passes equal spend and an increase the interval keeps within the allowance', async () => {
    const champion = costs(300, 0.002, 2);
    await writeSpend('1', champion);
    await writeSpend('2', champion.map((c, i) => c * (i % 2 === 0 ? 1.04 : 1.02)));
    const result = await decide(config('{ max_drop: {}, max_increase: { "cost/mean": 0.1, "tokens/mean": 0.1 } }'));
    expect(result.decision).toBe('pass');
    expect(result.rules.filter((r) => r.rule === 'baseline').map((r) => [r.metric, r.inputs.verdict])).toEqual([
      ['cost/mean', 'pass'],
      ['tokens/mean', 'pass'],
    ]);
  });

  it('fails by default when a side carries no cost, saying why; missing_metric: warn warns', async () => {
    await writeSpend('1', Array.from({ length: 20 }, () => null));
    await writeSpend('2', costs(20, 0.002, 3));
    const failed = await decide(config('{ max_increase: { "cost/mean": 0.1 } }'));
    expect(failed.decision).toBe('fail');
    expect(failed.rules.find((r) => r.metric === 'cost/mean')?.reason).toMatch(/cost\/mean cannot be compared: the champion's results .*results\.jsonl carry no cost \(set evaluate\.cost\.prices, and the endpoint must report usage\)$/);
    expect(gateMarkdown(failed, []).split('\n').find((line) => line.startsWith('| cost/mean'))).toMatch(/^\| cost\/mean \| increase ≤ 10% \|/);
    const warned = await decide(config('{ max_increase: { "cost/mean": 0.1 } }').replace('gate:\n', 'gate:\n  missing_metric: warn\n'));
    expect(warned.decision).toBe('pass');
  });

  it('puts thresholds on cost/mean like any metric', async () => {
    await writeSpend('1', costs(20, 0.002, 4));
    await writeSpend('2', costs(20, 0.004, 5));
    const result = await decide(config('{ max_drop: { "contains/mean": 0.1 } }', '{ "cost/mean": { max: 0.003 } }'));
    expect(result.rules.find((r) => r.rule === 'threshold')).toMatchObject({ metric: 'cost/mean', passed: false });
  });

  it.each([
    ['a metric that is not spend', '{ max_increase: { "latency_ms/p95": 0.1 } }', 'only tokens/mean and cost/mean can be compared as an increase over the champion'],
    ['a negative allowance', '{ max_drop: {}, max_increase: { "cost/mean": -0.1 } }', 'gate.baseline.max_increase["cost/mean"]: an increase allowance is ≥ 0'],
    ['nothing to compare', '{ max_drop: {} }', 'gate.baseline.max_drop: list at least one metric in max_drop (e.g. "contains/mean": 0.03) or in max_increase'],
    ['no metric at all', '{ inconclusive: fail }', 'gate.baseline.max_drop: list at least one metric in max_drop'],
    ['cost as a drop', '{ max_drop: { "cost/mean": 0.1 } }', 'compare tokens/mean and cost/mean with gate.baseline.max_increase'],
  ])('refuses %s', async (_name, baseline, message) => {
    expect(() => contextOf(config(baseline), ws.dir)).toThrow(message);
  });
});

describe('the increase rule', () => {
  it('reads exact scaling as exactly that increase', () => {
    const h = new Map(costs(50, 1, 6).map((c, i) => [`q${i}`, c]));
    const c = new Map([...h].map(([id, v]) => [id, v * 1.25]));
    const comparison = compareIncrease(c, h);
    expect(comparison.increase).toBeCloseTo(0.25, 12);
    expect(comparison.ci.low).toBeCloseTo(0.25, 12);
    expect(comparison.ci.high).toBeCloseTo(0.25, 12);
    expect(decideIncrease(comparison, { metric: 'cost/mean', maxIncrease: 0.3, inconclusive: 'fail' }).verdict).toBe('pass');
    expect(decideIncrease(comparison, { metric: 'cost/mean', maxIncrease: 0.2, inconclusive: 'pass' }).verdict).toBe('fail');
  });

  it('blocks equal spend rarely: at most (1 − c)/2 plus noise over 200 simulated releases', () => {
    const random = seededRandom(7);
    let blocked = 0;
    for (let sim = 0; sim < 200; sim++) {
      const h = new Map<string, number>();
      const c = new Map<string, number>();
      for (let i = 0; i < 100; i++) {
        const base = 0.5 + random();
        h.set(`q${i}`, base * (0.8 + 0.4 * random()));
        c.set(`q${i}`, base * (0.8 + 0.4 * random()));
      }
      const verdict = decideIncrease(compareIncrease(c, h, { resamples: 400, seed: sim }), { metric: 'cost/mean', maxIncrease: 0, inconclusive: 'pass' }).verdict;
      if (verdict === 'fail') blocked++;
    }
    expect(blocked / 200).toBeLessThanOrEqual(0.05);
  });

  it('fails any spend over a champion that spent nothing', () => {
    const zero = new Map([['a', 0], ['b', 0]]);
    const some = new Map([['a', 1], ['b', 0]]);
    const decision = decideIncrease(compareIncrease(some, zero), { metric: 'tokens/mean', maxIncrease: 0.5, inconclusive: 'pass' });
    expect(decision).toMatchObject({ verdict: 'fail', reason: "tokens/mean is 0.5 where the champion's is 0: any spend is more than the allowed 50% increase" });
    expect(decideIncrease(compareIncrease(zero, zero), { metric: 'tokens/mean', maxIncrease: 0, inconclusive: 'fail' }).verdict).toBe('pass');
  });
});

describe('spend read at scale', () => {
  /** What main's reader kept: per id, the mean of the rows that reported a value (failed rows left out). */
  function spendById(rows: readonly Result[], of: (row: Result) => number | undefined): Map<string, number> {
    const sums = new Map<string, { total: number; n: number }>();
    for (const row of rows) {
      const value = of(row);
      if (row.error !== undefined || value === undefined) continue;
      const sum = sums.get(row.id) ?? { total: 0, n: 0 };
      sum.total += value;
      sum.n++;
      sums.set(row.id, sum);
    }
    return new Map([...sums].map(([id, { total, n }]) => [id, total / n]));
  }

  it.each([
    ['paired, in another order, with repeats, failures and rows without usage', 300, 0],
    ['unpaired: too few shared ids', 120, 100],
  ])('compares %s exactly as by id', async (_name, examples, shift) => {
    const random = seededRandom(examples + shift);
    const side = (offset: number, scale: number): Result[] => {
      const rows: Result[] = [];
      for (let i = 0; i < examples; i++) {
        for (let run = 0; run < 1 + (i % 3 === 0 ? 1 : 0); run++) {
          const cost = scale * (0.5 + random());
          const row: Result = { id: `q${(i + offset).toString(36)}`, inputs: i, outputs: 'a', scores: { contains: 1 }, latency_ms: 1 };
          if (random() < 0.05) rows.push({ ...row, outputs: null, error: 'timeout' });
          else if (random() < 0.1) rows.push(row);
          else rows.push({ ...row, usage: { total_tokens: Math.round(cost * 1e6) }, cost });
        }
      }
      // Completion order, not dataset order.
      return rows.sort(() => random() - 0.5);
    };
    const champion = side(0, 0.002);
    const candidate = side(shift, 0.0023);
    const write = (name: string, rows: readonly Result[]) => ws.write(name, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const files = { candidate: await write('candidate.jsonl', candidate), champion: await write('champion.jsonl', champion) };
    const read = { candidate: await readScores(files.candidate, files.candidate, 'candidate results') };
    const championScores = await readScores(files.champion, files.champion, 'baseline results', { examples: read.candidate.examples });
    for (const [key, of] of [['tokens', (r: Result) => r.usage?.total_tokens], ['cost', (r: Result) => r.cost]] as const) {
      const fast = compareIncreaseOf(scoreSides(read.candidate.spend[key], championScores.spend[key], read.candidate.examples), { seed: 3 });
      const byId = compareIncrease(spendById(candidate, of), spendById(champion, of), { seed: 3 });
      expect(fast).toEqual(byId);
      expect(fast.paired).toBe(shift === 0);
    }
  });
});
