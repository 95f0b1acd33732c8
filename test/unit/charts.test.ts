import { latencyChart, latencyHistogram } from '../../src/charts/latency';
import { maxPoints, rolloutChart } from '../../src/charts/rollout';
import type { LookRecord, StepRecord } from '../../src/deploy/rollout-state';
import { runMode } from '../../src/modes';
import type { DeployResult } from '../../src/modes/deploy';
import { markdown } from '../../src/report/render';
import { LocalRegistry } from '../../src/registry/local';
import { startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { championHeldBy, recordPass } from '../support/decision-record';
import { deployScript, makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';

/**
 * Mermaid's documented xychart syntax (mermaid.js.org/syntax/xyChart), checked line by line:
 * the block, the keyword, a quoted title, categorical x-axis, a y-axis range, and line/bar series
 * of numbers no longer than the categories and inside the y range.
 */
function parseXyCharts(text: string): { title: string; categories: string[]; top: number; series: { kind: string; values: number[] }[]; palette: string[] }[] {
  const blocks = [...text.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => (m[1] as string).split('\n'));
  return blocks.map((lines) => {
    const [init, keyword, title, xAxis, yAxis, ...series] = lines;
    const palette = /^%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "([^"]+)"\}\}\}\}%%$/.exec(init ?? '')?.[1];
    expect(palette).toBeDefined();
    expect(keyword).toBe('xychart-beta');
    const titleText = /^ {2}title "([^"]+)"$/.exec(title ?? '')?.[1];
    const categories = /^ {2}x-axis \[(.+)\]$/.exec(xAxis ?? '')?.[1]?.split(', ').map((c) => /^"([^"]+)"$/.exec(c)?.[1] ?? 'UNQUOTED');
    const y = /^ {2}y-axis "[^"]+" 0 --> ([\d.]+)$/.exec(yAxis ?? '');
    expect(titleText && categories && y).toBeTruthy();
    const parsed = series.map((line) => {
      const m = /^ {2}(line|bar) \[([-\d., ]+)\]$/.exec(line);
      expect(m).not.toBeNull();
      return { kind: m?.[1] as string, values: (m?.[2] as string).split(', ').map(Number) };
    });
    const top = Number(y?.[1]);
    for (const s of parsed) {
      expect(s.values.length).toBeLessThanOrEqual(categories?.length ?? 0);
      for (const v of s.values) expect(v).toBeLessThanOrEqual(top);
    }
    expect(categories).not.toContain('UNQUOTED');
    return { title: titleText as string, categories: categories as string[], top, series: parsed, palette: (palette as string).split(', ') };
  });
}

const side = (errorRate: number, p95Ms: number, requests = 200) => ({ requests, errorRate, p95Ms });
const look = (extension: number, verdict: LookRecord['verdict'], candidate: LookRecord['candidate'], stable: LookRecord['stable']): LookRecord => ({ extension, at: '2026-12-06T09:00:00.000Z', verdict, candidate, stable });
const step = (index: number, weight: number, status: StepRecord['status'], looks: LookRecord[]): StepRecord => ({ index, weight, status, verdict: looks.at(-1)?.verdict ?? null, reasons: [], startedAt: null, finishedAt: null, extensions: Math.max(0, looks.length - 1), looks });

