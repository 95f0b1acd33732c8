/**
 * The candidate's and the champion's scores of one metric laid out for compareScores, straight
 * from the typed arrays readScores fills: pairs are found by example number, and ids are sorted
 * only for graded scores, whose bootstrap resamples in id order. Pass/fail comparisons only count
 * (McNemar's table, Newcombe's and Wilson's intervals, means of 0s and 1s, which add up exactly
 * in any order), so they skip the sort of a million strings.
 */
import type { ScoreSides } from '../stats';
import type { ExampleIds } from './example-ids';
import { scoredBy, scoresInOrder, scoresOf, type ScorerScores } from './scores';

export function scoreSides(candidate: ScorerScores, champion: ScorerScores, examples: ExampleIds): ScoreSides {
  const byIdOrder = (numbers: Uint32Array): Uint32Array => {
    const names = examples.list();
    return numbers.slice().sort((a, b) => {
      const x = names[a] as string;
      const y = names[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  };
  let shared: Uint32Array | undefined;
  const sharedExamples = (): Uint32Array => (shared ??= scoredBy(champion, candidate.order));
  return {
    candidate: scoresInOrder(candidate),
    champion: scoresInOrder(champion),
    shared: () => sharedExamples().length,
    paired: (byId) => {
      const numbers = byId ? byIdOrder(sharedExamples()) : sharedExamples();
      return [scoresOf(candidate, numbers), scoresOf(champion, numbers)];
    },
    sortedById: (byId) => [scoresOf(candidate, byId ? byIdOrder(candidate.order) : candidate.order), scoresOf(champion, byId ? byIdOrder(champion.order) : champion.order)],
  };
}

/** Each side's scores in its own order, over the examples the other side scored too when `paired`. */
export function comparedScores(side: ScorerScores, other: ScorerScores, paired: boolean): readonly number[] {
  return paired ? scoresOf(side, scoredBy(other, side.order)) : scoresInOrder(side);
}
