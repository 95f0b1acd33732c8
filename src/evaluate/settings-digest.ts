import type { EvaluateConfig } from '../config/evaluate-schema';
import { canonicalJson } from '../contract/canonical-json';
import { sha256Hex } from '../hash/sha256';

/** Settings that change how fast an evaluation runs, or carry credentials, not what it measures. */
const notMeasured = new Set(['headers', 'timeout', 'concurrency', 'requests_per_second', 'retries']);

/**
 * sha256 of what makes an evaluation's numbers what they are: the scorers, `repeat`, the
 * conversation and cost settings and the endpoint's format. Each shard records it, and merge
 * refuses shards run under different ones (a shard run with repeat: 3 counted its examples three
 * times in the merged means).
 */
export function evaluationSettingsDigest(config: EvaluateConfig): string {
  const measured = { scorers: config.scorers ?? [], repeat: config.repeat, conversation: config.conversation ?? null, cost: config.cost ?? null, format: config.endpoint?.format ?? null };
  return `sha256:${sha256Hex(canonicalJson(measured, notMeasured))}`;
}
