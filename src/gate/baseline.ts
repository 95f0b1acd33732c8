/**
 * The baseline rule: the candidate against the champion (the holder of the baseline alias), on
 * the same dataset, one rule result per metric in `gate.baseline.max_drop`.
 *
 * Decisions, and why:
 * - No holder (first release), or the candidate is the holder: skipped with a note, never failed.
 * - The holder's evaluation cannot be found: the rule fails (blocks) and says where it looked;
 *   the rest of the decision is still recorded, so the table shows every other rule.
 * - A different dataset digest: the rule fails, naming both digests. Means over different
 *   examples say nothing about a drop, and "inconclusive" would let the default policy (warn)
 *   wave every release through after a dataset change; re-evaluating the champion fixes it.
 * - A malformed baseline file is an input error (exit 2, nothing written), exactly like a
 *   malformed candidate file: never a pass.
 * - A metric missing on either side follows `gate.missing_metric` (fail by default).
 */
import { z } from 'zod';
import type { BaselineConfig, GateConfig } from '../config/schema';
import type { RuleResult } from '../contract/decision';
import { intervalSchema, readSummary, type Summary } from '../contract/summary';
import { InputError, ReleaseError } from '../errors';
import { compareIncreaseOf, compareScores, decideDrop, decideIncrease, meanWithInterval, type Comparison, type ScoreKind } from '../stats';
import type { BaselineLookup, BaselineSource } from './baseline-source';
import { exampleChanges, type ExampleChanges } from './example-changes';
import { comparedScores, scoreSides } from './pairing';
import { isBinary, readScores, type ResultScores, type ScorerScores } from './scores';
import { lazySchema } from '../config/zod-helpers';

const meanSchema = lazySchema(() => z.object({ mean: z.number(), n: z.number(), ci: intervalSchema }));

/** What a compared metric's rule carries in `inputs` (and so in decision.json); the report reads it back. */
export const comparisonInputsSchema = lazySchema(() => z.object({
  alias: z.string(),
  champion_version: z.string(),
  scorer: z.object({ candidate: z.string(), champion: z.string() }),
  kind: z.enum(['binary', 'continuous']),
  method: z.string(),
  paired: z.boolean(),
  note: z.string().optional(),
  n: z.object({ candidate: z.number(), champion: z.number(), pairs: z.number() }),
  candidate: meanSchema,
  champion: meanSchema,
  difference: z.number(),
  difference_ci: intervalSchema,
  mcnemar_p_value: z.number().optional(),
  max_drop: z.number(),
  confidence: z.number(),
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  inconclusive_policy: z.enum(['fail', 'pass', 'warn']),
  applied: z.enum(['pass', 'fail', 'warn']),
  dataset_digest: z.string(),
}));
export type ComparisonInputs = z.infer<typeof comparisonInputsSchema>;

/** What a spend comparison's rule (gate.baseline.max_increase) carries in `inputs`. */
export const increaseInputsSchema = lazySchema(() => z.object({
  alias: z.string(),
  champion_version: z.string(),
  method: z.string(),
  paired: z.boolean(),
  note: z.string().optional(),
  n: z.object({ candidate: z.number(), champion: z.number(), pairs: z.number() }),
  candidate_mean: z.number(),
  champion_mean: z.number(),
  /** candidate / champion − 1. */
  increase: z.number(),
  increase_ci: intervalSchema,
  max_increase: z.number(),
  confidence: z.number(),
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  inconclusive_policy: z.enum(['fail', 'pass', 'warn']),
  applied: z.enum(['pass', 'fail', 'warn']),
  dataset_digest: z.string(),
}));
export type IncreaseInputs = z.infer<typeof increaseInputsSchema>;

export interface CandidateEvaluation {
  summary: Summary;
  /** As shown to users. */
  summaryFile: string;
  scores: ResultScores;
  /** The results.jsonl the scores were read from, re-read for the examples that changed. */
  resultsFile: string;
}

export interface BaselineOptions {
  gate: GateConfig;
  config: BaselineConfig;
  alias: string;
  holder: string | null;
  model: string;
  version: string;
  candidate: CandidateEvaluation;
  source: BaselineSource;
  show: (file: string) => string;
  /** sha256 of a file, `sha256:<hex>`; recorded for the baseline summary (its results are hashed as they are read). */
  digest: (file: string) => Promise<string>;
}

export interface BaselineOutcome {
  rules: RuleResult[];
  /** Digests of the baseline files read, by shown path. */
  digests: Record<string, string>;
  /** The evaluation compared with, when one was found. */
  champion: { alias: string; version: string; summaryPath: string; resultsPath: string } | null;
  /** The examples whose scores changed against the champion, for the report; null when not compared. */
  changes?: ExampleChanges | null;
}

