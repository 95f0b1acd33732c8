/**
 * A conversation's history in the request shape the endpoint reads: the agent's own replies
 * (text, tool calls, tool results) and the dataset's tool results, as chat-completions messages
 * ({messages}) or Responses input items ({input}). Only the two chat request shapes can carry a
 * history; the config refuses conversations with the others.
 */
import type { Step } from './steps';

export type HistoryStyle = 'messages' | 'input';

/** The steps of one reply (and the results given for it) as messages or items to append. */
export function renderSteps(steps: readonly Step[], style: HistoryStyle): unknown[] {
  return style === 'input' ? steps.map(responsesItem) : chatMessages(steps);
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
function chatMessages(steps: readonly Step[]): unknown[] {
  const out: unknown[] = [];
  let assistant: { role: 'assistant'; content: string | null; tool_calls?: unknown[] } | undefined;
  for (const step of steps) {
    if (step.kind === 'result') {
      assistant = undefined;
      out.push({ role: 'tool', tool_call_id: step.id, ...(step.name !== undefined ? { name: step.name } : {}), content: step.output });
      continue;
    }
    if (step.kind === 'text' && (assistant === undefined || assistant.tool_calls !== undefined)) {
      assistant = { role: 'assistant', content: step.text };
      out.push(assistant);
      continue;
    }
    if (step.kind === 'text') {
      assistant = assistant ?? { role: 'assistant', content: null };
      assistant.content = `${assistant.content ?? ''}${step.text}`;
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
