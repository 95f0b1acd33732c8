import { describe, expect, it } from '@jest/globals';
import type { Clock } from '../../src/clock';
import { configSchema } from '../../src/config/schema';
import type { HttpProbeConfig } from '../../src/config/schema';
import type { HttpRequest, HttpResponse } from '../../src/http/client';
import { HttpProbe, type HttpProbeVariables } from '../../src/analysis/http-probe';
import { runOpenLoop, scheduledCount } from '../../src/analysis/http-probe-rate';
import { judgeLook } from '../../src/analysis/judgement';
import { judgementSettingsSchema } from '../../src/analysis/judgement-settings';
import { startJsonServer } from '../support/agent-server';

/**
 * Virtual time: sleeps are timers, and time jumps to the earliest one only once every promise
 * continuation has run (setImmediate drains the microtask queue). Equal times fire in the
 * order they were set. Nothing waits for real.
 */
function virtualClock(): Clock & { drive<T>(work: Promise<T>): Promise<T> } {
  let now = 0;
  let sequence = 0;
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  const idle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: now + Math.max(0, ms), seq: sequence++, resolve })),
    async drive(work) {
      let done = false;
      const result = work.finally(() => (done = true));
      result.catch(() => {});
      for (;;) {
        await idle();
        if (done || timers.length === 0) break;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift() as (typeof timers)[number];
        now = next.at;
        next.resolve();
      }
      return result;
    },
  };
}

function probeConfig(overrides: Record<string, unknown>): HttpProbeConfig {
  const parsed = configSchema.parse({ version: 1, model: { name: 'm' }, deploy: { target: 'command', command: { deploy: 'x', rollback: 'y' }, analysis: { provider: 'http-probe', ...overrides } } });
  const analysis = parsed.deploy?.analysis;
  if (analysis?.provider !== 'http-probe') throw new Error('expected an http-probe config');
  return analysis;
}

const variables: HttpProbeVariables = { model: 'm', version: '7', previousVersion: '6', environment: 'staging', servedEntity: 'm-7', stableServedEntity: 'm-6' };

/** A transport answering after `latency(url, n)` virtual ms with `status(url, n)`, recording start times. */
function fakeTransport(clock: Clock, answer: (url: string, n: number) => { latencyMs: number; status?: number; fail?: string }) {
  const starts: { url: string; at: number }[] = [];
  const send = async (request: HttpRequest): Promise<HttpResponse> => {
    const n = starts.filter((s) => s.url === request.url).length;
    starts.push({ url: request.url, at: clock.now() });
    const a = answer(request.url, n);
    await clock.sleep(a.latencyMs);
    if (a.fail) throw new Error(a.fail);
    return { status: a.status ?? 200, headers: {}, body: '{}' };
  };
  return { starts, send };
}

describe('open-loop schedule', () => {
  it.each([
    [10, 2_000, 20],
    [0.1, 30_000, 3],
    [3, 1_000, 3],
    [7, 999, 6],
  ])('%s/s for %s ms schedules exactly %s requests', (rate, durationMs, expected) => {
    expect(scheduledCount({ rate, durationMs })).toBe(expected);
  });

  it('starts request i at exactly i/rate, however slow the answers', async () => {
    const clock = virtualClock();
    const starts: number[] = [];
    const outcome = await clock.drive(
      runOpenLoop({ rate: 10, durationMs: 2_000, maxInFlight: 100 }, clock, async () => {
        starts.push(clock.now());
        await clock.sleep(750);
      }),
    );
    expect(starts).toEqual(Array.from({ length: 20 }, (_, i) => i * 100));
    expect(outcome).toEqual({ scheduled: 20, started: 20, dropped: 0, late: 0, achievedRate: 10 });
    expect(clock.now()).toBe(1_900 + 750);
  });

  it('drops the slots that find max_in_flight requests unanswered, and never sends them later', async () => {
    const clock = virtualClock();
    const starts: number[] = [];
    const outcome = await clock.drive(
      runOpenLoop({ rate: 10, durationMs: 2_000, maxInFlight: 5 }, clock, async () => {
        starts.push(clock.now());
        await clock.sleep(1_000);
      }),
    );
    // Five start, the next five slots find them busy; the first answers at 1000 free the next five.
    expect(starts).toEqual([0, 100, 200, 300, 400, 1_000, 1_100, 1_200, 1_300, 1_400]);
    expect(outcome).toEqual({ scheduled: 20, started: 10, dropped: 10, late: 0, achievedRate: 5 });
  });
});

