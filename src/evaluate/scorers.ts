import type { ScorerConfig } from '../config/schema';
import type { Example } from './dataset';

export interface Scorer {
  name: string;
  /** Pass/fail scorers (1/0) get Wilson intervals on their mean. */
  binary: boolean;
  /** null when the scorer cannot judge this example (e.g. no expected answer). */
  score(answer: string, example: Example, latencyMs: number): number | null;
}

export function createScorer(config: ScorerConfig): Scorer {
  const name = config.name ?? config.type;
  switch (config.type) {
    case 'contains': {
      const fold = (s: string): string => (config.case_sensitive ? s : s.toLowerCase());
      return {
        name,
        binary: true,
        score: (answer, example) => {
          const needles = config.keywords ?? (typeof example.expected === 'string' ? [example.expected] : Array.isArray(example.expected) ? example.expected.map(String) : null);
          if (!needles || needles.length === 0) return null;
          const haystack = fold(answer);
          return needles.every((needle) => haystack.includes(fold(needle))) ? 1 : 0;
        },
      };
    }
    case 'exact_match': {
      const normalise = (s: string): string => {
        const trimmed = config.trim ? s.trim() : s;
        return config.case_sensitive ? trimmed : trimmed.toLowerCase();
      };
      return {
        name,
        binary: true,
        score: (answer, example) => (typeof example.expected === 'string' ? (normalise(answer) === normalise(example.expected) ? 1 : 0) : null),
      };
    }
    case 'latency':
      return { name, binary: true, score: (_answer, _example, latencyMs) => (latencyMs <= config.max_ms ? 1 : 0) };
  }
}

/** Scorer names become metric names; two with the same name would silently merge. */
export function uniqueScorerNames(scorers: readonly Scorer[]): string | undefined {
  const seen = new Set<string>();
  for (const s of scorers) {
    if (seen.has(s.name)) return s.name;
    seen.add(s.name);
  }
  return undefined;
}