describe('the rollout chart', () => {
  const canary = [
    step(1, 10, 'passed', [look(0, 'pass', side(0.01, 120), side(0.008, 110))]),
    step(2, 50, 'failed', [look(0, 'inconclusive', side(0.03, 150), side(0.01, 112)), look(1, 'fail', side(0.09, 180), side(0.01, 115))]),
    step(3, 100, 'pending', []),
  ];
  const failure = { step: 'analysis', reason: 'roll back at step 2 of 3 (50% canary), bake extension 1: error_rate 9% is above the limit 5%', at: { index: 2, count: 3, weight: 50 } };

  it('draws error rate and p95 of candidate and stable at each look, the limits, and where it stopped and why', () => {
    const lines = rolloutChart({ steps: canary, failure, limits: { errorRate: 0.05, latencyP95Ms: 400 } });
    const [errors, latency] = parseXyCharts(lines.join('\n'));
    expect(errors).toEqual({
      title: 'Error rate (%) at each look',
      categories: ['10%', '50%', '50% +1 ✗'],
      top: 10,
      series: [
        { kind: 'line', values: [1, 3, 9] },
        { kind: 'line', values: [0.8, 1, 1] },
        { kind: 'line', values: [5, 5, 5] },
      ],
      palette: ['#d62728', '#1f77b4', '#7f7f7f'],
    });
    expect(latency?.series).toEqual([
      { kind: 'line', values: [120, 150, 180] },
      { kind: 'line', values: [110, 112, 115] },
      { kind: 'line', values: [400, 400, 400] },
    ]);
    expect(lines).toContain('Red: candidate; blue: stable; grey: the limit. One point per look (step traffic, +n for a bake extension).');
    expect(lines.at(-1)).toBe('**Stopped at step 2 of 3 (50%)** (✗): analysis failed: roll back at step 2 of 3 (50% canary), bake extension 1: error_rate 9% is above the limit 5%');
  });

  it('stops the stable line where no stable version serves (100%), and leaves out unmeasured metrics and unknown limits', () => {
    const done = [step(1, 10, 'passed', [look(0, 'pass', side(0, 100), side(0, 90))]), step(2, 100, 'passed', [look(0, 'pass', { requests: 50, errorRate: 0, p95Ms: null }, null)])];
    const charts = parseXyCharts(rolloutChart({ steps: done, failure: null, limits: { errorRate: null, latencyP95Ms: null } }).join('\n'));
    expect(charts).toHaveLength(2);
    expect(charts[0]?.series).toEqual([
      { kind: 'line', values: [0, 0] },
      { kind: 'line', values: [0] },
    ]);
    expect(charts[0]?.top).toBe(1);
    expect(charts[1]?.series).toEqual([
      { kind: 'line', values: [100] },
      { kind: 'line', values: [90] },
    ]);
    expect(rolloutChart({ steps: done, failure: null, limits: { errorRate: null, latencyP95Ms: null } }).at(-1)).toBe('**Reached 100%** (last look: pass).');
  });

  it('draws nothing when no look measured anything', () => {
    expect(rolloutChart({ steps: [step(1, 100, 'passed', [])], failure: null, limits: { errorRate: 0.05, latencyP95Ms: null } })).toEqual([]);
  });

  it('stays small however long the rollout: at most maxPoints looks, the latest kept', () => {
    const long = Array.from({ length: 100 }, (_, i) => step(i + 1, i + 1, 'passed', Array.from({ length: 12 }, (_, e) => look(e, 'inconclusive', side(0.01, 100 + i), side(0.01, 100)))));
    const lines = rolloutChart({ steps: long, failure: { step: 'analysis', reason: 'x'.repeat(100_000), at: { index: 100, count: 100, weight: 100 } }, limits: { errorRate: 0.05, latencyP95Ms: 500 } });
    const charts = parseXyCharts(lines.join('\n'));
    expect(charts[0]?.categories).toHaveLength(maxPoints);
    expect(charts[0]?.categories.at(-1)).toBe('100% +11 ✗');
    expect(lines).toContain(`Red: candidate; blue: stable; grey: the limit. One point per look (step traffic, +n for a bake extension); the first ${1200 - maxPoints} looks are not drawn.`);
    expect(Buffer.byteLength(lines.join('\n'))).toBeLessThan(12_000);
  });
});

