import type { EvaluateConfig } from '../config/schema';
import type { Clock } from '../clock';
import { send, serverErrorStatuses } from '../http/client';
import type { ChatMessage } from './dataset';

export class UnreadableResponseError extends Error {
  override name = 'UnreadableResponseError';
}

export interface AgentAnswer {
  text: string;
  raw: unknown;
}

/** Calls an OpenAI-compatible chat completions endpoint; retries 429 and 5xx with backoff. */
export async function askAgent(
  endpoint: EvaluateConfig['endpoint'],
  url: string,
  messages: ChatMessage[],
  clock: Clock,
  signal?: AbortSignal,
): Promise<AgentAnswer> {
  const body = JSON.stringify({ ...(endpoint.model ? { model: endpoint.model } : {}), messages });
  const res = await send(
    { method: 'POST', url, headers: { 'content-type': 'application/json', ...endpoint.headers }, body, timeoutMs: endpoint.timeout, signal },
    'agent endpoint',
    {
      clock,
      retryOn: serverErrorStatuses,
      idempotent: true,
      policy: { attempts: endpoint.retries + 1, baseDelayMs: 200, maxDelayMs: 5_000, deadlineMs: Math.max(endpoint.timeout * (endpoint.retries + 1), 60_000) },
    },
  );
  let raw: unknown;
  try {
    raw = JSON.parse(res.body);
  } catch {
    throw new UnreadableResponseError(`agent endpoint answered HTTP ${res.status} with a body that is not JSON`);
  }
  return { text: chatText(raw), raw };
}

/** choices[0].message.content, as a string or as a list of text parts. */
export function chatText(raw: unknown): string {
  const content = (raw as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const parts = content.map((part: unknown) => (part as { text?: unknown })?.text).filter((t): t is string => typeof t === 'string');
    if (parts.length > 0) return parts.join('');
  }
  throw new UnreadableResponseError('agent response has no choices[0].message.content text (is evaluate.endpoint.format right?)');
}
