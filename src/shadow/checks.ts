import { parseAnswerJson } from '../evaluate/scorer-json';
import { normaliseForRefusal, refusalPhrases } from '../evaluate/scorer-refusal';
import { percentile } from '../stats/interval';

/** One side's answer to one replayed request: text only in memory, never in the report. */
export interface SideAnswer {
  text: string | null;
  latencyMs: number | null;
  error: string | null;
  /** usage.total_tokens in any format that reports it; null when the answer does not say. */
  tokens?: number | null;
  /** The tool calls the answer made (0 for none), as evaluate reads them in every format. */
  toolCalls?: number | null;
}

/** The checks that need no expected answer, per side, as rates and summaries. */
export interface SideChecks {
  requests: number;
  /** Requests this side did not answer (an HTTP error, a timeout, a body its format cannot read). */
  errors: number;
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
    errors: answers.length - answered.length,
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