describe('http-probe in rate mode', () => {
  it('reports achieved rate, errors, drops and exact percentiles, and judges the limits', async () => {
    const clock = virtualClock();
    // Latencies 10, 20, … 100 ms; every 4th answer is a 503.
    const transport = fakeTransport(clock, (_url, n) => ({ latencyMs: 10 * ((n % 10) + 1), status: n % 4 === 3 ? 503 : 200 }));
    const probe = new HttpProbe(probeConfig({ url: 'http://agent/{{served_entity}}', rate: 20, duration: '1s', limits: { error_rate: 0.2, latency_p95_ms: 90 } }), { clock, send: transport.send });
    const result = await clock.drive(probe.run(variables));
    expect(transport.starts.map((s) => s.at)).toEqual(Array.from({ length: 20 }, (_, i) => i * 50));
    expect(transport.starts.every((s) => s.url === 'http://agent/m-7')).toBe(true);
    expect(result.metrics).toEqual({
      requests: 20,
      errors: 5,
      error_rate: 0.25,
      'latency_ms/p50': 55,
      'latency_ms/p95': 100,
      'latency_ms/p99': 100,
      achieved_rate: 20,
      dropped: 0,
    });
    expect(result.checks.map((c) => [c.metric, c.passed])).toEqual([
      ['error_rate', false],
      ['latency_ms/p95', false],
    ]);
    expect(result.checks[0]?.inputs.first_error).toBe('HTTP 503');
    expect(result.passed).toBe(false);
  });

  it('counts dropped slots as errors and says why', async () => {
    const clock = virtualClock();
    const transport = fakeTransport(clock, () => ({ latencyMs: 1_000 }));
    const probe = new HttpProbe(probeConfig({ url: 'http://agent/x', rate: 10, duration: '2s', max_in_flight: 5, limits: { error_rate: 0.1 } }), { clock, send: transport.send });
    const result = await clock.drive(probe.run(variables));
    expect(result.metrics).toMatchObject({ requests: 20, errors: 10, error_rate: 0.5, dropped: 10, achieved_rate: 5 });
    expect(result.checks[0]?.inputs).toMatchObject({ dropped: 10, first_error: '10 of 20 scheduled requests were not sent because 5 were still unanswered (max_in_flight)' });
    expect(result.canary.latenciesMs).toHaveLength(10);
  });

  it('probes the canary and the stable entity at once and returns the judgement observation', async () => {
    const clock = virtualClock();
    const transport = fakeTransport(clock, (url, n) => (url.endsWith('m-7') ? { latencyMs: 40, status: n < 3 ? 500 : 200 } : { latencyMs: 20, fail: n === 0 ? 'ECONNRESET' : undefined }));
    const probe = new HttpProbe(
      probeConfig({ url: 'http://agent/served/{{served_entity}}', stable_url: 'http://agent/served/{{served_entity}}', rate: 5, duration: '2s', limits: { error_rate: 0.5 } }),
      { clock, send: transport.send },
    );
    const result = await clock.drive(probe.run(variables));
    expect(result.observation).toEqual({
      canary: { requests: 10, errors: 3, latenciesMs: Array(10).fill(40), errorCauses: '3 × HTTP 500: "{}"' },
      stable: { requests: 10, errors: 1, latenciesMs: Array(9).fill(20), errorCauses: '1 × ECONNRESET' },
    });
    expect(result.metrics).toMatchObject({ requests: 10, errors: 3, 'stable/requests': 10, 'stable/errors': 1, 'stable/error_rate': 0.1, 'stable/latency_ms/p95': 20 });
    expect(result.stable?.firstError).toBe('ECONNRESET');
    // Started side by side: both schedules share the same instants.
    expect(transport.starts.filter((s) => s.url.endsWith('m-6')).map((s) => s.at)).toEqual(transport.starts.filter((s) => s.url.endsWith('m-7')).map((s) => s.at));
    const settings = judgementSettingsSchema.parse({ min_requests: 5, limits: { error_rate: 0.5 }, compare: { error_rate: { max_increase: 0 }, latency: { max_increase_ms: 5 } } });
    const look = judgeLook(result.observation, settings, { steps: [10, 100] }, { step: 0, extension: 0, decidedEarlierInStep: [] });
    expect(look.metrics.map((m) => [m.metric, m.verdict])).toEqual([
      ['error_rate', 'pass'],
      ['error_rate vs stable', 'pass'],
      ['latency_ms vs stable', 'fail'],
    ]);
  });

  it('skips the stable side when there is no previous version, and refuses a URL that needs a missing entity', async () => {
    const clock = virtualClock();
    const transport = fakeTransport(clock, () => ({ latencyMs: 1 }));
    const config = probeConfig({ url: 'http://agent/{{version}}', stable_url: 'http://agent/{{version}}', requests: 3, concurrency: 1 });
    const first = await clock.drive(new HttpProbe(config, { clock, send: transport.send }).run({ ...variables, previousVersion: null }));
    expect(first.observation).toEqual({ canary: { requests: 3, errors: 0, latenciesMs: [1, 1, 1] } });
    const needsEntity = new HttpProbe(probeConfig({ url: 'http://agent/{{served_entity}}' }), { clock, send: transport.send });
    await expect(needsEntity.run({ ...variables, servedEntity: null })).rejects.toThrow(
      'deploy.analysis.url uses {{served_entity}}, which this release does not have (the deploy target names no served entity); remove it from the URL or use a target that provides it',
    );
  });

  it.each([
    [{ rate: 5 }, 'rate mode needs both rate (requests per second) and duration (e.g. 2m)'],
    [{ max_in_flight: 3 }, 'max_in_flight applies to rate mode only; use concurrency with requests'],
    [{ rate: 0.5, duration: '1s' }, '0.5 requests per second for 1000 ms is less than one request; lengthen the duration or raise the rate'],
  ])('refuses %j', (fields, message) => {
    expect(() => probeConfig({ url: 'http://agent/', ...fields })).toThrow(message);
  });

  it('holds a real rate against a real server (counts only, no timing asserted)', async () => {
    const server = await startJsonServer((_request, n) => (n % 5 === 0 ? { status: 500, json: { error: 'boom' } } : { json: { ok: true } }));
    try {
      const probe = new HttpProbe(probeConfig({ url: `${server.url}/probe/{{version}}`, rate: 50, duration: '400ms', limits: { error_rate: 0.3 } }));
      const result = await probe.run(variables);
      expect(server.requests).toHaveLength(20);
      expect(server.requests.every((r) => r.path === '/probe/7')).toBe(true);
      expect(result.metrics).toMatchObject({ requests: 20, errors: 4, error_rate: 0.2, dropped: 0 });
      expect(result.canary.latenciesMs).toHaveLength(20);
      expect(result.passed).toBe(true);
    } finally {
      await server.close();
    }
  });
});
