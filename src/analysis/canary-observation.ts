/**
 * Per-version observations for the canary judgement, from Prometheus: the same queries run once
 * for the candidate and once for the stable version ({{version}} filled with each), over the
 * traffic of the current step ({{window}} = time since the step began).
 *
 * Latency. Prometheus keeps a histogram, not per-request latencies, so the Mann-Whitney comparison
 * gets an approximation: each bucket's requests expanded to the bucket's midpoint ((lower + upper)
 * / 2; the lowest bucket's lower bound is 0; requests above the highest finite bound are placed ON
 * that bound, an underestimate). Requests in one bucket are then ties, which the test's tie
 * correction handles; a shift smaller than a bucket cannot be seen. The p95 for the absolute
 * limit is interpolated inside its bucket as histogram_quantile() does.
 */
import { InputError } from '../errors';
import type { CanaryQueries } from './canary-queries';
import type { SideObservation } from './judgement-checks';
import type { LookObservation } from './judgement';
import type { PrometheusClient } from './prometheus-api';
import { histogramQuantile } from './prometheus-text';
import { renderPromql } from './promql';
import type { AnalysisPreflight } from './types';


export interface CanaryLook {
  model: string;
  environment: string;
  candidate: string;
  /** The stable version to compare with, or null when none serves traffic (100% step, first release). */
  stable: string | null;
  /** How long the step has served at its weight. */
  windowMs: number;
}

export class CanaryObservations {
  constructor(
    private readonly queries: CanaryQueries,
    private readonly client: PrometheusClient,
  ) {}

  describe(look: Pick<CanaryLook, 'candidate' | 'stable'>): string {
    const what = ['requests', 'errors', ...(this.queries.latency_histogram ? ['latency histogram'] : [])].join(', ');
    return `query Prometheus at ${this.client.displayUrl} for ${what} of version ${look.candidate}${look.stable ? ` and of the stable version ${look.stable}` : ''} since the step began`;
  }

  /**
   * The queries run once for the candidate before deploy changes anything, as the provider's own
   * are (PrometheusAnalysis.preflight): a query Prometheus cannot parse, or a Prometheus it cannot
   * reach, is named then, not after a bake. No series yet is fine.
   */
  async preflight(look: Pick<CanaryLook, 'model' | 'environment' | 'candidate'>): Promise<AnalysisPreflight> {
    try {
      await this.observe({ ...look, stable: null, windowMs: 0 });
      return { problems: [], checks: [`Prometheus at ${this.client.displayUrl} answers the canary queries`] };
    } catch (error) {
      return { problems: [`deploy.analysis.canary: ${error instanceof Error ? error.message : String(error)}`], checks: [] };
    }
  }

  /**
   * The counts per side, and a note when the requests query returned no series: read as 0, it
   * holds the step as inconclusive, and a misspelt query would look like a canary nobody uses.
   * The errors query is not noted: an error counter has no series for a version that never failed.
   */
  async observe(look: CanaryLook, signal?: AbortSignal): Promise<{ observation: LookObservation; notes: string[] }> {
    const window = `${Math.max(1, Math.ceil(Math.max(look.windowMs, this.queries.min_window) / 1000))}s`;
    const notes: string[] = [];
    const side = (version: string): Promise<SideObservation> => this.side({ version, window, model: look.model, environment: look.environment }, notes, signal);
    const [canary, stable] = await Promise.all([side(look.candidate), look.stable === null ? undefined : side(look.stable)]);
    return { observation: stable ? { canary, stable } : { canary }, notes };
  }

  private async side(variables: Record<string, string>, notes: string[], signal?: AbortSignal): Promise<SideObservation> {
    const scalar = async (name: 'requests' | 'errors'): Promise<number> => {
      const result = await this.client.queryScalar(this.render(name, variables), { signal, purpose: `deploy.analysis.canary.${name} for version ${variables.version}` });
      // No series means the version served nothing in the window: zero requests, judged inconclusive, never a pass.
      if (result.value !== undefined && !Number.isNaN(result.value)) return Math.round(result.value);
      if (name === 'requests') notes.push(`deploy.analysis.canary.requests returned no series for version ${variables.version} (read as 0 requests; check the query if that version serves traffic)`);
      return 0;
    };
    const [requests, errors] = await Promise.all([scalar('requests'), scalar('errors')]);
    const observation: SideObservation = { requests, errors: Math.min(errors, requests) };
    if (this.queries.latency_histogram) {
      const { series } = await this.client.queryVector(this.render('latency_histogram', variables), { signal, purpose: `deploy.analysis.canary.latency_histogram for version ${variables.version}` });
      const unitMs = this.queries.latency_unit === 'seconds' ? 1000 : 1;
      const buckets = series.map((s) => {
        const le = s.labels.le;
        if (le === undefined) throw new InputError(`deploy.analysis.canary.latency_histogram for version ${variables.version} returned a series without an "le" label; aggregate with sum by (le) (...)`);
        return { le: le === '+Inf' ? Infinity : Number(le) * unitMs, count: s.value };
      });
      const latency = histogramLatencies(buckets, this.queries.max_latency_samples);
      if (latency.samples.length > 0) observation.latenciesMs = latency.samples;
      if (latency.p95Ms !== undefined) observation.latencyP95Ms = latency.p95Ms;
    }
    return observation;
  }

  private render(name: 'requests' | 'errors' | 'latency_histogram', variables: Record<string, string>): string {
    const rendered = renderPromql(this.queries[name] as string, variables, `deploy.analysis.canary.${name}`);
    if ('unavailable' in rendered) throw new InputError(`deploy.analysis.canary.${name} uses ${rendered.unavailable.join(', ')}, which has no value here`);
    return rendered.query;
  }
}

export interface Bucket {
  /** Upper bound in ms (Infinity for +Inf). */
  le: number;
  /** Cumulative count of requests at or below `le`. */
  count: number;
}

/** Samples at bucket midpoints (see the header) and an interpolated p95, from cumulative buckets. */
export function histogramLatencies(buckets: readonly Bucket[], maxSamples: number): { samples: number[]; p95Ms: number | undefined } {
  const sorted = [...buckets].filter((b) => !Number.isNaN(b.le) && Number.isFinite(b.count)).sort((a, b) => a.le - b.le);
  // increase() extrapolates, so counts are fractional and, across buckets, may dip; keep them cumulative.
  let running = 0;
  const cumulative = sorted.map((b) => ({ le: b.le, count: (running = Math.max(running, Math.round(b.count))) }));
  const total = cumulative.at(-1)?.count ?? 0;
  if (total === 0) return { samples: [], p95Ms: undefined };
  const lastFinite = [...cumulative].reverse().find((b) => Number.isFinite(b.le))?.le ?? 0;
  const scale = total > maxSamples ? maxSamples / total : 1;
  const samples: number[] = [];
  let lower = 0;
  let before = 0;
  for (const bucket of cumulative) {
    const inBucket = Math.round((bucket.count - before) * scale);
    const at = Number.isFinite(bucket.le) ? (lower + bucket.le) / 2 : lastFinite;
    for (let i = 0; i < inBucket; i++) samples.push(at);
    before = bucket.count;
    if (Number.isFinite(bucket.le)) lower = bucket.le;
  }
  // Sorted and made cumulative above, so a bound two series spell differently ("1", "1.0") keeps its larger count.
  return { samples, p95Ms: histogramQuantile(new Map(cumulative.map((b) => [b.le, b.count])), 0.95) };
}
