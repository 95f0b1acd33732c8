import type { ScorerConfig } from '../config/evaluate-schema';
import type { Example } from './dataset';
import type { Scorer } from './scorer-types';

type Config<T extends ScorerConfig['type']> = Extract<ScorerConfig, { type: T }>;

const pass = (ok: boolean) => ({ score: ok ? 1 : 0 });

/**
 * What is wrong with a row's expected answer for a scorer that compares text, or undefined. A
 * row without one is skipped (another scorer may be what it is for); one of a kind no text
 * compares with, or an empty one that every answer would contain, scored nothing (or everything)
 * without a word.
 */
function expectedProblem(name: string, expected: unknown, scorer: 'contains' | 'exact_match'): string | undefined {
  if (expected === undefined || expected === null) return undefined;
  const text = isText;
  // exact_match skips a list (contains' form of the answer), as it always has; an empty answer may be what it expects.
  if (scorer === 'exact_match') return text(expected) || Array.isArray(expected) ? undefined : wrongExpected(name, JSON.stringify(expected), false);
  if (expected === '') return wrongExpected(name, 'empty, which every answer contains', true);
  // An empty list is skipped, as a missing field is.
  if (text(expected) || (Array.isArray(expected) && expected.every((v) => text(v) && v !== ''))) return undefined;
  return wrongExpected(name, Array.isArray(expected) ? 'a list holding something other than text' : JSON.stringify(expected), true);
}

const isText = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

function wrongExpected(name: string, shown: string, lists: boolean): string {
  return `field "expected" (scorer ${name}) is ${shown}; write the expected answer as text${lists ? ' or a list of texts' : ''}, or leave the field out to skip the row`;
}

/** Every keyword (or the expected answer, or each item of an expected list) appears in the answer. */
export function containsScorer(config: Config<'contains'>, name: string): Scorer {
  const fold = (s: string): string => (config.case_sensitive ? s : s.toLowerCase());
  return {
    name,
    binary: true,
    ...(config.keywords
      ? {}
      : {
          checkExample: (example: Example) => expectedProblem(name, example.expected, 'contains'),
          scores: { when: ({ expected }: Example) => isText(expected) || (Array.isArray(expected) && expected.length > 0), reads: 'an "expected" answer (text or a list of texts)' },
        }),
    score: ({ answer, example }) => {
      const { expected } = example;
      const needles = config.keywords ?? (typeof expected === 'string' || typeof expected === 'number' ? [String(expected)] : Array.isArray(expected) ? expected.map(String) : null);
      if (!needles || needles.length === 0) return { score: null };
      const haystack = fold(answer);
      return pass(needles.every((needle) => haystack.includes(fold(needle))));
    },
  };
}

/** The answer equals the expected answer (a string, or a number compared as text). */
export function exactMatchScorer(config: Config<'exact_match'>, name: string): Scorer {
  const normalise = (s: string): string => {
    const trimmed = config.trim ? s.trim() : s;
    return config.case_sensitive ? trimmed : trimmed.toLowerCase();
  };
  return {
    name,
    binary: true,
    checkExample: (example: Example) => expectedProblem(name, example.expected, 'exact_match'),
    scores: { when: ({ expected }: Example) => isText(expected), reads: 'an "expected" answer as text' },
    score: ({ answer, example }) => {
      const { expected } = example;
      if (typeof expected !== 'string' && typeof expected !== 'number') return { score: null };
      return pass(normalise(answer) === normalise(String(expected)));
    },
  };
}

export function latencyScorer(config: Config<'latency'>, name: string): Scorer {
  return { name, binary: true, score: ({ latencyMs }) => pass(latencyMs <= config.max_ms) };
}

/** The pattern matches somewhere in the answer (or, with negate, nowhere). */
export function regexScorer(config: Config<'regex'>, name: string): Scorer {
  const pattern = new RegExp(config.pattern, config.flags);
  return { name, binary: true, score: ({ answer }) => pass(pattern.test(answer) !== config.negate) };
}

/** Characters are Unicode code points, so an emoji counts once; words are runs of non-space. */
export function measure(text: string, unit: 'chars' | 'words'): number {
  if (unit === 'chars') return [...text].length;
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

/** The answer's length is within [min, max] (either bound may be left out). */
export function lengthScorer(config: Config<'length'>, name: string): Scorer {
  return {
    name,
    binary: true,
    score: ({ answer }) => {
      const size = measure(answer, config.unit);
      return pass((config.min === undefined || size >= config.min) && (config.max === undefined || size <= config.max));
    },
  };
}
