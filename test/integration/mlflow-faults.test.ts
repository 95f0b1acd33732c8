import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/clock';
import { RefusedError, RemoteError } from '../../src/errors';
import { contextFor } from '../../src/compose';
import { parseConfig } from '../../src/config/load';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';
import { defaultRetryPolicy } from '../../src/http/retry';
import type { Logger } from '../../src/logger';
import type { ModeContext } from '../../src/modes/context';
import { promote } from '../../src/modes/promote';
import { rollback } from '../../src/modes/rollback';
import { MlflowRegistry } from '../../src/registry/mlflow';
import { tagKeys } from '../../src/registry/tags';
import { seededRandom, type RandomSource } from '../../src/stats/random';
import { testRun } from '../support/context';
import { passRecordTags } from '../support/decision-record';
import { fakeClock } from '../support/fake-clock';
import { scriptedFaults, seededFaults, startFaultProxy, type FaultKind } from '../support/fault-proxy';
import { mlflowStartTimeoutMs } from '../support/mlflow-server';
import { uniqueName, workerMlflowServer, type WorkerMlflowServer } from '../support/mlflow-worker';
import { apply, checkAttempt, predict, snapshot, type AliasModel, type Op, type Outcome, type Snapshot } from '../support/promotion-oracle';

let server: WorkerMlflowServer;
beforeAll(async () => {
  server = await workerMlflowServer();
}, mlflowStartTimeoutMs);

const alias = 'champion';
const environment = 'default';
/** The client's per-request timeout; `slow-response` faults hold answers longer than this. */
const timeoutMs = 1_000;
/** Fault-injected attempts of one operation before a fault-free re-run must converge. */
const faultyAttempts = 3;

const direct = (): MlflowRegistry => new MlflowRegistry({ trackingUri: server.url, auth: undefined, clock: systemClock });

function configFor(model: string, trackingUri: string, workdir: string) {
  return parseConfig(`version: 1\nmodel: { name: ${model}, registry: mlflow, tracking_uri: "${trackingUri}" }\npromote: { alias: ${alias} }\n`, {
    file: 'agent-release.yml',
    workdir,
    env: {},
    checkJsonSchema: jsonSchemaProblem,
  });
}

/** Keeps the last lines only: a violation report quotes them, and 1,000 operations log a lot. */
function tailLogger(max = 60): Logger & { tail(): string } {
  const lines: string[] = [];
  const push = (line: string): void => {
    lines.push(line);
    if (lines.length > max) lines.shift();
  };
  return {
    info: (m) => push(`info: ${m}`),
    warn: (m) => push(`warn: ${m}`),
    error: (m) => push(`error: ${m}`),
    debug: (m) => push(`debug: ${m}`),
    group: (title, body) => (push(`group: ${title}`), body()),
    progress: (m) => push(`progress: ${m ?? 'done'}`),
    tail: () => lines.join('\n'),
  };
}

/** The next operation, drawn so that most are due and some must be refused. */
function pickOp(random: RandomSource, model: AliasModel, versions: string[]): Op {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const others = versions.filter((v) => v !== model.holder);
  const roll = random();
  if (roll < 0.3 && model.holder !== null && model.previous.has(model.holder)) return { kind: 'rollback', version: model.holder };
  if (roll < 0.37) return { kind: 'rollback', version: pick(others) };
  if (roll < 0.42 && model.holder !== null) return { kind: 'promote', version: model.holder, expected: model.holder };
  if (roll < 0.5) {
    // A stale expectation: the gate saw another holder.
    const stale = pick([null, ...versions].filter((v) => v !== model.holder));
    return { kind: 'promote', version: pick(others), expected: stale };
  }
  return { kind: 'promote', version: pick(others), expected: model.holder };
}

interface LaneReport {
  ops: number;
  attempts: number;
  outcomes: Record<string, number>;
  /** Operations whose first attempt failed part-way and a re-run finished. */
  resumed: number;
  /** Failed attempts after which the alias had already moved. */
  failedAfterMove: number;
  requests: number;
  forwarded: number;
  faults: Record<string, number>;
  violations: string[];
}

