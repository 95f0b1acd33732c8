/**
 * Conversations: a dataset row holding several user turns, played against the agent one turn at
 * a time. Each request carries the whole history in the endpoint's request shape: the earlier
 * user turns, the agent's own replies (text and tool calls) and the tool results, whether the
 * agent ran the tools itself or the dataset gave them (`tool_results`, answered to calls the
 * agent leaves pending, for at most `max_tool_rounds` rounds per turn).
 */
import type { ConversationConfig, CostConfig, RequestStyle } from '../config/evaluate-schema';
import type { ToolCall, Turn, Usage } from '../contract/results';
import type { AgentAnswer, AgentClient } from './endpoint';
import { renderSteps, type HistoryStyle } from './formats/history';
import { pendingCalls, toolCallsOf, type Step } from './formats/steps';
import { asMessages, type ChatMessage } from './messages';

/** One user turn of a conversation row, as read from the dataset. */
export interface TurnSpec {
  input: unknown;
  messages: ChatMessage[];
  expected: unknown;
  /** The turn object as written: what per-turn scorers read (expected_tool_calls, should_refuse…). */
  fields: Readonly<Record<string, unknown>>;
  toolResults: Readonly<Record<string, unknown>> | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The turns of a row's conversation column, or a problem naming the turn. */
export function readTurns(value: unknown, config: ConversationConfig): { turns: TurnSpec[] } | { problem: string } {
  const column = config.column;
  if (!Array.isArray(value) || value.length === 0) return { problem: `field "${column}" must be a non-empty list of turns, e.g. [{"input": "Hi"}, {"input": "And then?"}]` };
  const turns: TurnSpec[] = [];
  for (const [i, turn] of value.entries()) {
    const where = `field "${column}" turn ${i + 1}`;
    if (!isRecord(turn)) return { problem: `${where} must be an object with an "input"` };
    const messages = asMessages(turn.input);
    if (!messages) return { problem: `${where}: "input" must be a string, a list of {role, content} messages, or {messages: [...]}` };
    const toolResults = toolResultsOf(turn[config.tool_results_column], `${where}: "${config.tool_results_column}"`);
    if (typeof toolResults === 'string') return { problem: toolResults };
    turns.push({ input: turn.input, messages, expected: turn.expected, fields: turn, toolResults });
  }
  return { turns };
}

/** Tool results by tool name, or a problem. */
export function toolResultsOf(value: unknown, where: string): Record<string, unknown> | undefined | string {
  if (value === undefined || value === null || value === '') return undefined;
  if (!isRecord(value)) return `${where} must be an object of results by tool name, e.g. {"search": "3 hits"}`;
  return value;
}

export interface Pricing {
  /** The cost of one request from its usage and the model it names; undefined when it cannot be priced. */
  price(usage: Usage | undefined, model: string | undefined): number | undefined;
}

/** Prices from `evaluate.cost`: the response's model when the table has it, else the configured one. */
export function pricing(cost: CostConfig | undefined, endpointModel: string | undefined): Pricing | null {
  if (!cost) return null;
  const fallback = cost.model ?? endpointModel;
  return {
    price(usage, model) {
      const entry = (model !== undefined ? cost.prices[model] : undefined) ?? (fallback !== undefined ? cost.prices[fallback] : undefined);
      if (!entry || usage?.prompt_tokens === undefined || usage.completion_tokens === undefined) return undefined;
      return (usage.prompt_tokens * entry.prompt_per_million + usage.completion_tokens * entry.completion_per_million) / 1_000_000;
    },
  };
}

/** Usage summed over requests; absent when any of them reported none, never a partial count. */
export function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a || !b) return undefined;
  const sum = (key: keyof Usage): Usage => (a[key] !== undefined && b[key] !== undefined ? { [key]: (a[key] as number) + (b[key] as number) } : {});
  const total = { ...sum('prompt_tokens'), ...sum('completion_tokens'), ...sum('total_tokens') };
  return Object.keys(total).length > 0 ? total : undefined;
}

export function addCost(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}

/** One request-and-reply exchange or several (tool rounds) making up one turn. */
export interface PlayedTurn {
  text: string;
  steps: Step[];
  toolCalls: ToolCall[];
  usage?: Usage;
  cost?: number;
  latencyMs: number;
}

export interface TurnPlayer {
  agent: AgentClient;
  style: HistoryStyle;
  /** Tool messages carry the tool's name (ChatAgent); see renderSteps. */
  toolNames: boolean;
  maxToolRounds: number;
  pricing: Pricing | null;
  signal?: AbortSignal;
}

