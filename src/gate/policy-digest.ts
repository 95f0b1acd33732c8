import type { GateConfig } from '../config/schema';
import { canonicalJson } from '../contract/canonical-json';
import { sha256Hex } from '../hash/sha256';

/**
 * sha256 of the settings that decide pass or fail: thresholds, metric aliases, what a missing
 * metric does, the champion comparison's allowances and the shadow rule's, keys sorted. A
 * decision records it and promote compares it with its own config's, so a pass cannot be
 * carried to an environment whose overlay gates more strictly, nor past a tightened threshold.
 * Paths and the checks of outside records (signoff, plan, approval) are left out: they may
 * name runner-specific places, and a job should not be refused for where files live.
 */
export function gatePolicyDigest(gate: GateConfig | undefined): string {
  const policy = gate
    ? {
        thresholds: gate.thresholds,
        metric_aliases: gate.metric_aliases,
        missing_metric: gate.missing_metric,
        baseline: gate.baseline ? { ...gate.baseline, summary_path: undefined, results_path: undefined } : null,
        shadow: gate.shadow ?? null,
      }
    : null;
  return sha256Hex(canonicalJson(policy));
}
