import type { RuleResult } from '../../src/contract/decision';
import type { ComparisonInputs } from '../../src/gate/baseline';
import { chartMetricLimit, gateMarkdown } from '../../src/gate/report';
import { gate, type GateResult } from '../../src/modes/gate';
import { fitSections, summaryByteLimit } from '../../src/report/markdown';
import { headline, markdown } from '../../src/report/render';
import { contextOf } from '../support/context';
import { makeWorkspace, type Workspace } from '../support/workspace';
import { gateConfigText, passFail, registerVersions, writeEvaluation } from './gate-fixtures';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('gate job summary from real files', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('shows one row per metric merging threshold and baseline, then the other rules, the chart and flakiness', async () => {
    await registerVersions(ws, 2, '1');
    // 40 examples × 2 runs. The champion passes every run; the candidate fails both runs of the
    // last 12 examples and one run of q000. grade is a 0–5 mark, too wide for the 0–1 chart.
    const champion = { contains: passFail(80, 80), grade: Array.from({ length: 80 }, () => 4) };
    const candidate = { contains: [0, ...passFail(79, 55)], grade: Array.from({ length: 80 }, () => 4) };
    await writeEvaluation(ws, { version: '1', scores: champion, repeat: 2 });
    await writeEvaluation(ws, { version: '2', scores: candidate, repeat: 2 });
    const summaryFile = '.agent-release/support-agent/v2/summary.json';
    const summary = JSON.parse(await ws.read(summaryFile)) as { errors: number };
    summary.errors = 1;
    await ws.write(summaryFile, JSON.stringify(summary));
    const result = await gate(contextOf(gateConfigText('{ max_drop: { "contains/mean": 0.05, "grade/mean": 0.5 } }'), ws.dir).ctx, { modelVersion: '2' });
    const lines = markdown(result).split('\n');
    expect(lines.slice(0, 11)).toEqual([
      '### agent-release gate: support-agent',
      '',
      'gate failed for support-agent v2: against @champion v1: contains/mean dropped by 0.313 (95% CI 0.175 – 0.450, n = 40 paired), more than the allowed 0.05',
      '',
      'Candidate v2 (`.agent-release/support-agent/v2/summary.json`) against @champion v1 (`.agent-release/support-agent/v1/summary.json`, `.agent-release/support-agent/v1/results.jsonl`).',
      '',
      'Values in parentheses are 95% confidence intervals.',
      '',
      '| Metric | Threshold | Candidate | Champion | Difference | Verdict | Why |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| contains/mean | ≥ 0.5; drop ≤ 0.05 | 0.6875 (0.55 – 0.825) | 1 (1 – 1) | −0.313 (−0.450 – −0.175) | ❌ fail | contains/mean = 0.6875 is within >= 0.5<br>against @champion v1: contains/mean dropped by 0.313 (95% CI 0.175 – 0.450, n = 40 paired), more than the allowed 0.05 |',
    ]);
    expect(lines.slice(11)).toEqual([
      '| grade/mean | drop ≤ 0.5 | 4 (4 – 4) | 4 (4 – 4) | 0.000 (0.000 – 0.000) | ✅ pass | against @champion v1: grade/mean changed by 0.000 (95% CI 0.000 – 0.000, n = 40 paired); a drop of more than the allowed 0.5 is ruled out |',
      '',
      '| Rule | Metric | Verdict | Why |',
      '| --- | --- | --- | --- |',
      '| errors | – | ⚠️ warn | 1 of 40 examples failed to evaluate and are not in any mean (error rate 0.025); gate on error_rate to block on them |',
      '',
      '_Not on the chart (values outside 0–1): grade/mean._',
      '',
      '```mermaid',
      'xychart-beta',
      '  title "candidate v2 (bars) vs @champion v1 (line)"',
      '  x-axis ["contains/mean"]',
      '  y-axis "mean" 0 --> 1',
      '  bar [0.6875]',
      '  line [1]',
      '```',
      '',
      '#### Flakiness (informational, not part of the decision)',
      '',
      'Each example was run several times. pass^k is the chance that k fresh runs of an example all pass.',
      '',
      '| Metric | k | Pass rate | pass^k | Flaky examples | Flakiest (passes/runs) |',
      '| --- | --- | --- | --- | --- | --- |',
      expect.stringMatching(/^\| contains\/mean \| 2 \| 0\.6875 \(0\.\d+ – 0\.\d+\) \| 0\.675 \(0\.\d+ – 0\.\d+\) \| 1 of 40 \| `q000` 1\/2 \|$/),
      '',
      '#### Examples that changed against @champion v1',
      '',
      '12 newly failing, 1 worse, 0 better.',
      '',
      '| Change | Example | Scores (champion → candidate) | Input | Expected | Answer | Tool calls |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...Array.from({ length: 12 }, (_, i) => `| ❌ newly failing | \`q0${28 + i}\` | contains 1 → 0 | question q0${28 + i} | – | answer q0${28 + i} | – |`),
      '| 📉 worse | `q000` | contains 1 → 0.5 | question q000 | – | answer q000 | – |',
      '',
      'Decision: **FAIL** written to `.agent-release/support-agent/v2/decision.json` and as tags on version 2.',
      '',
    ]);
  });
});

