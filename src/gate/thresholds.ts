import type { RuleResult } from '../contract/decision';
import { readable } from '../stats/readable';

export interface Threshold {
  min?: number;
  max?: number;
}

/**
 * The one place a measured value is judged against limits: the gate's thresholds and the
 * analysis providers' limits both come here. A value that is absent is reported by the caller.
 */
export function judgeThreshold(metric: string, value: number, threshold: Threshold, source?: string): RuleResult {
  const problems: string[] = [];
  if (threshold.min !== undefined && !(value >= threshold.min)) problems.push(`below the minimum ${threshold.min}`);
  if (threshold.max !== undefined && !(value <= threshold.max)) problems.push(`above the maximum ${threshold.max}`);
  const limits = [threshold.min !== undefined ? `>= ${threshold.min}` : '', threshold.max !== undefined ? `<= ${threshold.max}` : '']
    .filter(Boolean)
    .join(' and ');
  const shown = source && source !== metric ? `${metric} (as ${source})` : metric;
  const printed = readable(value, [threshold.min, threshold.max]);
  return {
    rule: 'threshold',
    metric,
    passed: problems.length === 0,
    warning: false,
    reason: problems.length === 0 ? `${shown} = ${printed} is within ${limits}` : `${shown} = ${printed} is ${problems.join(' and ')}`,
    inputs: { value, ...threshold, ...(source && source !== metric ? { source } : {}) },
  };
}

/** A value compared with nothing: four significant digits. */
export function round(value: number): string {
  return readable(value);
}
