import type { LookObservation } from '../analysis/judgement';
import { percentile } from '../stats/interval';
import { niceCeiling, palette, xychart, type Series } from './xychart';

/** Latency of the answered requests, binned: each side's share of its answers per bin (so sides with different counts compare). */
export interface LatencyHistogram {
  /** Lower edge of each bin, ms; the last bin holds everything from its edge up. */
  edgesMs: number[];
  candidate: number[];
  stable: number[] | null;
  /** Answered requests behind each side's shares. */
  answered: { candidate: number; stable: number | null };
  limitMs: number | null;
}

const bins = 10;

/** From a probe's per-request latencies (http-probe, both modes); null when the provider has no samples. */
export function latencyHistogram(observation: LookObservation | undefined, limitMs: number | null): LatencyHistogram | null {
  const candidate = observation?.canary.latenciesMs ?? [];
  if (candidate.length === 0) return null;
  const stable = observation?.stable?.latenciesMs ?? [];
  // The 99th percentile bounds the bins, so one slow outlier does not squash the rest into the first bin.
  const top = niceCeiling(Math.max(percentile([...candidate, ...stable], 0.99) ?? 0, limitMs ?? 0));
  const width = top / bins;
  const edgesMs = Array.from({ length: bins + 1 }, (_, i) => Math.round(i * width * 10) / 10);
  const shares = (samples: readonly number[]): number[] => {
    const counts = new Array<number>(bins + 1).fill(0);
    for (const ms of samples) {
      const bin = Math.min(bins, Math.floor(ms / width));
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    return counts.map((c) => Math.round((c / samples.length) * 1000) / 10);
  };
  return {
    edgesMs,
    candidate: shares(candidate),
    stable: stable.length > 0 ? shares(stable) : null,
    answered: { candidate: candidate.length, stable: stable.length > 0 ? stable.length : null },
    limitMs,
  };
}

/** Bars per bin (candidate red, stable blue) and a line where the p95 limit falls. */
export function latencyChart(histogram: LatencyHistogram | null): string[] {
  if (!histogram) return [];
  const { edgesMs } = histogram;
  const categories = edgesMs.map((edge, i) => (i === edgesMs.length - 1 ? `≥ ${edge}` : `${edge}–${edgesMs[i + 1]}`));
  const series: Series[] = [{ kind: 'bar', values: histogram.candidate, color: palette.candidate }];
  if (histogram.stable) series.push({ kind: 'bar', values: histogram.stable, color: palette.stable });
  const limitBin = histogram.limitMs === null ? -1 : edgesMs.findLastIndex((edge) => edge <= (histogram.limitMs as number));
  const peak = Math.max(...histogram.candidate, ...(histogram.stable ?? []));
  if (limitBin >= 0) series.push({ kind: 'line', values: edgesMs.map((_, i) => (i >= limitBin ? peak : 0)), color: palette.limit });
  const sides = `red: candidate (${histogram.answered.candidate} answers)${histogram.stable ? `; blue: stable (${histogram.answered.stable} answers)` : ''}`;
  return [
    ...xychart({ title: 'Latency distribution (% of answered requests per bin, ms)', categories, yAxis: '% of answers', series }),
    '',
    `Bars: ${sides}.${limitBin >= 0 ? ` Grey: the p95 limit of ${histogram.limitMs} ms falls in the ${categories[limitBin]} ms bin; the grey step rises there.` : ''}`,
  ];
}
