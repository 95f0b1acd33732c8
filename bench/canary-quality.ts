import { judgeLook, type MetricJudgement, type RolloutPlan } from '../src/analysis/judgement';
import type { SideObservation } from '../src/analysis/judgement-checks';
import { judgementSettingsSchema, type JudgementSettings } from '../src/analysis/judgement-settings';
import { seededRandom, type RandomSource } from '../src/stats/random';

/**
 * Canary decision quality by simulation (seeded). A 10 → 50 → 100 rollout where every bake
 * window serves `requestsPerBake` requests split by the step's weight; data is cumulative from
 * the canary's start. Stable errors 1%; canary errors 1% (a good canary: any rollback is false)
 * or 3% (a bad one: how many canary requests until 95% of rollouts are rolled back). Latency is
 * log-normal (median 250 ms), equal on both sides, and compared with no allowance, so both
 * comparisons spend their share of the false-rollback budget.
 *
 * Rules: the judgement (1% false-rollback budget, Bonferroni over looks and metrics, min 200
 * requests a side, up to 2 bake extensions), next to two fixed-threshold rules at the end of
 * each step's bake: "canary error rate > 2%" and "canary error rate > stable + 1 point".
 */
export interface CanaryQualityRow {
  rule: string;
  /** Share of good canaries (1% vs 1%) rolled back at any look. */
  falseRollbackRate: number;
  /** Share of bad canaries (3% vs 1%) rolled back before the rollout finished. */
  detectionRate: number;
  /** Canary requests served when 95% of bad canaries had been rolled back; null if fewer than 95% ever were. */
  canaryRequestsFor95PercentDetection: number | null;
}

export interface CanaryQualityOptions {
  requestsPerBake?: number;
  seed?: number;
}

const STEPS = [10, 50, 100] as const;
const STABLE_ERROR_RATE = 0.01;
const BAD_CANARY_ERROR_RATE = 0.03;

export const benchSettings: JudgementSettings = judgementSettingsSchema.parse({
  false_rollback_rate: 0.01,
  min_requests: 200,
  limits: { error_rate: 0.05 },
  compare: { error_rate: { max_increase: 0 }, latency: { max_increase_ms: 0 } },
  inconclusive: { extend_bake: 2, then: 'fail' },
});

export function canaryQuality(trials: number, options: CanaryQualityOptions = {}): CanaryQualityRow[] {
  const requestsPerBake = options.requestsPerBake ?? 3000;
  const seed = options.seed ?? 20_261_124;
  const rules: Rule[] = [
    { name: 'judgement (1% budget, Bonferroni over looks and metrics)', run: judgementRollout },
    { name: 'fixed: canary error rate > 2%', run: fixedRollout((canary) => canary.errors / canary.requests > 0.02) },
    { name: 'fixed: canary error rate > stable + 1 point', run: fixedRollout((canary, stable) => canary.errors / canary.requests > rate(stable) + 0.01) },
  ];
  return rules.map((rule) => {
    const good = outcomes(rule, trials, STABLE_ERROR_RATE, requestsPerBake, seed);
    const bad = outcomes(rule, trials, BAD_CANARY_ERROR_RATE, requestsPerBake, seed + 1);
    const caught = bad.filter((at): at is number => at !== null).sort((a, b) => a - b);
    const needed = Math.ceil(0.95 * trials);
    return {
      rule: rule.name,
      falseRollbackRate: good.filter((at) => at !== null).length / trials,
      detectionRate: caught.length / trials,
      canaryRequestsFor95PercentDetection: caught.length >= needed ? (caught[needed - 1] as number) : null,
    };
  });
}

/** Returns the canary requests served when the rollout was rolled back, or null if it completed. */
type Rollout = (traffic: Traffic) => number | null;
interface Rule {
  name: string;
  run: Rollout;
}

function outcomes(rule: Rule, trials: number, canaryErrorRate: number, requestsPerBake: number, seed: number): (number | null)[] {
  const random = seededRandom(seed);
  return Array.from({ length: trials }, () => rule.run(new Traffic(random, canaryErrorRate, requestsPerBake)));
}

const plan: RolloutPlan = { steps: STEPS };

function judgementRollout(traffic: Traffic): number | null {
  for (let step = 0; step < STEPS.length; step++) {
    const decided: MetricJudgement[] = [];
    for (let extension = 0; extension <= benchSettings.inconclusive.extend_bake; extension++) {
      traffic.bake(STEPS[step] as number, true);
      const weight = STEPS[step] as number;
      const observation = weight < 100 ? { canary: traffic.canary, stable: traffic.stable } : { canary: traffic.canary };
      const judgement = judgeLook(observation, benchSettings, plan, { step, extension, decidedEarlierInStep: decided });
      if (judgement.action === 'rollback') return traffic.canary.requests;
      if (judgement.action === 'continue') break;
      decided.push(...judgement.metrics);
    }
  }
  return null;
}

function fixedRollout(rollsBack: (canary: SideObservation, stable: SideObservation) => boolean): Rollout {
  return (traffic) => {
    for (const weight of STEPS) {
      traffic.bake(weight, false);
      if (traffic.canary.requests > 0 && rollsBack(traffic.canary, traffic.stable)) return traffic.canary.requests;
    }
    return null;
  };
}

function rate(side: SideObservation): number {
  return side.requests > 0 ? side.errors / side.requests : 0;
}

/** Cumulative traffic of one simulated rollout. */
class Traffic {
  readonly canary = { requests: 0, errors: 0, latenciesMs: [] as number[] };
  readonly stable = { requests: 0, errors: 0, latenciesMs: [] as number[] };

  constructor(
    private readonly random: RandomSource,
    private readonly canaryErrorRate: number,
    private readonly requestsPerBake: number,
  ) {}

  /** One bake window at `weight`% canary; latencies only when the rule reads them (they cost the most to draw). */
  bake(weight: number, withLatency: boolean): void {
    const canaryRequests = Math.round((this.requestsPerBake * weight) / 100);
    this.serve(this.canary, canaryRequests, this.canaryErrorRate, withLatency);
    this.serve(this.stable, this.requestsPerBake - canaryRequests, STABLE_ERROR_RATE, withLatency);
  }

  private serve(side: Traffic['canary'], requests: number, errorRate: number, withLatency: boolean): void {
    side.requests += requests;
    for (let i = 0; i < requests; i++) {
      if (this.random() < errorRate) side.errors++;
      if (withLatency) side.latenciesMs.push(Math.round(250 * Math.exp(0.6 * this.standardNormal())));
    }
  }

  /** Box-Muller; 1 − u keeps the logarithm away from 0. */
  private standardNormal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.random())) * Math.cos(2 * Math.PI * this.random());
  }
}