/** Rules as the gate writes them, for reports too large to produce from files in a test. */
function comparison(metric: string, candidate: number, champion: number, verdict: ComparisonInputs['verdict'], applied: ComparisonInputs['applied']): RuleResult {
  const ci = (mean: number) => ({ low: mean - 0.05, high: mean + 0.05, confidence: 0.95, method: 'wilson' });
  const inputs: ComparisonInputs = {
    alias: 'champion',
    champion_version: '1',
    scorer: { candidate: metric.split('/')[0] as string, champion: metric.split('/')[0] as string },
    kind: 'binary',
    method: 'mcnemar',
    paired: true,
    n: { candidate: 500, champion: 500, pairs: 500 },
    candidate: { mean: candidate, n: 500, ci: ci(candidate) },
    champion: { mean: champion, n: 500, ci: ci(champion) },
    difference: candidate - champion,
    difference_ci: { low: candidate - champion - 0.03, high: candidate - champion + 0.03, confidence: 0.95, method: 'newcombe-paired-score' },
    max_drop: 0.02,
    confidence: 0.95,
    verdict,
    inconclusive_policy: 'warn',
    applied,
    dataset_digest: `sha256:${'a'.repeat(64)}`,
  };
  return { rule: 'baseline', metric, passed: applied !== 'fail', warning: applied === 'warn', reason: `against @champion v1: ${metric} ${verdict}`, inputs };
}

function gateResult(rules: RuleResult[], extra: Partial<GateResult> = {}): GateResult {
  return {
    mode: 'gate',
    dryRun: false,
    model: 'support-agent',
    version: '2',
    decision: rules.every((r) => r.passed) ? 'pass' : 'fail',
    rules,
    summaryPath: 's.json',
    decisionPath: 'd/decision.json',
    tags: {},
    champion: { alias: 'champion', version: '1', summaryPath: 'c/summary.json', resultsPath: 'c/results.jsonl' },
    flakiness: [],
    ...extra,
  };
}

