import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decisionSchema, type RuleResult } from '../../src/contract/decision';
import { InputError } from '../../src/errors';
import { gate } from '../../src/modes/gate';
import { tagKeys } from '../../src/registry/tags';
import { contextOf } from '../support/context';
import { recordLeft } from '../support/decision-record';
import { makeWorkspace, type Workspace } from '../support/workspace';
import { digestB, exampleIds, gateConfigText, passFail, registerVersions, writeEvaluation } from './gate-fixtures';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

const decide = (configText: string, version = '2') => gate(contextOf(configText, ws.dir).ctx, { modelVersion: version });
const baselineRule = (rules: RuleResult[], metric = 'contains/mean'): RuleResult | undefined => rules.find((r) => r.rule === 'baseline' && r.metric === metric);

describe('baseline: candidate against the champion', () => {
  it('blocks a paired pass/fail drop larger than allowed, with the numbers in the reason', async () => {
    await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) } });
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 28) } });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.05 } }'));
    expect(result.decision).toBe('fail');
    expect(baselineRule(result.rules)).toMatchObject({
      passed: false,
      warning: false,
      reason: 'against @champion v1: contains/mean dropped by 0.300 (95% CI 0.152 – 0.454, n = 40 paired), more than the allowed 0.05',
      inputs: {
        method: 'mcnemar',
        kind: 'binary',
        paired: true,
        n: { candidate: 40, champion: 40, pairs: 40 },
        candidate: { mean: 0.7, n: 40, ci: { method: 'wilson' } },
        champion: { mean: 1, n: 40 },
        verdict: 'fail',
        applied: 'fail',
        inconclusive_policy: 'warn',
        max_drop: 0.05,
        champion_version: '1',
      },
    });
    expect(result.champion).toEqual({
      alias: 'champion',
      version: '1',
      summaryPath: '.agent-release/support-agent/v1/summary.json',
      resultsPath: '.agent-release/support-agent/v1/results.jsonl',
    });
  });

  it.each([
    ['warn', 0, 'pass', { passed: true, warning: true }, 'inconclusive, warning only (inconclusive: warn)'],
    ['fail', 0, 'fail', { passed: false, warning: false }, 'inconclusive, blocking (inconclusive: fail)'],
    ['pass', 0, 'pass', { passed: true, warning: false }, 'inconclusive, passing (inconclusive: pass)'],
    ['fail', 0.15, 'pass', { passed: true, warning: false }, 'a drop of more than the allowed 0.15 is ruled out'],
  ] as const)('equal agents with inconclusive: %s and max_drop %s decide %s', async (policy, maxDrop, decision, verdict, ending) => {
    await registerVersions(ws, 2, '1');
    const scores = { contains: passFail(60, 45) };
    await writeEvaluation(ws, { version: '1', scores });
    await writeEvaluation(ws, { version: '2', scores });
    const result = await decide(gateConfigText(`{ max_drop: { "contains/mean": ${maxDrop} }, inconclusive: ${policy} }`));
    expect(result.decision).toBe(decision);
    const rule = baselineRule(result.rules);
    expect(rule).toMatchObject({ ...verdict, inputs: { verdict: maxDrop === 0 ? 'inconclusive' : 'pass', difference: 0 } });
    expect(rule?.reason).toMatch(/^against @champion v1: contains\/mean changed by 0\.000 \(95% CI -0\.\d{3} – \+0\.\d{3}, n = 60 paired\); /);
    expect(rule?.reason.endsWith(ending)).toBe(true);
  });

  it('compares a graded score by bootstrap even when every value is 0 or 1, as its summary declares it graded', async () => {
    await registerVersions(ws, 2, '1');
    const scores = { contains: passFail(40, 40), 'tool_calls.f1': passFail(40, 40) };
    const config = gateConfigText('{ max_drop: { "tool_calls.f1/mean": 0.05 }, inconclusive: fail }');
    await writeEvaluation(ws, { version: '1', scores, graded: ['tool_calls.f1'] });
    await writeEvaluation(ws, { version: '2', scores, graded: ['tool_calls.f1'] });
    const graded = await decide(config);
    expect(graded.decision).toBe('pass');
    expect(baselineRule(graded.rules, 'tool_calls.f1/mean')?.inputs).toMatchObject({ kind: 'continuous', method: 'paired-bootstrap', difference_ci: { low: 0, high: 0 } });

    // Without the declaration (a bring-your-own summary) the values decide: all 0/1 is pass/fail.
    await writeEvaluation(ws, { version: '1', scores });
    await writeEvaluation(ws, { version: '2', scores });
    const inferred = await decide(config);
    expect(baselineRule(inferred.rules, 'tool_calls.f1/mean')?.inputs).toMatchObject({ kind: 'binary', method: 'mcnemar' });
  });

  it('falls back to an unpaired comparison when too few ids are shared, and says so', async () => {
    await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 30) }, ids: exampleIds(40) });
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 30) }, ids: exampleIds(60).slice(20) });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.05 } }'));
    const rule = baselineRule(result.rules);
    expect(rule?.inputs).toMatchObject({
      method: 'newcombe',
      paired: false,
      n: { candidate: 40, champion: 40, pairs: 20 },
      note: 'compared unpaired: only 20 example ids are shared, fewer than 90% of the smaller side (40), so the interval is wider than a paired one would be',
    });
    expect(rule?.reason).toContain('n = 40 vs 40 unpaired');
  });

  it('compares graded scores with a paired bootstrap', async () => {
    await registerVersions(ws, 2, '1');
    const graded = Array.from({ length: 50 }, (_, i) => (i % 10) / 10);
    await writeEvaluation(ws, { version: '1', scores: { tone: graded } });
    await writeEvaluation(ws, { version: '2', scores: { tone: graded.map((g) => Math.max(0, g - 0.2)) } });
    const result = await decide(gateConfigText('{ max_drop: { "tone/mean": 0.05 } }').replace('"contains/mean": { min: 0.5 }', '"tone/mean": { min: 0 }'));
    expect(baselineRule(result.rules, 'tone/mean')).toMatchObject({ passed: false, inputs: { kind: 'continuous', method: 'paired-bootstrap', paired: true, verdict: 'fail' } });
  });

  it('averages repeated runs per example and reports flakiness, without it deciding anything', async () => {
    await registerVersions(ws, 2, '1');
    // 10 examples × 3 runs: q000 passes 1 of 3, q001 2 of 3, the rest every time.
    const runs = [1, 0, 0, 1, 1, 0, ...Array.from({ length: 24 }, () => 1)];
    await writeEvaluation(ws, { version: '1', scores: { contains: runs }, repeat: 3 });
    await writeEvaluation(ws, { version: '2', scores: { contains: runs }, repeat: 3 });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.2 } }'));
    expect(baselineRule(result.rules)?.inputs).toMatchObject({ kind: 'continuous', method: 'paired-bootstrap', n: { pairs: 10 } });
    expect(result.flakiness).toEqual([
      expect.objectContaining({
        metric: 'contains/mean',
        k: 3,
        examples: 10,
        flakyCount: 2,
        // Equally inconsistent (1/3 and 2/3 are as far from ½); the order is the library's, stable run to run.
        flakiest: [
          { id: 'q001', passes: 2, runs: 3 },
          { id: 'q000', passes: 1, runs: 3 },
        ],
      }),
    ]);
    expect(result.flakiness?.[0]?.passAllK.mean).toBeCloseTo(0.8, 10);
    expect(result.rules.some((r) => r.rule === 'flakiness')).toBe(false);
  });

  it('records every comparison number and the sha256 of all four files in decision.json', async () => {
    const registry = await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) } });
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 28) } });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.05 } }'));
    const decision = decisionSchema.parse(JSON.parse(await readFile(path.join(ws.dir, result.decisionPath), 'utf8')));
    expect(Object.keys(decision.inputs).sort()).toEqual([
      '.agent-release/support-agent/v1/results.jsonl',
      '.agent-release/support-agent/v1/summary.json',
      '.agent-release/support-agent/v2/results.jsonl',
      '.agent-release/support-agent/v2/summary.json',
    ]);
    for (const digest of Object.values(decision.inputs)) expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(decision.rules.find((r) => r.rule === 'baseline')?.inputs).toMatchObject({
      difference: expect.closeTo(-0.3, 10),
      difference_ci: { low: expect.closeTo(-0.454, 3), high: expect.closeTo(-0.152, 3), confidence: 0.95 },
      mcnemar_p_value: expect.closeTo(0.000488, 6),
      dataset_digest: expect.stringMatching(/^sha256:a{64}$/),
    });
    expect(decision.aliases).toEqual({ champion: '1' });
    expect((await registry.getVersion('support-agent', '2'))?.tags).toMatchObject({ [tagKeys.gateDecision]: 'fail', [tagKeys.gateAliasHolders]: '{"champion":"1"}' });
  });
});

