import type { JudgeScale, LlmJudgeConfig } from '../config/evaluate-schema';
import type { Example } from './dataset';
import { chatCompletionText } from './formats/text';
import { defaultContextField, templateSpecs } from './judge-templates';
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
  const spec = config.template === undefined ? undefined : templateSpecs[config.template];
  const contextField = config.context_field ?? defaultContextField;
  return {
    name,
    binary: config.scale === 'pass_fail',
    judge: true,
    ...(config.template === 'groundedness'
      ? {
          checkExample: (example: Example) =>
            contextOf(example, contextField) === undefined
              ? `field "${contextField}" (the context scorer ${name} judges groundedness against) is missing or empty; add it to every row, or set context_field to the field that holds it`
              : undefined,
        }
      : {}),
    async score({ answer, example, signal }) {
      // Correctness has nothing to compare with: no verdict, not a failure.
      if (spec?.needsExpected && (example.expected === undefined || example.expected === null || example.expected === '')) return { score: null };
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

/**
 * The judge's prompt: what to decide (a template's task, else the rubric) and the answer format in
 * the system message; the case in the user message. A rubric given with a template is added as
 * further criteria.
 */
export function judgeMessages(
  config: Pick<LlmJudgeConfig, 'rubric' | 'scale'> & Partial<Pick<LlmJudgeConfig, 'template' | 'guidelines' | 'context_field'>>,
  example: Pick<Example, 'input' | 'expected'> & Partial<Pick<Example, 'fields'>>,
  answer: string,
): ChatMessage[] {
  const spec = config.template === undefined ? undefined : templateSpecs[config.template];
  const system = [
    spec ? `You review an AI assistant's answer. ${spec.task}` : "You grade an AI assistant's answer against a rubric. Apply the rubric exactly and judge only the answer given.",
    'Reply with one JSON object and nothing else: {"score": <score>, "reason": "<one or two sentences>"}.',
    scaleInstruction(config.scale, spec ? 'the check' : 'the rubric'),
  ].join('\n');
  const parts: string[] = [];
  if (config.guidelines) parts.push(`Guidelines:\n${config.guidelines.map((g, i) => `${i + 1}. ${g.trim()}`).join('\n')}`);
  if (config.rubric !== undefined) parts.push(`${spec ? 'Further criteria' : 'Rubric'}:\n${config.rubric.trim()}`);
  parts.push(`Question:\n${renderConversation(example.input)}`);
  if (config.template === 'groundedness') parts.push(`Context:\n${contextOf(example, config.context_field ?? defaultContextField) ?? ''}`);
  if (example.expected !== undefined && (spec === undefined || spec.showsExpected)) parts.push(`Reference answer:\n${asText(example.expected)}`);
  parts.push(`Answer to grade:\n${answer}`);
  return [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

/** The context of a row as the judge reads it; undefined when the row has none. */
function contextOf(example: Partial<Pick<Example, 'fields'>>, field: string): string | undefined {
  const value = example.fields?.[field];
  if (value === undefined || value === null || value === '') return undefined;
  return asText(value);
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function scaleInstruction(scale: JudgeScale, what: string): string {
  return scale === 'pass_fail'
    ? `"score" is true when the answer meets ${what} and false when it does not.`
    : `"score" is a number from ${scale.min} (worst) to ${scale.max} (best).`;
}
