/**
 * The gate's job summary: one table per metric merging its threshold and baseline rules, the
 * other rules (generic over RuleResult, so rules added later render), a chart of candidate
 * against champion, and the flakiness report; capped in bytes, least important parts cut first.
 */
import type { RuleResult } from '../contract/decision';
import type { GateResult } from '../modes/gate';
import { changesSection } from '../report/changes';
import { cell, code, fitSections, mark, num, summaryByteLimit, table, type Section } from '../report/markdown';
import { fixed, readable, type NumberFormat } from '../stats/readable';
import { comparisonInputsSchema, increaseInputsSchema, type ComparisonInputs, type IncreaseInputs } from './baseline';
import type { FlakinessEntry } from './flakiness';

/** Metrics on the chart; more would not be readable, and the table has them all. */
export const chartMetricLimit = 30;

/** A rule's inputs are read a few times per report: zod's generated fast path would cost more to build than it saves. */
const jitless = { jitless: true } as const;

export function gateMarkdown(r: GateResult, header: readonly string[], limit = summaryByteLimit): string {
  const metricRows = byMetric(r.rules);
  const others = r.rules.filter((rule) => !isMetricRule(rule));
  const sections: Section[] = [{ priority: Infinity, name: 'header', head: header }];
  if (r.champion) {
    const c = r.champion;
    sections.push({ priority: Infinity, name: 'champion', head: [`Candidate v${r.version} (${code(r.summaryPath)}) against @${c.alias} v${c.version} (${code(c.summaryPath)}, ${code(c.resultsPath)}).`] });
  }
  if (metricRows.length) {
    const levels = confidenceLevels(r.rules);
    // Without a baseline rule the champion columns would be dashes only.
    const compared = metricRows.some((m) => m.baseline);
    const pick = (cells: string[]): string[] => (compared ? cells : cells.filter((_, i) => i !== 3 && i !== 4));
    sections.push({
      priority: 3,
      name: 'The metric table',
      head: [
        ...(levels ? [`Values in parentheses are ${levels} confidence intervals.`, ''] : []),
        ...table(pick(['Metric', 'Threshold', 'Candidate', 'Champion', 'Difference', 'Verdict', 'Why']), []).split('\n'),
      ],
      rows: metricRows.map((m) => ({ text: row(pick(metricCells(m))), rank: rank(m.rules) })),
    });
  }
  if (others.length) {
    sections.push({
      priority: 4,
      name: 'The other rules',
      head: table(['Rule', 'Metric', 'Verdict', 'Why'], []).split('\n'),
      rows: others.map((rule) => ({ text: row([rule.rule, rule.metric ?? '–', verdictOf(rule), rule.reason]), rank: rank([rule]) })),
    });
  }
  const chart = chartLines(r);
  if (chart.length) sections.push({ priority: 2, name: 'The chart', head: chart });
  if (r.flakiness?.length) sections.push(flakinessSection(r.flakiness));
  const changed = r.changes && r.champion ? changesSection(r.changes, r.champion, code(r.champion.resultsPath) + ' and the candidate\'s results', 2.5) : null;
  if (changed) sections.push(changed);
  const plan = r.deploymentPlan ? ` Deployment plan v${r.deploymentPlan.version}: ${code(r.deploymentPlan.path)}${r.deploymentPlan.written ? '' : ' (not written: dry run)'}.` : '';
  const recorded = r.dryRun ? `not written (dry run; a real run writes ${code(r.decisionPath)} and tags on version ${r.version})` : `written to ${code(r.decisionPath)} and as tags on version ${r.version}`;
  sections.push({ priority: Infinity, name: 'decision', head: [`Decision: **${r.decision.toUpperCase()}** ${recorded}.${plan}`] });
  return fitSections(sections, limit, code(r.decisionPath));
}

interface MetricRow {
  metric: string;
  rules: RuleResult[];
  threshold?: RuleResult;
  baseline?: RuleResult;
  comparison?: ComparisonInputs;
  increase?: IncreaseInputs;
}

function isMetricRule(rule: RuleResult): boolean {
  return rule.metric !== undefined && (rule.rule === 'threshold' || rule.rule === 'baseline');
}

/** Rows in the order metrics first appear among the rules (thresholds, then baseline-only metrics). */
function byMetric(rules: readonly RuleResult[]): MetricRow[] {
  const rows = new Map<string, MetricRow>();
  for (const rule of rules) {
    if (!isMetricRule(rule)) continue;
    const metric = rule.metric as string;
    const entry = rows.get(metric) ?? { metric, rules: [] };
    entry.rules.push(rule);
    if (rule.rule === 'threshold') entry.threshold ??= rule;
    else {
      entry.baseline ??= rule;
      const parsed = comparisonInputsSchema.safeParse(rule.inputs, jitless);
      if (parsed.success) entry.comparison ??= parsed.data;
      const increase = increaseInputsSchema.safeParse(rule.inputs, jitless);
      if (increase.success) entry.increase ??= increase.data;
    }
    rows.set(metric, entry);
  }
  return [...rows.values()];
}

