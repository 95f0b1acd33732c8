import type { Clock } from '../clock';
import type { EndpointConfig } from '../config/evaluate-schema';
import type { ShadowConfig } from '../config/shadow-schema';
import { messageOf } from '../errors';
import { HttpStatusError } from '../http/errors';
import { RetriesExhaustedError } from '../http/retry';
import { readAgentAnswer } from '../evaluate/endpoint';
import { resolveFormat } from '../evaluate/formats';
import { toolCallsOf, type Step } from '../evaluate/formats/steps';
import { postJson } from '../evaluate/post';
import type { Logger } from '../logger';
import { runPool } from '../pool';
import { sideChecks, type SideAnswer, type SideChecks } from './checks';
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
  /** null when the pair could not be judged (either side failed, or the judge did). */
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
 * the candidate shown first on half the pairs. Only pairs where both sides answered are judged:
 * a pair where either side failed, or the judge did, is left out of the counts, and each side's
 * failures are reported on their own (SideChecks.errors) for the gate to weigh. Counting a failed
 * champion as a win would let a broken champion URL pass every candidate.
 */
export async function replay(
  requests: readonly RecordedRequest[],
  targets: ReplayTargets,
  config: ShadowConfig,
  runtime: { clock: Clock; logger: Logger; signal?: AbortSignal; confidence: number },
): Promise<{ measures: ShadowMeasures; pairs: ReplayedPair[] }> {
  const { module, settings } = resolveFormat(targets.endpoint, 'input');
  const ask = async (url: string, body: Record<string, unknown>): Promise<SideAnswer & { steps: Step[] }> => {
    const target = { url: module.url(url, settings), headers: targets.endpoint.headers, timeoutMs: targets.endpoint.timeout, retries: targets.endpoint.retries, maxResponseBytes: targets.endpoint.max_response_size };
    try {
      const answer = await postJson(target, body, 'agent endpoint', { clock: runtime.clock, signal: runtime.signal });
      // Read as evaluate reads it: a tool-calling agent's reply of tool calls alone is an answer.
      const read = readAgentAnswer(module, settings, answer.json, true);
      return { text: read.text, latencyMs: answer.elapsedMs, error: null, tokens: read.usage?.total_tokens ?? null, toolCalls: toolCallsOf(read.steps).length, steps: read.steps };
    } catch (error) {
      return { text: null, latencyMs: null, error: messageOf(error), steps: [] };
    }
  };
  const judge = { url: config.judge.url, model: config.judge.model, headers: config.judge.headers, timeoutMs: config.judge.timeout, retries: config.judge.retries, rubric: config.judge.rubric ?? defaultPairRubric };
  const pairs: ReplayedPair[] = new Array(requests.length);
  let judgeErrors = 0;
  let firstJudgeError: string | undefined;
  let done = 0;
  const plan = candidateFirstPlan(requests.length, config.requests.seed);
  const indexed = requests.map((request, index) => ({ request, index }));
  await runPool(
    indexed[Symbol.iterator](),
    config.concurrency,
    async ({ request, index }) => {
      const [{ steps: candidateSteps, ...candidate }, { steps: championSteps, ...champion }] = await Promise.all([ask(targets.candidateUrl, request.body), ask(targets.championUrl, request.body)]);
      const first = plan[index] ?? true;
      const text = JSON.stringify(request.body);
      let outcome: PairOutcome | null = null;
      if (candidate.text !== null && champion.text !== null) {
        const [a, b] = first ? [shownToJudge(candidate.text, candidateSteps), shownToJudge(champion.text, championSteps)] : [shownToJudge(champion.text, championSteps), shownToJudge(candidate.text, candidateSteps)];
        try {
          const verdict = await judgePair(judge, { request: text, a, b }, { clock: runtime.clock, signal: runtime.signal });
          outcome = outcomeOf(verdict, first);
        } catch (error) {
          judgeErrors++;
          firstJudgeError ??= judgeFailure(error);
          runtime.logger.debug(`pair ${index + 1}: the judge failed (${error instanceof Error ? error.name : 'error'})`);
        }
      }
      pairs[index] = { id: request.id, request: text, candidate, champion, outcome, candidateFirst: first };
      runtime.logger.progress(`shadow: ${++done} of ${requests.length} requests replayed`);
    },
    runtime.signal,
  );
  runtime.logger.progress(null);
  if (firstJudgeError !== undefined) {
    runtime.logger.warn(`the judge failed on ${judgeErrors} of the pairs both sides answered, which are left out of the counts; the first: ${firstJudgeError}. Check shadow.judge (url, headers, model)`);
  }
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

/** An answer as the judge reads it: its text, then the tool calls it made (a tool-only reply has no text). */
function shownToJudge(text: string, steps: readonly Step[]): string {
  const calls = steps.flatMap((s) => (s.kind === 'call' ? [`[tool call] ${s.name}(${s.arguments})`] : []));
  return [text, ...calls].filter((line) => line !== '').join('\n') || '(empty answer)';
}

/** Replaces every match of the configured patterns, for text written on purpose (record_text). */
export function redactor(patterns: readonly string[]): (text: string) => string {
  const compiled = patterns.map((p) => new RegExp(p, 'gu'));
  return (text) => compiled.reduce((out, re) => out.replace(re, '[REDACTED]'), text);
}

/**
 * What went wrong with the judge, for the log: its HTTP status or the transport failure, never a
 * body or a reply, which may quote the request or the answers.
 */
function judgeFailure(error: unknown): string {
  const root = error instanceof RetriesExhaustedError ? error.lastError : error;
  if (root instanceof HttpStatusError) return `pairwise judge: HTTP ${root.status}${error instanceof RetriesExhaustedError ? ` after ${error.attempts} attempts` : ''}`;
  const message = messageOf(error);
  return message.startsWith('pairwise judge: expected') ? 'pairwise judge: its reply was not {"better": "A" | "B" | "tie"}' : message;
}