export async function baselineRules(options: BaselineOptions): Promise<BaselineOutcome> {
  const { alias, holder, model, version, candidate } = options;
  const lookup = await options.source.find({ model, alias, holder, candidateVersion: version, datasetDigest: candidate.summary.dataset.digest });
  const base = { alias, holder, source: options.source.kind };
  if (lookup.kind === 'none') return { rules: [{ rule: 'baseline', passed: true, warning: false, reason: lookup.reason, inputs: { ...base, skipped: true } }], digests: {}, champion: null };
  if (lookup.kind === 'missing') return { rules: [{ rule: 'baseline', passed: false, warning: false, reason: lookup.reason, inputs: base }], digests: {}, champion: null };

  try {
    return await compareWith(lookup, options);
  } finally {
    await lookup.cleanup?.();
  }
}

async function compareWith(lookup: Extract<BaselineLookup, { kind: 'found' }>, options: BaselineOptions): Promise<BaselineOutcome> {
  const { alias, holder, model, candidate, show } = options;
  const base = { alias, holder, source: options.source.kind };
  const summaryShown = lookup.shownAs?.summary ?? show(lookup.summaryFile);
  const resultsShown = lookup.shownAs?.results ?? show(lookup.resultsFile);
  const summary = await asBaselineInput(() => readSummary(lookup.summaryFile));
  const digests = { [summaryShown]: await options.digest(lookup.summaryFile) };
  const champion = { alias, version: summary.model.version, summaryPath: summaryShown, resultsPath: resultsShown };
  const fail = (reason: string, inputs: Record<string, unknown> = {}): BaselineOutcome => ({
    rules: [{ rule: 'baseline', passed: false, warning: false, reason, inputs: { ...base, baseline_summary: summaryShown, ...inputs } }],
    digests,
    champion,
  });
  if (summary.shard) {
    throw new InputError(`${summaryShown} (the baseline) is shard ${summary.shard.index}/${summary.shard.count} of a sharded evaluation; compare with the merged summary of all ${summary.shard.count} shards`);
  }
  if (lookup.expectedVersion !== null && (summary.model.name !== model || summary.model.version !== lookup.expectedVersion)) {
    return fail(
      `${summaryShown} is the evaluation of ${summary.model.name} version ${summary.model.version}, but @${alias} is held by ${model} version ${lookup.expectedVersion}; evaluate version ${lookup.expectedVersion} again (agent-release evaluate --model-version ${lookup.expectedVersion})`,
      { baseline_model: summary.model },
    );
  }
  const candidateDigest = candidate.summary.dataset.digest;
  const championDigest = summary.dataset.digest;
  if (championDigest !== candidateDigest) {
    return fail(
      `the champion (version ${summary.model.version}, ${summaryShown}) was evaluated on dataset ${summary.dataset.name} ${championDigest}, the candidate on ${candidate.summary.dataset.name} ${candidateDigest}; means over different examples cannot show a drop. Evaluate version ${summary.model.version} on the candidate's dataset, or point gate.baseline.summary_path at an evaluation on it`,
      { candidate_dataset_digest: candidateDigest, champion_dataset_digest: championDigest },
    );
  }
  const scores = await asBaselineInput(async () => {
    const read = await readScores(lookup.resultsFile, resultsShown, 'baseline results', { examples: candidate.scores.examples, expectedIds: summary.dataset.rows });
    checkResultsMatchSummary(read, summary, summaryShown);
    return read;
  });
  digests[resultsShown] = scores.digest;

  const rules = Object.entries(options.config.max_drop).map(([metric, maxDrop]) =>
    compareMetric({ ...options, metric, maxDrop, champion: { summary, scores }, championVersion: summary.model.version }),
  );
  for (const [metric, maxIncrease] of Object.entries(options.config.max_increase ?? {})) {
    rules.push(compareSpend({ ...options, metric: metric as SpendMetric, maxIncrease, champion: scores, championVersion: summary.model.version }));
  }
  // Read while the champion's files are still here (a remote source removes its copies after).
  const changes = await exampleChanges({ scores: candidate.scores, file: candidate.resultsFile }, { scores, file: lookup.resultsFile });
  return { rules, digests, champion, changes };
}

/**
 * Both files must come from one evaluation. Example ids are unique in a dataset, so a results
 * file holds exactly the summary's rows as distinct ids (repeats share an id).
 */
