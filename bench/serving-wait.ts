import type { Clock } from '../src/clock';
import { DatabricksServingClient } from '../src/databricks/serving';
import { waitForEndpointReady } from '../src/databricks/serving-wait';
import { bearerToken } from '../src/http/credentials';
import { silentLogger } from '../src/logger';
import { seededRandom } from '../src/stats/random';
import { startDatabricksFake } from '../test/support/databricks-fake';
import { FakeServingApi } from '../test/support/databricks-fake-serving';

export interface ServingWaitRow {
  /** How long the fake endpoint takes to turn READY. */
  readyAfterMs: number;
  policy: string;
  /** Simulated time from the endpoint turning READY to the wait returning. */
  detectionLagMs: number;
  /** GETs the wait made. */
  calls: number;
}

/**
 * How fast a wait notices READY and how many calls it spends: the shipped capped backoff
 * (2 s doubling to 30 s, ±20 % jitter) next to fixed 30 s polling, against the fake serving API
 * over loopback HTTP with a simulated clock, for endpoints that take 30 s, 5 min and 30 min.
 * Averaged over `trials` seeded jitter draws.
 */
export async function servingWait(trials = 20): Promise<ServingWaitRow[]> {
  const rows: ServingWaitRow[] = [];
  for (const readyAfterMs of [30_000, 5 * 60_000, 30 * 60_000]) {
    for (const policy of [
      { name: 'backoff 2 s -> 30 s', initial: 2_000, max: 30_000 },
      { name: 'fixed 30 s', initial: 30_000, max: 30_000 },
    ]) {
      let lag = 0;
      let calls = 0;
      for (let trial = 0; trial < trials; trial++) {
        const r = await oneWait(readyAfterMs, policy.initial, policy.max, seededRandom(trial + 1));
        lag += r.lag;
        calls += r.calls;
      }
      rows.push({ readyAfterMs, policy: policy.name, detectionLagMs: lag / trials, calls: calls / trials });
    }
  }
  return rows;
}

async function oneWait(readyAfterMs: number, initial: number, max: number, random: () => number): Promise<{ lag: number; calls: number }> {
  const clock = simulatedClock();
  const serving = new FakeServingApi({ now: clock.now, updateTakes: readyAfterMs });
  const fake = await startDatabricksFake({ services: [serving] });
  try {
    const client = new DatabricksServingClient({ host: fake.url, credentials: bearerToken(fake.token, 'bench token'), clock, random });
    const config = { served_entities: [{ name: 'agent-1', entity_name: 'main.bench.agent', entity_version: '1', workload_size: 'Small', scale_to_zero_enabled: true }] };
    await client.createEndpoint({ name: 'bench', config });
    const before = fake.requests.length;
    await waitForEndpointReady(client, 'bench', { clock, logger: silentLogger, timeoutMs: 2 * readyAfterMs + 60_000, pollInitialMs: initial, pollMaxMs: max, random });
    const settledAt = serving.endpoints.get('bench')?.settledAt ?? clock.now();
    return { lag: clock.now() - settledAt, calls: fake.requests.length - before };
  } finally {
    await fake.close();
  }
}

function simulatedClock(): Clock {
  let now = 1_700_000_000_000;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}
