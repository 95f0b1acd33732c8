/**
 * Tool calls and usage read from each endpoint format, through a real local server. The
 * fixtures follow the public shapes field for field:
 * - chat completions: openai/openai-openapi CreateChatCompletionResponse (message.tool_calls of
 *   {id, type: "function", function: {name, arguments}}, content null; CompletionUsage);
 * - Responses: openai/openai-openapi Response (output items of type function_call with call_id
 *   and a JSON-string arguments; ResponseUsage with input/output token details), which MLflow's
 *   ResponsesAgentResponse mirrors (mlflow/types/responses_helpers.py);
 * - ChatAgent: mlflow/types/agent.py ChatAgentResponse (messages with unique ids, assistant
 *   tool_calls as mlflow/types/chat.py ToolCall, tool messages with name and tool_call_id;
 *   usage as ChatUsage).
 */
import { systemClock } from '../../src/clock';
import { evaluateSchema } from '../../src/config/evaluate-schema';
import { agentClient, UnreadableResponseError } from '../../src/evaluate/endpoint';
import { renderSteps } from '../../src/evaluate/formats/history';
import { toolCallsOf } from '../../src/evaluate/formats/steps';
import { asMessages } from '../../src/evaluate/messages';
import { startJsonServer, type JsonServer } from '../support/agent-server';

const chatCompletionWithTools = {
  id: 'chatcmpl-abc123',
  object: 'chat.completion',
  created: 1699896916,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_abc123', type: 'function', function: { name: 'get_current_weather', arguments: '{\n"location": "Boston, MA"\n}' } }],
        refusal: null,
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    },
  ],
  usage: { prompt_tokens: 82, completion_tokens: 17, total_tokens: 99, completion_tokens_details: { reasoning_tokens: 0 } },
};

const responsesWithFunctionCall = {
  id: 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b',
  object: 'response',
  created_at: 1741476542,
  status: 'completed',
  model: 'gpt-4.1-2025-04-14',
  output: [
    {
      type: 'function_call',
      id: 'fc_12345xyz',
      call_id: 'call_12345xyz',
      name: 'get_weather',
      arguments: '{"location":"Paris, France"}',
      status: 'completed',
    },
  ],
  parallel_tool_calls: true,
  usage: { input_tokens: 291, input_tokens_details: { cached_tokens: 0 }, output_tokens: 23, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 314 },
};

const chatAgentResponse = {
  messages: [
    { role: 'assistant', id: 'run-1-0', content: '', tool_calls: [{ id: 'call_7', type: 'function', function: { name: 'lookup_order', arguments: '{"order_id": "A-17"}' } }] },
    { role: 'tool', id: 'run-1-1', name: 'lookup_order', tool_call_id: 'call_7', content: '{"status": "shipped"}' },
    { role: 'assistant', id: 'run-1-2', content: 'Your order A-17 has shipped.' },
  ],
  finish_reason: 'stop',
  usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
};

let server: JsonServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function ask(endpoint: Record<string, unknown>, json: unknown, toolOnlyReplies = true) {
  server = await startJsonServer(() => ({ json }));
  const config = evaluateSchema.parse({ dataset: { path: 'd.jsonl' }, endpoint: { ...endpoint, url: server.url }, scorers: [{ type: 'contains' }] }).endpoint!;
  const client = agentClient({ endpoint: config, url: config.url, inputColumn: 'input', clock: systemClock, toolOnlyReplies });
  return client.ask({ raw: 'Hi', messages: asMessages('Hi') });
}