async function runLane(lane: number, ops: number, seed: number): Promise<LaneReport> {
  const model = uniqueName(`faults-${lane}`);
  const versions = ['1', '2', '3', '4', '5', '6'];
  const setup = direct();
  // Where promote finds the gate's decision records.
  const workdir = await mkdtemp(path.join(os.tmpdir(), `agent-release-faults-${lane}-`));
  const recorder: ModeContext = contextFor(configFor(model, server.url, workdir), { env: {}, dryRun: false, logger: tailLogger(), run: testRun, clock: systemClock });
  for (const v of versions) {
    // Version 6 failed its gate: promoting it must always be refused.
    await setup.registerVersion(model, `s3://models/${v}`, v === '6' ? { [tagKeys.gateDecision]: 'fail' } : await passRecordTags(recorder, v));
  }
  const faults = seededFaults(seed, { rate: 0.3, slowMs: timeoutMs + 100 });
  const proxy = await startFaultProxy(server.url, faults);
  const clock = fakeClock();
  const logger = tailLogger();
  // Three tries a call (the default is four), so that about one operation in five fails part-way and must be resumed.
  const retryPolicy = { ...defaultRetryPolicy, attempts: 3 };
  const registry = new MlflowRegistry({ trackingUri: proxy.url, auth: undefined, clock, logger, timeoutMs, retryPolicy, random: seededRandom(seed + 1) });
  const ctx: ModeContext = { ...contextFor(configFor(model, proxy.url, workdir), { env: {}, dryRun: false, logger, run: testRun, clock }), registry };
  const random = seededRandom(seed + 2);
  const aliasModel: AliasModel = { holder: null, previous: new Map(), rolledBack: new Set(), passed: new Set(versions.slice(0, 5)) };
  const report: LaneReport = { ops: 0, attempts: 0, outcomes: {}, resumed: 0, failedAfterMove: 0, requests: 0, forwarded: 0, faults: faults.drawn, violations: [] };
  const iso = (): string => new Date(clock.now()).toISOString();
  let before: Snapshot | undefined;
  let last: Snapshot | undefined;

  try {
    for (let i = 1; i <= ops; i++) {
      const op = pickOp(random, aliasModel, versions);
      const prediction = predict(aliasModel, op);
      // Nothing else writes to this model: the state after the last operation is the state before this one.
      before ??= await snapshot(setup, model, alias);
      if (before.holder !== aliasModel.holder) {
        report.violations.push(`lane ${lane} op ${i}: @${alias} is on ${before.holder ?? 'none'} before the operation, the model says ${aliasModel.holder ?? 'none'}`);
        break;
      }
      await clock.sleep(60_000);
      const start = iso();
      let done = false;
      for (let attempt = 1; !done; attempt++) {
        proxy.plan = attempt <= faultyAttempts ? faults : () => undefined;
        const inputs = op.kind === 'promote' ? { modelVersion: op.version, expectedVersion: op.expected ?? 'none' } : { modelVersion: op.version };
        const outcome: Outcome = await (op.kind === 'promote' ? promote(ctx, inputs) : rollback(ctx, inputs)).then(
          (result) => ({ ok: true as const, result }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        // Anything forwarded has been applied before the state is read.
        await proxy.idle();
        report.attempts++;
        const after = await snapshot(setup, model, alias);
        const problems = checkAttempt({ op, prediction, before, after, outcome, rerun: attempt > 1, window: [start, iso()], run: testRun, alias, environment });
        // A remote failure part-way (checked above to have left a state a re-run can finish); refusals are final.
        const failed = !outcome.ok && outcome.error instanceof RemoteError;
        if (failed && attempt > faultyAttempts) problems.push('a fault-free re-run failed');
        if (problems.length > 0) {
          const what = op.kind === 'promote' ? `promote v${op.version} expecting ${op.expected ?? 'none'}` : `rollback v${op.version}`;
          const error = outcome.ok ? '' : `\n  error: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`;
          report.violations.push(
            `lane ${lane} op ${i} attempt ${attempt} (${what}, predicted ${prediction.outcome}; holder ${before.holder ?? 'none'} -> ${after.holder ?? 'none'}):\n  ${problems.join('\n  ')}${error}\n  log:\n${logger.tail().replace(/^/gm, '    ')}`,
          );
          return report;
        }
        last = after;
        if (failed) {
          if (after.holder !== before.holder) report.failedAfterMove++;
          continue;
        }
        done = true;
        if (attempt > 1) report.resumed++;
        const key = `${op.kind} ${prediction.outcome}`;
        report.outcomes[key] = (report.outcomes[key] ?? 0) + 1;
      }
      apply(aliasModel, op, prediction);
      before = last;
      report.ops++;
    }
  } finally {
    report.requests = proxy.records.length;
    report.forwarded = proxy.records.filter((r) => r.forwarded).length;
    await proxy.close();
    await rm(workdir, { recursive: true, force: true });
  }
  return report;
}

describe('promote and rollback through a fault-injecting proxy in front of a real MLflow', () => {
  it('keep the alias and the audit tags consistent over 400 operations, and never report success for what did not happen', async () => {
    const started = Date.now();
    const lanes = 4;
    // Four models side by side, 100 operations each (FAULT_OPS_PER_LANE changes it). Each
    // operation costs the server about ten requests, and the server's CPU is the run's limit. A
    // completion that skips a stale promoted_at, or takes a lost alias write for a conflict, fails
    // within 30 operations of a lane; the one bug that took 130 (a stale rolled_back_at taken for a
    // finished rollback, at 250 a lane) has the scripted test below.
    const opsPerLane = Number(process.env.FAULT_OPS_PER_LANE || 100);
    const reports = await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(lane, opsPerLane, 1_000 + lane * 17)));
    const seconds = (Date.now() - started) / 1000;

    const total = (pick: (r: LaneReport) => number): number => reports.reduce((sum, r) => sum + pick(r), 0);
    const merge = (pick: (r: LaneReport) => Record<string, number>): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const r of reports) for (const [k, n] of Object.entries(pick(r))) out[k] = (out[k] ?? 0) + n;
      return Object.fromEntries(Object.entries(out).sort());
    };
    const summary = {
      seconds,
      operations: total((r) => r.ops),
      attempts: total((r) => r.attempts),
      resumed: total((r) => r.resumed),
      failedAfterMove: total((r) => r.failedAfterMove),
      requests: total((r) => r.requests),
      forwarded: total((r) => r.forwarded),
      outcomes: merge((r) => r.outcomes),
      faults: merge((r) => r.faults),
    };
    process.stderr.write(`fault run: ${JSON.stringify(summary, null, 2)}\n`);

    expect(reports.flatMap((r) => r.violations)).toEqual([]);
    expect(summary.operations).toBe(lanes * opsPerLane);
    // The faults did bite: operations failed part-way, some after the alias had moved, and re-runs finished them.
    const some = summary.operations / 100;
    expect(summary.resumed).toBeGreaterThan(2 * some);
    expect(summary.failedAfterMove).toBeGreaterThan(0);
    for (const kind of ['move', 'noop', 'refuse']) expect(summary.outcomes[`promote ${kind}`]).toBeGreaterThan(some);
    for (const kind of ['withdraw', 'refuse']) expect(summary.outcomes[`rollback ${kind}`]).toBeGreaterThan(some);
    const drawn = new Set(Object.keys(summary.faults).map((k) => k.split(' ')[0] as FaultKind | 'status'));
    expect([...drawn].sort()).toEqual(['latency', 'reset-after', 'reset-before', 'reset-mid-response', 'slow-response', 'status']);
  }, 900_000);
});

