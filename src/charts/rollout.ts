import type { AnalysisConfig } from '../config/schema';
import type { LookRecord, SideNumbers, StepRecord } from '../deploy/rollout-state';
import { palette, xychart, type Series } from './xychart';

export interface RolloutLimits {
  /** A share, 0..1. */
  errorRate: number | null;
  latencyP95Ms: number | null;
}

export interface RolloutChartInput {
  steps: readonly StepRecord[];
  failure: { step: string; reason: string; at?: { index: number; count: number; weight: number } } | null;
  limits: RolloutLimits;
}

/** The limits the looks were held to: the canary judgement's when configured (it decides), else the provider's own. */
export function rolloutLimits(analysis: AnalysisConfig | undefined): RolloutLimits {
  const judged = analysis?.judgement?.limits;
  if (judged) return { errorRate: judged.error_rate ?? null, latencyP95Ms: judged.latency_p95_ms ?? null };
  if (!analysis) return { errorRate: null, latencyP95Ms: null };
  if (analysis.provider === 'prometheus') return { errorRate: analysis.limits.error_rate?.max ?? null, latencyP95Ms: analysis.limits['latency_ms/p95']?.max ?? null };
  return { errorRate: analysis.limits.error_rate, latencyP95Ms: analysis.limits.latency_p95_ms ?? null };
}

/** Points drawn at most: a summary stays readable and far under GitHub's 1 MiB cap whatever the rollout. */
export const maxPoints = 48;

/**
 * The rollout drawn look by look: candidate and stable error rate, then p95 latency, with the
 * limits as flat lines, and a line saying where it stopped and why. Nothing when no look measured
 * anything (all-at-once without analysis, skip_analysis).
 */
export function rolloutChart(input: RolloutChartInput): string[] {
  const all = input.steps.flatMap((step) => step.looks.map((look) => ({ step, look })));
  if (all.length === 0) return [];
  const points = all.slice(-maxPoints);
  const multiStep = input.steps.length > 1;
  const failedAt = input.failure?.at?.index ?? (input.failure ? input.steps.find((s) => s.status === 'failed')?.index : undefined);
  const categories = points.map(({ step, look }, i) => {
    const last = i === points.length - 1;
    const label = `${multiStep ? `${step.weight}%` : 'look'}${look.extension > 0 ? ` +${look.extension}` : ''}`;
    return last && failedAt === step.index ? `${label} ✗` : label;
  });
  const charts: string[][] = [];
  const errorRate = (side: SideNumbers | null): number | null => (side?.errorRate === null || side?.errorRate === undefined ? null : side.errorRate * 100);
  const p95 = (side: SideNumbers | null): number | null => side?.p95Ms ?? null;
  for (const metric of [
    { title: 'Error rate (%) at each look', axis: 'error rate (%)', read: errorRate, limit: input.limits.errorRate === null ? null : input.limits.errorRate * 100 },
    { title: 'p95 latency (ms) at each look', axis: 'p95 latency (ms)', read: p95, limit: input.limits.latencyP95Ms },
  ]) {
    const candidate = series(points.map((p) => metric.read(p.look.candidate)));
    if (candidate === undefined) continue;
    const stable = series(points.map((p) => metric.read(p.look.stable)));
    const drawn: Series[] = [{ kind: 'line', values: candidate, color: palette.candidate }];
    if (stable) drawn.push({ kind: 'line', values: stable, color: palette.stable });
    if (metric.limit !== null) drawn.push({ kind: 'line', values: points.map(() => metric.limit as number), color: palette.limit });
    charts.push(xychart({ title: metric.title, categories, yAxis: metric.axis, series: drawn }));
  }
  if (charts.length === 0) return [];
  const skipped = all.length - points.length;
  return [
    ...charts.flatMap((chart) => [...chart, '']),
    `Red: candidate; blue: stable; grey: the limit. One point per look${multiStep ? ' (step traffic, +n for a bake extension)' : ''}${skipped > 0 ? `; the first ${skipped} looks are not drawn` : ''}.`,
    '',
    stopLine(input, points.at(-1)?.look),
  ];
}

/**
 * Values up to the first missing one: a side that was measured, then not (the stable version
 * at 100%), stops there. Undefined when the first look has no value: the metric was not measured.
 */
function series(values: readonly (number | null)[]): number[] | undefined {
  const end = values.indexOf(null);
  const kept = (end === -1 ? values : values.slice(0, end)) as number[];
  return kept.length > 0 ? kept : undefined;
}

function stopLine(input: RolloutChartInput, last: LookRecord | undefined): string {
  const { failure } = input;
  if (!failure) return `**Reached 100%**${last ? ` (last look: ${last.verdict})` : ''}.`;
  const where = failure.at ? ` at step ${failure.at.index} of ${failure.at.count} (${failure.at.weight}%)` : '';
  return `**Stopped${where}** (✗): ${failure.step} failed: ${clip(failure.reason.replace(/\s+/g, ' '), 600)}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
