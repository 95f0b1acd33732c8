/**
 * Tool-call trajectory matching: the calls an agent made against the calls a dataset expects.
 * Pure functions, so the implications between modes can be property-tested.
 *
 * Calls are paired by maximum bipartite matching (a made call pairs with at most one expected
 * call it matches), so a repeated or reordered call is never counted twice. On that pairing:
 * - strict: as many calls as expected, the i-th made call matching the i-th expected one;
 * - unordered: every made call paired and every expected call paired;
 * - subset: every made call paired (expected calls may be missing);
 * - superset: every expected call paired (extra calls allowed).
 * strict ⇒ unordered ⇒ subset and superset. Forbidden tools and the call budget fail the
 * example in every mode.
 */
import type { ArgumentMatch, TrajectoryMode } from '../config/evaluate-schema';
import type { ToolCall } from '../contract/results';

/** An expected call: `arguments` left out means any arguments. */
export interface ExpectedCall {
  name: string;
  arguments?: unknown;
}

export interface TrajectoryRules {
  mode: TrajectoryMode;
  /** The argument match for a tool: per-tool override, else the default. */
  argumentsFor: (tool: string) => ArgumentMatch;
  forbidden: ReadonlySet<string>;
  maxCalls?: number;
}

export interface TrajectoryVerdict {
  passed: boolean;
  /** Made calls paired with an expected one, over all made calls (1 when none were made). */
  precision: number;
  /** Expected calls paired with a made one, over all expected calls (1 when none were expected). */
  recall: number;
  f1: number;
  /** Why it failed, for the reader of results.jsonl. */
  problems: string[];
}

export function callMatches(made: ToolCall, expected: ExpectedCall, match: ArgumentMatch): boolean {
  if (made.name !== expected.name) return false;
  if (match === 'ignore' || expected.arguments === undefined) return true;
  return match === 'exact' ? deepEqual(made.arguments, expected.arguments) : contains(made.arguments, expected.arguments);
}

export function judgeTrajectory(made: readonly ToolCall[], expected: readonly ExpectedCall[] | undefined, rules: TrajectoryRules): TrajectoryVerdict {
  const problems: string[] = [];
  const forbidden = [...new Set(made.filter((c) => rules.forbidden.has(c.name)).map((c) => c.name))];
  if (forbidden.length > 0) problems.push(`called forbidden ${forbidden.length === 1 ? 'tool' : 'tools'} ${forbidden.join(', ')}`);
  if (rules.maxCalls !== undefined && made.length > rules.maxCalls) problems.push(`made ${made.length} calls, more than max_calls ${rules.maxCalls}`);
  if (expected === undefined) return { passed: problems.length === 0, precision: NaN, recall: NaN, f1: NaN, problems };

  const matches = (m: ToolCall, e: ExpectedCall): boolean => callMatches(m, e, rules.argumentsFor(e.name));
  const paired = maximumMatching(made, expected, matches);
  const precision = made.length === 0 ? 1 : paired / made.length;
  const recall = expected.length === 0 ? 1 : paired / expected.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const shape = modeProblem(made, expected, paired, rules.mode, matches);
  if (shape) problems.push(shape);
  return { passed: problems.length === 0, precision, recall, f1, problems };
}

function modeProblem(made: readonly ToolCall[], expected: readonly ExpectedCall[], paired: number, mode: TrajectoryMode, matches: (m: ToolCall, e: ExpectedCall) => boolean): string | undefined {
  const unmatchedMade = made.length - paired;
  const unmatchedExpected = expected.length - paired;
  switch (mode) {
    case 'strict': {
      if (made.length !== expected.length) return `made ${made.length} calls, expected ${expected.length} (${names(made)} vs ${names(expected)})`;
      const at = made.findIndex((call, i) => !matches(call, expected[i] as ExpectedCall));
      return at === -1 ? undefined : `call ${at + 1} is ${describe(made[at] as ToolCall)}, expected ${describe(expected[at] as ExpectedCall)}`;
    }
    case 'unordered':
      return unmatchedMade === 0 && unmatchedExpected === 0 ? undefined : `${unmatchedMade} unexpected and ${unmatchedExpected} missing calls (${names(made)} vs ${names(expected)})`;
    case 'subset':
      return unmatchedMade === 0 ? undefined : `${unmatchedMade} calls not in the expected ones (${names(made)} vs ${names(expected)})`;
    case 'superset':
      return unmatchedExpected === 0 ? undefined : `${unmatchedExpected} expected calls not made (${names(made)} vs ${names(expected)})`;
  }
}

/** Size of a maximum matching (augmenting paths; trajectories are short). */
function maximumMatching(made: readonly ToolCall[], expected: readonly ExpectedCall[], matches: (m: ToolCall, e: ExpectedCall) => boolean): number {
  const edges = made.map((m) => expected.flatMap((e, j) => (matches(m, e) ? [j] : [])));
  const owner = new Array<number>(expected.length).fill(-1);
  const augment = (i: number, seen: boolean[]): boolean => {
    for (const j of edges[i] ?? []) {
      if (seen[j]) continue;
      seen[j] = true;
      if (owner[j] === -1 || augment(owner[j] as number, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let i = 0; i < made.length; i++) if (augment(i, new Array<boolean>(expected.length).fill(false))) size++;
  return size;
}

function names(calls: readonly { name: string }[]): string {
  return calls.length === 0 ? 'none' : `[${calls.map((c) => c.name).join(', ')}]`;
}

function describe(call: { name: string; arguments?: unknown }): string {
  const args = call.arguments === undefined ? '' : JSON.stringify(call.arguments);
  return `${call.name}(${args && args.length > 80 ? `${args.slice(0, 77)}...` : args})`;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Every key of `expected` is in `actual` with a value that contains it in turn; lists and scalars compare exactly. */
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null || Array.isArray(expected)) return deepEqual(actual, expected);
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
  return Object.entries(expected).every(([k, v]) => Object.hasOwn(actual, k) && contains((actual as Record<string, unknown>)[k], v));
}
