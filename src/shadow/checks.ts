import { parseAnswerJson } from '../evaluate/scorer-json';
import { normaliseForRefusal, refusalPhrases } from '../evaluate/scorer-refusal';
import { percentile } from '../stats/interval';

/** One side's answer to one replayed request: text only in memory, never in the report. */
export interface SideAnswer {
  text: string | null;
  latencyMs: number | null;
  error: string | null;
  /** From an OpenAI-shaped answer (usage.total_tokens, message.tool_calls); null when it does not say. */
  tokens?: number | null;
  toolCalls?: number | null;
}

/** Token use and tool calls, where the answer reports them (OpenAI chat completions and compatible servers). */
export function usageOf(json: unknown): { tokens: number | null; toolCalls: number | null } {
  const answer = json as { usage?: { total_tokens?: unknown }; choices?: { message?: { tool_calls?: unknown } }[] } | null;
  const tokens = answer?.usage?.total_tokens;
  const calls = answer?.choices?.[0]?.message?.tool_calls;
  return { tokens: typeof tokens === 'number' && Number.isFinite(tokens) ? tokens : null, toolCalls: Array.isArray(calls) ? calls.length : null };
}

/** The checks that need no expected answer, per side, as rates and summaries. */
export interface SideChecks {
  requests: number;
  errorRate: number;
  jsonValidRate: number;
  refusalRate: number;
  meanChars: number | null;
  latencyP95Ms: number | null;
  /** Over the answers that reported them; null when none did. */
  meanTokens: number | null;
  meanToolCalls: number | null;
}

export function sideChecks(answers: readonly SideAnswer[]): SideChecks {
  const answered = answers.filter((a): a is SideAnswer & { text: string } => a.text !== null);
  const share = (count: number): number => (answered.length > 0 ? count / answered.length : 0);
  const latencies = answered.flatMap((a) => (a.latencyMs === null ? [] : [a.latencyMs]));
  return {
    requests: answers.length,
    errorRate: answers.length > 0 ? (answers.length - answered.length) / answers.length : 0,
    jsonValidRate: share(answered.filter((a) => parseAnswerJson(a.text, true) !== undefined).length),
    refusalRate: share(answered.filter((a) => refusalPhrases.some((p) => p.test(normaliseForRefusal(a.text)))).length),
    meanChars: answered.length > 0 ? answered.reduce((sum, a) => sum + a.text.length, 0) / answered.length : null,
    latencyP95Ms: percentile(latencies, 0.95) ?? null,
    meanTokens: mean(answered.map((a) => a.tokens ?? null)),
    meanToolCalls: mean(answered.map((a) => a.toolCalls ?? null)),
  };
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
}
