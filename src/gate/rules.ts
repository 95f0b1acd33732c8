import type { GateConfig } from '../config/schema';
import type { RuleResult } from '../contract/decision';
import type { Summary } from '../contract/summary';
import { judgeThreshold, round } from './thresholds';

/**
 * Threshold rules over a summary. A metric is looked up by its name, then by each alias in
 * order; a metric found nowhere fails by name (never read as 0) with the names that were there.
 */
export function thresholdRules(gate: GateConfig, summary: Summary, summaryFile: string): RuleResult[] {
  const present = Object.keys(summary.metrics).sort();
  return Object.entries(gate.thresholds).map(([metric, threshold]) => {
    const candidates = [metric, ...(gate.metric_aliases[metric] ?? [])];
    const source = candidates.find((name) => summary.metrics[name] !== undefined);
    const measured = source === undefined ? undefined : summary.metrics[source];
    if (source === undefined || measured === undefined) {
      const tried = candidates.length > 1 ? ` (also tried ${candidates.slice(1).join(', ')})` : '';
      const warning = gate.missing_metric === 'warn';
      return {
        rule: 'threshold',
        metric,
        passed: warning,
        warning,
        reason: `metric ${metric} is missing from ${summaryFile}${tried}; metrics present: ${present.join(', ') || 'none'}. Map the name with gate.metric_aliases or make the evaluator report it`,
        inputs: { ...threshold, present },
      };
    }
    const result = judgeThreshold(metric, measured.value, threshold, source);
    if (measured.n > 0) result.inputs.n = measured.n;
    if (measured.ci) result.inputs.ci = measured.ci;
    return result;
  });
}

/** Failed examples are excluded from every mean, so say how many there were. */
export function errorsRule(summary: Summary): RuleResult | undefined {
  if (summary.errors === 0) return undefined;
  // summary.errors counts runs: with evaluate.repeat, each example is run several times (error_rate's n).
  const runs = summary.metrics.error_rate?.n ?? summary.dataset.rows;
  const what = runs === summary.dataset.rows ? 'examples' : `runs (${summary.dataset.rows} examples, repeated)`;
  return {
    rule: 'errors',
    passed: true,
    warning: true,
    reason: `${summary.errors} of ${runs} ${what} failed to evaluate and are not in any mean (error rate ${round(summary.errors / Math.max(1, runs))}); gate on error_rate to block on them`,
    inputs: { errors: summary.errors, rows: summary.dataset.rows, runs },
  };
}