describe('tool calls and usage by format', () => {
  it('openai-chat: tool_calls with JSON arguments, content null, usage', async () => {
    const answer = await ask({ format: 'openai-chat' }, chatCompletionWithTools);
    expect(answer.text).toBe('');
    expect(toolCallsOf(answer.steps)).toEqual([{ name: 'get_current_weather', arguments: { location: 'Boston, MA' } }]);
    expect(answer.usage).toEqual({ prompt_tokens: 82, completion_tokens: 17, total_tokens: 99 });
    expect(answer.model).toBe('gpt-4o-mini-2024-07-18');
  });

  it('responses: function_call items and input/output token usage', async () => {
    const answer = await ask({ format: 'responses' }, responsesWithFunctionCall);
    expect(answer.text).toBe('');
    expect(toolCallsOf(answer.steps)).toEqual([{ name: 'get_weather', arguments: { location: 'Paris, France' } }]);
    expect(answer.usage).toEqual({ prompt_tokens: 291, completion_tokens: 23, total_tokens: 314 });
    expect(answer.steps[0]).toMatchObject({ kind: 'call', id: 'call_12345xyz' });
  });

  it('databricks: a ChatAgent answer with its own tool call and result', async () => {
    const answer = await ask({ format: 'databricks' }, chatAgentResponse);
    expect(answer.text).toBe('Your order A-17 has shipped.');
    expect(toolCallsOf(answer.steps)).toEqual([{ name: 'lookup_order', arguments: { order_id: 'A-17' } }]);
    expect(answer.steps.map((s) => s.kind)).toEqual(['call', 'result', 'text']);
    expect(answer.usage).toEqual({ prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 });
  });

  it('databricks: a ResponsesAgent answer and a chat completion read the same as their own formats', async () => {
    expect(toolCallsOf((await ask({ format: 'databricks', request: 'input' }, responsesWithFunctionCall)).steps)).toEqual([{ name: 'get_weather', arguments: { location: 'Paris, France' } }]);
    await server?.close();
    expect((await ask({ format: 'databricks' }, chatCompletionWithTools)).usage?.total_tokens).toBe(99);
  });

  it('mlflow-pyfunc: a prediction holding a ChatAgent answer', async () => {
    const answer = await ask({ format: 'mlflow-pyfunc', request: 'messages' }, { predictions: [chatAgentResponse] });
    expect(toolCallsOf(answer.steps)).toEqual([{ name: 'lookup_order', arguments: { order_id: 'A-17' } }]);
    expect(answer.usage?.total_tokens).toBe(150);
  });

  it('mlflow-pyfunc: an unwrapped ChatAgent answer, as MLflow\'s scoring server returns to a messages request', async () => {
    const answer = await ask({ format: 'mlflow-pyfunc', request: 'messages' }, chatAgentResponse);
    expect(answer.text).toBe('Your order A-17 has shipped.');
    expect(toolCallsOf(answer.steps)).toEqual([{ name: 'lookup_order', arguments: { order_id: 'A-17' } }]);
    expect(answer.usage?.total_tokens).toBe(150);
  });

  it('keeps arguments that are not JSON as the string sent', async () => {
    const broken = structuredClone(chatCompletionWithTools);
    broken.choices[0]!.message.tool_calls[0]!.function.arguments = '{"location": Boston';
    expect(toolCallsOf((await ask({ format: 'openai-chat' }, broken)).steps)).toEqual([{ name: 'get_current_weather', arguments: '{"location": Boston' }]);
  });

  it('reports a response without usage as none, never as 0 tokens', async () => {
    const { usage: _dropped, ...bare } = chatAgentResponse;
    const answer = await ask({ format: 'databricks' }, bare);
    expect(answer.usage).toBeUndefined();
    expect('usage' in answer).toBe(false);
  });

  it('leaves a reply of tool calls alone unreadable when the evaluation does not look at tool calls', async () => {
    await expect(ask({ format: 'responses' }, responsesWithFunctionCall, false)).rejects.toThrow(UnreadableResponseError);
    await expect(ask({ format: 'responses' }, responsesWithFunctionCall, false)).rejects.toThrow(
      'the agent replied with tool calls only (get_weather), no text to score; to evaluate an agent that calls tools, add a tool_calls scorer',
    );
  });
});

describe('history in the request shape', () => {
  const steps = [
    { kind: 'text' as const, text: 'Let me check.' },
    { kind: 'call' as const, id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
    { kind: 'result' as const, id: 'call_1', name: 'get_weather', output: 'snow' },
    { kind: 'text' as const, text: 'It snows.' },
  ];

  it('as chat messages: assistant text with its tool_calls, then a tool message (named for a ChatAgent)', () => {
    expect(renderSteps(steps, 'messages')[1]).toEqual({ role: 'tool', tool_call_id: 'call_1', content: 'snow' });
    expect(renderSteps(steps, 'messages', true)).toEqual([
      { role: 'assistant', content: 'Let me check.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', name: 'get_weather', content: 'snow' },
      { role: 'assistant', content: 'It snows.' },
    ]);
  });

  it('as Responses input items: function_call and function_call_output', () => {
    expect(renderSteps(steps, 'input')).toEqual([
      { role: 'assistant', content: 'Let me check.' },
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'snow' },
      { role: 'assistant', content: 'It snows.' },
    ]);
  });
});
