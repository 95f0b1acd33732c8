/**
 * What an agent did in one response besides its answer text: the tool calls it made, the tool
 * results it (a server-side agent) already has, and the tokens it reports. Read from the public
 * shapes (checked against openai/openai-openapi and mlflow/types/{chat,agent,responses}.py):
 * - OpenAI chat completions: choices[0].message.tool_calls[] = {id, type: "function",
 *   function: {name, arguments: "<JSON>"}}; usage = {prompt_tokens, completion_tokens, total_tokens}.
 * - OpenAI Responses / MLflow ResponsesAgent: output[] items {type: "function_call", call_id,
 *   name, arguments} and {type: "function_call_output", call_id, output}; usage = {input_tokens,
 *   output_tokens, total_tokens}.
 * - MLflow ChatAgent: messages[] where assistant messages carry tool_calls as in chat completions
 *   and {role: "tool", tool_call_id, name, content} carry results; usage as in chat completions.
 */
import type { ToolCall, Usage } from '../../contract/results';
import { answerText } from './text';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One thing that happened in a response, in order. Arguments stay the string the agent sent, for history. */
export type Step =
  | { kind: 'text'; text: string }
  | { kind: 'call'; id: string; name: string; arguments: string }
  | { kind: 'result'; id: string; name?: string; output: string };

/** Parsed from JSON when it is JSON; otherwise the string as sent (the contract's rule). */
export function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export function toolCallsOf(steps: readonly Step[]): ToolCall[] {
  return steps.filter((s): s is Extract<Step, { kind: 'call' }> => s.kind === 'call').map((s) => ({ name: s.name, arguments: parseArguments(s.arguments) }));
}

/** Calls the response made whose results it does not hold: a client-side agent waits for them. */
export function pendingCalls(steps: readonly Step[]): Extract<Step, { kind: 'call' }>[] {
  const answered = new Set(steps.filter((s) => s.kind === 'result').map((s) => s.id));
  return steps.filter((s): s is Extract<Step, { kind: 'call' }> => s.kind === 'call' && !answered.has(s.id));
}

function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts = content.filter(isObject).map((part) => part.text).filter((t): t is string => typeof t === 'string');
  return parts.length > 0 ? parts.join('') : undefined;
}

/** tool_calls of a chat-completions or ChatAgent assistant message. */
function chatCalls(message: Json, position: string): Step[] {
  if (!Array.isArray(message.tool_calls)) return [];
  return message.tool_calls.filter(isObject).flatMap((call, i) => {
    const fn = isObject(call.function) ? call.function : undefined;
    if (typeof fn?.name !== 'string' || fn.name === '') return [];
    const args = typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {});
    return [{ kind: 'call' as const, id: typeof call.id === 'string' ? call.id : `${position}-${i}`, name: fn.name, arguments: args }];
  });
}

function chatMessageSteps(message: Json, position: string): Step[] {
  if (message.role === 'tool') {
    const output = textOf(message.content) ?? '';
    return typeof message.tool_call_id === 'string' ? [{ kind: 'result', id: message.tool_call_id, ...(typeof message.name === 'string' ? { name: message.name } : {}), output }] : [];
  }
  if (message.role !== 'assistant') return [];
  const text = textOf(message.content);
  return [...(text ? [{ kind: 'text' as const, text }] : []), ...chatCalls(message, position)];
}

/** OpenAI chat completions: the first choice's message. */
export function chatCompletionSteps(body: unknown): Step[] | undefined {
  const choice = isObject(body) && Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isObject(choice) || !isObject(choice.message)) return undefined;
  return chatMessageSteps({ role: 'assistant', ...choice.message }, 'call');
}

/** OpenAI Responses / MLflow ResponsesAgent output items. */
export function responsesSteps(body: unknown): Step[] | undefined {
  if (!isObject(body) || !Array.isArray(body.output)) return undefined;
  const steps: Step[] = [];
  body.output.filter(isObject).forEach((item, i) => {
    if (item.type === 'function_call' && typeof item.name === 'string' && item.name !== '') {
      const id = typeof item.call_id === 'string' ? item.call_id : typeof item.id === 'string' ? item.id : `call-${i}`;
      steps.push({ kind: 'call', id, name: item.name, arguments: typeof item.arguments === 'string' ? item.arguments : JSON.stringify(item.arguments ?? {}) });
    } else if (item.type === 'function_call_output' && typeof item.call_id === 'string') {
      steps.push({ kind: 'result', id: item.call_id, output: typeof item.output === 'string' ? item.output : JSON.stringify(item.output) });
    } else if ((item.type === undefined || item.type === 'message') && Array.isArray(item.content)) {
      const text = answerText(item.content);
      if (text) steps.push({ kind: 'text', text });
    }
  });
  return steps;
}

/** MLflow ChatAgent: every returned message, tool messages included. */
export function chatAgentSteps(body: unknown): Step[] | undefined {
  if (!isObject(body) || !Array.isArray(body.messages)) return undefined;
  return body.messages.filter(isObject).flatMap((m, i) => chatMessageSteps(m, `call-${i}`));
}

/** Whichever of the three shapes the body is; a prediction of one of them is read the same. */
export function anySteps(body: unknown): Step[] {
  const direct = chatCompletionSteps(body) ?? responsesSteps(body) ?? chatAgentSteps(body);
  if (direct) return direct;
  const predictions = isObject(body) ? body.predictions : undefined;
  if (Array.isArray(predictions) && predictions.length === 1) return anySteps(predictions[0]);
  if (isObject(predictions)) return anySteps(predictions);
  return [];
}

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/**
 * The body's `usage` in either naming (prompt/completion or the Responses API's input/output),
 * or undefined when it reports none: an absent count is never read as 0.
 */
export function usageOf(body: unknown): Usage | undefined {
  if (!isObject(body)) return undefined;
  if (!isObject(body.usage)) {
    const predictions = body.predictions;
    if (Array.isArray(predictions) && predictions.length === 1) return usageOf(predictions[0]);
    return isObject(predictions) ? usageOf(predictions) : undefined;
  }
  const u = body.usage;
  const prompt = count(u.prompt_tokens) ?? count(u.input_tokens);
  const completion = count(u.completion_tokens) ?? count(u.output_tokens);
  const total = count(u.total_tokens) ?? (prompt !== undefined && completion !== undefined ? prompt + completion : undefined);
  if (prompt === undefined && completion === undefined && total === undefined) return undefined;
  return { ...(prompt !== undefined ? { prompt_tokens: prompt } : {}), ...(completion !== undefined ? { completion_tokens: completion } : {}), ...(total !== undefined ? { total_tokens: total } : {}) };
}

/** The model the response says answered (chat completions and Responses carry one), for the price table. */
export function modelOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  if (typeof body.model === 'string' && body.model !== '') return body.model;
  const predictions = body.predictions;
  return Array.isArray(predictions) && predictions.length === 1 ? modelOf(predictions[0]) : undefined;
}
