import type { Clock } from '../clock';
import type { Judgement, ToolCall } from '../contract/results';
import type { Example } from './dataset';

export interface ScoreInput {
  answer: string;
  /** The tool calls behind this answer (a conversation's, or one turn's with `turns: each`). */
  toolCalls?: readonly ToolCall[];
  example: Example;
  latencyMs: number;
  signal?: AbortSignal;
}

export interface ScoreOutcome {
  /** null when the scorer has nothing to judge this example by (e.g. no expected answer). */
  score: number | null;
  /** An LLM judge's verdict, kept in results.jsonl. */
  judgement?: Judgement;
  /** Scores of the scorer's `parts`, by part name. */
  parts?: Record<string, number | null>;
  /** Why the example failed, kept in results.jsonl's `reasons`. */
  reason?: string;
}

export interface Scorer {
  name: string;
  /** Pass/fail scorers (1/0) get Wilson intervals on their mean. */
  binary: boolean;
  /**
   * Further per-example scores the scorer reports beside its own (tool_calls' precision, recall,
   * F1): each is a results score and a `<part>/mean` metric of its own.
   */
  parts?: readonly { name: string; binary: boolean }[];
  /**
   * Scores by calling a judge (llm_judge). A judge that fails is the judge's failure, not the
   * agent's: the answer still counts for the other scorers, this scorer's score is null, and the
   * failure is counted in `<name>/judge_error_rate`.
   */
  judge?: true;
  /** What is wrong with a dataset row for this scorer (checked as rows are read, before any request), or undefined. */
  checkExample?(example: Example): string | undefined;
  /**
   * Whether a row gives the scorer something to score (its expected answer): a row without is
   * skipped. A dataset where no row does is refused before any request, by what the scorer reads.
   */
  scores?: { when(example: Example): boolean; reads: string };
  /**
   * Scores one answer. Throws (rather than returning 0) when it cannot: the example is then
   * recorded as an error and left out of every mean.
   */
  score(input: ScoreInput): ScoreOutcome | Promise<ScoreOutcome>;
}

/** A scorer could not score an answer; carries what it learnt on the way (the judge's raw answer). */
export class ScoringError extends Error {
  override name = 'ScoringError';
  constructor(
    message: string,
    readonly judgement?: Judgement,
  ) {
    super(message);
  }
}

/** What scorers that call out need: the clock their retries and rate limits run on. */
export interface ScorerRuntime {
  clock: Clock;
  random?: () => number;
}
