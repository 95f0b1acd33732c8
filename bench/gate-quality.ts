import { simulateDecisionQuality } from '../src/stats';

export interface QualityRow {
  setting: string;
  measures: string;
  rule: number;
  ruleInconclusiveFails: number;
  naive: number;
}

/**
 * Decision quality by simulation (n = 500 paired examples, confidence 0.95): how often the
 * gate blocks when candidate and champion are the same agent, and how often it catches a
 * 5-point pass-rate drop, next to the naive rule "candidate mean >= champion mean".
 */
export function gateQuality(trials: number): QualityRow[] {
  const base = { n: 500, confidence: 0.95, maxDrop: 0, trials, seed: 20261123 };
  const settings = [
    { setting: 'identical, p=0.80, correlation 0.8', passRate: 0.8, drop: 0, correlation: 0.8 },
    { setting: '5-point drop, p=0.80, correlation 0.8', passRate: 0.8, drop: 0.05, correlation: 0.8 },
    { setting: '5-point drop, p=0.80, correlation 0.5', passRate: 0.8, drop: 0.05, correlation: 0.5 },
    { setting: 'identical, p=0.60, correlation 0.8', passRate: 0.6, drop: 0, correlation: 0.8 },
    { setting: '5-point drop, p=0.60, correlation 0.8', passRate: 0.6, drop: 0.05, correlation: 0.8 },
  ];
  return settings.map(({ setting, ...s }) => {
    const q = simulateDecisionQuality({ ...base, ...s });
    return { setting, measures: q.measures, rule: q.blockRate.rule, ruleInconclusiveFails: q.blockRate.ruleInconclusiveFails, naive: q.blockRate.naive };
  });
}
