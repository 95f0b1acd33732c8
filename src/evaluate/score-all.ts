import type { Judgement } from '../contract/results';
import { ScoringError, type ScoreInput, type Scorer } from './scorers';

export interface Scored {
  scores: Record<string, number | null>;
  judgements: Record<string, Judgement>;
  /** Why a scorer failed the example, by scorer name. */
  reasons: Record<string, string>;
  error?: string;
  /** Judges that failed on this answer, by scorer name: their failure, not the agent's. */
  judgeErrors: Record<string, string>;
}

/**
 * Every scorer on one answer, concurrently (a judge call need not wait for another). When a
 * scorer of the answer itself cannot score, the run is an error and every score is null: the
 * contract leaves an errored example out of every mean, so the means stay over the same examples.
 * A judge that fails (unreachable, an unreadable verdict) only loses its own score: the answer
 * still counts for the other scorers, and the failure is kept in the judgement for
 * `<judge>/judge_error_rate`.
 */
export async function scoreAll(scorers: readonly Scorer[], input: ScoreInput): Promise<Scored> {
  const outcomes = await Promise.allSettled(scorers.map(async (s) => s.score(input)));
  const scores: Record<string, number | null> = {};
  const judgements: Record<string, Judgement> = {};
  const reasons: Record<string, string> = {};
  const errors: string[] = [];
  const judgeErrors: Record<string, string> = {};
  outcomes.forEach((outcome, i) => {
    const scorer = scorers[i] as Scorer;
    if (outcome.status === 'fulfilled') {
      scores[scorer.name] = outcome.value.score;
      for (const part of scorer.parts ?? []) scores[part.name] = outcome.value.parts?.[part.name] ?? null;
      if (outcome.value.judgement) judgements[scorer.name] = outcome.value.judgement;
      if (outcome.value.reason !== undefined) reasons[scorer.name] = outcome.value.reason;
      return;
    }
    const error = outcome.reason as unknown;
    if (error instanceof ScoringError && error.judgement) judgements[scorer.name] = error.judgement;
    const message = error instanceof Error ? error.message : String(error);
    if (scorer.judge) {
      const said = judgements[scorer.name];
      judgements[scorer.name] = { score: said?.score ?? null, ...(said?.reason !== undefined ? { reason: said.reason } : {}), raw: said?.raw ?? '', error: said?.error ?? message };
      scores[scorer.name] = null;
      judgeErrors[scorer.name] = message;
      return;
    }
    errors.push(error instanceof ScoringError || message.startsWith('judge ') ? message : `scorer ${scorer.name}: ${message}`);
  });
  if (errors.length === 0) return { scores, judgements, reasons, judgeErrors };
  return { scores: nullScores(scorers), judgements, reasons, error: errors.join('; '), judgeErrors };
}

export function nullScores(scorers: readonly Scorer[]): Record<string, null> {
  return Object.fromEntries(scorers.flatMap((s) => [s.name, ...(s.parts ?? []).map((p) => p.name)]).map((name) => [name, null]));
}

/**
 * A conversation's score for a scorer applied to every turn: pass/fail scorers pass only when
 * every turn they scored passes (the worst turn); graded scores and parts are the mean over the
 * turns scored. Null when no turn was scored. Reasons name their turn.
 */
export function combineTurns(scorers: readonly Scorer[], turns: readonly Scored[]): Scored {
  const scores: Record<string, number | null> = {};
  const judgements: Record<string, Judgement> = {};
  const reasons: Record<string, string> = {};
  const judgeErrors: Record<string, string> = {};
  for (const scorer of scorers) {
    const names = [{ name: scorer.name, binary: scorer.binary }, ...(scorer.parts ?? [])];
    for (const { name, binary } of names) {
      const values = turns.map((t) => t.scores[name]).filter((v): v is number => v !== null && v !== undefined);
      scores[name] = values.length === 0 ? null : binary ? Math.min(...values) : values.reduce((a, b) => a + b, 0) / values.length;
    }
    const said = turns.map((t, i) => ({ turn: i + 1, reason: t.reasons[scorer.name] })).filter((r) => r.reason !== undefined);
    if (said.length > 0) reasons[scorer.name] = said.map((r) => `turn ${r.turn}: ${r.reason}`).join('; ');
    const failedJudge = turns.findIndex((t) => t.judgeErrors[scorer.name] !== undefined);
    const judged = failedJudge >= 0 ? turns[failedJudge] : turns.at(-1);
    const judgement = judged?.judgements[scorer.name];
    if (judgement) judgements[scorer.name] = judgement;
    if (failedJudge >= 0) {
      scores[scorer.name] = null;
      judgeErrors[scorer.name] = `turn ${failedJudge + 1}: ${turns[failedJudge]?.judgeErrors[scorer.name]}`;
    }
  }
  const failed = turns.findIndex((t) => t.error !== undefined);
  if (failed >= 0) return { scores: nullScores(scorers), judgements, reasons, error: `turn ${failed + 1}: ${turns[failed]?.error}`, judgeErrors };
  return { scores, judgements, reasons, judgeErrors };
}

/** Two scorings of one answer (the per-turn and the final scorers) as one. */
export function mergeScored(a: Scored, b: Scored, all: readonly Scorer[]): Scored {
  const error = [a.error, b.error].filter((e): e is string => e !== undefined).join('; ');
  return {
    scores: error ? nullScores(all) : { ...a.scores, ...b.scores },
    judgements: { ...a.judgements, ...b.judgements },
    reasons: { ...a.reasons, ...b.reasons },
    judgeErrors: { ...a.judgeErrors, ...b.judgeErrors },
    ...(error ? { error } : {}),
  };
}
