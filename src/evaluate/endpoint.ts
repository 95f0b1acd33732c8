import type { Clock } from '../clock';
import type { EndpointConfig } from '../config/evaluate-schema';
import type { Usage } from '../contract/results';
import { resolveFormat, type AgentInput, type EndpointFormatModule, type FormatSettings } from './formats';
import { modelOf, usageOf, type Step } from './formats/steps';
import { postJson, UnreadableResponseError } from './post';
import type { TokenBucket } from './rate-limit';

export { UnreadableResponseError } from './post';

export interface AgentAnswer {
  /** Empty when the response is only tool calls (a client-side agent waiting for their results). */
  text: string;
  raw: unknown;
  /** From the first attempt's send to the answer. */
  latencyMs: number;
  /** Text, tool calls and tool results in the response's order. */
  steps: Step[];
  /** Absent when the response reported none. */
  usage?: Usage;
  /** The model the response names, if any. */
  model?: string;
}

export interface AgentClient {
  /** The URL requests go to, after the format has placed the configured one. */
  url: string;
  /** Why a dataset input cannot be sent in this format, or undefined. */
  inputProblem(input: AgentInput): string | undefined;
  ask(input: AgentInput, signal?: AbortSignal): Promise<AgentAnswer>;
}

export interface AgentClientOptions {
  endpoint: EndpointConfig;
  /** The configured URL with its {{templates}} filled. */
  url: string;
  /** The dataset's input column: the default column name for string inputs in dataframe requests. */
  inputColumn: string;
  clock: Clock;
  limiter?: TokenBucket | null;
  random?: () => number;
  /**
   * Read a reply of tool calls alone as an answer with empty text. Set when the evaluation looks
   * at tool calls (a tool_calls scorer, conversations); otherwise such a reply stays unreadable,
   * as it always was.
   */
  toolOnlyReplies?: boolean;
}

/** Where requests go for this endpoint config and (template-filled) URL: e.g. /invocations or /serving-endpoints/{name}/…. */
export function agentUrl(endpoint: EndpointConfig, url: string, inputColumn = 'input'): string {
  const { module, settings } = resolveFormat(endpoint, inputColumn);
  return module.url(url, settings);
}

/** The agent under evaluation, spoken to in its endpoint format, with retries and the rate limit. */
export function agentClient(options: AgentClientOptions): AgentClient {
  const { endpoint, clock } = options;
  const { module, settings } = resolveFormat(endpoint, options.inputColumn);
  const url = module.url(options.url, settings);
  const target = {
    url,
    headers: endpoint.headers,
    timeoutMs: endpoint.timeout,
    retries: endpoint.retries,
    maxResponseBytes: endpoint.max_response_size,
    maxResponseSetting: 'evaluate.endpoint.max_response_size',
  };
  return {
    url,
    inputProblem: (input) => module.inputProblem(input, settings),
    async ask(input, signal) {
      const body = { ...endpoint.extra_body, ...module.body(input, settings) };
      const answer = await postJson(target, body, 'agent endpoint', { clock, limiter: options.limiter, signal, random: options.random });
      return { ...readAgentAnswer(module, settings, answer.json, options.toolOnlyReplies === true), latencyMs: answer.elapsedMs };
    },
  };
}

/**
 * An agent's response body read in its format: the text, the steps, the usage and the model.
 * Throws UnreadableResponseError for a body the format cannot read; with toolOnlyReplies, a
 * reply of tool calls alone is read with empty text instead.
 */
export function readAgentAnswer(module: EndpointFormatModule, settings: FormatSettings, json: unknown, toolOnlyReplies: boolean): Omit<AgentAnswer, 'latencyMs'> {
  const steps = module.steps(json);
  const usage = usageOf(json);
  const model = modelOf(json);
  return { text: answerText(() => module.text(json, settings), steps, toolOnlyReplies), raw: json, steps, ...(usage ? { usage } : {}), ...(model ? { model } : {}) };
}

/**
 * A reply of tool calls alone is an answer (its text is empty) when the evaluation looks at tool
 * calls; otherwise it is unreadable, and the message says it was calls, not a wrong format.
 */
function answerText(read: () => string, steps: readonly Step[], toolOnlyReplies: boolean): string {
  try {
    return read();
  } catch (error) {
    const calls = steps.filter((s) => s.kind === 'call').map((s) => s.name);
    if (!(error instanceof UnreadableResponseError) || calls.length === 0) throw error;
    if (toolOnlyReplies) return '';
    throw new UnreadableResponseError(
      `the agent replied with tool calls only (${[...new Set(calls)].join(', ')}), no text to score; to evaluate an agent that calls tools, add a tool_calls scorer, or evaluate.conversation with the rows' tool_results so the runner answers the calls`,
    );
  }
}
