import { stat } from '../fs-async';
import { forEachJsonl, type JsonlRow } from '../contract/jsonl';
import { isPlainResult, resultSchema, type Result } from '../contract/results';
import { InputError } from '../errors';
import { ExampleIds } from './example-ids';
import { createSha256 } from '../hash/sha256';

/** One scorer's scores from a results.jsonl, by example number (see ExampleIds). */
export interface ScorerScores {
  /** Example numbers in the order this scorer first scored them. */
  order: Uint32Array;
  /** By example number: the sum of its scores and how many rows were scored (0: none). */
  totals: Float64Array;
  counts: Uint32Array;
  /** Scored rows (null scores and failed examples are not scored). */
  rows: number;
  /** Some example has more than one scored row. */
  repeated: boolean;
  /** Every scored row was 0 or 1 (flakiness counts passes only then). */
  passFail: boolean;
}

/** An example's score: the mean of its scored rows (repeats averaged). */
export function scoreOf(scores: ScorerScores, example: number): number {
  return (scores.totals[example] as number) / (scores.counts[example] as number);
}

export function isScored(scores: ScorerScores, example: number): boolean {
  return example < scores.counts.length && (scores.counts[example] as number) > 0;
}

export interface ResultScores {
  /** The file as shown to users. */
  file: string;
  /** `sha256:<hex>` of the bytes read. */
  digest: string;
  rows: number;
  /** Distinct example ids, scored or not. */
  ids: number;
  /** Rows whose call or scoring failed; left out of every score, as the summary's means leave them out. */
  errors: number;
  examples: ExampleIds;
  byScorer: Map<string, ScorerScores>;
  /**
   * Per example, from rows that reported them: total tokens and cost, laid out as a scorer's
   * scores (repeats averaged by scoreOf). Absent on a row is left out, never 0; no example at all: empty.
   */
  spend: { tokens: ScorerScores; cost: ScorerScores };
}

export interface ReadScoresOptions {
  /** Number examples in this table (the candidate's, when reading its champion), so the two sides pair by number. */
  examples?: ExampleIds;
  /**
   * How many distinct ids the file should hold (its summary's dataset rows): the arrays start at
   * that size rather than doubling their way up to it. A hint only; it cannot make a read fail.
   */
  expectedIds?: number;
}

/** The shortest row resultSchema accepts is longer: `{"id":"a","inputs":0,"outputs":0,"scores":{},"latency_ms":0}`. */
const minimalRowBytes = 32;

interface Growing {
  order: Uint32Array;
  scored: number;
  totals: Float64Array;
  counts: Uint32Array;
  rows: number;
  repeated: boolean;
  passFail: boolean;
}

/**
 * Streams a results.jsonl once into per-scorer sums by example number, hashing it on the way.
 * Rows are never held, so memory grows with examples × scorers (about 16 bytes each), not
 * with the file's size.
 */
