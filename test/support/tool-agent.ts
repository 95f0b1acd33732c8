import { startJsonServer, type JsonServer } from './agent-server';

/**
 * A real tool-calling agent on loopback, in the three wire formats agents answer in, whose only
 * memory is the conversation it is sent (as a stateless endpoint's is):
 * - "weather in <city>": calls get_weather({city}); given the tool's result it answers with it.
 *   openai-chat and responses leave the call to the client (the runner feeds the dataset's
 *   result); chat-agent runs the tool itself and returns the call, the tool message and the answer.
 * - "my name is <name>" … "what is my name?": answered from the earlier user turns.
 * Every reply reports usage (prompt tokens = words in the history, completion = words answered + 8 per call)
 * unless `usage: false`. `extraCall` makes it also call that tool on every weather question.
 */
export type ToolAgentFormat = 'openai-chat' | 'responses' | 'chat-agent';

export interface ToolAgentOptions {
  format: ToolAgentFormat;
  usage?: boolean;
  extraCall?: string;
  /** Answer this status instead on requests whose history has at least this many user turns. */
  failFromTurn?: { turn: number; status: number };
  delayMs?: number;
}

type Message = { role?: string; type?: string; content?: unknown; tool_call_id?: string; call_id?: string; output?: string; name?: string };

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

export async function startToolAgent(options: ToolAgentOptions): Promise<JsonServer> {
  let calls = 0;
  return startJsonServer((request) => {
    const body = request.body as { messages?: Message[]; input?: Message[] } | undefined;
    const history = body?.messages ?? body?.input ?? [];
    const users = history.filter((m) => m.role === 'user').map((m) => String(m.content));
    if (options.failFromTurn && users.length >= options.failFromTurn.turn) return { status: options.failFromTurn.status, json: { error: { message: 'agent crashed' } } };
    // The first tool result since the question (get_weather's: it is always called first).
    const sinceQuestion = history.slice(history.findLastIndex((m) => m.role === 'user') + 1);
    const result = sinceQuestion.find((m) => m.role === 'tool' || m.type === 'function_call_output');
    const toolOutput = result === undefined ? undefined : String(result.role === 'tool' ? result.content : result.output);
    const question = users.at(-1) ?? '';
    const city = /weather in (\w+)/i.exec(question)?.[1];
    const prompt = history.reduce((n, m) => n + words(typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? m.output ?? '')), 0);
    const planned = city && toolOutput === undefined ? [{ name: 'get_weather', args: { city } }, ...(options.extraCall ? [{ name: options.extraCall, args: {} }] : [])] : [];
    const answer = toolOutput !== undefined ? `It is ${toolOutput} in ${city ?? 'town'}.` : city ? '' : nameAnswer(users);
    // Writing each call costs completion tokens too.
    const usage = options.usage === false ? {} : usageFor(options.format, prompt, words(answer) + 8 * planned.length);
    return { json: replyBody(options.format, planned.map((p) => ({ ...p, id: `call_${++calls}` })), answer, usage), delayMs: options.delayMs ?? 0 };
  });
}

function nameAnswer(users: readonly string[]): string {
  const said = users.map((u) => /my name is (\w+)/i.exec(u)?.[1]).filter((n): n is string => n !== undefined).at(-1);
  const asked = /what is my name/i.test(users.at(-1) ?? '');
  if (asked) return said ? `Your name is ${said}.` : 'You have not told me your name.';
  return said ? `Nice to meet you, ${said}.` : 'How can I help?';
}

function usageFor(format: ToolAgentFormat, prompt: number, completion: number): Record<string, unknown> {
  // Responses names them input/output (with details objects); chat completions and ChatAgent prompt/completion.
  return format === 'responses'
    ? { usage: { input_tokens: prompt, input_tokens_details: { cached_tokens: 0 }, output_tokens: completion, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: prompt + completion } }
    : { usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } };
}

interface PlannedCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

function replyBody(format: ToolAgentFormat, planned: readonly PlannedCall[], answer: string, usage: Record<string, unknown>): unknown {
  const toolCalls = planned.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } }));
  switch (format) {
    case 'openai-chat':
      return {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'tool-agent',
        choices: [{ index: 0, message: { role: 'assistant', content: planned.length > 0 ? null : answer, ...(planned.length > 0 ? { tool_calls: toolCalls } : {}) }, finish_reason: planned.length > 0 ? 'tool_calls' : 'stop' }],
        ...usage,
      };
    case 'responses':
      return {
        id: 'resp_1',
        object: 'response',
        model: 'tool-agent',
        status: 'completed',
        output:
          planned.length > 0
            ? planned.map((c, i) => ({ type: 'function_call', id: `fc_${i}`, call_id: c.id, name: c.name, arguments: JSON.stringify(c.args), status: 'completed' }))
            : [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: answer, annotations: [] }] }],
        ...usage,
      };
    case 'chat-agent': {
      // A server-side agent: it runs its tools and returns the whole exchange.
      const results = planned.map((c, i) => ({ role: 'tool', id: `msg_t${i}`, name: c.name, tool_call_id: c.id, content: c.name === 'get_weather' ? 'sunny' : 'done' }));
      const final = planned.length > 0 ? `It is sunny in ${String(planned[0]?.args.city)}.` : answer;
      return {
        messages: [...(planned.length > 0 ? [{ role: 'assistant', id: 'msg_a0', content: '', tool_calls: toolCalls }, ...results] : []), { role: 'assistant', id: 'msg_a1', content: final }],
        finish_reason: 'stop',
        ...usage,
      };
    }
  }
}
