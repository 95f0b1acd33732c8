/**
 * How good are the gate's decisions? A pure, seeded Monte-Carlo of the allowed-drop rule on
 * pass/fail scores, next to the naive "candidate mean ≥ champion mean − maxDrop" rule, for the
 * bench to report false-block rate (true drop within the allowance) and power (true drop beyond it).
 *
 * Correlation model: on every example the champion passes with probability `passRate` and the
 * candidate with `passRate − drop`, and the two results on the same example have phi
 * correlation `correlation`, i.e. P(both pass) = p·q + ρ·√(p(1−p)q(1−q)). For re-runs of one
 * agent ρ is the intra-class correlation of its pass/fail across examples: at p = 0.8, ρ = 0.8
 * means the two runs agree on about 94% of examples. ρ = 0 is two unrelated agents.
 */
import { compareWithChampion } from './compare';
import { decideDrop } from './decide';
import { seededRandom } from './random';
import { checkConfidence } from './validate';

export interface DecisionQualitySettings {
  /** Examples per evaluation (both sides). */
  n: number;
  /** Champion's true pass rate. */
  passRate: number;
  /** True fall of the candidate's pass rate (0 = equal agents). */
  drop: number;
  /** Phi correlation between the two sides' results on one example, in [0, 1]. */
  correlation: number;
  maxDrop: number;
  confidence: number;
  trials: number;
  seed: number;
  /** false: the two sides scored different examples, exercising the unpaired fallback. Default true. */
  paired?: boolean;
}

export interface DecisionQuality {
  /** `false-block-rate` when the true drop is within maxDrop (any block is wrong), `power` otherwise. */
  measures: 'false-block-rate' | 'power';
  /** Share of trials per verdict of the allowed-drop rule. */
  verdicts: { pass: number; fail: number; inconclusive: number };
  /** Share of trials blocked: by the rule when inconclusive passes or warns, when it fails, and by the naive rule. */
  blockRate: { rule: number; ruleInconclusiveFails: number; naive: number };
}

export function simulateDecisionQuality(settings: DecisionQualitySettings): DecisionQuality {
  const { n, passRate, drop, correlation, maxDrop, confidence, trials, seed, paired = true } = settings;
  checkConfidence(confidence);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isSafeInteger(trials) || trials < 1) throw new RangeError(`trials must be a positive integer, got ${trials}`);
  const cells = cellProbabilities(passRate, passRate - drop, paired ? correlation : 0);
  const random = seededRandom(seed);
  const ids = Array.from({ length: n }, (_, i) => `example-${i}`);
  const championIds = paired ? ids : ids.map((id) => `other-${id}`);
  const tally = { pass: 0, fail: 0, inconclusive: 0, naiveBlocks: 0 };

  for (let trial = 0; trial < trials; trial++) {
    const candidate = new Map<string, number>();
    const champion = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const [candidatePassed, championPassed] = drawPair(cells, random());
      candidate.set(ids[i] as string, candidatePassed);
      champion.set(championIds[i] as string, championPassed);
    }
    const comparison = compareWithChampion(candidate, champion, { kind: 'binary', confidence });
    tally[decideDrop(comparison, { metric: 'simulated', maxDrop, inconclusive: 'warn' }).verdict]++;
    if (comparison.candidateMean < comparison.championMean - maxDrop) tally.naiveBlocks++;
  }

  const share = (count: number): number => count / trials;
  return {
    measures: drop > maxDrop ? 'power' : 'false-block-rate',
    verdicts: { pass: share(tally.pass), fail: share(tally.fail), inconclusive: share(tally.inconclusive) },
    blockRate: { rule: share(tally.fail), ruleInconclusiveFails: share(tally.fail + tally.inconclusive), naive: share(tally.naiveBlocks) },
  };
}

interface Cells {
  bothPass: number;
  candidateOnly: number;
  championOnly: number;
}

/** The joint distribution of (candidate, champion) on one example; refuses settings no distribution can have. */
function cellProbabilities(champion: number, candidate: number, correlation: number): Cells {
  for (const [name, rate] of [['passRate', champion], ['passRate − drop', candidate]] as const) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be a probability, got ${rate}`);
  }
  if (!(correlation >= 0 && correlation <= 1)) throw new RangeError(`correlation must be in [0, 1], got ${correlation}`);
  const spread = Math.sqrt(candidate * (1 - candidate) * champion * (1 - champion));
  const bothPass = candidate * champion + correlation * spread;
  // Two sides with different pass rates cannot agree on every example: P(both pass) ≤ the smaller rate.
  const highest = spread === 0 ? 1 : (Math.min(candidate, champion) - candidate * champion) / spread;
  if (correlation > highest + 1e-12) {
    throw new RangeError(
      `correlation ${correlation} is impossible for pass rates ${champion} and ${candidate}: the highest possible is ${highest.toFixed(3)}`,
    );
  }
  const clamped = Math.min(bothPass, candidate, champion);
  return { bothPass: clamped, candidateOnly: candidate - clamped, championOnly: champion - clamped };
}

function drawPair(cells: Cells, u: number): [number, number] {
  if (u < cells.bothPass) return [1, 1];
  if (u < cells.bothPass + cells.candidateOnly) return [1, 0];
  if (u < cells.bothPass + cells.candidateOnly + cells.championOnly) return [0, 1];
  return [0, 0];
}