describe('baseline: when there is nothing, or nothing usable, to compare with', () => {
  it('skips the rule with a note on the first release (no holder)', async () => {
    await registerVersions(ws, 1);
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 30) } });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0 } }'), '1');
    expect(result.decision).toBe('pass');
    expect(result.champion).toBeNull();
    expect(result.rules.find((r) => r.rule === 'baseline')).toEqual({
      rule: 'baseline',
      passed: true,
      warning: false,
      reason: 'no version holds @champion yet (first release): nothing to compare with, so the baseline comparison is skipped',
      inputs: { alias: 'champion', holder: null, source: 'artifacts', skipped: true },
    });
  });

  it('skips the rule when the candidate already holds the alias, and uses the configured alias', async () => {
    const registry = await registerVersions(ws, 1);
    await registry.setAlias('support-agent', 'prod', '1', undefined);
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 30) } });
    const result = await decide(gateConfigText('{ alias: prod, max_drop: { "contains/mean": 0 } }'), '1');
    expect(result.rules.find((r) => r.rule === 'baseline')?.reason).toBe('version 1 already holds @prod: it is its own champion, so the baseline comparison is skipped');
  });

  it('defaults the alias to promote.alias', async () => {
    const registry = await registerVersions(ws, 2);
    await registry.setAlias('support-agent', 'live', '1', undefined);
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) } });
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40) } });
    const result = await decide(`${gateConfigText('{ max_drop: { "contains/mean": 0.1 } }')}promote: { alias: live }\n`);
    expect(result.champion?.alias).toBe('live');
    expect(baselineRule(result.rules)?.reason).toMatch(/^against @live v1: /);
  });

  it('fails, naming both digests, when the champion was evaluated on another dataset', async () => {
    await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) }, digest: digestB });
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40) } });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.05 } }'));
    expect(result.decision).toBe('fail');
    expect(result.rules.find((r) => r.rule === 'baseline')).toMatchObject({
      passed: false,
      reason: `the champion (version 1, .agent-release/support-agent/v1/summary.json) was evaluated on dataset golden ${digestB}, the candidate on golden sha256:${'a'.repeat(64)}; means over different examples cannot show a drop. Evaluate version 1 on the candidate's dataset, or point gate.baseline.summary_path at an evaluation on it`,
      inputs: { candidate_dataset_digest: `sha256:${'a'.repeat(64)}`, champion_dataset_digest: digestB },
    });
  });

  it("fails, saying where it looked, when the champion's evaluation is not there", async () => {
    await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40) } });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.05 } }'));
    expect(result.decision).toBe('fail');
    expect(result.rules.find((r) => r.rule === 'baseline')?.reason).toBe(
      '@champion is held by version 1, but its evaluation is not at .agent-release/support-agent/v1/summary.json; evaluate version 1 on the same dataset (agent-release evaluate --model-version 1) or download its evaluation artifact there, or point gate.baseline.summary_path at it',
    );
  });

  it('fails when the file under the holder is the evaluation of another version', async () => {
    await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '3', scores: { contains: passFail(40, 40) } }, '.agent-release/support-agent/v1');
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40) } });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.05 } }'));
    expect(result.rules.find((r) => r.rule === 'baseline')).toMatchObject({
      passed: false,
      reason: '.agent-release/support-agent/v1/summary.json is the evaluation of support-agent version 3, but @champion is held by support-agent version 1; evaluate version 1 again (agent-release evaluate --model-version 1)',
    });
  });

  it.each([
    ['fail', false, false],
    ['warn', true, true],
  ] as const)('a scorer the champion lacks follows missing_metric: %s', async (policy, passed, warning) => {
    await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) } });
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40), safety: passFail(40, 40) } });
    const result = await decide(gateConfigText('{ max_drop: { "safety/mean": 0.05 } }', `  missing_metric: ${policy}\n`));
    expect(baselineRule(result.rules, 'safety/mean')).toMatchObject({
      passed,
      warning,
      reason:
        'against @champion v1: safety/mean cannot be compared: the champion\'s results .agent-release/support-agent/v1/results.jsonl have no "safety" scores; scorers present: contains. Map the name with gate.metric_aliases or make the evaluator score it',
    });
  });

  it('resolves a renamed scorer through metric_aliases on either side', async () => {
    await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '1', scores: { relevance_to_query: passFail(40, 40) } });
    await writeEvaluation(ws, { version: '2', scores: { relevance: passFail(40, 40) } });
    const config = `version: 1
model: { name: support-agent }
gate:
  metric_aliases: { "relevance/mean": ["relevance_to_query/mean"] }
  baseline: { max_drop: { "relevance/mean": 0.1 } }
`;
    const result = await decide(config);
    expect(baselineRule(result.rules, 'relevance/mean')).toMatchObject({ passed: true, inputs: { scorer: { candidate: 'relevance', champion: 'relevance_to_query' } } });
  });
});

