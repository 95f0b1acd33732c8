import { z } from 'zod';
import { canaryQueriesSchema } from '../analysis/canary-queries';
import { judgementSettingsSchema } from '../analysis/judgement-settings';
import { prometheusAnalysisSchema } from '../analysis/prometheus-config';
import { appDeploySchema, appStrategyProblem } from './app-schema';
import { ucApprovalSchema } from './approval-schema';
import { databricksMetricsAnalysisSchema } from './databricks-metrics-schema';
import { servingSchema } from './serving-schema';
import { evaluateSchema } from './evaluate-schema';
import { notificationsSchema } from './notify-schema';
import { gateShadowSchema, shadowSchema } from './shadow-schema';
import { deferred, duration, oneOf, strictObject, suggestion, workspacePath, lazySchema, timeoutDuration } from './zod-helpers';
import { httpUrlProblem, unknownPlaceholder } from '../template';

export const registryKinds = ['local', 'mlflow', 'unity-catalog'] as const;
export const targetKinds = ['command', 'databricks-serving', 'databricks-app'] as const;
export const strategyKinds = ['all-at-once', 'canary', 'blue-green'] as const;
export const analysisProviders = ['http-probe', 'prometheus', 'databricks-metrics'] as const;

const nonEmpty = lazySchema(() => z.string().min(1, { error: 'must not be empty' }));
const metricName = lazySchema(() => z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/, { error: 'metric names look like "scorer/mean" or "latency_ms/p95"' }));

const model = lazySchema(() => strictObject({
  /** Also the folder of its files under artifacts_dir: "." or ".." would put them beside or outside it. */
  name: nonEmpty.refine((name) => !/^\.+$/.test(name), { error: 'a model name is more than dots; give the name it is registered under' }),
  registry: oneOf(registryKinds).default('local'),
  /** The embedded registry's file, relative to the config's working directory. */
  path: workspacePath().default('.agent-release/registry.json'),
  /**
   * registry: mlflow — the tracking server, http(s)://host[:port][/prefix], or "databricks" for the
   * workspace in DATABRICKS_HOST; default MLFLOW_TRACKING_URI. Unity Catalog always uses the workspace.
   */
  tracking_uri: nonEmpty.optional(),
}).superRefine((m, ctx) => {
  if (m.registry === 'unity-catalog' && !/^[^.\s/]+\.[^.\s/]+\.[^.\s/]+$/.test(m.name)) {
    ctx.addIssue({ code: 'custom', path: ['name'], message: `must be catalog.schema.model for registry: unity-catalog, got "${m.name}"` });
  }
  if (m.registry === 'unity-catalog' && m.tracking_uri !== undefined && m.tracking_uri !== 'databricks') {
    ctx.addIssue({ code: 'custom', path: ['tracking_uri'], message: 'Unity Catalog models are tracked in the Databricks workspace (DATABRICKS_HOST); leave tracking_uri out or set it to "databricks"' });
  }
}));

const threshold = lazySchema(() => strictObject({ min: z.number().optional(), max: z.number().optional() }).superRefine((t, ctx) => {
  if (t.min === undefined && t.max === undefined) ctx.addIssue({ code: 'custom', message: 'give min, max or both' });
  // No value could pass: a gate that can only fail is a typo, not a policy.
  if (t.min !== undefined && t.max !== undefined && t.min > t.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `min ${t.min} is above max ${t.max}; no value could pass` });
}));

const aliasName = lazySchema(() => z.string().regex(/^[A-Za-z_][\w-]*$/, { error: 'an alias is a name like champion or staging' }));

/**
 * Only a scorer's mean has per-example scores in results.jsonl to pair and compare; latency
 * percentiles and error_rate are summary-level numbers, so they are gated with thresholds.
 */
const comparableMetric = lazySchema(() => z.string().regex(/^(?!latency_ms\/|tokens\/mean$|cost\/mean$)[\w.-]+\/mean$/, {
  error: 'only scorer means ("<scorer>/mean", e.g. "contains/mean") can be compared with the champion; gate latency_ms/* and error_rate with gate.thresholds, and compare tokens/mean and cost/mean with gate.baseline.max_increase',
}));

/** Spend per example, compared with the champion as a ratio (see src/stats/increase.ts). */
export const spendMetrics = ['tokens/mean', 'cost/mean'] as const;
const spendMetric = lazySchema(() => z.string().refine((name) => (spendMetrics as readonly string[]).includes(name), { error: `only ${spendMetrics.join(' and ')} can be compared as an increase over the champion` }));

