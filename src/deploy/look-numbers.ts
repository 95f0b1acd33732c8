import type { LookObservation, SideObservation } from '../analysis/judgement';
import { percentile } from '../stats/interval';
import type { SideNumbers } from './rollout-state';

/**
 * A look's numbers per side for the chart: from the observation the judgement used (counts and
 * latency samples or a provider's p95), else from the provider's metrics (`error_rate`,
 * `latency_ms/p95`, and the same under `stable/`). No stable side at 100%: nothing else serves.
 */
export function lookSides(observation: LookObservation | undefined, metrics: Readonly<Record<string, number>>, weight: number): { candidate: SideNumbers | null; stable: SideNumbers | null } | undefined {
  const candidate = observation ? fromObservation(observation.canary) : fromMetrics(metrics, '');
  const stable = weight >= 100 ? null : observation?.stable ? fromObservation(observation.stable) : fromMetrics(metrics, 'stable/');
  return candidate || stable ? { candidate, stable } : undefined;
}

function fromObservation(side: SideObservation): SideNumbers {
  const samples = side.latenciesMs;
  const p95 = samples && samples.length > 0 ? percentile(samples, 0.95) : side.latencyP95Ms;
  return { requests: side.requests, errorRate: side.requests > 0 ? side.errors / side.requests : null, p95Ms: p95 ?? null };
}

function fromMetrics(metrics: Readonly<Record<string, number>>, prefix: string): SideNumbers | null {
  const read = (name: string): number | null => (Number.isFinite(metrics[`${prefix}${name}`]) ? (metrics[`${prefix}${name}`] as number) : null);
  const numbers = { requests: read('requests'), errorRate: read('error_rate'), p95Ms: read('latency_ms/p95') };
  return numbers.errorRate === null && numbers.p95Ms === null ? null : numbers;
}
