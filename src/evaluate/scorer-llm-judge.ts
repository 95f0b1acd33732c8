import type { JudgeScale, LlmJudgeConfig } from '../config/evaluate-schema';
import type { Example } from './dataset';
import { chatCompletionText } from './formats/text';
import { parseVerdict } from './judge-verdict';
import { renderConversation, type ChatMessage } from './messages';
import { postJson } from './post';
import { TokenBucket } from './rate-limit';
import { ScoringError, type Scorer, type ScorerRuntime } from './scorer-types';
import { Semaphore } from './semaphore';

/** The judge's answer is kept in results.jsonl up to this many characters. */
const keptChars = 4_000;

/**
 * An LLM judge over any OpenAI-compatible chat completions endpoint. It has its own
 * concurrency, retries and optional rate limit, separate from the agent's, so a slow or
 * rate-limited judge does not distort the agent's latencies. Pass/fail verdicts score 1/0;
 * numeric ones are normalised to 0..1.
 */
export function llmJudgeScorer(config: LlmJudgeConfig, name: string, runtime: ScorerRuntime): Scorer {
  const slots = new Semaphore(config.concurrency);
  const limiter = config.requests_per_second === undefined ? null : new TokenBucket(config.requests_per_second, runtime.clock);
  const { endpoint } = config;
  const target = {
    url: endpoint.url,
    headers: endpoint.headers,
    timeoutMs: endpoint.timeout,
    retries: endpoint.retries,
    maxResponseBytes: endpoint.max_response_size,
    maxResponseSetting: `endpoint.max_response_size of scorer ${name}`,
  };
  const label = `judge ${name}`;
  return {
    name,
    binary: config.scale === 'pass_fail',
    judge: true,
    async score({ answer, example, signal }) {
      const body = { ...endpoint.extra_body, ...(endpoint.model ? { model: endpoint.model } : {}), messages: judgeMessages(config, example, answer) };
      const response = await slots.run(() => postJson(target, body, label, { clock: runtime.clock, limiter, signal, random: runtime.random }));
      const text = chatCompletionText(response.json);
      if (text === undefined) throw new ScoringError(`${label}: the judge's response has no choices[0].message.content text`);
      const raw = text.length > keptChars ? `${text.slice(0, keptChars)}…` : text;
      const verdict = parseVerdict(text, config.scale);
      if (!verdict.ok) {
        throw new ScoringError(`${label}: ${verdict.error}`, {
          score: verdict.given ?? null,
          ...(verdict.reason !== undefined ? { reason: verdict.reason } : {}),
          raw,
          error: verdict.error,
        });
      }
      return { score: verdict.score, judgement: { score: verdict.given, ...(verdict.reason !== undefined ? { reason: verdict.reason } : {}), raw } };
    },
  };
}

/** The judge's prompt: the rubric and the answer format in the system message, the case in the user message. */
export function judgeMessages(config: Pick<LlmJudgeConfig, 'rubric' | 'scale'>, example: Pick<Example, 'input' | 'expected'>, answer: string): ChatMessage[] {
  const system = [
    "You grade an AI assistant's answer against a rubric. Apply the rubric exactly and judge only the answer given.",
    'Reply with one JSON object and nothing else: {"score": <score>, "reason": "<one or two sentences>"}.',
    scaleInstruction(config.scale),
  ].join('\n');
  const parts = [`Rubric:\n${config.rubric.trim()}`, `Question:\n${renderConversation(example.input)}`];
  if (example.expected !== undefined) {
    parts.push(`Reference answer:\n${typeof example.expected === 'string' ? example.expected : JSON.stringify(example.expected)}`);
  }
  parts.push(`Answer to grade:\n${answer}`);
  return [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

function scaleInstruction(scale: JudgeScale): string {
  return scale === 'pass_fail'
    ? '"score" is true when the answer meets the rubric and false when it does not.'
    : `"score" is a number from ${scale.min} (worst) to ${scale.max} (best).`;
}