/** Champion comparison: see src/gate/baseline.ts for how each field is used. */
const baseline = deferred(() =>
  strictObject({
    /** The alias whose holder is the champion; default: promote.alias. */
    alias: aliasName.optional(),
    /** Largest acceptable fall of each mean, in the metric's own units (0.03 = three points of pass rate); may be left out when max_increase lists spend to compare. */
    max_drop: z.record(comparableMetric, z.number({ error: 'expected a number ≥ 0: how far the mean may fall (0.03 = three points)' }).min(0, { error: 'a drop allowance is ≥ 0 (0 = no drop allowed)' })).default({}),
    confidence: z
      .number()
      .gt(0, { error: 'confidence is strictly between 0 and 1, e.g. 0.95' })
      .lt(1, { error: 'confidence is strictly between 0 and 1, e.g. 0.95' })
      .default(0.95),
    /**
     * When the interval cannot tell (it straddles −max_drop). `fail` means "prove the candidate
     * is no worse than champion − max_drop", which with max_drop 0 blocks equal agents most of the time.
     */
    inconclusive: oneOf(['warn', 'fail', 'pass'] as const).default('warn'),
    /** A fixed baseline evaluation instead of the alias holder's own files. */
    summary_path: workspacePath().optional(),
    /** Default: results.jsonl beside summary_path. */
    results_path: workspacePath().optional(),
    /** Largest acceptable rise of spend per example, as a ratio: 0.1 = at most 10% more tokens or cost than the champion. */
    max_increase: z
      .record(spendMetric, z.number({ error: 'expected a ratio ≥ 0: how much the mean may grow (0.1 = 10%)' }).min(0, { error: 'an increase allowance is ≥ 0 (0 = no increase allowed)' }))
      .optional(),
  }).superRefine((b, ctx) => {
    if (Object.keys(b.max_drop).length === 0 && Object.keys(b.max_increase ?? {}).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['max_drop'], message: 'list at least one metric in max_drop (e.g. "contains/mean": 0.03) or in max_increase (e.g. "cost/mean": 0.1)' });
    }
    if (b.results_path !== undefined && b.summary_path === undefined) {
      ctx.addIssue({ code: 'custom', path: ['summary_path'], message: 'results_path needs summary_path too: the summary carries the dataset digest the two evaluations must share' });
    }
  }));
export type BaselineConfig = z.infer<typeof baseline>;

/** A path under gate.artifact_root; "{N}" becomes the version being decided. */
const rootRelativePath = nonEmpty.refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..'), {
  error: 'write a path relative to gate.artifact_root, without ".." (e.g. signoffs/v{N}/decision.md)',
});
const artifactName = lazySchema(() => z.string().regex(/^(?!\.{1,2}$)[\w.-]+$/, { error: 'a single folder or file name, like deployment_plans or plan.md' }));

const signoff = deferred(() =>
  strictObject({
    path: rootRelativePath.default('signoffs/v{N}/decision.md'),
    max_bytes: z.number().int().min(1).max(16 * 1024 * 1024).default(1024 * 1024),
  }));

const versionConsistency = deferred(() =>
  strictObject({
    /** candidate_v<N>, @candidate_v<N> or prompts:/<name>@candidate_v<N>; usually "${PROMPT_CANDIDATE}" set by the workflow. */
    prompt_candidate: nonEmpty.optional(),
    /** Take the candidate_v<N> alias that points at the version being decided from the model registry. */
    prompt_candidate_from_aliases: z.boolean().default(false),
  }).superRefine((v, ctx) => {
    if (v.prompt_candidate !== undefined && v.prompt_candidate_from_aliases) {
      ctx.addIssue({ code: 'custom', path: ['prompt_candidate_from_aliases'], message: 'give prompt_candidate or prompt_candidate_from_aliases, not both' });
    }
  }));

const deploymentPlan = deferred(() =>
  strictObject({
    dir: artifactName.default('deployment_plans'),
    file: artifactName.default('plan.md'),
    max_attempts: z.number().int().min(1).max(1000).default(20),
  }));

