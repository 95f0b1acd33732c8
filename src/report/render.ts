import type { RuleResult } from '../contract/decision';
import type { Metric } from '../contract/summary';
import type { DeployResult } from '../modes/deploy';
import type { DetectResult } from '../modes/detect';
import type { EvaluateResult } from '../modes/evaluate';
import type { GateResult } from '../modes/gate';
import type { MergeResult } from '../modes/merge';
import type { PromoteResult } from '../modes/promote';
import type { RollbackResult } from '../modes/rollback';
import type { ShadowResult } from '../modes/shadow';
import { shadowBody, shadowHeadline } from '../shadow/render';
import type { VerifyResult } from '../modes/verify';
import { latencyChart } from '../charts/latency';
import { rolloutChart } from '../charts/rollout';
import { gateMarkdown } from '../gate/report';
import { changesSection } from './changes';
import { cell, code, fitSections, mark, num, summaryByteLimit, table, type Section } from './markdown';

export type ModeResult = EvaluateResult | MergeResult | GateResult | PromoteResult | DeployResult | VerifyResult | RollbackResult | DetectResult | ShadowResult;

/** True when the mode ran but its verdict is negative: the shells exit 1. */
export function isFailure(result: ModeResult): boolean {
  return (result.mode === 'gate' && result.decision === 'fail') || (result.mode === 'verify' && result.decision === 'fail') || (result.mode === 'deploy' && result.failure !== null);
}

/** One paragraph a person reads first: what happened, and for a failure, why. */
export function headline(r: ModeResult): string {
  const dry = r.dryRun ? ' (dry run: nothing changed)' : '';
  const who = `${r.model} v${r.mode === 'rollback' ? r.restoredFrom : r.mode === 'detect' ? r.lastReleased : r.version}`;
  switch (r.mode) {
    case 'evaluate':
      return r.shard
        ? `evaluated ${who} on shard ${r.shard.index}/${r.shard.count}: ${r.shard.rows} of ${r.dataset.rows} examples of ${r.dataset.name}${errorsNote(r.errors)}${dry}`
        : `evaluated ${who} on ${r.dataset.rows} examples of ${r.dataset.name}${errorsNote(r.errors)}${dry}`;
    case 'merge':
      return `merged ${r.shards.length} shards of ${who}: ${r.dataset.rows} examples of ${r.dataset.name}${errorsNote(r.errors)}${dry}`;
    case 'gate':
      return r.decision === 'pass'
        ? `gate passed for ${who}${dry}`
        : `gate failed for ${who}: ${failingReasons(r.rules)}${dry}`;
    case 'promote':
      return r.changed
        ? `${r.dryRun ? 'would promote' : 'promoted'} ${who} to @${r.alias} (previously ${r.previousVersion === null ? 'unset' : `v${r.previousVersion}`})${dry}`
        : `${who} already holds @${r.alias}; nothing to do`;
    case 'deploy':
      return r.failure
        ? `deploy of ${who} to ${r.environment} failed at ${r.failure.at ? `step ${r.failure.at.index} of ${r.failure.at.count} (${r.failure.at.weight}%), ` : ''}${r.failure.step} (${r.failure.reason}); rolled back to ${r.previousVersion === null ? 'no earlier version' : `v${r.previousVersion}`}${r.rolledBack ? `. ${againAfterRollback(r)}` : ''}`
        : r.alreadyDeployed
          ? r.restoredFrom !== null
            ? `${who} already serves in ${r.environment}: the rollout of v${r.restoredFrom} was rolled back to it; nothing to do`
            : `${who} is already deployed to ${r.environment}; nothing to do`
          : `deployed ${who} to ${r.environment}${r.steps.length > 1 ? ` in ${r.steps.length} steps (${r.steps.map((x) => `${x.weight}%`).join(' → ')})` : ''}${r.skipAnalysis ? ' without analysis (skip_analysis)' : ''}${dry}`;
    case 'verify':
      return r.decision === 'fail'
        ? `verify failed for ${who} in ${r.environment}: ${r.checks.filter((c) => !c.passed).map((c) => c.reason).join('; ')}`
        : r.decision === 'pass'
          ? `verify passed for ${who} in ${r.environment}`
          : `verify of ${who}${dry}`;
    case 'detect':
      return `${r.model}: ${r.versions.length ? `new versions to release: ${r.versions.map((v) => `v${v}`).join(', ')}` : 'no new versions'} (last released to @${r.alias}: ${r.lastReleased === null ? 'none' : `v${r.lastReleased}`})`;
    case 'shadow':
      return `${shadowHeadline(r)}${dry}`;
    case 'rollback':
      return `rolled back ${who} in ${r.environment}; ${r.version === null ? 'no earlier version to serve' : `v${r.version} restored`}${r.resumed ? ' (finished an earlier rollback)' : ''}${dry}`;
  }
}