describe('gate job summary: shapes', () => {
  it('says a dry run wrote no decision', () => {
    const rules: RuleResult[] = [{ rule: 'threshold', metric: 'contains/mean', passed: true, warning: false, reason: 'ok', inputs: {} }];
    expect(gateMarkdown(gateResult(rules, { dryRun: true }), ['# h']).trimEnd().split('\n').at(-1)).toBe(
      'Decision: **PASS** not written (dry run; a real run writes `d/decision.json` and tags on version 2).',
    );
  });

  it('renders any other rule generically, with skipped rules marked', () => {
    const rules: RuleResult[] = [
      { rule: 'signoff', passed: false, warning: false, reason: 'engineering_signoff.decision is REJECTED | needs APPROVED', inputs: { file: 'signoffs/v2/decision.md' } },
      { rule: 'baseline', passed: true, warning: false, reason: 'no version holds @champion yet', inputs: { skipped: true } },
      { rule: 'version-consistency', metric: 'n', passed: true, warning: true, reason: 'override', inputs: {} },
    ];
    const text = gateMarkdown(gateResult(rules, { champion: null }), ['# h']);
    expect(text.split('\n')).toEqual([
      '# h',
      '',
      '| Rule | Metric | Verdict | Why |',
      '| --- | --- | --- | --- |',
      '| signoff | – | ❌ fail | engineering_signoff.decision is REJECTED \\| needs APPROVED |',
      '| baseline | – | ⏭️ skipped | no version holds @champion yet |',
      '| version-consistency | n | ⚠️ warn | override |',
      '',
      'Decision: **FAIL** written to `d/decision.json` and as tags on version 2.',
    ]);
  });

  it('marks an inconclusive comparison and keeps the threshold limits and values of metrics not compared', () => {
    const rules: RuleResult[] = [
      { rule: 'threshold', metric: 'latency_ms/p95', passed: true, warning: false, reason: 'latency_ms/p95 = 900 is within <= 4000', inputs: { value: 900, max: 4000, n: 500 } },
      comparison('contains/mean', 0.8, 0.81, 'inconclusive', 'warn'),
    ];
    const lines = gateMarkdown(gateResult(rules), ['# h']).split('\n');
    expect(lines).toContain('| latency_ms/p95 | ≤ 4000 | 900 | – | – | ✅ pass | latency_ms/p95 = 900 is within <= 4000 |');
    expect(lines).toContain('| contains/mean | drop ≤ 0.02 | 0.8 (0.75 – 0.85) | 0.81 (0.76 – 0.86) | −0.010 (−0.040 – +0.020) | ⚠️ warn (inconclusive) | against @champion v1: contains/mean inconclusive |');
  });

  it(`charts at most ${chartMetricLimit} metrics and says so`, () => {
    const rules = Array.from({ length: 45 }, (_, i) => comparison(`m${i}/mean`, 0.5, 0.5, 'pass', 'pass'));
    const text = gateMarkdown(gateResult(rules), ['# h']);
    expect(text).toContain('_The chart shows the first 30 of 45 compared metrics; the table has them all._');
    const axis = text.split('\n').find((l) => l.startsWith('  x-axis'));
    expect(axis?.match(/"m\d+\/mean"/g)).toHaveLength(30);
  });

  it('names at most five failing reasons in the headline (the ::error:: annotation)', () => {
    const rules = Array.from({ length: 8 }, (_, i) => comparison(`m${i}/mean`, 0.5, 0.9, 'fail', 'fail'));
    expect(headline(gateResult(rules))).toBe(
      'gate failed for support-agent v2: against @champion v1: m0/mean fail; against @champion v1: m1/mean fail; against @champion v1: m2/mean fail; against @champion v1: m3/mean fail; against @champion v1: m4/mean fail; and 3 more failing rules (see the job summary)',
    );
  });
});

describe('gate job summary: the 1 MiB limit', () => {
  function huge(): GateResult {
    // 6,000 compared metrics, every 100th failing, and 3,000 flaky metrics naming ten long ids each.
    const rules = Array.from({ length: 6000 }, (_, i) =>
      i % 100 === 7 ? comparison(`metric_${i}/mean`, 0.5, 0.9, 'fail', 'fail') : comparison(`metric_${i}/mean`, 0.8, 0.8, 'pass', 'pass'),
    );
    rules.push({ rule: 'signoff', passed: false, warning: false, reason: 'stakeholder_signoff is missing', inputs: {} });
    const flakiness = Array.from({ length: 3000 }, (_, i) => ({
      metric: `metric_${i}/mean`,
      k: 5,
      examples: 1000,
      flakyCount: 400,
      passRate: { mean: 0.7, n: 1000, ci: { low: 0.68, high: 0.72, confidence: 0.95, method: 'bootstrap-percentile' } },
      passAllK: { mean: 0.4, n: 1000, ci: { low: 0.38, high: 0.42, confidence: 0.95, method: 'bootstrap-percentile' } },
      flakiest: Array.from({ length: 10 }, (_, j) => ({ id: `example-with-a-long-identifier-${i}-${j}`, passes: 2, runs: 5 })),
    }));
    return gateResult(rules, { flakiness });
  }

  it('stays under the cap, cutting flakiness and the chart first and keeping every failing metric row', () => {
    const result = huge();
    const text = markdown(result);
    expect(bytes(text)).toBeLessThanOrEqual(summaryByteLimit);
    expect(text).toContain('_The flakiness report left out to stay under GitHub\'s 1 MiB job-summary limit; `d/decision.json` has the full record._');
    expect(text).not.toContain('```mermaid');
    expect(text).toContain('_The chart left out to stay under GitHub\'s 1 MiB job-summary limit; `d/decision.json` has the full record._');
    const rows = text.split('\n').filter((l) => l.startsWith('| metric_'));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(6000);
    expect(rows.filter((l) => l.includes('❌ fail'))).toHaveLength(60);
    const omitted = 6000 - rows.length;
    expect(text).toContain(`_… ${omitted} more rows left out to stay under GitHub's 1 MiB job-summary limit; \`d/decision.json\` has them all._`);
    expect(text).toContain('| signoff | – | ❌ fail | stakeholder_signoff is missing |');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Decision: **FAIL** written to `d/decision.json` and as tags on version 2.');
  });

  it('leaves a report that fits untouched', () => {
    const result = gateResult([comparison('contains/mean', 0.8, 0.8, 'pass', 'pass')]);
    expect(gateMarkdown(result, ['# h'])).not.toContain('left out');
  });
});

