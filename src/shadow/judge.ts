import type { Clock } from '../clock';
import { postJson } from '../evaluate/post';
import { jsonObjectsIn } from '../evaluate/judge-verdict';
import { randomIndex, seededRandom } from '../stats/random';

export type PairVerdict = 'A' | 'B' | 'tie';
export type PairOutcome = 'candidate' | 'champion' | 'tie';

/**
 * Judges prefer whichever answer they read first (or second) more often than chance. Exactly
 * half the pairs show the candidate as A and half as B, so the bias adds to both sides equally
 * and cancels in the win/loss difference instead of moving it. Which half is drawn with the seed,
 * not by position, so a pattern in the recorded traffic cannot line up with the order.
 */
export function candidateFirstPlan(pairs: number, seed: number): boolean[] {
  const plan = Array.from({ length: pairs }, (_, i) => i < Math.ceil(pairs / 2));
  const random = seededRandom(seed);
  for (let i = plan.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [plan[i], plan[j]] = [plan[j] as boolean, plan[i] as boolean];
  }
  return plan;
}

export function outcomeOf(verdict: PairVerdict, candidateIsA: boolean): PairOutcome {
  if (verdict === 'tie') return 'tie';
  return (verdict === 'A') === candidateIsA ? 'candidate' : 'champion';
}

export interface PairJudgeConfig {
  url: string;
  model?: string;
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  rubric: string;
}

export const defaultPairRubric =
  'Which answer serves the user better: more correct, more helpful, and safe? Answer "tie" when neither is clearly better.';

/**
 * An OpenAI-compatible chat model asked which of two answers to one request is better. It
 * answers with JSON {"better": "A" | "B" | "tie"}; anything else is an error for that pair (left
 * out of the counts), never a silent tie.
 */
export async function judgePair(config: PairJudgeConfig, pair: { request: string; a: string; b: string }, options: { clock: Clock; signal?: AbortSignal }): Promise<PairVerdict> {
  const prompt = [
    config.rubric,
    '',
    'Request:',
    pair.request,
    '',
    'Answer A:',
    pair.a,
    '',
    'Answer B:',
    pair.b,
    '',
    'Reply with JSON only: {"better": "A"} or {"better": "B"} or {"better": "tie"}.',
  ].join('\n');
  const body = { ...(config.model ? { model: config.model } : {}), temperature: 0, messages: [{ role: 'user', content: prompt }] };
  const answer = await postJson({ url: config.url, headers: config.headers, timeoutMs: config.timeoutMs, retries: config.retries }, body, 'pairwise judge', options);
  const text = (answer.json as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  if (typeof text !== 'string') throw new Error('pairwise judge: the answer has no choices[0].message.content');
  for (const object of jsonObjectsIn(text)) {
    const better = typeof object.better === 'string' ? object.better.trim() : '';
    if (better === 'A' || better === 'B') return better;
    if (better.toLowerCase() === 'tie') return 'tie';
  }
  throw new Error(`pairwise judge: expected {"better": "A" | "B" | "tie"}, got ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`);
}