const gate = lazySchema(() => strictObject({
  thresholds: z.record(metricName, threshold).default({}),
  /** Other names a metric may carry in an evaluator's summary, tried in order. */
  metric_aliases: z.record(metricName, z.array(metricName)).default({}),
  missing_metric: oneOf(['fail', 'warn'] as const).default('fail'),
  baseline: baseline.optional(),
  /** Where signoffs and deployment plans live: a folder (relative to the workspace; default ".") or /Volumes/<catalog>/<schema>/<volume>[/...] through the Files API. */
  artifact_root: workspacePath().optional(),
  signoff: signoff.optional(),
  version_consistency: versionConsistency.optional(),
  deployment_plan: deploymentPlan.optional(),
  /** Unity Catalog approval: the version must carry the deployment job's approval tag (see src/gate/uc-approval.ts). */
  uc_approval: ucApprovalSchema.optional(),
  /** Shadow replay: the candidate must not lose to the champion on recorded traffic (see src/gate/shadow-rule.ts). */
  shadow: gateShadowSchema.optional(),
}).superRefine((g, ctx) => {
  if (Object.keys(g.thresholds).length === 0 && !g.baseline) {
    ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'list at least one metric threshold (or configure a baseline)' });
  }
}));

const promote = lazySchema(() => strictObject({
  alias: aliasName.default('champion'),
  /** Mirror the GitHub environment's approval into Unity Catalog's approval tag (see src/promote/approval.ts). */
  uc_approval: ucApprovalSchema.optional(),
}));

/** What an http-probe URL may name: see analysis/http-probe.ts. */
const probePlaceholders = ['version', 'model', 'previous_version', 'environment', 'served_entity'] as const;

/** Keys the deploy section's analysis adds to each provider's own (below): valid wherever these schemas are used, so unknown-key errors list them. */
const analysisExtensions = ['judgement'];

const httpProbe = deferred(() =>
  strictObject({
    provider: z.literal('http-probe'),
    /** May use {{version}}, {{model}}, {{previous_version}} and {{environment}}. */
    url: nonEmpty,
    method: oneOf(['GET', 'POST'] as const).default('GET'),
    headers: z.record(z.string(), z.string()).default({}),
    /** JSON body for POST probes. */
    body: z.unknown().optional(),
    requests: z.number().int().min(1).max(100_000).default(20),
    concurrency: z.number().int().min(1).max(256).default(4),
    timeout: timeoutDuration.default(10_000),
    limits: strictObject({
      error_rate: z.number().min(0).max(1).default(0.05),
      latency_p95_ms: z.number().positive().optional(),
    }).default({ error_rate: 0.05 }),
    /** Rate mode instead of `requests`: start this many requests per second, open loop, for `duration`. */
    rate: z.number().positive().max(10_000).optional(),
    duration: duration.optional(),
    /** Rate mode: unanswered requests allowed at once; further slots are dropped and count as errors. Default rate × timeout + 1. */
    max_in_flight: z.number().int().min(1).max(10_000).optional(),
    /** The stable version, probed alongside `url` for the canary comparison; {{version}} and {{served_entity}} are the stable's here. */
    stable_url: nonEmpty.optional(),
  }, analysisExtensions).superRefine((p, ctx) => {
    for (const key of ['url', 'stable_url'] as const) {
      const problem = p[key] === undefined ? undefined : (unknownPlaceholder(p[key], probePlaceholders) ?? httpUrlProblem(p[key]));
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
    if ((p.rate === undefined) !== (p.duration === undefined)) {
      ctx.addIssue({ code: 'custom', path: [p.rate === undefined ? 'rate' : 'duration'], message: 'rate mode needs both rate (requests per second) and duration (e.g. 2m)' });
    }
    if (p.max_in_flight !== undefined && p.rate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['max_in_flight'], message: 'max_in_flight applies to rate mode only; use concurrency with requests' });
    }
    if (p.rate !== undefined && p.duration !== undefined && Math.floor((p.rate * p.duration) / 1000 + 1e-9) < 1) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: `${p.rate} requests per second for ${p.duration} ms is less than one request; lengthen the duration or raise the rate` });
    }
  }));
export type HttpProbeConfig = z.infer<typeof httpProbe>;

/**
 * The canary judgement (limits, canary-vs-stable tests, the inconclusive policy) rides on the
 * analysis section; prometheus may add per-version `canary` queries that feed it.
 */
