import { candidateFirstPlan, outcomeOf, type PairVerdict } from '../src/shadow/judge';
import { comparePairs, significantlyWorse, type PairCounts } from '../src/shadow/stats';
import { seededRandom, type RandomSource } from '../src/stats/random';

/**
 * How often the shadow rule blocks, by simulation (seeded), with a judge as imperfect as real
 * ones: between two equally good answers it says "tie" 50% of the time and otherwise picks
 * answer A 65% of the time (position bias); where one answer is really worse it picks the better
 * one 85% of the time, ties 10%, and the worse one 5%. The candidate is worse on `drop` of the
 * traffic (0.05: a 5-point quality drop) and equal elsewhere. Half the pairs are swapped
 * (candidateFirstPlan), as the replay does; the rule blocks when the 95% interval on
 * lossRate − winRate lies above 0.
 */
export interface ShadowDetectionRow {
  replayed: number;
  drop: number;
  blockedShare: number;
}

function judge(random: RandomSource, candidateWorse: boolean, candidateIsA: boolean): PairVerdict {
  const u = random();
  if (candidateWorse) {
    const better: PairVerdict = candidateIsA ? 'B' : 'A';
    const worse: PairVerdict = candidateIsA ? 'A' : 'B';
    return u < 0.85 ? better : u < 0.95 ? 'tie' : worse;
  }
  if (u < 0.5) return 'tie';
  return random() < 0.65 ? 'A' : 'B';
}

export function shadowDetection(options: { replayed: number; drop: number; runs?: number; seed?: number }): ShadowDetectionRow {
  const runs = options.runs ?? 2000;
  const random = seededRandom(options.seed ?? 18);
  let blocked = 0;
  for (let run = 0; run < runs; run++) {
    const counts: PairCounts = { candidate: 0, champion: 0, tie: 0 };
    const plan = candidateFirstPlan(options.replayed, run);
    for (let i = 0; i < options.replayed; i++) {
      const candidateIsA = plan[i] ?? true;
      counts[outcomeOf(judge(random, random() < options.drop, candidateIsA), candidateIsA)]++;
    }
    const comparison = comparePairs(counts, 0.95);
    if (comparison && significantlyWorse(comparison, 0)) blocked++;
  }
  return { replayed: options.replayed, drop: options.drop, blockedShare: blocked / runs };
}

/** Without swapping: every pair shows the candidate as A, so the judge's position bias lands on one side. */
export function unswappedFalseBlock(options: { replayed: number; runs?: number; seed?: number }): number {
  const runs = options.runs ?? 2000;
  const random = seededRandom(options.seed ?? 18);
  let blocked = 0;
  for (let run = 0; run < runs; run++) {
    const counts: PairCounts = { candidate: 0, champion: 0, tie: 0 };
    for (let i = 0; i < options.replayed; i++) counts[outcomeOf(judge(random, false, false), false)]++;
    const comparison = comparePairs(counts, 0.95);
    if (comparison && significantlyWorse(comparison, 0)) blocked++;
  }
  return blocked / runs;
}

if (process.argv[1]?.endsWith('shadow-detection.ts')) {
  console.log('| replayed | candidate worse on | blocked (share of 2000 seeded runs) |');
  console.log('| --- | --- | --- |');
  for (const replayed of [500, 2000]) {
    for (const drop of [0.05, 0]) {
      const row = shadowDetection({ replayed, drop });
      console.log(`| ${replayed} | ${drop * 100}% | ${(row.blockedShare * 100).toFixed(1)}% |`);
    }
  }
  console.log(`\nwithout the position swap, equal agents at 2000: ${(unswappedFalseBlock({ replayed: 2000 }) * 100).toFixed(1)}% blocked (the judge's A-bias lands on the candidate)`);
}