describe('baseline: explicit paths', () => {
  it('compares with the files given, whoever holds the alias, and records them', async () => {
    await registerVersions(ws, 2);
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) } }, 'baselines/june');
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 28) } });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.05 }, summary_path: baselines/june/summary.json }'));
    expect(result.decision).toBe('fail');
    expect(result.champion).toMatchObject({ version: '1', summaryPath: 'baselines/june/summary.json', resultsPath: 'baselines/june/results.jsonl' });
    const decision = decisionSchema.parse(JSON.parse(await ws.read(result.decisionPath)));
    expect(Object.keys(decision.inputs)).toEqual(expect.arrayContaining(['baselines/june/summary.json', 'baselines/june/results.jsonl']));
  });

  it('takes results_path separately', async () => {
    await registerVersions(ws, 2);
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) } }, 'b');
    await ws.write('elsewhere/rows.jsonl', await ws.read('b/results.jsonl'));
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40) } });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.1 }, summary_path: b/summary.json, results_path: elsewhere/rows.jsonl }'));
    expect(result.decision).toBe('pass');
    expect(result.champion?.resultsPath).toBe('elsewhere/rows.jsonl');
  });

  it('fails, naming the setting, when a configured file does not exist', async () => {
    await registerVersions(ws, 2);
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40) } });
    const result = await decide(gateConfigText('{ max_drop: { "contains/mean": 0.1 }, summary_path: nope/summary.json }'));
    expect(result.rules.find((r) => r.rule === 'baseline')).toMatchObject({
      passed: false,
      reason: "the baseline file nope/summary.json (gate.baseline.summary_path) does not exist; download the champion's evaluation there or fix the path",
    });
  });
});

