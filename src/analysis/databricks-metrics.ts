/**
 * The `databricks-metrics` analysis provider: a serving endpoint's own metrics export, split by
 * served entity, so the canary and the stable entity are judged on real traffic.
 *
 * What the export counts. Databricks documents request_count_total, request_4xx_count_total
 * and request_5xx_count_total as gauges holding the LAST MINUTE's count despite the suffix
 * (their Datadog integration maps them to gauges "during the last minute"; scrapes in public
 * repositories show `# TYPE … gauge` and an epoch-ms timestamp on each line), and
 * request_latency_ms as a histogram; ASSUMED: its buckets cover the same minute. So one scrape
 * after the bake would see one minute of it. Instead the provider scrapes at the window's start
 * (a baseline) and every scrape_interval until it ends, and sums each minute it saw appear after
 * the baseline once (a minute is keyed by the line's timestamp, else by the clock minute of the
 * scrape, so scrapes within one minute count it once, the last one read winning).
 * Should an export declare the counters `counter` (cumulative), the same scrapes are read the
 * Prometheus way instead: last minus first, a drop counting as a reset. Either way two scrapes
 * are the least and the difference over the window is what is judged.
 * The label naming the entity is not documented, and third-party scrapes disagree: `served_entity`,
 * `served_model`, or none at all. It is detected on the first read that has request counts
 * (`detectEntityLabel`; `entity_label` overrides it). An export with no such label cannot tell
 * the canary from the stable entity: preflight (and so dry-run) says so, naming the labels seen
 * and the providers that can (http-probe with stable_url, or Prometheus), rather than let every
 * look fail for want of data. An entity with no samples is reported missing by name, never as
 * zero traffic.
 */
