/**
 * The gate's record is the truth (issue 15, items 1 and 2): a re-run withdraws the previous
 * decision, every path short of a complete pass leaves `fail` or `error`, `pass` is written last,
 * and promote succeeds only when the last gate run completed with a pass.
 */
import { access, mkdir, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { summarySchemaId } from '../../src/contract/summary';
import { ReleaseError } from '../../src/errors';
import { gate } from '../../src/modes/gate';
import { promote } from '../../src/modes/promote';
import { LocalRegistry } from '../../src/registry/local';
import { tagKeys } from '../../src/registry/tags';
import { contextOf } from '../support/context';
import { recordLeft } from '../support/decision-record';
import { makeWorkspace, type Workspace } from '../support/workspace';

const model = 'support-agent';
const summaryFile = '.agent-release/support-agent/v1/summary.json';
const plans = 'records/deployment_plans';
const config = `version: 1
model: { name: ${model} }
gate:
  thresholds: { "contains/mean": { min: 0.8 }, "latency_ms/p95": { max: 4000 } }
  artifact_root: records
  deployment_plan: {}
`;
const noGateSection = `version: 1\nmodel: { name: ${model} }\n`;

const summaryText = (metrics: Record<string, number | null>): string =>
  JSON.stringify({
    schema: summarySchemaId,
    model: { name: model, version: '1' },
    dataset: { name: 'golden', digest: `sha256:${'a'.repeat(64)}`, rows: 50 },
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, value]) => [k, { value, n: 50 }])),
    errors: 0,
    run_id: null,
    created_at: '2026-11-23T10:00:00.000Z',
  });

let ws: Workspace;
let outside: string;
beforeEach(async () => {
  ws = await makeWorkspace();
  outside = path.join(os.tmpdir(), `agent-release-outside-${path.basename(ws.dir)}`);
  await new LocalRegistry(ws.registryFile).registerVersion(model, 'http://v1', {});
});
afterEach(async () => {
  await ws.cleanup();
  await rm(outside, { recursive: true, force: true });
});

/** What one gate run sees; each is set up from scratch, so any order of them is a valid history. */
const runs = {
  pass: { summary: summaryText({ 'contains/mean': 0.9, 'latency_ms/p95': 1200 }), config, plans: 'dir', completes: 'pass' },
  'fails a threshold': { summary: summaryText({ 'contains/mean': 0.79999, 'latency_ms/p95': 1200 }), config, plans: 'dir', completes: 'fail' },
  'loses a metric': { summary: summaryText({ 'latency_ms/p95': 1200 }), config, plans: 'dir', completes: 'fail' },
  'has a null metric': { summary: summaryText({ 'contains/mean': null, 'latency_ms/p95': 1200 }), config, plans: 'dir', completes: 'error' },
  'has no summary': { summary: null, config, plans: 'dir', completes: 'error' },
  'has no gate section': { summary: summaryText({ 'contains/mean': 0.9, 'latency_ms/p95': 1200 }), config: noGateSection, plans: 'dir', completes: 'error' },
  'cannot write its deployment plan': { summary: summaryText({ 'contains/mean': 0.9, 'latency_ms/p95': 1200 }), config, plans: 'symlink out', completes: 'error' },
} as const;
type RunName = keyof typeof runs;

async function gateRun(name: RunName): Promise<'pass' | 'fail' | 'error'> {
  const run = runs[name];
  if (run.summary === null) await rm(path.join(ws.dir, summaryFile), { force: true });
  else await ws.write(summaryFile, run.summary);
  await rm(path.join(ws.dir, plans), { recursive: true, force: true });
  await mkdir(path.join(ws.dir, 'records'), { recursive: true });
  if (run.plans === 'dir') await mkdir(path.join(ws.dir, plans));
  else {
    await mkdir(outside, { recursive: true });
    await symlink(outside, path.join(ws.dir, plans));
  }
  try {
    return (await gate(contextOf(run.config, ws.dir).ctx, { modelVersion: '1' })).decision;
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    return 'error';
  }
}

async function promotes(): Promise<boolean> {
  try {
    await promote(contextOf(config, ws.dir, { dryRun: true }).ctx, { modelVersion: '1' });
    return true;
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    return false;
  }
}