describe('fitSections', () => {
  const extras = 'lots of extra text '.repeat(20);
  const rowTexts = ['ok 1', 'BAD', 'ok 2', 'ok 3'].map((name) => `| ${name.padEnd(120, '.')} |`);
  const sections = [
    { priority: Infinity, name: 'head', head: ['# title'] },
    { priority: 2, name: 'The table', head: ['| a |', '| --- |'], rows: rowTexts.map((text) => ({ text, rank: text.includes('BAD') ? 0 : 2 })) },
    { priority: 1, name: 'The extras', head: [extras] },
  ];
  const full = fitSections(sections, 10_000, 'r.json');
  const extrasNote = "_The extras left out to stay under GitHub's 1 MiB job-summary limit; r.json has the full record._";

  it('keeps everything that fits', () => {
    expect(full).toBe(['# title', '', '| a |', '| --- |', ...rowTexts, '', extras].join('\n'));
  });

  it('drops the lowest priority first', () => {
    expect(fitSections(sections, bytes(full) - 1, 'r.json')).toBe(['# title', '', '| a |', '| --- |', ...rowTexts, '', extrasNote].join('\n'));
  });

  it('then leaves out rows, the least important and the last first, with a count', () => {
    const limit = bytes(['# title', '', '| a |', '| --- |', ...rowTexts, '', extrasNote].join('\n')) - 1;
    const text = fitSections(sections, limit, 'r.json');
    expect(bytes(text)).toBeLessThanOrEqual(limit);
    expect(text.split('\n')).toEqual([
      '# title',
      '',
      '| a |',
      '| --- |',
      rowTexts[0],
      rowTexts[1],
      rowTexts[2],
      "_… 1 more row left out to stay under GitHub's 1 MiB job-summary limit; r.json has them all._",
      '',
      extrasNote,
    ]);
    const tight = fitSections(sections, 400, 'r.json');
    expect(bytes(tight)).toBeLessThanOrEqual(400);
    expect(tight).toContain(rowTexts[1]);
    expect(tight).toContain("_… 3 more rows left out to stay under GitHub's 1 MiB job-summary limit; r.json has them all._");
  });

  it('cuts even untouchable sections, at a line, when nothing else is left', () => {
    const text = fitSections([{ priority: Infinity, name: 'x', head: Array.from({ length: 100 }, (_, i) => `line ${i}`) }], 200, 'r.json');
    expect(bytes(text)).toBeLessThanOrEqual(200);
    expect(text).toMatch(/^line 0\n/);
    expect(text).toMatch(/_Cut here to stay under GitHub's 1 MiB job-summary limit; r\.json has the full record\._$/);
  });
});

describe('gate job summary without a baseline', () => {
  it('leaves out the champion columns', () => {
    const rules: RuleResult[] = [
      {
        rule: 'threshold',
        metric: 'contains/mean',
        passed: false,
        warning: false,
        reason: 'contains/mean = 0 is below the minimum 0.75',
        inputs: { value: 0, min: 0.75, n: 4, ci: { low: 0, high: 0.4899, confidence: 0.95, method: 'wilson' } },
      },
      { rule: 'threshold', metric: 'latency_ms/p95', passed: true, warning: false, reason: 'latency_ms/p95 = 12 is within <= 5000', inputs: { value: 12, max: 5000, n: 4 } },
    ];
    expect(gateMarkdown(gateResult(rules, { champion: null }), ['# h']).split('\n')).toEqual([
      '# h',
      '',
      'Values in parentheses are 95% confidence intervals.',
      '',
      '| Metric | Threshold | Candidate | Verdict | Why |',
      '| --- | --- | --- | --- | --- |',
      '| contains/mean | ≥ 0.75 | 0 (0 – 0.4899) | ❌ fail | contains/mean = 0 is below the minimum 0.75 |',
      '| latency_ms/p95 | ≤ 5000 | 12 | ✅ pass | latency_ms/p95 = 12 is within <= 5000 |',
      '',
      'Decision: **FAIL** written to `d/decision.json` and as tags on version 2.',
    ]);
  });
});
