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
 */
export async function shadowRule(config: GateShadowConfig, summaryFile: string, show: (file: string) => string, release: { version: string; champion: string | null }): Promise<RuleResult> {
  const { version } = release;
  const file = path.join(path.dirname(summaryFile), 'shadow.json');
  const rule = (passed: boolean, reason: string, inputs: Record<string, unknown> = {}): RuleResult => ({ rule: 'shadow', passed, warning: false, reason, inputs });
  const report = await readShadowReport(file, show(file));
  if (!report) return rule(false, `gate.shadow needs the shadow replay's report ${show(file)}, which does not exist; run agent-release shadow --model-version ${version} first`);
  if (report.version !== version) return rule(false, `${show(file)} is the shadow replay of version ${report.version}, not ${version}; re-run agent-release shadow --model-version ${version}`);
  if (release.champion !== null && report.champion !== release.champion) {
    return rule(false, `${show(file)} compared version ${version} with v${report.champion}, but v${release.champion} is the champion now; re-run agent-release shadow --model-version ${version}`);
  }
  const comparison = comparePairs(report.counts, config.confidence);
  const inputs = { replayed: report.replayed, judged: report.judged, champion: report.champion, counts: report.counts, min_replayed: config.min_replayed, max_net_loss: config.max_net_loss, ...(comparison ? { value: comparison.netLoss, n: comparison.n, ci: comparison.interval } : {}) };
  if (!comparison || report.judged < config.min_replayed) {
    return rule(false, `shadow: only ${report.judged} replayed requests were judged against v${report.champion}, fewer than min_replayed ${config.min_replayed}; replay more (shadow.requests.sample) or export more traffic`, inputs);
  }
  const { low, high } = comparison.interval;
  const numbers = `wins ${percent(comparison.winRate)}, losses ${percent(comparison.lossRate)}, ties ${percent(comparison.tieRate)} of ${comparison.n} pairs against v${report.champion}; losses − wins ${percent(comparison.netLoss)} (${Math.round(config.confidence * 100)}% interval ${percent(low)} to ${percent(high)})`;
  return significantlyWorse(comparison, config.max_net_loss)
    ? rule(false, `shadow: the candidate loses to the champion on replayed traffic: ${numbers}, all above the allowed ${percent(config.max_net_loss)}`, inputs)
    : rule(true, `shadow: not worse than the champion on replayed traffic: ${numbers}`, inputs);
}
