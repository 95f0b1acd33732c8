/** Paired pass/fail results as a 2×2 table, and McNemar's exact test on its discordant cells. */

/** How the pairs split. Only the two discordant cells carry information about a difference. */
export interface PairedTable {
  bothPass: number;
  candidateOnly: number;
  championOnly: number;
  bothFail: number;
}

export function pairedTable(candidate: readonly number[], champion: readonly number[]): PairedTable {
  const table: PairedTable = { bothPass: 0, candidateOnly: 0, championOnly: 0, bothFail: 0 };
  candidate.forEach((passed, i) => {
    const championPassed = champion[i] === 1;
    if (passed === 1) table[championPassed ? 'bothPass' : 'candidateOnly']++;
    else table[championPassed ? 'championOnly' : 'bothFail']++;
  });
  return table;
}

/**
 * Two-sided exact McNemar p-value: under "no difference" each discordant pair is a fair coin,
 * so p = 2 · P(Binomial(b + c, ½) ≤ min(b, c)), capped at 1. Exact at every size (summed in log
 * space so 2^-n never underflows the whole sum), which avoids choosing a cut-over to the
 * chi-square approximation; the exact test is the slightly more cautious of the two.
 */
export function mcnemarExactPValue(candidateOnly: number, championOnly: number): number {
  for (const count of [candidateOnly, championOnly]) {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`discordant counts must be non-negative integers, got ${count}`);
  }
  const discordant = candidateOnly + championOnly;
  if (discordant === 0) return 1;
  const smaller = Math.min(candidateOnly, championOnly);
  const logHalfPower = discordant * Math.log(0.5);
  let logChoose = 0;
  let tail = 0;
  for (let i = 0; i <= smaller; i++) {
    if (i > 0) logChoose += Math.log(discordant - i + 1) - Math.log(i);
    tail += Math.exp(logChoose + logHalfPower);
  }
  return Math.min(1, 2 * tail);
}