const analysis = lazySchema(() => z.discriminatedUnion('provider', [
  deferred(() => httpProbe.unwrap().safeExtend({ judgement: judgementSettingsSchema.optional() }), { key: 'provider', value: 'http-probe' }),
  deferred(() => prometheusAnalysisSchema.unwrap().safeExtend({ judgement: judgementSettingsSchema.optional(), canary: canaryQueriesSchema.optional() }), { key: 'provider', value: 'prometheus' }),
  deferred(() => databricksMetricsAnalysisSchema.unwrap().safeExtend({ judgement: judgementSettingsSchema.optional() }), { key: 'provider', value: 'databricks-metrics' }),
], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const given = (issue.input as { provider?: unknown } | undefined)?.provider;
    const hint = typeof given === 'string' ? suggestion(given, analysisProviders) : '';
    return `provider must be one of ${analysisProviders.join(', ')}${hint ? ` (${hint})` : ''}`;
  },
}).superRefine((a, ctx) => {
  // A judgement the provider cannot feed would only show after a deploy and a bake (inconclusive, or an error mid-rollout).
  const judgement = a.judgement;
  if (!judgement) return;
  if (Object.keys(judgement.limits.scores).length > 0) {
    ctx.addIssue({ code: 'custom', path: ['judgement', 'limits', 'scores'], message: 'no analysis provider measures per-request scores, so these limits could only be inconclusive and the rollout would fail after its bake extensions; remove judgement.limits.scores and gate scores before release with gate.thresholds' });
  }
  if (a.provider === 'prometheus' && !a.canary) {
    ctx.addIssue({ code: 'custom', path: ['judgement'], message: 'with provider prometheus the judgement needs per-version counts: give canary.requests and canary.errors (queries with limits are judged without a judgement), or remove judgement' });
    return;
  }
  const latencyHistogram = a.provider !== 'prometheus' || a.canary?.latency_histogram !== undefined;
  const latencyComparison = a.provider === 'databricks-metrics'
    ? "comparing latency needs per-request latencies of both versions, and databricks-metrics reads only a p95 per served entity; remove compare.latency (judgement.limits.latency_p95_ms still limits the canary's p95) or use http-probe with stable_url"
    : latencyHistogram ? undefined : 'comparing latency needs the latencies of both versions: give canary.latency_histogram, or remove compare.latency';
  if (judgement.compare.latency && latencyComparison) ctx.addIssue({ code: 'custom', path: ['judgement', 'compare', 'latency'], message: latencyComparison });
  if (judgement.limits.latency_p95_ms !== undefined && !latencyHistogram) {
    ctx.addIssue({ code: 'custom', path: ['judgement', 'limits', 'latency_p95_ms'], message: "the canary's p95 needs canary.latency_histogram; give it, or remove judgement.limits.latency_p95_ms" });
  }
}));

const command = deferred(() =>
  strictObject({
    deploy: nonEmpty,
    rollback: nonEmpty,
    /** Canary and blue-green: moves traffic to AGENT_RELEASE_TRAFFIC percent after the first step deployed the version. */
    set_traffic: nonEmpty.optional(),
    /** Working directory for the commands, relative to the config's working directory. */
    cwd: nonEmpty.optional(),
    /** How long one command may run before its process group is stopped (e.g. 30m). */
    timeout: timeoutDuration.default(30 * 60_000),
  }));

const trafficStep = lazySchema(() => z.number().int({ error: 'a step is a whole percentage, e.g. 10' }).min(1, { error: 'a canary step sends at least 1% of traffic' }).max(100, { error: 'a step is at most 100 (%)' }));