describe('the latency distribution', () => {
  it('bins each side as a share of its answers, bounded by the 99th percentile, with the limit marked', () => {
    const candidate = Array.from({ length: 100 }, (_, i) => (i < 90 ? 20 + i : 400));
    const stable = Array.from({ length: 50 }, () => 30);
    const histogram = latencyHistogram({ canary: { requests: 100, errors: 0, latenciesMs: candidate }, stable: { requests: 50, errors: 0, latenciesMs: stable } }, 250);
    expect(histogram?.edgesMs).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
    expect(histogram?.candidate.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    expect(histogram?.stable).toEqual([100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(histogram?.candidate.slice(0, 3)).toEqual([30, 50, 10]);
    expect(histogram?.candidate[8]).toBe(10);
    const lines = latencyChart(histogram);
    const [chart] = parseXyCharts(lines.join('\n'));
    expect(chart?.categories[0]).toBe('0–50');
    expect(chart?.categories.at(-1)).toBe('≥ 500');
    expect(chart?.series.map((s) => s.kind)).toEqual(['bar', 'bar', 'line']);
    expect(chart?.series[2]?.values).toEqual([0, 0, 0, 0, 0, 100, 100, 100, 100, 100, 100]);
    expect(lines.at(-1)).toBe('Bars: red: candidate (100 answers); blue: stable (50 answers). Grey: the p95 limit of 250 ms falls in the 250–300 ms bin; the grey step rises there.');
  });

  it('is absent without per-request samples', () => {
    expect(latencyHistogram({ canary: { requests: 10, errors: 0, latencyP95Ms: 100 } }, null)).toBeNull();
    expect(latencyChart(null)).toEqual([]);
  });
});

describe('in the deploy and verify summaries, from real runs', () => {
  let ws: Workspace;
  let agent: AgentServer | undefined;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('deploy.mjs', deployScript);
    const registry = new LocalRegistry(ws.registryFile);
    for (const source of ['http://v1', 'http://v2']) await registry.registerVersion('support-agent', source, {});
  });
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
    await ws.cleanup();
  });

  async function promoted(config: string): Promise<void> {
    await recordPass(contextOf(config, ws.dir).ctx, '1', championHeldBy('none'));
    await runMode('promote', contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    await recordPass(contextOf(config, ws.dir).ctx, '2', championHeldBy('1'));
    await runMode('promote', contextOf(config, ws.dir).ctx, { modelVersion: '2' });
  }

  it('a canary against a real agent: each look recorded per side, the chart above the step table', async () => {
    // One request in 4 fails, on either side: the chart shows the numbers, the limit lets it through.
    agent = await startAgent((q, n) => (q === 'candidate' && n % 4 === 0 ? { status: 500 } : { text: 'ok', delayMs: q === 'candidate' ? 5 : 1 }));
    const probe = `  analysis: { provider: http-probe, url: "${agent.url}/v1/chat/completions", stable_url: "${agent.url}/v1/chat/completions?stable", method: POST, body: { messages: [{ role: user, content: candidate }] }, requests: 20, concurrency: 2, limits: { error_rate: 0.5 } }\n`;
    const config = sliceConfig().replace('strategy: all-at-once', 'strategy: canary\n  steps: [25, 100]\n  bake: 0s').replace('    rollback: "node deploy.mjs"', '    rollback: "node deploy.mjs"\n    set_traffic: "node deploy.mjs"') + probe;
    await promoted(config);
    const { result } = await runMode('deploy', contextOf(config, ws.dir).ctx, {});
    const deployed = result as DeployResult;
    expect(deployed.failure).toBeNull();
    expect(deployed.steps.map((s) => s.looks.length)).toEqual([1, 1]);
    expect(deployed.steps[0]?.looks[0]?.candidate?.requests).toBe(20);
    expect(deployed.steps[0]?.looks[0]?.stable?.requests).toBe(20);
    expect(deployed.steps[1]?.looks[0]?.stable).toBeNull();
    const text = markdown(deployed);
    const charts = parseXyCharts(text);
    expect(charts.map((c) => c.title)).toEqual(['Error rate (%) at each look', 'p95 latency (ms) at each look', 'Latency distribution (% of answered requests per bin, ms)']);
    expect(charts[0]?.categories).toEqual(['25%', '100%']);
    expect(charts[0]?.series[2]?.values).toEqual([50, 50]);
    expect(text.indexOf('```mermaid')).toBeLessThan(text.indexOf('| Step | Traffic |'));
    expect(text).toContain('**Reached 100%**');
  });

  it('a step that failed on a command with a pipe in it keeps the step table whole', async () => {
    const failing = `bash -c 'test "$AGENT_RELEASE_TRAFFIC" -lt 50 || exit 7'`;
    const config = sliceConfig().replace('strategy: all-at-once', 'strategy: canary\n  steps: [25, 50, 100]\n  bake: 0s').replace('    rollback: "node deploy.mjs"', `    rollback: "node deploy.mjs"\n    set_traffic: ${JSON.stringify(failing)}`);
    await promoted(config);
    const { result } = await runMode('deploy', contextOf(config, ws.dir).ctx, {});
    expect((result as DeployResult).failure?.reason).toContain('|| exit 7');
    const text = markdown(result);
    const rows = text.split('\n').filter((line) => line.startsWith('| ') && text.indexOf(line) >= text.indexOf('| Step | Traffic |'));
    const columns = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows.slice(0, 5)) expect([row, columns(row)]).toEqual([row, 7]);
    expect(text).toContain('| 2 | 50% | failed |  | step 2 of 3 (50%): set_traffic command `bash -c \'test "$AGENT_RELEASE_TRAFFIC" -lt 50 \\|\\| exit 7\'` exited with code 7');
  });

  it('a failed deploy shows the stop and its reason; verify draws the latency distribution', async () => {
    agent = await startAgent((_q, n) => (n % 2 === 0 ? { status: 500 } : { text: 'ok' }));
    const config = sliceConfig({ probeUrl: `${agent.url}/health?v={{version}}` });
    await promoted(config);
    const { result } = await runMode('deploy', contextOf(config, ws.dir).ctx, {});
    const text = markdown(result);
    const [errors] = parseXyCharts(text);
    expect(errors?.categories).toEqual(['look ✗']);
    expect(errors?.series).toEqual([
      { kind: 'line', values: [50] },
      { kind: 'line', values: [10] },
    ]);
    expect(text).toContain('**Stopped** (✗): analysis failed: error_rate = 0.5 is above the maximum 0.1');

    const verified = await runMode('verify', contextOf(config, ws.dir).ctx, {});
    const verifyText = markdown(verified.result);
    const [distribution] = parseXyCharts(verifyText);
    expect(distribution?.title).toBe('Latency distribution (% of answered requests per bin, ms)');
    expect(verifyText.indexOf('```mermaid')).toBeLessThan(verifyText.indexOf('| Rule |'));
  });
});
