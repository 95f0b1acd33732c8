import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decisionSchema } from '../../src/contract/decision';
import { summarySchemaId, type Summary } from '../../src/contract/summary';
import { InputError } from '../../src/errors';
import { thresholdRules } from '../../src/gate/rules';
import { gate } from '../../src/modes/gate';
import { LocalRegistry } from '../../src/registry/local';
import { tagKeys } from '../../src/registry/tags';
import { contextOf } from '../support/context';
import { recordLeft } from '../support/decision-record';
import { makeWorkspace, type Workspace } from '../support/workspace';

function summary(metrics: Record<string, number>, version = '1', errors = 0): Summary {
  return {
    schema: summarySchemaId,
    model: { name: 'support-agent', version },
    dataset: { name: 'golden', digest: `sha256:${'a'.repeat(64)}`, rows: 50 },
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, value]) => [k, { value, n: 50 }])),
    errors,
    run_id: null,
    created_at: '2026-11-23T10:00:00.000Z',
  };
}

const gateConfig = (overrides: Partial<{ missing_metric: 'fail' | 'warn'; metric_aliases: Record<string, string[]> }> = {}) => ({
  thresholds: { 'relevance/mean': { min: 0.7 }, 'latency_ms/p95': { max: 4000 }, 'safety/mean': { min: 0.9, max: 1 } },
  metric_aliases: {},
  missing_metric: 'fail' as const,
  ...overrides,
});

describe('threshold rules', () => {
  it('passes values within limits, including exactly at them', () => {
    const rules = thresholdRules(gateConfig(), summary({ 'relevance/mean': 0.7, 'latency_ms/p95': 4000, 'safety/mean': 1 }), 's.json');
    expect(rules.map((r) => r.passed)).toEqual([true, true, true]);
    expect(rules[0]?.reason).toBe('relevance/mean = 0.7 is within >= 0.7');
  });

  it('fails values outside limits with the value and the limit', () => {
    const rules = thresholdRules(gateConfig(), summary({ 'relevance/mean': 0.69, 'latency_ms/p95': 4000.5, 'safety/mean': 0.95 }), 's.json');
    expect(rules.map((r) => r.reason)).toEqual([
      'relevance/mean = 0.69 is below the minimum 0.7',
      'latency_ms/p95 = 4001 is above the maximum 4000',
      'safety/mean = 0.95 is within >= 0.9 and <= 1',
    ]);
    expect(rules.map((r) => r.passed)).toEqual([false, false, true]);
  });

  it('fails a missing metric by name and lists the metrics present; never reads it as 0', () => {
    const rules = thresholdRules(gateConfig(), summary({ 'relevance_to_query/mean': 0.9, 'latency_ms/p95': 10, 'safety/mean': 0.99 }), 'out/summary.json');
    expect(rules[0]).toMatchObject({
      passed: false,
      reason:
        'metric relevance/mean is missing from out/summary.json; metrics present: latency_ms/p95, relevance_to_query/mean, safety/mean. Map the name with gate.metric_aliases or make the evaluator report it',
    });
    expect(rules[0]?.inputs.value).toBeUndefined();
  });

  it('resolves aliases in order and says which name it used', () => {
    const config = gateConfig({ metric_aliases: { 'relevance/mean': ['relevance_v2/mean', 'relevance_to_query/mean'] } });
    const rules = thresholdRules(config, summary({ 'relevance_to_query/mean': 0.9, 'latency_ms/p95': 10, 'safety/mean': 0.99 }), 's.json');
    expect(rules[0]).toMatchObject({ passed: true, reason: 'relevance/mean (as relevance_to_query/mean) = 0.9 is within >= 0.7' });
    const missing = thresholdRules(config, summary({ 'latency_ms/p95': 10, 'safety/mean': 0.99 }), 's.json');
    expect(missing[0]?.reason).toContain('(also tried relevance_v2/mean, relevance_to_query/mean)');
  });

  it('with missing_metric: warn, reports the missing metric as a warning', () => {
    const rules = thresholdRules(gateConfig({ missing_metric: 'warn' }), summary({ 'latency_ms/p95': 10, 'safety/mean': 0.99 }), 's.json');
    expect(rules[0]).toMatchObject({ passed: true, warning: true });
  });
});