describe('baseline: bad inputs are errors, never a pass', () => {
  it('needs the candidate results beside the summary', async () => {
    await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) } });
    const summary = await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40) } });
    await ws.write('only/summary.json', await ws.read(summary));
    const run = gate(contextOf(gateConfigText('{ max_drop: { "contains/mean": 0.1 } }'), ws.dir).ctx, { modelVersion: '2', summaryPath: 'only/summary.json' });
    await expect(run).rejects.toThrow(
      new InputError(
        'gate.baseline compares example by example, so it needs the candidate\'s results.jsonl beside only/summary.json, but only/results.jsonl does not exist; keep the two files of one evaluation together',
      ),
    );
  });

  it('refuses a malformed champion results line with the file and line, and records that it could not decide', async () => {
    const registry = await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) } });
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40) } });
    const file = '.agent-release/support-agent/v1/results.jsonl';
    const lines = (await ws.read(file)).split('\n');
    lines[6] = '{"id": "q006", "inputs": "q", "outputs": "a", "scores": {"contains": "yes"}, "latency_ms": 5}';
    await ws.write(file, lines.join('\n'));
    const run = decide(gateConfigText('{ max_drop: { "contains/mean": 0.1 } }'));
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      `the baseline (the champion's evaluation) cannot be used: ${path.join(ws.dir, file)}:7: baseline results line: scores.contains: Invalid input: expected number, received string`,
    );
    expect((await registry.getVersion('support-agent', '2'))?.tags[tagKeys.gateDecision]).toBe('error');
    expect(await recordLeft(ws, '2')).toMatchObject({ file: 'error', reason: expect.stringContaining(`${file}:7: baseline results line`) });
  });

  it('refuses results that do not belong to their summary', async () => {
    await registerVersions(ws, 2, '1');
    await writeEvaluation(ws, { version: '1', scores: { contains: passFail(40, 40) } });
    await writeEvaluation(ws, { version: '2', scores: { contains: passFail(40, 40) } });
    const file = '.agent-release/support-agent/v2/results.jsonl';
    await ws.write(file, (await ws.read(file)).split('\n').slice(0, 30).join('\n'));
    await expect(decide(gateConfigText('{ max_drop: { "contains/mean": 0.1 } }'))).rejects.toThrow(
      '.agent-release/support-agent/v2/results.jsonl has 30 distinct example ids, but .agent-release/support-agent/v2/summary.json says the evaluation covered 40 examples; the two files are not from the same evaluation (or one is incomplete)',
    );
  });
});