export async function readScores(file: string, shownFile: string, what: string, options: ReadScoresOptions = {}): Promise<ResultScores> {
  // No file holds more ids than it has minimal rows, so a summary that overstates its rows costs nothing.
  const expected = options.expectedIds ? Math.min(options.expectedIds, await mostRows(file)) : 0;
  const examples = options.examples ?? new ExampleIds(expected);
  const numberOf = examples.cursor();
  const sums = new Map<string, Growing>();
  const hash = createSha256();
  const capacity = Math.max(1024, examples.size, expected);
  const growing = (): Growing => ({ order: new Uint32Array(capacity), scored: 0, totals: new Float64Array(capacity), counts: new Uint32Array(capacity), rows: 0, repeated: false, passFail: true });
  // Made on the first row that reports spend: results without usage or cost cost nothing for it.
  let tokens: Growing | undefined;
  let cost: Growing | undefined;
  let seen = new Uint8Array(capacity);
  let ids = 0;
  let rows = 0;
  let errors = 0;
  const onRow = ({ line, value }: JsonlRow<Result>): void => {
    rows++;
    const example = numberOf(value.id);
    if (example >= seen.length) seen = grown(seen, example);
    if (seen[example] === 0) {
      seen[example] = 1;
      ids++;
    }
    if (value.error !== undefined) {
      errors++;
      return;
    }
    const spentTokens = value.usage?.total_tokens;
    if (spentTokens !== undefined) add((tokens ??= growing()), example, spentTokens);
    if (value.cost !== undefined) add((cost ??= growing()), example, value.cost);
    for (const scorer in value.scores) {
      const score = value.scores[scorer];
      if (score === null || score === undefined) continue;
      let entry = sums.get(scorer);
      if (!entry) {
        entry = growing();
        sums.set(scorer, entry);
      }
      if (!Number.isFinite(add(entry, example, score))) {
        throw new InputError(`${file}:${line}: ${what} line: scores["${scorer}"]: ${score} makes the example's total overflow; scores must be ordinary finite numbers`);
      }
      if (score !== 0 && score !== 1) entry.passFail = false;
    }
  };
  await forEachJsonl(file, resultSchema, what, onRow, { quick: isPlainResult, hash });
  const byScorer = new Map<string, ScorerScores>();
  for (const [scorer, entry] of [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) byScorer.set(scorer, finished(entry));
  const spend = { tokens: tokens ? finished(tokens) : noScores(), cost: cost ? finished(cost) : noScores() };
  return { file: shownFile, digest: `sha256:${hash.digest('hex')}`, rows, ids, errors, examples, byScorer, spend };
}

/** Adds one row's value to its example's sum; returns the new sum. */
function add(entry: Growing, example: number, value: number): number {
  entry.rows++;
  if (example >= entry.counts.length) {
    entry.totals = grown(entry.totals, example);
    entry.counts = grown(entry.counts, example);
  }
  const count = entry.counts[example] as number;
  if (count === 0) {
    if (entry.scored === entry.order.length) entry.order = grown(entry.order, entry.scored);
    entry.order[entry.scored++] = example;
  } else entry.repeated = true;
  entry.counts[example] = count + 1;
  const total = (entry.totals[example] as number) + value;
  entry.totals[example] = total;
  return total;
}

function finished({ order, scored, totals, counts, rows, repeated, passFail }: Growing): ScorerScores {
  return { order: order.subarray(0, scored), totals, counts, rows, repeated, passFail };
}

function noScores(): ScorerScores {
  return { order: new Uint32Array(0), totals: new Float64Array(0), counts: new Uint32Array(0), rows: 0, repeated: false, passFail: true };
}

/** An upper bound on the file's rows; 0 when it cannot be read (the read then says why). */
async function mostRows(file: string): Promise<number> {
  try {
    return Math.ceil((await stat(file)).size / minimalRowBytes);
  } catch {
    return 0;
  }
}

/** A copy at least large enough to hold index `needed`, doubling so that growing stays linear. */
function grown<T extends Uint8Array | Uint32Array | Float64Array>(array: T, needed: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(array.length * 2, needed + 1));
  bigger.set(array);
  return bigger;
}

const inOrder = new WeakMap<ScorerScores, readonly number[]>();

/**
 * The scores of a scorer in the order it first scored each example: built once and shared, as a
 * million-example comparison asks for the same array several times. Never mutated.
 */
export function scoresInOrder(scores: ScorerScores): readonly number[] {
  let values = inOrder.get(scores);
  if (!values) {
    values = collect(scores, scores.order);
    inOrder.set(scores, values);
  }
  return values;
}

/** The scores of the given examples, in that order (the shared in-order array when that is what they are). */
export function scoresOf(scores: ScorerScores, examples: Uint32Array): readonly number[] {
  return sameExamples(examples, scores.order) ? scoresInOrder(scores) : collect(scores, examples);
}

function collect(scores: ScorerScores, examples: Uint32Array): number[] {
  const values = new Array<number>(examples.length);
  for (let i = 0; i < examples.length; i++) values[i] = scoreOf(scores, examples[i] as number);
  return values;
}

function sameExamples(a: Uint32Array, b: Uint32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The examples of `examples` that `other` scored, in the same order (`examples` itself when it scored them all). */
export function scoredBy(other: ScorerScores, examples: Uint32Array): Uint32Array {
  let length = 0;
  for (const example of examples) if (isScored(other, example)) length++;
  if (length === examples.length) return examples;
  const kept = new Uint32Array(length);
  length = 0;
  for (const example of examples) if (isScored(other, example)) kept[length++] = example;
  return kept;
}

/** Pass/fail scores (every per-example score 0 or 1) are compared with exact methods; anything else by bootstrap. */
export function isBinary(...sides: readonly ScorerScores[]): boolean {
  return sides.every((side) => {
    for (const example of side.order) {
      const value = scoreOf(side, example);
      if (value !== 0 && value !== 1) return false;
    }
    return true;
  });
}