describe('gate mode', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', 'http://x', {});
  });
  afterEach(() => ws.cleanup());
  const config = `version: 1
model: { name: support-agent }
gate:
  thresholds: { "relevance/mean": { min: 0.7 } }
`;

  it('writes decision.json and the decision as version tags', async () => {
    await ws.write('.agent-release/support-agent/v1/summary.json', JSON.stringify(summary({ 'relevance/mean': 0.5 }, '1', 2)));
    const { ctx } = contextOf(config, ws.dir);
    const result = await gate(ctx, { modelVersion: '1' });
    expect(result.decision).toBe('fail');
    const decision = decisionSchema.parse(JSON.parse(await readFile(path.join(ws.dir, result.decisionPath), 'utf8')));
    expect(decision).toMatchObject({ decision: 'fail', model: { name: 'support-agent', version: '1' }, aliases: {} });
    expect(decision.rules.map((r) => [r.rule, r.passed, r.warning])).toEqual([
      ['threshold', false, false],
      ['errors', true, true],
    ]);
    expect(Object.values(decision.inputs)[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    const tags = (await new LocalRegistry(ws.registryFile).getVersion('support-agent', '1'))?.tags;
    expect(tags).toMatchObject({ [tagKeys.gateDecision]: 'fail', [tagKeys.gateAliasHolders]: '{}', [tagKeys.gateRun]: 'https://github.com/acme/agent/actions/runs/1' });
  });

  it('refuses a summary of another version, and leaves an error record in place of the decision', async () => {
    await ws.write('other.json', JSON.stringify(summary({ 'relevance/mean': 0.9 }, '3')));
    const { ctx } = contextOf(config, ws.dir);
    const run = gate(ctx, { modelVersion: '1', summaryPath: 'other.json' });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      'other.json is the evaluation of support-agent version 3, but the gate was asked to decide support-agent version 1; pass the summary of version 1 (summary-path) or run evaluate for it',
    );
    expect(await recordLeft(ws, '1')).toEqual({ file: 'error', tag: 'error', reason: expect.stringMatching(/^the gate could not decide: other.json is the evaluation of support-agent version 3/) });
  });

  it.each([
    ['not JSON', '{"schema":', 'bad.json is not valid JSON'],
    ['another schema', JSON.stringify({ schema: 'something/else' }), 'is not an agent-release.summary/v1 evaluation summary:\n  - schema: Invalid input: expected "agent-release.summary/v1"'],
    ['a metric that is not a number', JSON.stringify({ ...summary({}), metrics: { 'relevance/mean': 'high' } }), 'metrics["relevance/mean"]'],
    ['nested past the stack', JSON.stringify({ ...summary({}), extra: 0 }).replace('"extra":0', `"extra":${'['.repeat(300_000)}${']'.repeat(300_000)}`), 'bad.json nests objects and arrays more than 64 levels deep (a summary needs a handful); the file is likely damaged'],
  ])('refuses a summary that is %s', async (_name, content, message) => {
    await ws.write('bad.json', content);
    const { ctx } = contextOf(config, ws.dir);
    await expect(gate(ctx, { modelVersion: '1', summaryPath: 'bad.json' })).rejects.toThrow(message);
  });

  it('accepts plain numbers as metrics from bring-your-own evaluators', async () => {
    await ws.write('byo.json', JSON.stringify({ ...summary({}), metrics: { 'relevance/mean': 0.8 } }));
    const { ctx } = contextOf(config, ws.dir);
    expect((await gate(ctx, { modelVersion: '1', summaryPath: 'byo.json' })).decision).toBe('pass');
  });
});

describe('gate mode: results beside the summary', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', 'http://x', {});
  });
  afterEach(() => ws.cleanup());
  const config = `version: 1
model: { name: support-agent }
gate:
  thresholds: { "contains/mean": { min: 0.5 } }
`;

  it('reports flakiness from repeated runs without a baseline, and records the results digest', async () => {
    // 3 examples × 2 runs; "b" passes once.
    const rows = [['a', 1], ['a', 1], ['b', 1], ['b', 0], ['c', 1], ['c', 1]] as const;
    const jsonl = rows.map(([id, score]) => JSON.stringify({ id, inputs: id, outputs: 'x', scores: { contains: score }, latency_ms: 5 })).join('\n');
    await ws.write('.agent-release/support-agent/v1/results.jsonl', jsonl);
    const s = summary({ 'contains/mean': 5 / 6 });
    await ws.write('.agent-release/support-agent/v1/summary.json', JSON.stringify({ ...s, dataset: { ...s.dataset, rows: 3 } }));
    const result = await gate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    expect(result.decision).toBe('pass');
    expect(result.flakiness).toMatchObject([{ metric: 'contains/mean', k: 2, examples: 3, flakyCount: 1, flakiest: [{ id: 'b', passes: 1, runs: 2 }] }]);
    const decision = decisionSchema.parse(JSON.parse(await ws.read(result.decisionPath)));
    expect(Object.keys(decision.inputs)).toEqual(['.agent-release/support-agent/v1/summary.json', '.agent-release/support-agent/v1/results.jsonl']);
  });

  it('needs no results file without a baseline', async () => {
    await ws.write('.agent-release/support-agent/v1/summary.json', JSON.stringify(summary({ 'contains/mean': 0.9 })));
    const result = await gate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    expect(result).toMatchObject({ decision: 'pass', flakiness: [], champion: null });
  });
});