describe('a sequence the random operations reach rarely', () => {
  it('refuses to roll back a version that is no longer live, although an earlier rollback of it left rolled_back_at', async () => {
    const model = uniqueName('stale-rollback');
    const workdir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-faults-stale-'));
    try {
      const setup = direct();
      const recorder = contextFor(configFor(model, server.url, workdir), { env: {}, dryRun: false, logger: tailLogger(), run: testRun, clock: systemClock });
      for (const v of ['1', '2']) await setup.registerVersion(model, `s3://models/${v}`, await passRecordTags(recorder, v));
      const clock = fakeClock();
      const ctx = contextFor(configFor(model, server.url, workdir), { env: {}, dryRun: false, logger: tailLogger(), run: testRun, clock });
      // A minute between operations, as in the random run: every record is newer than the last.
      const later = async <T>(operation: () => Promise<T>): Promise<T> => (await clock.sleep(60_000), operation());
      await later(() => promote(ctx, { modelVersion: '1', expectedVersion: 'none' }));
      await later(() => promote(ctx, { modelVersion: '2', expectedVersion: '1' }));
      // Back to v1: v2 now carries rolled_back_at.
      await later(() => rollback(ctx, { modelVersion: '2' }));
      await later(() => promote(ctx, { modelVersion: '2', expectedVersion: '1' }));
      // v1 again: v2 is not live, and the alias is on v2's previous holder, as after a rollback.
      await later(() => promote(ctx, { modelVersion: '1', expectedVersion: '2' }));
      const before = await snapshot(setup, model, alias);
      expect(before.holder).toBe('1');
      await expect(later(() => rollback(ctx, { modelVersion: '2' }))).rejects.toThrow(RefusedError);
      expect(await snapshot(setup, model, alias)).toEqual(before);
    } finally {
      await rm(workdir, { recursive: true, force: true });
    }
  });
});

