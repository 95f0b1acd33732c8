import type { Metric } from '../contract/summary';
import { percentile, wilson } from '../stats/interval';
import { meanWithInterval } from '../stats/mean';
import type { Scorer } from './scorers';

/**
 * Streaming totals per scorer, plus the numbers an interval needs: latencies for percentiles,
 * and each graded (non pass/fail) score for a seeded bootstrap interval on its mean.
 */
export class Aggregate {
  private readonly sums = new Map<string, { total: number; n: number; graded?: number[] }>();
  private readonly latencies: number[] = [];
  errors = 0;
  examples = 0;

  constructor(private readonly scorers: readonly Scorer[]) {
    for (const s of scorers) this.sums.set(s.name, s.binary ? { total: 0, n: 0 } : { total: 0, n: 0, graded: [] });
  }

  add(scores: Record<string, number | null>, latencyMs: number | null, failed: boolean): void {
    this.examples++;
    if (failed) this.errors++;
    if (latencyMs !== null && !failed) this.latencies.push(latencyMs);
    for (const [name, value] of Object.entries(scores)) {
      const sum = this.sums.get(name);
      if (sum && value !== null) {
        sum.total += value;
        sum.n++;
        sum.graded?.push(value);
      }
    }
  }

  metrics(confidence = 0.95): Record<string, Metric> {
    const out: Record<string, Metric> = {};
    for (const scorer of this.scorers) {
      const sum = this.sums.get(scorer.name);
      if (!sum || sum.n === 0) continue;
      const ci = sum.graded ? meanWithInterval(sum.graded, { kind: 'continuous', confidence }).ci : wilson(sum.total, sum.n, confidence);
      out[`${scorer.name}/mean`] = { value: sum.total / sum.n, n: sum.n, ...(ci ? { ci } : {}) };
    }
    const rate = wilson(this.errors, this.examples, confidence);
    out.error_rate = { value: this.examples ? this.errors / this.examples : 0, n: this.examples, ...(rate ? { ci: rate } : {}) };
    const n = this.latencies.length;
    for (const [name, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
      const value = percentile(this.latencies, q);
      if (value !== undefined) out[`latency_ms/${name}`] = { value: Math.round(value * 10) / 10, n };
    }
    if (n > 0) out['latency_ms/mean'] = { value: Math.round((this.latencies.reduce((a, b) => a + b, 0) / n) * 10) / 10, n };
    return out;
  }
}
