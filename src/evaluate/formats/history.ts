/**
 * A conversation's history in the request shape the endpoint reads: the agent's own replies
 * (text, tool calls, tool results) and the dataset's tool results, as chat-completions messages
 * ({messages}) or Responses input items ({input}). Only the two chat request shapes can carry a
 * history; the config refuses conversations with the others.
 */
import type { Step } from './steps';

export type HistoryStyle = 'messages' | 'input';

/**
 * The steps of one reply (and the results given for it) as messages or items to append.
 * `toolNames`: tool messages carry the tool's `name`, which MLflow's ChatAgent requires and
 * OpenAI's chat completions (role, content, tool_call_id only) does not take.
 */
export function renderSteps(steps: readonly Step[], style: HistoryStyle, toolNames = false): unknown[] {
  return style === 'input' ? steps.map(responsesItem) : chatMessages(steps, toolNames);
}

function responsesItem(step: Step): unknown {
  switch (step.kind) {
    case 'text':
      return { role: 'assistant', content: step.text };
    case 'call':
      return { type: 'function_call', call_id: step.id, name: step.name, arguments: step.arguments };
    case 'result':
      return { type: 'function_call_output', call_id: step.id, output: step.output };
  }
}

/** An assistant's text and the calls that follow it are one message; each result is a tool message. */
function chatMessages(steps: readonly Step[], toolNames: boolean): unknown[] {
  const out: unknown[] = [];
  let assistant: { role: 'assistant'; content: string | null; tool_calls?: unknown[] } | undefined;
  for (const step of steps) {
    if (step.kind === 'result') {
      assistant = undefined;
      out.push({ role: 'tool', tool_call_id: step.id, ...(toolNames && step.name !== undefined ? { name: step.name } : {}), content: step.output });
      continue;
    }
    if (step.kind === 'text') {
      // Text after calls starts a new message: the reply that follows the calls' results.
      if (assistant !== undefined && assistant.tool_calls === undefined) {
        assistant.content = `${assistant.content ?? ''}${step.text}`;
      } else {
        assistant = { role: 'assistant', content: step.text };
        out.push(assistant);
      }
      continue;
    }
    if (assistant === undefined) {
      assistant = { role: 'assistant', content: null };
      out.push(assistant);
    }
    (assistant.tool_calls ??= []).push({ id: step.id, type: 'function', function: { name: step.name, arguments: step.arguments } });
  }
  return out;
}
