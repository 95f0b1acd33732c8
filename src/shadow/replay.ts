import type { Clock } from '../clock';
import type { EndpointConfig } from '../config/evaluate-schema';
import type { ShadowConfig } from '../config/shadow-schema';
import { messageOf } from '../errors';
import { resolveFormat } from '../evaluate/formats';
import { postJson } from '../evaluate/post';
import type { Logger } from '../logger';
import { runPool } from '../pool';
import { sideChecks, usageOf, type SideAnswer, type SideChecks } from './checks';
import { candidateFirstPlan, defaultPairRubric, judgePair, outcomeOf, type PairOutcome } from './judge';
import type { RecordedRequest } from './requests';
import { comparePairs, type PairCounts, type PairwiseComparison } from './stats';

export interface ReplayTargets {
  endpoint: EndpointConfig;
  /** evaluate.endpoint.url filled for each version. */
  candidateUrl: string;
  championUrl: string;
}

export interface ReplayedPair {
  id: string;
  request: string;
  candidate: SideAnswer;
  champion: SideAnswer;
  /** null when the pair could not be judged (both sides failed, or the judge did). */
  outcome: PairOutcome | null;
  candidateFirst: boolean;
}

/** What the replay measured: counts and rates only, never a request or an answer. */
export interface ShadowMeasures {
  replayed: number;
  judged: number;
  judgeErrors: number;
  counts: PairCounts;
  /** Pairs shown with the candidate as answer A (the rest had it as B). */
  candidateShownFirst: number;
  comparison: PairwiseComparison | null;
  candidate: SideChecks;
  champion: SideChecks;
}

/**
 * Sends every recorded request body, unchanged, to the candidate and the champion (the same
 * endpoint format, each version's URL), reads both answers, and has the judge compare them with
 * the candidate shown first on every other pair. A side that failed loses the pair to a side
 * that answered; a pair where both failed, or the judge did, is left out of the counts.
 */
export async function replay(
  requests: readonly RecordedRequest[],
  targets: ReplayTargets,
  config: ShadowConfig,
  runtime: { clock: Clock; logger: Logger; signal?: AbortSignal; confidence: number },
): Promise<{ measures: ShadowMeasures; pairs: ReplayedPair[] }> {
  const { module, settings } = resolveFormat(targets.endpoint, 'input');
  const ask = async (url: string, body: Record<string, unknown>): Promise<SideAnswer> => {
    const target = { url: module.url(url, settings), headers: targets.endpoint.headers, timeoutMs: targets.endpoint.timeout, retries: targets.endpoint.retries, maxResponseBytes: targets.endpoint.max_response_size };
    try {
      const answer = await postJson(target, body, 'agent endpoint', { clock: runtime.clock, signal: runtime.signal });
      return { text: module.text(answer.json, settings), latencyMs: answer.elapsedMs, error: null, ...usageOf(answer.json) };
    } catch (error) {
      return { text: null, latencyMs: null, error: messageOf(error) };
    }
  };
  const judge = { url: config.judge.url, model: config.judge.model, headers: config.judge.headers, timeoutMs: config.judge.timeout, retries: config.judge.retries, rubric: config.judge.rubric ?? defaultPairRubric };
  const pairs: ReplayedPair[] = new Array(requests.length);
  let judgeErrors = 0;
  let done = 0;
  const plan = candidateFirstPlan(requests.length, config.requests.seed);
  const indexed = requests.map((request, index) => ({ request, index }));
  await runPool(
    indexed[Symbol.iterator](),
    config.concurrency,
    async ({ request, index }) => {
      const [candidate, champion] = await Promise.all([ask(targets.candidateUrl, request.body), ask(targets.championUrl, request.body)]);
      const first = plan[index] ?? true;
      const text = JSON.stringify(request.body);
      let outcome: PairOutcome | null = null;
      if (candidate.text !== null && champion.text !== null) {
        try {
          const verdict = await judgePair(judge, { request: text, a: first ? candidate.text : champion.text, b: first ? champion.text : candidate.text }, { clock: runtime.clock, signal: runtime.signal });
          outcome = outcomeOf(verdict, first);
        } catch (error) {
          judgeErrors++;
          // Only the kind of failure: the judge's own answer may quote the request or the answers.
          runtime.logger.debug(`pair ${index + 1}: the judge failed (${error instanceof Error ? error.name : 'error'})`);
        }
      } else if (candidate.text !== null || champion.text !== null) {
        outcome = candidate.text !== null ? 'candidate' : 'champion';
      }
      pairs[index] = { id: request.id, request: text, candidate, champion, outcome, candidateFirst: first };
      runtime.logger.progress(`shadow: ${++done} of ${requests.length} requests replayed`);
    },
    runtime.signal,
  );
  runtime.logger.progress(null);
  const counts: PairCounts = { candidate: 0, champion: 0, tie: 0 };
  for (const pair of pairs) if (pair.outcome) counts[pair.outcome]++;
  const judged = counts.candidate + counts.champion + counts.tie;
  return {
    pairs,
    measures: {
      replayed: pairs.length,
      judged,
      judgeErrors,
      counts,
      candidateShownFirst: pairs.filter((p) => p.candidateFirst).length,
      comparison: comparePairs(counts, runtime.confidence),
      candidate: sideChecks(pairs.map((p) => p.candidate)),
      champion: sideChecks(pairs.map((p) => p.champion)),
    },
  };
}

/** Replaces every match of the configured patterns, for text written on purpose (record_text). */
export function redactor(patterns: readonly string[]): (text: string) => string {
  const compiled = patterns.map((p) => new RegExp(p, 'gu'));
  return (text) => compiled.reduce((out, re) => out.replace(re, '[REDACTED]'), text);
}