const deploy = lazySchema(() => strictObject({
  target: oneOf(targetKinds).default('command'),
  strategy: oneOf(strategyKinds).default('all-at-once'),
  /** canary: the candidate's traffic after each step, increasing and ending at 100, e.g. [10, 50, 100]. */
  steps: z.array(trafficStep).min(1).optional(),
  /** How long each step serves before it is analysed (and each inconclusive extension); default 5m for canary and blue-green, 0 for all-at-once. */
  bake: duration.optional(),
  /** Go straight to 100% without bake or analysis, e.g. redeploying a known-good version; recorded in the summary. */
  skip_analysis: z.boolean().default(false),
  /**
   * Looks in a row whose analysis could not reach its metrics source (refused, timed out, 5xx)
   * that are looked at again, after the bake or 30s, before the step fails and rolls back: a
   * Prometheus restart is not the candidate's fault. 0 rolls back at the first.
   */
  analysis_error_limit: z.number().int().min(0).max(10).default(2),
  /** Also write the rollout's state as version tags (status, step), so a re-run on a runner without the state file knows where it was. */
  state_tags: z.boolean().default(true),
  command: command.optional(),
  /** The databricks-serving target: the endpoint, its sizing and the AI Gateway. */
  serving: servingSchema.optional(),
  /** The databricks-app target: the Asset Bundle that deploys the app. */
  app: appDeploySchema.optional(),
  /** Shown as the deployment's URL; may use {{version}} and {{environment}}. */
  url: nonEmpty.optional(),
  /** Run after each step; a failure rolls back automatically. Also what `verify` runs. */
  analysis: analysis.optional(),
}).superRefine((d, ctx) => {
  const urlProblem = d.url === undefined ? undefined : (unknownPlaceholder(d.url, ['version', 'model', 'environment']) ?? httpUrlProblem(d.url));
  if (urlProblem) ctx.addIssue({ code: 'custom', path: ['url'], message: urlProblem });
  if (d.target === 'command' && !d.command) {
    ctx.addIssue({ code: 'custom', path: ['command'], message: 'the command target needs command.deploy and command.rollback' });
  }
  if (d.target === 'databricks-serving' && !d.serving) {
    ctx.addIssue({ code: 'custom', path: ['serving'], message: 'the databricks-serving target needs serving.endpoint' });
  }
  if (d.target === 'databricks-app') {
    if (!d.app) ctx.addIssue({ code: 'custom', path: ['app'], message: 'the databricks-app target needs app.target and app.resource' });
    const problem = appStrategyProblem(d.strategy);
    if (problem) ctx.addIssue({ code: 'custom', path: ['strategy'], message: problem });
  }
  if (d.target === 'command' && d.command && d.strategy !== 'all-at-once' && !d.command.set_traffic) {
    ctx.addIssue({ code: 'custom', path: ['command', 'set_traffic'], message: `strategy ${d.strategy} moves traffic between steps; give command.set_traffic (run with AGENT_RELEASE_TRAFFIC set to the new percentage)` });
  }
  if (d.steps && d.strategy !== 'canary') {
    ctx.addIssue({ code: 'custom', path: ['steps'], message: `steps apply to strategy canary only; ${d.strategy} has fixed steps (${d.strategy === 'blue-green' ? '0% beside the stable, then 100%' : '100%'})` });
  }
  if (d.steps && d.strategy === 'canary') {
    const steps = d.steps;
    if (steps.some((weight, i) => i > 0 && weight <= (steps[i - 1] as number))) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: `steps must increase, e.g. [10, 50, 100]; got [${steps.join(', ')}]` });
    } else if (steps.at(-1) !== 100) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: `the last step must be 100 (the candidate takes all traffic); got [${steps.join(', ')}]` });
    }
  }
}).superRefine((d, ctx) => {
  // Blue-green's first look is at 0%: a provider that watches user traffic sees none and reports it missing.
  const provider = d.analysis?.provider;
  if (d.strategy === 'blue-green' && !d.skip_analysis && (provider === 'databricks-metrics' || provider === 'prometheus') && d.analysis?.missing === 'fail') {
    const watches = provider === 'databricks-metrics' ? "the candidate's served entity in the metrics export" : "the candidate's traffic through analysis.queries";
    ctx.addIssue({ code: 'custom', path: ['analysis', 'provider'], message: `strategy blue-green analyses the candidate at 0% of traffic first, where ${provider} watches ${watches} and finds none, so the rollout would fail as missing after the deploy and the bake; use http-probe (it reaches the candidate directly through {{served_entity}}), or set analysis.missing: warn to let the 0% look pass with a warning and judge the switch to 100%` });
  }
}));

/** Everything but `environments`; an environment overlay is a partial of this. */
export const baseConfigShape = {
  version: z.literal(1, { error: 'the config format version must be 1' }),
  model,
  /** The tracking convention's experiments; defaults under /Shared/agent-release/<model>/ (see defaultExperimentNames). */
  experiments: strictObject({ development: nonEmpty.optional(), evaluation: nonEmpty.optional(), deployment: nonEmpty.optional() }).default({}),
  /** Where evaluate, gate and deploy write their files. */
  artifacts_dir: workspacePath().default('.agent-release'),
  evaluate: evaluateSchema.optional(),
  gate: gate.optional(),
  promote: promote.default({ alias: 'champion' }),
  deploy: deploy.optional(),
  /** Slack, Teams or signed JSON webhooks told of gate failures, promotions, deploys and rollbacks. */
  notifications: notificationsSchema.optional(),
  /** Recorded production requests replayed to candidate and champion (the shadow mode). */
  shadow: shadowSchema.optional(),
};

// environments: overlays merged into the base (config/load.ts) before it is checked.
export const configSchema = lazySchema(() => strictObject(baseConfigShape, ['environments']));
export type Config = z.infer<typeof configSchema>;
export type { EvaluateConfig, ScorerConfig } from './evaluate-schema';
export type GateConfig = z.infer<typeof gate>;
export type DeployConfig = z.infer<typeof deploy>;
export type AnalysisConfig = z.infer<typeof analysis>;