describe('the fault proxy', () => {
  it('applies a request it resets after forwarding, and never one it resets before', async () => {
    const model = uniqueName('proxy');
    await direct().registerVersion(model, 's3://models/1', {});
    const proxy = await startFaultProxy(server.url, scriptedFaults({ 1: { kind: 'reset-before' }, 2: { kind: 'reset-after' } }));
    try {
      const tag = (value: string) =>
        fetch(`${proxy.url}/api/2.0/mlflow/model-versions/set-tag`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: model, version: '1', key: 'k', value }) });
      await expect(tag('before')).rejects.toThrow();
      expect((await direct().getVersion(model, '1'))?.tags.k).toBeUndefined();
      await expect(tag('after')).rejects.toThrow();
      await proxy.idle();
      expect((await direct().getVersion(model, '1'))?.tags.k).toBe('after');
      const mid = await startFaultProxy(server.url, scriptedFaults({ 1: { kind: 'reset-mid-response' } }));
      try {
        const res = await fetch(`${mid.url}/api/2.0/mlflow/model-versions/get?name=${model}&version=1`);
        expect(res.status).toBe(200);
        await expect(res.text()).rejects.toThrow();
      } finally {
        await mid.close();
      }
      expect(proxy.records.map((r) => [r.seq, r.fault, r.forwarded, r.upstreamStatus])).toEqual([
        [1, 'reset-before', false, undefined],
        [2, 'reset-after', true, 200],
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('lets the registry re-read instead of re-sending an alias write whose answer was lost', async () => {
    const model = uniqueName('proxy-cas');
    for (const n of ['1', '2']) await direct().registerVersion(model, `s3://models/${n}`, {});
    await direct().setAlias(model, alias, '1', null);
    const proxy = await startFaultProxy(server.url, (req) => (req.method === 'POST' ? { kind: 'status', status: 504, forward: true } : undefined));
    try {
      const clock = fakeClock();
      await new MlflowRegistry({ trackingUri: proxy.url, auth: undefined, clock }).setAlias(model, alias, '2', '1');
      // Sent once (MLflow applied it, the gateway answered 504), then read: read, write, read, read after settling.
      expect(proxy.records.map((r) => `${r.method} ${r.path.replace('/api/2.0/mlflow/', '')}`)).toEqual([
        'GET registered-models/alias',
        'POST registered-models/alias',
        'GET registered-models/alias',
        'GET registered-models/alias',
        'GET registered-models/alias',
      ]);
      expect(clock.sleeps).toHaveLength(2);
      expect(await direct().getAlias(model, alias)).toBe('2');
    } finally {
      await proxy.close();
    }
  });
});
