import { z } from 'zod';
import { lazySchema } from '../config/zod-helpers';

export interface ChatMessage {
  role: string;
  content: string;
}

const message = lazySchema(() => z.strictObject({ role: z.string().min(1), content: z.string() }));
const conversation = lazySchema(() => z.array(message).min(1));

/**
 * A dataset input as a conversation: a string is one user message; a list of {role, content}
 * or {messages: [...]} is taken as written. Anything else is not a conversation (null); formats
 * that send model inputs rather than chats may still accept it.
 */
export function asMessages(input: unknown): ChatMessage[] | null {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  const list = Array.isArray(input) ? input : (input as { messages?: unknown } | null)?.messages;
  const parsed = conversation.safeParse(list);
  return parsed.success ? parsed.data : null;
}

/** The conversation as plain text, for prompts that quote it (the LLM judge). */
export function renderConversation(input: unknown): string {
  if (typeof input === 'string') return input;
  const messages = asMessages(input);
  if (messages && messages.length === 1 && messages[0]?.role === 'user') return messages[0].content;
  if (messages) return messages.map((m) => `${m.role}: ${m.content}`).join('\n');
  return JSON.stringify(input);
}