import { systemClock, type Clock } from '../clock';
import type { DatabricksMetricsConfig } from '../config/databricks-metrics-schema';
import type { RuleResult } from '../contract/decision';
import { DatabricksApi } from '../databricks/api';
import { DatabricksApiError } from '../databricks/files';
import { InputError } from '../errors';
import { judgeThreshold } from '../gate/thresholds';
import type { Credentials } from '../http/credentials';
import type { RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';
import { fillTemplate } from '../template';
import type { LookObservation, SideObservation } from './judgement';
import { histogramQuantile, parsePrometheusText, PrometheusTextError, type Exposition } from './prometheus-text';
import type { AnalysisPreflight, AnalysisProvider, AnalysisResult, AnalysisVariables } from './types';

export type DatabricksMetricsVariables = AnalysisVariables & { servedEntity?: string | null; stableServedEntity?: string | null };

export interface DatabricksMetricsDeps {
  /** Workspace URL. */
  host: string;
  credentials: Credentials;
  clock?: Clock;
  logger?: Logger;
  policy?: RetryPolicy;
  random?: () => number;
}

export interface EntityTotals {
  requests: number;
  errors: number;
  /** Undefined when the export has no latency histogram for the entity, or it saw no request. */
  latencyP95Ms?: number;
}

export interface DatabricksMetricsResult extends AnalysisResult {
  /** For judgeLook; undefined when a configured entity had no samples (see the checks). */
  observation?: LookObservation;
}

const requestFamily = 'request_count_total';
const errorFamilies = { '4xx': 'request_4xx_count_total', '5xx': 'request_5xx_count_total' } as const;
const latencyFamily = 'request_latency_ms';

interface Scrape {
  at: number;
  exposition: Exposition;
}

/** Labels that have been seen naming the served entity, in the order they are tried. */
export const entityLabelCandidates = ['served_entity', 'served_model'] as const;

export interface LabelDetection {
  /** The label naming the served entity; null when no request count carries one. */
  label: string | null;
  /** Every label name on the request counts, sorted. */
  seen: string[];
  /** How many request_count_total samples the read had (0: nothing to detect from yet). */
  samples: number;
}

/** Which label names the served entity in one read of the export: the configured one, else the first candidate present. */
export function detectEntityLabel(exposition: Exposition, configured?: string): LabelDetection {
  const samples = exposition.samples.filter((s) => s.name === requestFamily);
  const seen = [...new Set(samples.flatMap((s) => Object.keys(s.labels)))].sort();
  const candidates: readonly string[] = configured ? [configured] : entityLabelCandidates;
  const label = candidates.find((c) => samples.some((s) => s.labels[c] !== undefined)) ?? null;
  return { label, seen, samples: samples.length };
}

/** What to use instead when the export cannot tell entities apart. */
const alternatives =
  'judge the canary with deploy.analysis.provider http-probe (stable_url probes the stable side), or scrape the endpoint into Prometheus and use provider prometheus';

function labelsSeen(detection: LabelDetection): string {
  return detection.seen.length ? detection.seen.join(', ') : 'none';
}

/**
 * The scrapes of one window, kept apart from the scraping so the sums can be checked on their own.
 * The rollout calls run() after the step's bake, and run() fills a fresh one (baseline, then every
 * scrape_interval for `window`): the window follows the bake, so each look adds `window` to the step.
 */
export class MetricsWindow {
  private readonly scrapes: Scrape[] = [];
  private detected: LabelDetection | undefined;

  /** `configuredLabel` (entity_label) when set; otherwise the label is detected on the first read with request counts. */
  constructor(private readonly configuredLabel?: string) {}

  add(exposition: Exposition, at: number): void {
    this.scrapes.push({ exposition, at });
    if (!this.detected?.samples) this.detected = detectEntityLabel(exposition, this.configuredLabel);
  }

  /** What the first read with request counts showed; undefined before any read. */
  get detection(): LabelDetection | undefined {
    return this.detected;
  }

  /** The label naming entities; null when the export has request counts but no such label. */
  get entityLabel(): string | null {
    return this.detected?.samples ? this.detected.label : (this.configuredLabel ?? entityLabelCandidates[0]);
  }

  get size(): number {
    return this.scrapes.length;
  }

  /** Entities that have request counts in any scrape, sorted. */
  entities(): string[] {
    const label = this.entityLabel;
    if (label === null) return [];
    const seen = new Set<string>();
    for (const { exposition } of this.scrapes) {
      for (const s of exposition.samples) if (s.name === requestFamily && s.labels[label] !== undefined) seen.add(s.labels[label]);
    }
    return [...seen].sort();
  }

  /** The entity's traffic over the window; undefined when no scrape has a request count for it. */
  totals(entity: string, errorClasses: readonly ('4xx' | '5xx')[]): EntityTotals | undefined {
    if (this.scrapes.length < 2) throw new RangeError('a window needs a baseline scrape and at least one more');
    const label = this.entityLabel;
    if (label === null || !this.entities().includes(entity)) return undefined;
    const cumulative = this.scrapes[0]?.exposition.families.get(requestFamily)?.type === 'counter';
    const total = (name: string, match: (labels: Record<string, string>) => boolean): number => this.increase(name, label, entity, match, cumulative);
    const requests = total(requestFamily, () => true);
    const errors = errorClasses.reduce((sum, c) => sum + total(errorFamilies[c], () => true), 0);
    const bounds = new Set<string>();
    for (const { exposition } of this.scrapes) {
      for (const s of exposition.samples) if (s.name === `${latencyFamily}_bucket` && s.labels[label] === entity && s.labels.le) bounds.add(s.labels.le);
    }
    const buckets = new Map<number, number>();
    for (const le of bounds) buckets.set(Number(le.replace(/^\+?Inf$/, 'Infinity')), total(`${latencyFamily}_bucket`, (labels) => labels.le === le));
    const p95 = buckets.size > 0 ? histogramQuantile(buckets, 0.95) : undefined;
    return { requests, errors, ...(p95 !== undefined ? { latencyP95Ms: p95 } : {}) };
  }

  /** Summed over the entity's series of `name` (other labels such as le split series). */
  private increase(name: string, label: string, entity: string, match: (labels: Record<string, string>) => boolean, cumulative: boolean): number {
    const series = new Map<string, { at: number; key: string; value: number }[]>();
    for (const { exposition, at } of this.scrapes) {
      for (const s of exposition.samples) {
        if (s.name !== name || s.labels[label] !== entity || !match(s.labels) || Number.isNaN(s.value)) continue;
        const id = JSON.stringify(Object.entries(s.labels).sort());
        const points = series.get(id) ?? [];
        // Without a timestamp the scrape's clock minute stands for the minute it reports, so scraping
        // more often than once a minute re-reads that minute instead of adding it again.
        points.push({ at, key: s.timestampMs !== undefined ? `at@${s.timestampMs}` : `minute@${Math.floor(at / 60_000)}`, value: s.value });
        series.set(id, points);
      }
    }
    const baselineAt = this.scrapes[0]?.at;
    let sum = 0;
    for (const points of series.values()) {
      if (cumulative) {
        const first = points[0]?.at === baselineAt ? (points[0]?.value ?? 0) : 0;
        let previous = first;
        for (const p of points.slice(points[0]?.at === baselineAt ? 1 : 0)) {
          sum += p.value >= previous ? p.value - previous : p.value;
          previous = p.value;
        }
      } else {
        const before = new Set(points.filter((p) => p.at === baselineAt).map((p) => p.key));
        const minutes = new Map<string, number>();
        for (const p of points) if (!before.has(p.key)) minutes.set(p.key, p.value);
        for (const value of minutes.values()) sum += value;
      }
    }
    return sum;
  }
}

export class DatabricksMetricsAnalysis implements AnalysisProvider {
  readonly kind = 'databricks-metrics';
  /** The workspace origin: workspaceOrigin refuses credentials in it, so it prints as is. */
  readonly host: string;
  private readonly clock: Clock;
  private readonly api: DatabricksApi;

  constructor(
    private readonly config: DatabricksMetricsConfig,
    private readonly deps: DatabricksMetricsDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.api = new DatabricksApi(
      { host: deps.host, credentials: deps.credentials, clock: this.clock, logger: deps.logger, retryPolicy: deps.policy, random: deps.random, timeoutMs: config.timeout },
      'databricks.metrics',
    );
    this.host = this.api.host;
  }

  describe(variables: DatabricksMetricsVariables): string {
    const { canary, stable } = this.entities(variables);
    const c = this.config;
    return `read the metrics export of serving endpoint ${c.endpoint} at ${this.host} every ${c.scrape_interval / 1000} s for ${c.window / 1000} s; judge served entity ${canary}${stable ? ` against ${stable}` : ''}; fail if error rate (${c.errors.join('+')}) > ${c.limits.error_rate}${c.limits.latency_p95_ms ? ` or p95 latency > ${c.limits.latency_p95_ms} ms` : ''}`;
  }

  /** Samples the whole window (baseline, then every scrape_interval), then judges it. */
  async run(variables: DatabricksMetricsVariables, signal?: AbortSignal): Promise<DatabricksMetricsResult> {
    const window = new MetricsWindow(this.config.entity_label);
    await this.scrapeInto(window, signal);
    // The window opens when the baseline is in hand, however long its retries took.
    const start = this.clock.now();
    for (let elapsed = 0; elapsed < this.config.window; elapsed = this.clock.now() - start) {
      await this.clock.sleep(Math.min(this.config.scrape_interval, this.config.window - elapsed), signal);
      await this.scrapeInto(window, signal);
    }
    return this.judge(window, variables);
  }

  async scrapeInto(window: MetricsWindow, signal?: AbortSignal): Promise<void> {
    window.add(await this.scrape(signal), this.clock.now());
  }

  /** Per-entity numbers, limit checks on the canary, and the observation for the canary judgement. */
  judge(window: MetricsWindow, variables: DatabricksMetricsVariables): DatabricksMetricsResult {
    const { canary, stable } = this.entities(variables);
    const metrics: Record<string, number> = {};
    const checks: RuleResult[] = [];
    const sides: Partial<Record<'canary' | 'stable', SideObservation>> = {};
    const detection = window.detection;
    if (detection?.samples && detection.label === null) {
      checks.push(this.missing('requests', `requests: missing: ${this.noEntityLabel(detection)}`));
      return { provider: this.kind, passed: checks.every((check) => check.passed), metrics, checks };
    }
    for (const [side, entity] of [['canary', canary], ['stable', stable]] as const) {
      if (entity === undefined) continue;
      const prefix = side === 'canary' ? '' : 'stable/';
      const totals = window.totals(entity, this.config.errors);
      if (!totals) {
        const present = window.entities();
        const reason = `${prefix}requests: missing: served entity "${entity}" has no ${requestFamily} samples (label ${window.entityLabel ?? '?'}) in the export of ${this.config.endpoint}; entities present: ${present.length ? present.join(', ') : 'none'}. No data is not zero traffic: check the entity name and entity_label`;
        checks.push(this.missing(`${prefix}requests`, reason));
        continue;
      }
      sides[side] = { requests: totals.requests, errors: totals.errors, ...(totals.latencyP95Ms !== undefined ? { latencyP95Ms: totals.latencyP95Ms } : {}) };
      metrics[`${prefix}requests`] = totals.requests;
      metrics[`${prefix}errors`] = totals.errors;
      if (totals.requests > 0) metrics[`${prefix}error_rate`] = totals.errors / totals.requests;
      if (totals.latencyP95Ms !== undefined) metrics[`${prefix}latency_ms/p95`] = Math.round(totals.latencyP95Ms * 10) / 10;
      if (side === 'canary') checks.push(...this.limitChecks(entity, metrics));
    }
    const complete = sides.canary && (stable === undefined || sides.stable);
    const observation = complete && sides.canary ? { canary: sides.canary, ...(sides.stable ? { stable: sides.stable } : {}) } : undefined;
    return { provider: this.kind, passed: checks.every((check) => check.passed), metrics, checks, ...(observation ? { observation } : {}) };
  }

  /**
   * One read of the export before anything changes: which label names the served entity, or
   * that none does (then the canary cannot be judged by this provider, and deploy should not start).
   */
  async preflight(): Promise<AnalysisPreflight> {
    const endpoint = this.config.endpoint;
    let exposition: Exposition;
    try {
      exposition = await this.scrape();
    } catch (error) {
      if (error instanceof DatabricksApiError && error.status === 404) {
        return { problems: [], checks: [`serving endpoint ${endpoint} has no metrics export yet (it does not exist); the label naming served entities is detected on the first read during the rollout`] };
      }
      return { problems: [`deploy.analysis (databricks-metrics) could not read the metrics export: ${(error as Error).message}`], checks: [] };
    }
    const detection = detectEntityLabel(exposition, this.config.entity_label);
    if (detection.samples === 0) {
      return { problems: [], checks: [`the metrics export of ${endpoint} has no ${requestFamily} samples yet; the label naming served entities is detected on the first read during the rollout`] };
    }
    if (detection.label === null) return { problems: [this.noEntityLabel(detection)], checks: [] };
    const values = [...new Set(exposition.samples.filter((s) => s.name === requestFamily).map((s) => s.labels[detection.label as string]).filter(Boolean))].sort();
    return { problems: [], checks: [`the metrics export of ${endpoint} names served entities by label ${detection.label} (now: ${values.join(', ')})`] };
  }

  private noEntityLabel(detection: LabelDetection): string {
    const looked = this.config.entity_label ? `label ${this.config.entity_label} (deploy.analysis.entity_label)` : `label naming the served entity (${entityLabelCandidates.join(' or ')})`;
    return (
      `the metrics export of serving endpoint ${this.config.endpoint} has no ${looked} on ${requestFamily} (labels seen: ${labelsSeen(detection)}), ` +
      `so databricks-metrics cannot tell the canary from the stable entity and every look would end without data; ${alternatives}` +
      (detection.seen.length ? `, or set deploy.analysis.entity_label if one of the labels seen names the entity` : '')
    );
  }

  private limitChecks(entity: string, metrics: Record<string, number>): RuleResult[] {
    const limits = this.config.limits;
    const rate = metrics.error_rate;
    const checks = [
      rate === undefined
        ? this.missing('error_rate', `error_rate: missing: served entity "${entity}" served no requests in the window, so it has no error rate (send traffic to the canary or lengthen the window)`)
        : judgeThreshold('error_rate', rate, { max: limits.error_rate }),
    ];
    if (limits.latency_p95_ms !== undefined) {
      const p95 = metrics['latency_ms/p95'];
      checks.push(
        p95 === undefined
          ? this.missing('latency_ms/p95', `latency_ms/p95: missing: the export has no ${latencyFamily} histogram with requests for "${entity}" (some workspaces export only the request counters); remove limits.latency_p95_ms or use http-probe`)
          : judgeThreshold('latency_ms/p95', p95, { max: limits.latency_p95_ms }),
      );
    }
    return checks;
  }

  private missing(metric: string, reason: string): RuleResult {
    const tolerated = this.config.missing === 'warn';
    return { rule: 'threshold', metric, passed: tolerated, warning: tolerated, reason, inputs: { outcome: 'missing' } };
  }

  private entities(variables: DatabricksMetricsVariables): { canary: string; stable?: string } {
    const values = { served_entity: variables.servedEntity ?? null, stable_served_entity: variables.stableServedEntity ?? null, version: variables.version, previous_version: variables.previousVersion, model: variables.model, environment: variables.environment };
    const canary = fillTemplate(this.config.canary_entity, values, 'deploy.analysis.canary_entity');
    if (canary === '') throw new InputError(`deploy.analysis.canary_entity "${this.config.canary_entity}" names no served entity for this release (the deploy target provided none); set it to the canary's served entity name`);
    const stable = this.config.stable_entity === undefined ? undefined : fillTemplate(this.config.stable_entity, values, 'deploy.analysis.stable_entity');
    return { canary, ...(stable ? { stable } : {}) };
  }

  /** One GET of the export through the shared Databricks client (retries, a 401 answered once with fresh credentials). */
  private async scrape(signal?: AbortSignal): Promise<Exposition> {
    const what = `read the metrics export of serving endpoint ${this.config.endpoint}`;
    const res = await this.api.call({
      what,
      method: 'GET',
      path: `/api/2.0/serving-endpoints/${encodeURIComponent(this.config.endpoint)}/metrics`,
      idempotent: true,
      // ASSUMED: text/plain is what the SDKs ask for; the export answers Prometheus or OpenMetrics text.
      accept: 'text/plain',
      signal,
      hints: {
        401: `the workspace ${this.host} rejected ${this.deps.credentials.description}${this.deps.credentials.fixed ? '' : ' (also after fetching a fresh token)'}; check DATABRICKS_TOKEN or the OAuth / OIDC settings`,
        403: 'the identity needs CAN_QUERY (or higher) on the serving endpoint to read its metrics',
        404: 'check deploy.analysis.endpoint; endpoints without an export (foundation-model APIs) answer 404 too',
      },
    });
    try {
      return parsePrometheusText(res.body);
    } catch (error) {
      if (!(error instanceof PrometheusTextError)) throw error;
      const page = /^\s*</.test(res.body) ? ' (an HTML page: a login page or proxy?)' : '';
      throw new DatabricksApiError(what, 200, 'INVALID_RESPONSE', `the answer is not Prometheus text${page}: ${error.message}`, false, 'check that the host is the workspace URL');
    }
  }
}