export function checkResultsMatchSummary(scores: ResultScores, summary: Summary, summaryFile: string): void {
  if (scores.ids !== summary.dataset.rows) {
    throw new InputError(
      `${scores.file} has ${scores.ids} distinct example ids, but ${summaryFile} says the evaluation covered ${summary.dataset.rows} examples; the two files are not from the same evaluation (or one is incomplete)`,
    );
  }
}

interface MetricComparison extends BaselineOptions {
  metric: string;
  maxDrop: number;
  champion: { summary: Summary; scores: ResultScores };
  championVersion: string;
}

function compareMetric(o: MetricComparison): RuleResult {
  const against = `against @${o.alias} v${o.championVersion}`;
  const names = scorerNames(o.metric, o.gate.metric_aliases[o.metric] ?? []);
  const found = { candidate: pick(o.candidate.scores, names), champion: pick(o.champion.scores, names) };
  for (const side of ['candidate', 'champion'] as const) {
    if (found[side] !== undefined) continue;
    const scores = side === 'candidate' ? o.candidate.scores : o.champion.scores;
    const warning = o.gate.missing_metric === 'warn';
    const present = [...scores.byScorer.keys()];
    const tried = names.length > 1 ? ` (tried ${names.map((n) => `"${n}"`).join(', ')})` : '';
    return {
      rule: 'baseline',
      metric: o.metric,
      passed: warning,
      warning,
      reason: `${against}: ${o.metric} cannot be compared: ${side === 'candidate' ? "the candidate's" : "the champion's"} results ${scores.file} have no "${names[0]}" scores${tried}; scorers present: ${present.join(', ') || 'none'}. Map the name with gate.metric_aliases or make the evaluator score it`,
      inputs: { alias: o.alias, champion_version: o.championVersion, max_drop: o.maxDrop, missing: side, present },
    };
  }
  const candidate = found.candidate as { name: string; scores: ScorerScores };
  const champion = found.champion as { name: string; scores: ScorerScores };
  const graded = declaredGraded(o.candidate.summary, candidate.name) || declaredGraded(o.champion.summary, champion.name);
  const kind: ScoreKind = !graded && isBinary(candidate.scores, champion.scores) ? 'binary' : 'continuous';
  const files = `${o.candidate.scores.file} and ${o.champion.scores.file}`;
  let inputs: ComparisonInputs;
  let reason: string;
  try {
    const comparison = compareScores(scoreSides(candidate.scores, champion.scores, o.candidate.scores.examples), { kind, confidence: o.config.confidence });
    const decision = decideDrop(comparison, { metric: o.metric, maxDrop: o.maxDrop, inconclusive: o.config.inconclusive });
    const [candidateMean, championMean] = comparedMeans(comparison, candidate.scores, champion.scores, o.config.confidence);
    inputs = {
      alias: o.alias,
      champion_version: o.championVersion,
      scorer: { candidate: candidate.name, champion: champion.name },
      kind,
      method: comparison.method,
      paired: comparison.paired,
      ...(comparison.note ? { note: comparison.note } : {}),
      n: comparison.n,
      candidate: candidateMean,
      champion: championMean,
      difference: comparison.difference,
      difference_ci: comparison.ci,
      ...(comparison.mcnemarPValue !== undefined ? { mcnemar_p_value: comparison.mcnemarPValue } : {}),
      max_drop: o.maxDrop,
      confidence: o.config.confidence,
      verdict: decision.verdict,
      inconclusive_policy: o.config.inconclusive,
      applied: decision.applied,
      dataset_digest: o.candidate.summary.dataset.digest,
    };
    reason = `${against}: ${decision.reason}`;
  } catch (error) {
    if (error instanceof ReleaseError) throw error;
    throw new InputError(`cannot compare ${o.metric} between ${files}: ${(error as Error).message}`);
  }
  const { candidate: c, champion: h, difference_ci: d } = inputs;
  const numbers = [c.mean, c.ci.low, c.ci.high, h.mean, h.ci.low, h.ci.high, inputs.difference, d.low, d.high];
  if (!numbers.every(Number.isFinite)) {
    // A bootstrap over astronomically large scores overflows; never let NaN fall through to a verdict.
    throw new InputError(`cannot compare ${o.metric} between ${files}: the scores are too large to average (the means or their interval overflow); scores must be ordinary numbers such as 0–1 grades`);
  }
  return { rule: 'baseline', metric: o.metric, passed: inputs.applied !== 'fail', warning: inputs.applied === 'warn', reason, inputs };
}

type SpendMetric = 'tokens/mean' | 'cost/mean';

interface SpendComparison extends BaselineOptions {
  metric: SpendMetric;
  maxIncrease: number;
  champion: ResultScores;
  championVersion: string;
}