export function outputsOf(r: ModeResult): Record<string, string> {
  switch (r.mode) {
    case 'evaluate':
    case 'merge':
      return { 'run-id': r.runId ?? '', 'summary-path': r.summaryPath, 'results-path': r.resultsPath ?? '', metrics: JSON.stringify(metricValues(r.metrics)) };
    case 'gate':
      return { decision: r.decision, reasons: JSON.stringify(r.rules.map((x) => x.reason)), 'decision-path': r.decisionPath };
    case 'promote':
      return { version: r.version, 'previous-version': r.previousVersion ?? '', alias: r.alias };
    case 'deploy':
      return { version: r.version, 'previous-version': r.previousVersion ?? '', 'endpoint-url': r.endpointUrl ?? '', 'deployment-id': r.deploymentId ?? '', 'rolled-back': String(r.rolledBack) };
    case 'verify':
      return { decision: r.decision, reasons: JSON.stringify(r.checks.map((c) => c.reason)), metrics: JSON.stringify(r.metrics) };
    case 'rollback':
      return { version: r.version ?? '', 'restored-from': r.restoredFrom, alias: r.alias };
    case 'detect':
      return { versions: JSON.stringify(r.versions) };
    case 'shadow':
      return { 'shadow-path': r.reportPath };
  }
}

export function markdown(r: ModeResult): string {
  const title = `### agent-release ${r.mode}: ${r.model}${r.dryRun ? ' (dry run)' : ''}`;
  // The gate's report can grow with the number of metrics, so it is assembled within a byte cap.
  if (r.mode === 'gate') return `${gateMarkdown(r, [title, '', headline(r)]).trimEnd()}\n`;
  if (r.mode === 'evaluate' && r.changes) {
    // The changed examples can be long: the summary is assembled within the byte cap, as the gate's.
    const changed = changesSection(r.changes.changes, r.changes.champion, `${code(r.changes.champion.resultsPath)} and ${code(r.resultsPath ?? 'results.jsonl')}`, 1);
    const sections: Section[] = [{ priority: Infinity, name: 'header', head: [title, '', headline(r), '', ...body(r)] }, ...(changed ? [changed] : [])];
    return `${fitSections(sections, summaryByteLimit, code(r.resultsPath ?? r.summaryPath)).trimEnd()}\n`;
  }
  return [title, '', headline(r), '', ...body(r)].join('\n').trimEnd() + '\n';
}

/** Reasons a headline names before it points at the summary: it is also the ::error:: annotation. */
export const headlineReasonLimit = 5;

function errorsNote(errors: number): string {
  return errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : '';
}

function failingReasons(rules: readonly RuleResult[]): string {
  const failing = rules.filter((x) => !x.passed).map((x) => x.reason);
  const named = failing.slice(0, headlineReasonLimit).join('; ');
  const more = failing.length - headlineReasonLimit;
  return more > 0 ? `${named}; and ${more} more failing rule${more === 1 ? '' : 's'} (see the job summary)` : named;
}

const evaluatedBy: Record<EvaluateResult['runner'], string> = { dataset: 'Endpoint', command: 'Evaluator', 'mlflow-run': 'Read from', 'databricks-job': 'Databricks job run' };

