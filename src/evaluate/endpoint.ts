import type { Clock } from '../clock';
import type { EndpointConfig } from '../config/evaluate-schema';
import { resolveFormat, type AgentInput } from './formats';
import { postJson } from './post';
import type { TokenBucket } from './rate-limit';

export { UnreadableResponseError } from './post';

export interface AgentAnswer {
  text: string;
  raw: unknown;
  /** From the first attempt's send to the answer. */
  latencyMs: number;
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
      return { text: module.text(answer.json, settings), raw: answer.json, latencyMs: answer.elapsedMs };
    },
  };
}