export function historyStyle(request: RequestStyle): HistoryStyle {
  return request === 'input' ? 'input' : 'messages';
}

/** A turn the agent did not finish, with the calls it made on the way (kept in results.jsonl). */
export class UnfinishedTurnError extends Error {
  constructor(
    message: string,
    readonly toolCalls: ToolCall[],
  ) {
    super(message);
  }
}

/**
 * Plays one turn: appends the user's messages to `history`, asks, and while the reply leaves
 * calls pending that the given results answer, appends the reply and the results and asks
 * again. `history` ends holding everything said, ready for the next turn. The last turn may end
 * on calls no result answers (scorers judge the calls); an earlier one may not, since the next
 * request would carry calls without their results, which chat APIs refuse.
 */
export async function playTurn(
  player: TurnPlayer,
  history: unknown[],
  input: { raw: unknown; messages: ChatMessage[] },
  toolResults: Readonly<Record<string, unknown>> | undefined,
  lastTurn: boolean,
): Promise<PlayedTurn> {
  history.push(...input.messages);
  const steps: Step[] = [];
  let usage: Usage | undefined;
  let cost: number | undefined;
  let latencyMs = 0;
  let last: AgentAnswer | undefined;
  for (let round = 0; ; round++) {
    const answer = await player.agent.ask({ raw: input.raw, messages: input.messages, history: [...history] }, player.signal);
    last = answer;
    usage = round === 0 ? answer.usage : addUsage(usage, answer.usage);
    const priced = player.pricing?.price(answer.usage, answer.model);
    cost = round === 0 ? priced : addCost(cost, priced);
    latencyMs += answer.latencyMs;
    steps.push(...answer.steps);
    history.push(...renderSteps(answer.steps, player.style, player.toolNames));
    const pending = pendingCalls(answer.steps);
    if (pending.length === 0) break;
    const given = toolResults ?? {};
    const unanswered = [...new Set(pending.filter((c) => !Object.hasOwn(given, c.name)).map((c) => c.name))];
    if (unanswered.length > 0 && lastTurn) break;
    if (unanswered.length > 0) {
      throw new UnfinishedTurnError(
        `the agent called ${unanswered.join(', ')}, which the turn's tool results do not answer, so the conversation cannot go on (the next request would carry calls without their results); give ${unanswered.length === 1 ? 'its result' : 'their results'} in the turn's tool results, by tool name`,
        toolCallsOf(steps),
      );
    }
    if (round + 1 > player.maxToolRounds) {
      // Scoring the last reply would score a turn the agent never finished: an empty answer that can pass.
      throw new UnfinishedTurnError(
        `the agent was still calling tools (${[...new Set(pending.map((c) => c.name))].join(', ')}) after ${player.maxToolRounds} round${player.maxToolRounds === 1 ? '' : 's'} of tool results, so the turn has no final answer; raise evaluate.conversation.max_tool_rounds if it needs more, or check the agent for a loop`,
        toolCallsOf(steps),
      );
    }
    const results: Step[] = pending.map((call) => {
      const output = given[call.name];
      return { kind: 'result', id: call.id, name: call.name, output: typeof output === 'string' ? output : JSON.stringify(output) };
    });
    steps.push(...results);
    history.push(...renderSteps(results, player.style, player.toolNames));
  }
  return { text: last.text, steps, toolCalls: toolCallsOf(steps), latencyMs, ...(usage ? { usage } : {}), ...(cost !== undefined ? { cost } : {}) };
}

/** A turn for results.jsonl. */
export function turnRecord(index: number, spec: TurnSpec, played: PlayedTurn | null, error?: string, unfinishedCalls: ToolCall[] = []): Turn {
  return {
    turn: index + 1,
    input: spec.input,
    output: played ? played.text : null,
    ...(spec.expected !== undefined ? { expected: spec.expected } : {}),
    ...(played ? { tool_calls: played.toolCalls } : unfinishedCalls.length > 0 ? { tool_calls: unfinishedCalls } : {}),
    ...(played?.usage ? { usage: played.usage } : {}),
    ...(played?.cost !== undefined ? { cost: played.cost } : {}),
    latency_ms: played ? Math.round(played.latencyMs * 10) / 10 : null,
    ...(error !== undefined ? { error } : {}),
  };
}

/** The conversation up to the final reply, as chat messages: the question scorers at its end quote (the LLM judge). */
export function transcript(turns: readonly TurnSpec[], played: readonly PlayedTurn[]): ChatMessage[] {
  return turns.flatMap((spec, i) => [...spec.messages, ...(i < turns.length - 1 && played[i] ? [{ role: 'assistant', content: (played[i] as PlayedTurn).text }] : [])]);
}