describe('a gate re-run withdraws the previous decision', () => {
  it('says so when a run that could not decide replaced a pass, and not when nothing was decided before', async () => {
    await rm(path.join(ws.dir, summaryFile), { force: true });
    const first = contextOf(config, ws.dir);
    await expect(gate(first.ctx, { modelVersion: '1' })).rejects.toBeInstanceOf(ReleaseError);
    expect(first.logger.lines.join('\n')).not.toContain('gate decision is now error');
    expect(await gateRun('pass')).toBe('pass');
    await rm(path.join(ws.dir, summaryFile), { force: true });
    const second = contextOf(config, ws.dir);
    await expect(gate(second.ctx, { modelVersion: '1' })).rejects.toBeInstanceOf(ReleaseError);
    expect(second.logger.lines.join('\n')).toContain("support-agent version 1's gate decision is now error, not pass: a gate run withdraws the decision before it decides");
  });

  it.each(Object.keys(runs).filter((name) => name !== 'pass') as RunName[])('after a pass, a run that %s leaves no pass behind', async (name) => {
    expect(await gateRun('pass')).toBe('pass');
    expect(await promotes()).toBe(true);
    const outcome = await gateRun(name);
    expect(outcome).toBe(runs[name].completes);
    expect(await recordLeft(ws, '1')).toMatchObject({ file: outcome, tag: outcome });
    expect(await promotes()).toBe(false);
  });

  it('keeps the decided record it withdrew beside the error record, for an audit; promote still refuses', async () => {
    expect(await gateRun('pass')).toBe('pass');
    const passed = await readFile(path.join(ws.dir, '.agent-release/support-agent/v1/decision.json'), 'utf8');
    expect(await gateRun('has no summary')).toBe('error');
    expect(await readFile(path.join(ws.dir, '.agent-release/support-agent/v1/decision.withdrawn.json'), 'utf8')).toBe(passed);
    expect(await promotes()).toBe(false);
  });

  it('a deployment plan that cannot be written leaves no plan and says why', async () => {
    await gateRun('cannot write its deployment plan');
    expect((await recordLeft(ws, '1')).reason).toMatch(/^the gate could not decide: .*deployment_plans/);
    expect(await readdir(outside)).toEqual([]);
  });
});

describe('the pass is recorded last', () => {
  it('writes the plan, then decision.json, then the tags with the decision tag last', async () => {
    const seen: { keys: string[]; planWritten: boolean; file: string }[] = [];
    class WatchingRegistry extends LocalRegistry {
      override async setVersionTags(m: string, v: string, tags: Record<string, string>): Promise<void> {
        const planWritten = await access(path.join(ws.dir, plans, 'v1', 'plan.md')).then(() => true, () => false);
        const file = JSON.parse(await readFile(path.join(ws.dir, '.agent-release/support-agent/v1/decision.json'), 'utf8')).decision;
        seen.push({ keys: Object.keys(tags), planWritten, file });
        await super.setVersionTags(m, v, tags);
      }
    }
    await gateRun('pass'); // sets up the files; the run under watch follows
    await rm(path.join(ws.dir, plans), { recursive: true });
    await mkdir(path.join(ws.dir, plans));
    const { ctx } = contextOf(config, ws.dir);
    ctx.registry = new WatchingRegistry(ws.registryFile);
    expect((await gate(ctx, { modelVersion: '1' })).decision).toBe('pass');
    // First the withdrawal (the file already says error then), last the pass, after the plan.
    expect(seen.map((s) => [s.file, s.planWritten, s.keys.at(-1)])).toEqual([
      ['error', false, tagKeys.gateDecision],
      ['pass', true, tagKeys.gateDecision],
    ]);
  });
});

describe('promote after any sequence of gate runs', () => {
  it('succeeds only when the last gate run completed with a pass, hand-set tags or not', async () => {
    const step = fc.constantFrom<RunName | 'forge a pass tag'>(...(Object.keys(runs) as RunName[]), 'forge a pass tag');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        await rm(path.join(ws.dir, '.agent-release/support-agent'), { recursive: true, force: true });
        await new LocalRegistry(ws.registryFile).setVersionTags(model, '1', { [tagKeys.gateDecision]: 'fail' });
        let last: 'pass' | 'fail' | 'error' | undefined;
        for (const s of steps) {
          if (s === 'forge a pass tag') await new LocalRegistry(ws.registryFile).setVersionTags(model, '1', { [tagKeys.gateDecision]: 'pass' });
          else last = await gateRun(s);
          if (s !== 'forge a pass tag') expect(last).toBe(runs[s].completes);
        }
        expect(await promotes()).toBe(last === 'pass');
      }),
      { numRuns: Number(process.env.GATE_RECORD_RUNS ?? 60) },
    );
  });
});
