import { UnreadableResponseError } from '../post';

/**
 * Text extractors for the response shapes agents answer with. Each returns undefined when the
 * body is not its shape, so a format can try the shapes it accepts in turn and then fail loudly.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A content value that is a string or a list of text parts ({type: "text" | "output_text", text}). */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts = content.filter(isObject).map((part) => part.text).filter((t): t is string => typeof t === 'string');
  return parts.length > 0 ? parts.join('') : undefined;
}

/**
 * OpenAI chat completions: choices[0].message.content (or a legacy completion's choices[0].text).
 * A model that declines answers `refusal` with no content: that text is its answer, for the
 * refusal scorer to see, not an unreadable response.
 */
export function chatCompletionText(body: unknown): string | undefined {
  const choice = isObject(body) && Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isObject(choice)) return undefined;
  const message = choice.message;
  if (isObject(message)) return contentText(message.content) ?? (typeof message.refusal === 'string' ? message.refusal : undefined);
  return typeof choice.text === 'string' ? choice.text : undefined;
}

/**
 * OpenAI Responses / MLflow ResponsesAgent: every output item of type "message", every content
 * part of type "output_text", joined; a declined answer's "refusal" parts when there is none.
 * Tool calls and reasoning items carry no answer text.
 */
export function responsesText(body: unknown): string | undefined {
  if (!isObject(body) || !Array.isArray(body.output)) return undefined;
  const parts: unknown[] = [];
  for (const item of body.output) {
    if (isObject(item) && (item.type === undefined || item.type === 'message') && Array.isArray(item.content)) parts.push(...item.content);
  }
  return answerText(parts);
}

/** Responses message parts as an answer: the output_text parts joined, else the refusal parts (a model that declined). */
export function answerText(parts: readonly unknown[]): string | undefined {
  const of = (type: string, key: string): string[] => parts.filter((p): p is Json => isObject(p) && p.type === type && typeof p[key] === 'string').map((p) => p[key] as string);
  const texts = of('output_text', 'text');
  const said = texts.length > 0 ? texts : of('refusal', 'refusal');
  return said.length > 0 ? said.join('') : undefined;
}

/**
 * The error a body carries instead of an answer, from a gateway or an API that answers 200
 * (`{"error": {"message"}}`, `{"error": "..."}`, Databricks' `{"error_code", "message"}`, a
 * Responses `status: "failed"`), clipped for the message; undefined when it carries none.
 */
export function errorInBody(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const error = body.error;
  const said = isObject(error) && typeof error.message === 'string' ? error.message : typeof error === 'string' ? error : typeof body.error_code === 'string' && typeof body.message === 'string' ? `${body.error_code}: ${body.message}` : undefined;
  return said === undefined || said === '' ? undefined : said.length > 300 ? `${said.slice(0, 300)}…` : said;
}

/** Throws what a body says went wrong, when it carries an error instead of an answer. */
export function throwIfError(body: unknown): void {
  const said = errorInBody(body);
  if (said !== undefined) throw new UnreadableResponseError(`agent answered with an error instead of an answer: ${said}`);
}

/** What a Responses body held instead of text, for the error message. */
export function responsesItemTypes(body: unknown): string[] {
  if (!isObject(body) || !Array.isArray(body.output)) return [];
  return [...new Set(body.output.map((item) => (isObject(item) && typeof item.type === 'string' ? item.type : typeof item)))];
}

/** Databricks ChatAgent: {messages: [...]}, the last assistant message's content. */
export function chatAgentText(body: unknown): string | undefined {
  if (!isObject(body) || !Array.isArray(body.messages)) return undefined;
  const replies = body.messages.filter((m): m is Json => isObject(m) && m.role === 'assistant');
  return contentText(replies.at(-1)?.content);
}

/** Keys a prediction object commonly keeps its answer under, in the order tried. */
export const answerKeys = ['content', 'text', 'answer', 'output', 'response', 'generated_text', 'result'] as const;

export type PredictionText = { text: string } | { problem: string };

/**
 * An MLflow prediction: a string; a one-element list; an object in any shape above; the
 * `outputField` key (or, without one, a well-known key or the object's only string field).
 */
export function predictionText(prediction: unknown, outputField: string | undefined, where: string): PredictionText {
  if (typeof prediction === 'string') return { text: prediction };
  if (Array.isArray(prediction)) {
    if (prediction.length === 1) return predictionText(prediction[0], outputField, `${where}[0]`);
    return { problem: `${where} is a list of ${prediction.length} items; expected one answer` };
  }
  if (!isObject(prediction)) return { problem: `${where} is ${prediction === null ? 'null' : `a ${typeof prediction}`}, not text` };
  if (outputField !== undefined) {
    if (!(outputField in prediction)) return { problem: `${where} has no "${outputField}" (evaluate.endpoint.output_field); keys: ${Object.keys(prediction).join(', ') || 'none'}` };
    return predictionText(prediction[outputField], undefined, `${where}.${outputField}`);
  }
  const shaped = chatCompletionText(prediction) ?? responsesText(prediction) ?? chatAgentText(prediction);
  if (shaped !== undefined) return { text: shaped };
  for (const key of answerKeys) {
    const value = prediction[key];
    if (typeof value === 'string') return { text: value };
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return { text: value[0] };
  }
  // A prediction that is only an error is the model's failure, not its answer.
  const failed = errorInBody(prediction);
  if (failed !== undefined) return { problem: `${where} is an error, not an answer: ${failed}` };
  const strings = Object.entries(prediction).filter(([, v]) => typeof v === 'string');
  if (strings.length === 1) return { text: (strings[0] as [string, string])[1] };
  return { problem: `${where} is an object with keys ${Object.keys(prediction).join(', ') || '(none)'}; set evaluate.endpoint.output_field to the key that holds the answer` };
}

/** `{predictions: ...}` (MLflow 2+) or a bare list (MLflow 1 scoring servers). */
export function predictionsOf(body: unknown): { found: true; value: unknown } | { found: false } {
  if (isObject(body) && 'predictions' in body) return { found: true, value: body.predictions };
  if (Array.isArray(body)) return { found: true, value: body };
  return { found: false };
}

/** The top-level keys of a body, for "the runner found …" messages. */
export function describeBody(body: unknown): string {
  if (Array.isArray(body)) return 'a list';
  if (!isObject(body)) return body === null ? 'null' : `a ${typeof body}`;
  const keys = Object.keys(body);
  return keys.length > 0 ? `an object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}` : 'an empty object';
}
