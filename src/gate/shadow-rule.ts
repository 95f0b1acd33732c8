import path from 'node:path';
import type { GateShadowConfig } from '../config/shadow-schema';
import type { RuleResult } from '../contract/decision';
import { readShadowReport } from '../shadow/report';
import { comparePairs, significantlyWorse } from '../shadow/stats';

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * The candidate against the champion on replayed production traffic (shadow.json beside the
 * evaluation's summary): enough judged pairs, and not worse beyond doubt. The verdict reads the
 * interval on lossRate − winRate, so a few more losses than wins in a small sample is not a block.
 * Pairs are judged only where both sides answered, so the sides' failures are weighed first: a side
 * that answered nothing, either side past max_error_rate, or the candidate failing more than
 * max_error_increase more often than the champion fails the rule.
 */
export async function shadowRule(config: GateShadowConfig, summaryFile: string, show: (file: string) => string, release: { version: string; champion: string | null; alias: string }): Promise<RuleResult> {
  const { version } = release;
  const file = path.join(path.dirname(summaryFile), 'shadow.json');
  const rule = (passed: boolean, reason: string, inputs: Record<string, unknown> = {}): RuleResult => ({ rule: 'shadow', passed, warning: false, reason, inputs });
  // As gate.baseline: with no champion there is no production traffic to replay against, and a first release must be able to pass.
  if (release.champion === null) return rule(true, `shadow: no version holds @${release.alias} yet (first release): nothing to replay against, so the shadow comparison is skipped`, { champion: null });
  if (release.champion === version) return rule(true, `shadow: v${version} is the champion itself: nothing to compare with, so the shadow comparison is skipped`, { champion: version });
  const report = await readShadowReport(file, show(file));
  if (!report) return rule(false, `gate.shadow needs the shadow replay's report ${show(file)}, which does not exist; run agent-release shadow --model-version ${version} first`);
  if (report.version !== version) return rule(false, `${show(file)} is the shadow replay of version ${report.version}, not ${version}; re-run agent-release shadow --model-version ${version}`);
  if (release.champion !== null && report.champion !== release.champion) {
    return rule(false, `${show(file)} compared version ${version} with v${report.champion}, but v${release.champion} is the champion now; re-run agent-release shadow --model-version ${version}`);
  }
  const comparison = comparePairs(report.counts, config.confidence);
  const errors = { candidate: report.candidate.errorRate, champion: report.champion_checks.errorRate };
  const inputs = {
    replayed: report.replayed,
    judged: report.judged,
    champion: report.champion,
    counts: report.counts,
    error_rates: errors,
    min_replayed: config.min_replayed,
    max_net_loss: config.max_net_loss,
    max_error_rate: config.max_error_rate,
    max_error_increase: config.max_error_increase,
    ...(comparison ? { value: comparison.netLoss, n: comparison.n, ci: comparison.interval } : {}),
  };
  const sides = [
    { name: 'the candidate', label: `v${version}`, checks: report.candidate },
    { name: 'the champion', label: `v${report.champion}`, checks: report.champion_checks },
  ];
  for (const side of sides) {
    if (side.checks.requests > 0 && side.checks.errors === side.checks.requests) {
      return rule(false, `shadow: ${side.name} (${side.label}) answered none of the ${side.checks.requests} replayed requests, so nothing could be judged; check evaluate.endpoint (its url for that version's source, headers) and re-run agent-release shadow`, inputs);
    }
  }
  for (const side of sides) {
    if (side.checks.errorRate > config.max_error_rate) {
      return rule(false, `shadow: ${side.name} (${side.label}) failed to answer ${percent(side.checks.errorRate)} of the replayed requests (${side.checks.errors} of ${side.checks.requests}), above max_error_rate ${percent(config.max_error_rate)}; only pairs both sides answered are judged, so the comparison would rest on part of the traffic`, inputs);
    }
  }
  if (errors.candidate - errors.champion > config.max_error_increase) {
    return rule(false, `shadow: the candidate failed to answer ${percent(errors.candidate)} of the replayed requests, the champion v${report.champion} ${percent(errors.champion)}: more than max_error_increase ${percent(config.max_error_increase)} above it`, inputs);
  }
  if (!comparison || report.judged < config.min_replayed) {
    return rule(false, `shadow: only ${report.judged} replayed requests were judged against v${report.champion}, fewer than min_replayed ${config.min_replayed}; replay more (shadow.requests.sample) or export more traffic`, inputs);
  }
  const { low, high } = comparison.interval;
  const numbers = `wins ${percent(comparison.winRate)}, losses ${percent(comparison.lossRate)}, ties ${percent(comparison.tieRate)} of ${comparison.n} pairs against v${report.champion}; losses − wins ${percent(comparison.netLoss)} (${Math.round(config.confidence * 100)}% interval ${percent(low)} to ${percent(high)})`;
  return significantlyWorse(comparison, config.max_net_loss)
    ? rule(false, `shadow: the candidate loses to the champion on replayed traffic: ${numbers}, all above the allowed ${percent(config.max_net_loss)}`, inputs)
    : rule(true, `shadow: not worse than the champion on replayed traffic: ${numbers}`, inputs);
}
