import type { EndpointConfig, RequestStyle } from '../../config/evaluate-schema';
import type { ChatMessage } from '../messages';
import type { Step } from './steps';

/** A dataset row's input, as written and (when it is one) as a conversation. */
export interface AgentInput {
  raw: unknown;
  messages: ChatMessage[] | null;
  /**
   * A conversation's whole history in the request's own shape (messages or Responses input
   * items, tool calls and results included); sent instead of `messages` when set.
   */
  history?: readonly unknown[];
}

/** Everything a format needs besides the input, resolved once per run. */
export interface FormatSettings {
  endpoint: EndpointConfig;
  /** The request body shape: the configured one or the format's default. */
  request: RequestStyle;
  /** The column a string input is sent as in dataframe and inputs requests. */
  inputField: string;
}

/**
 * One agent wire format: where to send, what to send, how to read the answer. `text` throws an
 * UnreadableResponseError for a body it cannot read: an unreadable answer is an error for that
 * example, never an empty string that would score 0.
 */
export interface EndpointFormatModule {
  url(configured: string, settings: FormatSettings): string;
  /** Why this input cannot be sent with these settings, or undefined. */
  inputProblem(input: AgentInput, settings: FormatSettings): string | undefined;
  body(input: AgentInput, settings: FormatSettings): Record<string, unknown>;
  text(response: unknown, settings: FormatSettings): string;
  /** The tool calls, tool results and text of the response, in order; empty when it has none. */
  steps(response: unknown): Step[];
}