function body(r: ModeResult): string[] {
  switch (r.mode) {
    case 'evaluate':
      return [
        `Dataset ${code(r.dataset.path || r.dataset.name)}: ${r.dataset.rows} rows, ${code(r.dataset.digest.slice(0, 19))}${r.shard ? `; shard ${r.shard.index}/${r.shard.count} holds ${r.shard.rows} of them` : ''}. ${evaluatedBy[r.runner]} ${code(r.endpoint)}.`,
        '',
        Object.keys(r.metrics).length ? metricTable(r.metrics) : '_No metrics: nothing was sent._',
        '',
        `Files: ${code(r.summaryPath)}${r.resultsPath === null ? ' (no per-example results from this runner)' : `, ${code(r.resultsPath)}`}${r.runId ? `; tracking run ${code(r.runId)}` : ''}${r.traces ? tracesNote(r.traces) : ''}`,
      ];
    case 'merge':
      return [
        `Dataset ${r.dataset.path === null ? r.dataset.name : code(r.dataset.path)}: ${r.dataset.rows} rows, ${code(r.dataset.digest.slice(0, 19))}, from ${r.shards.length} shards.`,
        '',
        table(['Shard', 'Rows', 'Errors', 'Summary'], r.shards.map((s) => [`${s.index}/${s.count}`, String(s.rows), String(s.errors), code(s.summaryPath)])),
        '',
        Object.keys(r.metrics).length ? metricTable(r.metrics) : '_No metrics._',
        '',
        `Files: ${code(r.summaryPath)}, ${code(r.resultsPath)}${r.dryRun ? ' (not written: dry run)' : ''}`,
      ];
    case 'gate':
      return []; // see markdown(): gateMarkdown
    case 'promote':
      return [table(['Alias', 'Version', 'Previous'], [[`@${r.alias}`, r.version, r.previousVersion ?? '–']])];
    case 'deploy':
      return [
        table(['Step', 'What'], r.plan.map((line, i) => [String(i + 1), line])),
        ...(r.preflight.problems.length + r.preflight.checks.length > 0
          ? ['', `Preflight: ${[...r.preflight.problems.map((p) => `❌ ${cell(p)}`), ...r.preflight.checks.map((c) => `✅ ${cell(c)}`)].join('; ')}`]
          : []),
        ...(r.change.length > 0 ? ['', '```diff', ...r.change, '```'] : []),
        ...section(rolloutChart(r)),
        ...section(latencyChart(r.latency)),
        ...(r.steps.length > 1
          ? ['', table(['Step', 'Traffic', 'Status', 'Verdict', 'Reasons'], r.steps.map((x) => [String(x.index), `${x.weight}%`, x.status, x.verdict ?? '', x.reasons.join('; ')]))]
          : []),
        ...(r.analysis ? ['', ruleTable(r.analysis.checks)] : []),
        ...(r.failure ? ['', `**Rolled back** ${r.failure.step === 'cancelled' ? 'after the rollout was cancelled' : `after ${r.failure.step} failed`}: ${cell(r.failure.reason)}`] : []),
      ];
    case 'verify':
      return [`Analysis: ${cell(r.plan)}`, ...section(latencyChart(r.latency)), '', r.checks.length ? ruleTable(r.checks) : '_Nothing measured._'];
    case 'rollback':
      return [table(['Step', 'What'], r.plan.map((line, i) => [String(i + 1), line]))];
    case 'detect':
      return [];
    case 'shadow':
      return shadowBody(r);
  }
}

function tracesNote(t: NonNullable<EvaluateResult['traces']>): string {
  const sample = t.sampledOut ? ` (a sample: ${t.sampledOut} over evaluate.traces.max left out)` : '';
  const failed = t.failed ? `; ${t.failed} could not be logged` : '';
  return `, with ${t.logged} requests as MLflow traces${sample}${failed}`;
}

/** A block of lines after a blank line, or nothing. */
function section(lines: string[]): string[] {
  return lines.length > 0 ? ['', ...lines] : [];
}

function ruleTable(rules: readonly RuleResult[]): string {
  return table(
    ['Rule', 'Metric', 'Value', 'Limit', 'n', 'Interval', 'Verdict', 'Why'],
    rules.map((rule) => {
      const { value, min, max, n, ci } = rule.inputs as { value?: number; min?: number; max?: number; n?: number; ci?: { low: number; high: number; confidence: number } };
      const limit = [min !== undefined ? `≥ ${min}` : '', max !== undefined ? `≤ ${max}` : ''].filter(Boolean).join(', ');
      const interval = ci ? `${num(ci.low)} – ${num(ci.high)} (${Math.round(ci.confidence * 100)}%)` : '–';
      return [rule.rule, rule.metric ?? '–', num(value, [min, max]), limit || '–', num(n), interval, mark(rule.passed, rule.warning), rule.reason];
    }),
  );
}

function metricTable(metrics: Record<string, Metric>): string {
  return table(
    ['Metric', 'Value', 'n', 'Interval'],
    Object.entries(metrics).map(([name, m]) => [name, num(m.value), num(m.n), m.ci ? `${num(m.ci.low)} – ${num(m.ci.high)} (${Math.round(m.ci.confidence * 100)}% ${m.ci.method})` : '–']),
  );
}

function metricValues(metrics: Record<string, Metric>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).map(([name, m]) => [name, m.value]));
}

/** After an automatic rollback the alias is back where it was: deploying again alone would do nothing (or refuse), so say what releases the version again. */
function againAfterRollback(r: DeployResult): string {
  return r.previousVersion === null
    ? `To release v${r.version} again once the cause is fixed: deploy --model-version ${r.version}`
    : `To release v${r.version} again once the cause is fixed: promote it again, then deploy`;
}