/**
 * Tokens or cost per example against the champion's, as a ratio (see stats/increase.ts). A side
 * whose results carry no usage (or no cost) cannot be compared and follows gate.missing_metric.
 */
function compareSpend(o: SpendComparison): RuleResult {
  const against = `against @${o.alias} v${o.championVersion}`;
  const key = o.metric === 'tokens/mean' ? 'tokens' : 'cost';
  const sides = { candidate: o.candidate.scores.spend[key], champion: o.champion.spend[key] };
  for (const side of ['candidate', 'champion'] as const) {
    if (sides[side].order.length > 0) continue;
    const file = side === 'candidate' ? o.candidate.scores.file : o.champion.file;
    const warning = o.gate.missing_metric === 'warn';
    const what = key === 'tokens' ? 'token usage (the endpoint reported none)' : 'cost (set evaluate.cost.prices, and the endpoint must report usage)';
    return {
      rule: 'baseline',
      metric: o.metric,
      passed: warning,
      warning,
      reason: `${against}: ${o.metric} cannot be compared: ${side === 'candidate' ? "the candidate's" : "the champion's"} results ${file} carry no ${what}`,
      inputs: { alias: o.alias, champion_version: o.championVersion, max_increase: o.maxIncrease, missing: side },
    };
  }
  let comparison;
  try {
    comparison = compareIncreaseOf(scoreSides(sides.candidate, sides.champion, o.candidate.scores.examples), { confidence: o.config.confidence });
  } catch (error) {
    throw new InputError(`cannot compare ${o.metric} between ${o.candidate.scores.file} and ${o.champion.file}: ${(error as Error).message}`);
  }
  const decision = decideIncrease(comparison, { metric: o.metric, maxIncrease: o.maxIncrease, inconclusive: o.config.inconclusive });
  const inputs: IncreaseInputs = {
    alias: o.alias,
    champion_version: o.championVersion,
    method: comparison.method,
    paired: comparison.paired,
    ...(comparison.note ? { note: comparison.note } : {}),
    n: comparison.n,
    candidate_mean: comparison.candidateMean,
    champion_mean: comparison.championMean,
    increase: comparison.increase,
    increase_ci: comparison.ci,
    max_increase: o.maxIncrease,
    confidence: o.config.confidence,
    verdict: decision.verdict,
    inconclusive_policy: o.config.inconclusive,
    applied: decision.applied,
    dataset_digest: o.candidate.summary.dataset.digest,
  };
  return { rule: 'baseline', metric: o.metric, passed: decision.applied !== 'fail', warning: decision.applied === 'warn', reason: `${against}: ${decision.reason}`, inputs };
}

/** `contains/mean` → scorer `contains`; aliases that name a mean are tried after it, in order. */
function scorerNames(metric: string, aliases: readonly string[]): string[] {
  return [metric, ...aliases].filter((name) => name.endsWith('/mean')).map((name) => name.slice(0, -'/mean'.length));
}

function pick(scores: ResultScores, names: readonly string[]): { name: string; scores: ScorerScores } | undefined {
  for (const name of names) {
    const found = scores.byScorer.get(name);
    if (found && found.order.length > 0) return { name, scores: found };
  }
  return undefined;
}

/** Each side's mean with its own interval, over the rows the comparison used (the pairs, when paired). */
/**
 * Whether the evaluation declared the scorer graded (a bootstrap interval on its mean): a graded
 * score such as tool_calls.f1 that happens to be all 0s and 1s is still compared by bootstrap, not
 * as pass/fail. A summary that says nothing (bring your own evaluator) leaves it to the values.
 */
function declaredGraded(summary: Summary, scorer: string): boolean {
  return summary.metrics[`${scorer}/mean`]?.ci?.method.startsWith('bootstrap') === true;
}

function comparedMeans(comparison: Comparison, candidate: ScorerScores, champion: ScorerScores, confidence: number): [ComparisonInputs['candidate'], ComparisonInputs['champion']] {
  const rows = (side: ScorerScores, other: ScorerScores): readonly number[] => comparedScores(side, other, comparison.paired);
  const one = (values: readonly number[]): ComparisonInputs['candidate'] => {
    const m = meanWithInterval(values, { kind: comparison.kind, confidence });
    return { mean: m.mean, n: m.n, ci: m.ci };
  };
  return [one(rows(candidate, champion)), one(rows(champion, candidate))];
}

/** A malformed champion file is named as the baseline, so nobody goes looking in the candidate's files. */
async function asBaselineInput<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`the baseline (the champion's evaluation) cannot be used: ${error.message}`, { cause: error });
    throw error;
  }
}