function metricCells(m: MetricRow): string[] {
  if (m.increase) return increaseCells(m, m.increase);
  const t = (m.threshold?.inputs ?? {}) as { value?: number; min?: number; max?: number; ci?: { low: number; high: number } };
  const c = m.comparison;
  const limits = [t.min !== undefined ? `≥ ${t.min}` : '', t.max !== undefined ? `≤ ${t.max}` : '', m.baseline ? baselineLimit(m.baseline) : ''].filter(Boolean);
  const limitsOf = [t.min, t.max];
  const candidate = c ? withInterval(c.candidate.mean, c.candidate.ci, limitsOf) : t.value !== undefined ? withInterval(t.value, t.ci, limitsOf) : '–';
  const champion = c ? withInterval(c.champion.mean, c.champion.ci) : '–';
  // The difference is judged against −max_drop: print enough digits to read that comparison.
  const maxDrop = m.baseline ? maxDropOf(m.baseline) : undefined;
  const dropLimit = maxDrop === undefined ? [] : [-maxDrop];
  const difference = c ? `${signed(c.difference, dropLimit)} (${signed(c.difference_ci.low, dropLimit)} – ${signed(c.difference_ci.high, dropLimit)})` : '–';
  const verdict = verdictOfAll(m.rules) + (c?.verdict === 'inconclusive' ? ' (inconclusive)' : '');
  const why = m.rules.map((rule) => rule.reason);
  if (c?.note) why.push(`note: ${c.note}`);
  return [m.metric, limits.join('; ') || '–', candidate, champion, difference, verdict, why.join('<br>')];
}

/** A spend comparison: the means, and the change as a percentage of the champion's. */
function increaseCells(m: MetricRow, c: IncreaseInputs): string[] {
  const t = (m.threshold?.inputs ?? {}) as { min?: number; max?: number };
  const percent = (ratio: number): string => `${ratio > 0 ? '+' : ratio < 0 ? '−' : ''}${Math.abs(ratio * 100).toFixed(1)}%`;
  const limits = [t.min !== undefined ? `≥ ${t.min}` : '', t.max !== undefined ? `≤ ${t.max}` : '', `increase ≤ ${Number((c.max_increase * 100).toFixed(2))}%`].filter(Boolean);
  const verdict = verdictOfAll(m.rules) + (c.verdict === 'inconclusive' ? ' (inconclusive)' : '');
  const why = m.rules.map((rule) => rule.reason);
  if (c.note) why.push(`note: ${c.note}`);
  return [m.metric, limits.join('; '), num(c.candidate_mean), num(c.champion_mean), `${percent(c.increase)} (${percent(c.increase_ci.low)} – ${percent(c.increase_ci.high)})`, verdict, why.join('<br>')];
}

/** What the champion comparison allows: a drop of a score, or (spend, that could not be compared) an increase. */
function baselineLimit(rule: RuleResult): string {
  const increase = rule.inputs.max_increase;
  if (typeof increase === 'number') return `increase ≤ ${Number((increase * 100).toFixed(2))}%`;
  return `drop ≤ ${num(maxDropOf(rule))}`;
}

function maxDropOf(rule: RuleResult): number | undefined {
  const value = rule.inputs.max_drop;
  return typeof value === 'number' ? value : undefined;
}

function withInterval(value: number, ci: { low: number; high: number } | undefined, limits: readonly (number | undefined)[] = []): string {
  return ci ? `${num(value, limits)} (${num(ci.low)} – ${num(ci.high)})` : num(value, limits);
}

