import { readJsonl } from '../contract/jsonl';
import { resultSchema } from '../contract/results';
import { InputError } from '../errors';
import type { RunResult } from '../stats';

/** One scorer's scores from a results.jsonl, keyed by example id. */
export interface ScorerScores {
  /** id → the example's score; repeated rows (`repeat: k`) are averaged. */
  byId: Map<string, number>;
  /** Every scored row's pass/fail, for flakiness; null once a score other than 0 or 1 is seen. */
  runs: RunResult[] | null;
  /** Scored rows (null scores and failed examples are not scored). */
  rows: number;
  /** Some example has more than one scored row. */
  repeated: boolean;
}

export interface ResultScores {
  /** The file as shown to users. */
  file: string;
  rows: number;
  /** Distinct example ids, scored or not. */
  ids: number;
  /** Rows whose call or scoring failed; left out of every score, as the summary's means leave them out. */
  errors: number;
  byScorer: Map<string, ScorerScores>;
  /** Per example (repeats averaged), from rows that reported them: total tokens and cost. Absent on a row is left out, never 0. */
  spend: { tokens: Map<string, number>; cost: Map<string, number> };
}

export interface ReadScoresOptions {
  /** Collect per-row pass/fail for flakiness (the candidate's file only). */
  keepRuns?: boolean;
}

/**
 * Streams a results.jsonl into per-scorer maps id → score. Rows are never held, only the
 * running sums, so memory grows with examples × scorers, not with the file's size.
 */
export async function readScores(file: string, shownFile: string, what: string, options: ReadScoresOptions = {}): Promise<ResultScores> {
  const sums = new Map<string, { byId: Map<string, { total: number; n: number }>; runs: RunResult[] | null; rows: number }>();
  const ids = new Set<string>();
  const spent = { tokens: new Map<string, { total: number; n: number }>(), cost: new Map<string, { total: number; n: number }>() };
  const addSpend = (into: Map<string, { total: number; n: number }>, id: string, value: number | undefined): void => {
    if (value === undefined) return;
    const entry = into.get(id) ?? { total: 0, n: 0 };
    entry.total += value;
    entry.n++;
    into.set(id, entry);
  };
  let rows = 0;
  let errors = 0;
  for await (const { line, value } of readJsonl(file, resultSchema, what)) {
    rows++;
    ids.add(value.id);
    if (value.error !== undefined) {
      errors++;
      continue;
    }
    addSpend(spent.tokens, value.id, value.usage?.total_tokens);
    addSpend(spent.cost, value.id, value.cost);
    for (const [scorer, score] of Object.entries(value.scores)) {
      if (score === null) continue;
      let entry = sums.get(scorer);
      if (!entry) {
        entry = { byId: new Map(), runs: options.keepRuns ? [] : null, rows: 0 };
        sums.set(scorer, entry);
      }
      entry.rows++;
      const perId = entry.byId.get(value.id) ?? { total: 0, n: 0 };
      perId.total += score;
      perId.n++;
      if (!Number.isFinite(perId.total)) {
        throw new InputError(`${file}:${line}: ${what} line: scores["${scorer}"]: ${score} makes the example's total overflow; scores must be ordinary finite numbers`);
      }
      entry.byId.set(value.id, perId);
      if (entry.runs) {
        if (score === 0 || score === 1) entry.runs.push({ id: value.id, passed: score === 1 });
        else entry.runs = null;
      }
    }
  }
  const byScorer = new Map<string, ScorerScores>();
  for (const [scorer, entry] of [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let repeated = false;
    const byId = new Map<string, number>();
    for (const [id, { total, n }] of entry.byId) {
      if (n > 1) repeated = true;
      byId.set(id, total / n);
    }
    byScorer.set(scorer, { byId, runs: entry.runs, rows: entry.rows, repeated });
  }
  const averaged = (m: Map<string, { total: number; n: number }>): Map<string, number> => new Map([...m].map(([id, { total, n }]) => [id, total / n]));
  return { file: shownFile, rows, ids: ids.size, errors, byScorer, spend: { tokens: averaged(spent.tokens), cost: averaged(spent.cost) } };
}

/** Pass/fail scores (every per-example score 0 or 1) are compared with exact methods; anything else by bootstrap. */
export function isBinary(...sides: readonly ScoresLike[]): boolean {
  return sides.every((side) => {
    for (const value of side.values()) if (value !== 0 && value !== 1) return false;
    return true;
  });
}

type ScoresLike = Pick<ReadonlyMap<string, number>, 'values'>;