/** Signed, three decimals as in the reasons (more beside a limit they would blur), with a true minus sign so a drop reads as one at a glance. */
function signed(raw: number, limits: readonly number[] = []): string {
  const value = Math.abs(raw) < 1e-12 ? 0 : raw; // floating-point dust from subtracting equal means
  const format: NumberFormat = Math.abs(value) >= 0.0005 || value === 0 ? fixed(3) : (v, extra) => v.toPrecision(Math.min(100, 2 + extra));
  const text = readable(value, limits, format).replace(/^-/, '');
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

function verdictOf(rule: RuleResult): string {
  return rule.inputs.skipped === true ? '⏭️ skipped' : mark(rule.passed, rule.warning);
}

/** The worst of a metric's rules: a failure, else a warning, else a pass. */
function verdictOfAll(rules: readonly RuleResult[]): string {
  if (rules.some((rule) => !rule.passed)) return mark(false);
  return mark(true, rules.some((rule) => rule.warning));
}

/** 0 = failed, 1 = warned, 2 = passed: failures are the last rows a truncation removes. */
function rank(rules: readonly RuleResult[]): number {
  return rules.some((rule) => !rule.passed) ? 0 : rules.some((rule) => rule.warning) ? 1 : 2;
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** "95%" when every interval shown has one level; the levels listed otherwise. */
function confidenceLevels(rules: readonly RuleResult[]): string | undefined {
  const levels = new Set<number>();
  for (const rule of rules) {
    if (!isMetricRule(rule)) continue;
    // A threshold's inputs are never a comparison's: most gates have no baseline, and building those schemas to learn so took a millisecond.
    const parsed = rule.rule === 'threshold' ? undefined : comparisonInputsSchema.safeParse(rule.inputs, jitless);
    const increase = rule.rule === 'threshold' ? undefined : increaseInputsSchema.safeParse(rule.inputs, jitless);
    if (parsed?.success) levels.add(parsed.data.confidence);
    else if (increase?.success) levels.add(increase.data.confidence);
    else {
      const ci = rule.inputs.ci as { confidence?: unknown } | undefined;
      if (typeof ci?.confidence === 'number') levels.add(ci.confidence);
    }
  }
  if (levels.size === 0) return undefined;
  return [...levels]
    .sort()
    .map((level) => `${Number((level * 100).toFixed(2))}%`)
    .join(' / ');
}

/**
 * A Mermaid xychart (GitHub renders `xychart-beta`): candidate means as bars, the champion's as
 * a line. Two bar series would be drawn on top of each other, so the champion is the line.
 * Only means in [0, 1] share the axis; other scales would flatten it.
 */
function chartLines(r: GateResult): string[] {
  const compared = byMetric(r.rules).flatMap((m) => (m.comparison ? [{ metric: m.metric, candidate: m.comparison.candidate.mean, champion: m.comparison.champion.mean }] : []));
  const inRange = (v: number): boolean => v >= 0 && v <= 1;
  const points = compared.filter((p) => inRange(p.candidate) && inRange(p.champion));
  if (points.length === 0 || !r.champion) return [];
  const shown = points.slice(0, chartMetricLimit);
  const outside = compared.filter((p) => !points.includes(p)).map((p) => p.metric);
  const notes = [
    ...(points.length > shown.length ? [`The chart shows the first ${shown.length} of ${points.length} compared metrics; the table has them all.`] : []),
    ...(outside.length ? [`Not on the chart (values outside 0–1): ${outside.slice(0, 10).join(', ')}${outside.length > 10 ? ` and ${outside.length - 10} more` : ''}.`] : []),
  ];
  const value = (v: number): string => String(Number(v.toFixed(4)));
  return [
    ...(notes.length ? [`_${notes.join(' ')}_`, ''] : []),
    '```mermaid',
    'xychart-beta',
    `  title "candidate v${r.version} (bars) vs @${r.champion.alias} v${r.champion.version} (line)"`,
    `  x-axis [${shown.map((p) => `"${p.metric}"`).join(', ')}]`,
    '  y-axis "mean" 0 --> 1',
    `  bar [${shown.map((p) => value(p.candidate)).join(', ')}]`,
    `  line [${shown.map((p) => value(p.champion)).join(', ')}]`,
    '```',
  ];
}

function flakinessSection(entries: readonly FlakinessEntry[]): Section {
  const shortId = (id: string): string => code(id.length > 60 ? `${id.slice(0, 59)}…` : id);
  return {
    priority: 1,
    name: 'The flakiness report',
    head: [
      '#### Flakiness (informational, not part of the decision)',
      '',
      'Each example was run several times. pass^k is the chance that k fresh runs of an example all pass.',
      '',
      ...table(['Metric', 'k', 'Pass rate', 'pass^k', 'Flaky examples', 'Flakiest (passes/runs)'], []).split('\n'),
    ],
    rows: entries.map((e) => ({
      text: row([
        e.metric,
        String(e.k),
        withInterval(e.passRate.mean, e.passRate.ci),
        withInterval(e.passAllK.mean, e.passAllK.ci),
        `${e.flakyCount} of ${e.examples}`,
        e.flakiest.map((f) => `${shortId(f.id)} ${f.passes}/${f.runs}`).join(', ') || '–',
      ]),
      rank: e.flakyCount > 0 ? 0 : 1,
    })),
  };
}
