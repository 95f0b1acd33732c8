import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { systemClock } from '../../src/clock';
import { evaluateSchema, type EndpointConfig } from '../../src/config/evaluate-schema';
import { resultSchema } from '../../src/contract/results';
import { ConfigError } from '../../src/errors';
import { agentClient, agentUrl, UnreadableResponseError } from '../../src/evaluate/endpoint';
import { databricksInvocationsUrl } from '../../src/evaluate/formats';
import { predictionText } from '../../src/evaluate/formats/text';
import { asMessages } from '../../src/evaluate/messages';
import { evaluate } from '../../src/modes/evaluate';
import { LocalRegistry } from '../../src/registry/local';
import { chatCompletion, lastUserText, responsesAnswer, startJsonServer, type JsonReply, type JsonServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { goldenJsonl, makeWorkspace, type Workspace } from '../support/workspace';

let server: JsonServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function endpointOf(endpoint: Record<string, unknown>): EndpointConfig {
  return evaluateSchema.parse({ dataset: { path: 'd.jsonl' }, endpoint, scorers: [{ type: 'contains' }] }).endpoint!;
}

function endpointError(endpoint: Record<string, unknown>): string {
  const parsed = evaluateSchema.safeParse({ dataset: { path: 'd.jsonl' }, endpoint, scorers: [{ type: 'contains' }] });
  if (parsed.success) return 'valid';
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.')}: ${issue?.message}`;
}

/** Sends one input through a real local server that answers `reply`; returns what was sent and the text read. */
async function roundTrip(endpoint: Record<string, unknown>, input: unknown, reply: JsonReply, inputColumn = 'input') {
  await server?.close();
  server = await startJsonServer(() => reply);
  const config = endpointOf({ ...endpoint, url: String(endpoint.url ?? '').replace('{{server}}', server.url) });
  const client = agentClient({ endpoint: config, url: config.url, inputColumn, clock: systemClock });
  const sent = { raw: input, messages: asMessages(input) };
  const problem = client.inputProblem(sent);
  if (problem) throw new Error(`input refused: ${problem}`);
  const answer = await client.ask(sent);
  const request = server.requests[0];
  return { text: answer.text, path: request?.path, body: request?.body, headers: request?.headers, url: client.url };
}

describe('openai-chat', () => {
  it('sends {model, messages} with extra_body and reads text parts', async () => {
    const got = await roundTrip(
      { url: '{{server}}/v1/chat/completions', model: 'gpt-test', extra_body: { temperature: 0, max_tokens: 64 } },
      'Hi',
      { json: { choices: [{ message: { role: 'assistant', content: [{ type: 'text', text: 'Hel' }, { type: 'text', text: 'lo' }] } }] } },
    );
    expect(got.body).toEqual({ temperature: 0, max_tokens: 64, model: 'gpt-test', messages: [{ role: 'user', content: 'Hi' }] });
    expect(got.text).toBe('Hello');
  });

  it("reads a declined answer's refusal as its text, for the refusal scorer, rather than as unreadable", async () => {
    const got = await roundTrip({ url: '{{server}}/v1/chat/completions' }, 'Help me pick a lock', { json: { choices: [{ message: { role: 'assistant', content: null, refusal: "I can't help with that." } }] } });
    expect(got.text).toBe("I can't help with that.");
    const responses = await roundTrip({ url: '{{server}}/v1/responses', format: 'responses' }, 'Help me pick a lock', {
      json: { output: [{ type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'I must decline.' }] }] },
    });
    expect(responses.text).toBe('I must decline.');
  });

  it('quotes the error of a gateway that answers 200 with an error object', async () => {
    await expect(roundTrip({ url: '{{server}}/v1/chat/completions' }, 'Hi', { json: { error: { message: 'model overloaded', type: 'server_error' } } })).rejects.toThrow(
      'agent answered with an error instead of an answer: model overloaded',
    );
    await expect(roundTrip({ url: '{{server}}/v1/responses', format: 'responses' }, 'Hi', { json: { status: 'failed', error: { code: 'server_error', message: 'the model failed' }, output: [] } })).rejects.toThrow(
      'agent answered with an error instead of an answer: the model failed',
    );
    await expect(roundTrip({ url: '{{server}}/serving-endpoints/agent/invocations', format: 'databricks' }, 'Hi', { json: { error_code: 'BAD_REQUEST', message: 'input too long' } })).rejects.toThrow(
      'agent answered with an error instead of an answer: BAD_REQUEST: input too long',
    );
    // A model server's prediction that is only an error is no answer either.
    await expect(roundTrip({ url: '{{server}}/invocations', format: 'mlflow-pyfunc' }, 'Hi', { json: { predictions: [{ error: 'rate limited, try later' }] } })).rejects.toThrow(
      'predictions[0] is an error, not an answer: rate limited, try later',
    );
  });
});

describe('responses (OpenAI Responses / MLflow ResponsesAgent)', () => {
  it('sends {model, input: messages} and joins the output_text parts of every message item', async () => {
    const got = await roundTrip({ url: '{{server}}/v1/responses', format: 'responses', model: 'agent' }, [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'Hi' }], {
      json: {
        output: [
          { type: 'reasoning', id: 'r1', summary: [] },
          { type: 'function_call', id: 'f1', name: 'lookup', arguments: '{}', call_id: 'c1' },
          { type: 'function_call_output', call_id: 'c1', output: 'tool says hi' },
          { type: 'message', id: 'm1', role: 'assistant', content: [{ type: 'output_text', text: 'Hello ' }, { type: 'refusal', refusal: 'no' }] },
          { type: 'message', id: 'm2', role: 'assistant', content: [{ type: 'output_text', text: 'there' }] },
        ],
      },
    });
    expect(got.body).toEqual({ model: 'agent', input: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'Hi' }] });
    expect(got.text).toBe('Hello there');
  });

  it.each([
    ['only a tool call', { output: [{ type: 'function_call', name: 'x', arguments: '{}' }] }, 'the agent replied with tool calls only (x), no text to score; to evaluate an agent that calls tools, add a tool_calls scorer'],
    ['a chat completion instead', chatCompletion('hi'), 'agent response has no output[].content[] text of type output_text; it is an object with keys id, object, choices (is evaluate.endpoint.format right?)'],
    ['an empty output', { output: [] }, 'agent response has no output[].content[] text of type output_text; it is an object with keys output (is evaluate.endpoint.format right?)'],
  ])('refuses %s as unreadable', async (_name, json, message) => {
    const run = roundTrip({ url: '{{server}}/v1/responses', format: 'responses' }, 'Hi', { json });
    await expect(run).rejects.toThrow(UnreadableResponseError);
    await expect(run).rejects.toThrow(message);
  });
});

describe('databricks serving invocations', () => {
  it.each([
    ['the endpoint', 'support-agent', undefined, '/serving-endpoints/support-agent/invocations'],
    ['one served entity (a canary probe)', 'support-agent', 'support-agent-3', '/serving-endpoints/support-agent/served-models/support-agent-3/invocations'],
    ['names that need encoding', 'agent_x', 'main.agents.bot-3', '/serving-endpoints/agent_x/served-models/main.agents.bot-3/invocations'],
  ])('builds the URL of %s', async (_name, endpointName, entity, wantPath) => {
    const got = await roundTrip(
      { url: '{{server}}/', format: 'databricks', serving_endpoint: endpointName, ...(entity ? { served_entity: entity } : {}), headers: { authorization: 'Bearer dapi-test' } },
      'Hi',
      { json: chatCompletion('ok') },
    );
    expect(got.path).toBe(wantPath);
    expect(got.headers?.authorization).toBe('Bearer dapi-test');
    expect(got.body).toEqual({ messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('encodes characters a path cannot hold', () => {
    expect(databricksInvocationsUrl('https://host/', 'ep', 'a b/c')).toBe('https://host/serving-endpoints/ep/served-models/a%20b%2Fc/invocations');
  });

  it('uses the URL as given without serving_endpoint', async () => {
    const got = await roundTrip({ url: '{{server}}/serving-endpoints/x/invocations', format: 'databricks' }, 'Hi', { json: chatCompletion('ok') });
    expect(got.path).toBe('/serving-endpoints/x/invocations');
  });

  it.each([
    ['input (a ResponsesAgent)', { request: 'input' }, 'Hi', { input: [{ role: 'user', content: 'Hi' }] }],
    ['dataframe_records (a custom model)', { request: 'dataframe_records' }, 'Hi', { dataframe_records: [{ question: 'Hi' }] }],
    ['extra fields such as custom_inputs', { extra_body: { custom_inputs: { user: 'u1' }, max_tokens: 100 } }, 'Hi', { custom_inputs: { user: 'u1' }, max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }],
  ])('sends %s', async (_name, options, input, body) => {
    const got = await roundTrip({ url: '{{server}}', format: 'databricks', serving_endpoint: 'ep', ...options }, input, { json: chatCompletion('ok') }, 'question');
    expect(got.body).toEqual(body);
  });

  it.each([
    ['a chat completion', chatCompletion('from chat'), {}, 'from chat'],
    ['a Responses answer', responsesAnswer('from responses'), {}, 'from responses'],
    ['a ChatAgent answer', { messages: [{ role: 'assistant', content: 'thinking…' }, { role: 'tool', content: 'x' }, { role: 'assistant', content: 'from chat agent' }] }, {}, 'from chat agent'],
    ['predictions of strings', { predictions: ['from predictions'] }, {}, 'from predictions'],
    ['predictions of objects, output_field', { predictions: [{ answer: 'the answer', score: '0.9' }] }, { output_field: 'answer' }, 'the answer'],
    ['a prediction holding a chat completion', { predictions: [chatCompletion('nested chat')] }, {}, 'nested chat'],
  ])('reads %s', async (_name, json, options, text) => {
    const got = await roundTrip({ url: '{{server}}', format: 'databricks', serving_endpoint: 'ep', ...options }, 'Hi', { json });
    expect(got.text).toBe(text);
  });

  it.each([
    ['an unknown shape', {}, { result: 'x', usage: {} }, 'agent response has no choices, output, messages or predictions to read text from; it is an object with keys result, usage (is evaluate.endpoint.format right?)'],
    ['two predictions for one input', {}, { predictions: ['a', 'b'] }, 'agent response: predictions is a list of 2 items; expected one answer'],
    ['a missing output_field', { output_field: 'answer' }, { predictions: [{ text: 'a' }] }, 'agent response: predictions[0] has no "answer" (evaluate.endpoint.output_field); keys: text'],
  ])('refuses %s as unreadable', async (_name, options, json, message) => {
    await expect(roundTrip({ url: '{{server}}', format: 'databricks', serving_endpoint: 'ep', ...options }, 'Hi', { json })).rejects.toThrow(message);
  });
});

describe('mlflow-pyfunc', () => {
  it('posts to /invocations when the URL has no path, and keeps a path it has', async () => {
    expect((await roundTrip({ url: '{{server}}', format: 'mlflow-pyfunc' }, 'Hi', { json: { predictions: ['ok'] } })).path).toBe('/invocations');
    expect((await roundTrip({ url: '{{server}}/model/invocations', format: 'mlflow-pyfunc' }, 'Hi', { json: { predictions: ['ok'] } })).path).toBe('/model/invocations');
  });

  it.each([
    ['a string as the dataset input column', {}, 'Hi', { dataframe_records: [{ question: 'Hi' }] }],
    ['a string as input_field', { input_field: 'prompt' }, 'Hi', { dataframe_records: [{ prompt: 'Hi' }] }],
    ['an object as its columns', {}, { question: 'Hi', context: 'docs' }, { dataframe_records: [{ question: 'Hi', context: 'docs' }] }],
    ['a conversation as messages', {}, [{ role: 'user', content: 'Hi' }], { dataframe_records: [{ messages: [{ role: 'user', content: 'Hi' }] }] }],
    ['dataframe_split', { request: 'dataframe_split' }, { question: 'Hi', k: 3 }, { dataframe_split: { columns: ['question', 'k'], data: [['Hi', 3]] } }],
    ['inputs as columns of one value', { request: 'inputs' }, 'Hi', { inputs: { question: ['Hi'] } }],
    ['inputs given as a list, sent as is', { request: 'inputs' }, [[1, 2], [3, 4]], { inputs: [[1, 2], [3, 4]] }],
    ['a chat model', { request: 'messages' }, 'Hi', { messages: [{ role: 'user', content: 'Hi' }] }],
    ['params through extra_body', { extra_body: { params: { temperature: 0.1 } } }, 'Hi', { params: { temperature: 0.1 }, dataframe_records: [{ question: 'Hi' }] }],
  ])('sends %s', async (_name, options, input, body) => {
    const got = await roundTrip({ url: '{{server}}', format: 'mlflow-pyfunc', ...options }, input, { json: { predictions: ['ok'] } }, 'question');
    expect(got.body).toEqual(body);
  });

  it.each([
    ['a string prediction', { predictions: ['plain'] }, {}, 'plain'],
    ['a bare list (MLflow 1)', ['bare'], {}, 'bare'],
    ['an object with a well-known key', { predictions: [{ answer: 'known key', sources: ['a'] }] }, {}, 'known key'],
    ['an object with one string field', { predictions: [{ reply: 'only string', n: 2 }] }, {}, 'only string'],
    ['output_field', { predictions: [{ summary: 'chosen', text: 'not this' }] }, { output_field: 'summary' }, 'chosen'],
    ['a column of one value', { predictions: { text: ['columnar'] } }, {}, 'columnar'],
    ['transformers-style nesting', { predictions: [[{ generated_text: 'generated' }]] }, {}, 'generated'],
    ['a ChatModel answer', { predictions: { choices: [{ message: { role: 'assistant', content: 'chat model' } }] } }, {}, 'chat model'],
    ['an empty string is text, not an error', { predictions: [''] }, {}, ''],
  ])('reads %s', async (_name, json, options, text) => {
    const got = await roundTrip({ url: '{{server}}', format: 'mlflow-pyfunc', ...options }, 'Hi', { json });
    expect(got.text).toBe(text);
  });

  it.each([
    ['no predictions', { outputs: ['x'] }, 'agent response has no predictions; it is an object with keys outputs (is evaluate.endpoint.format right?)'],
    ['an empty list', { predictions: [] }, 'agent response: predictions is a list of 0 items; expected one answer'],
    ['a number', { predictions: [0.93] }, 'agent response: predictions[0] is a number, not text'],
    ['null', { predictions: [null] }, 'agent response: predictions[0] is null, not text'],
    ['an ambiguous object', { predictions: [{ a: 'x', b: 'y' }] }, 'agent response: predictions[0] is an object with keys a, b; set evaluate.endpoint.output_field to the key that holds the answer'],
  ])('refuses %s as unreadable', async (_name, json, message) => {
    await expect(roundTrip({ url: '{{server}}', format: 'mlflow-pyfunc' }, 'Hi', { json })).rejects.toThrow(message);
  });

  it('says which prediction path was not text', () => {
    expect(predictionText({ answer: 3 }, 'answer', 'predictions[0]')).toEqual({ problem: 'predictions[0].answer is a number, not text' });
  });
});

describe('endpoint configuration', () => {
  it.each([
    ['an unknown format', { format: 'open-ai-chat' }, 'endpoint.format: "open-ai-chat" is not one of openai-chat, responses, databricks, mlflow-pyfunc (did you mean "openai-chat"?)'],
    ['a request shape the format does not send', { format: 'responses', request: 'messages' }, 'endpoint.request: format responses sends input requests, not messages'],
    ['serving_endpoint on another format', { format: 'openai-chat', serving_endpoint: 'x' }, 'endpoint.serving_endpoint: serving_endpoint applies to format: databricks only'],
    ['served_entity without its endpoint', { format: 'databricks', served_entity: 'x-1' }, 'endpoint.served_entity: served_entity needs serving_endpoint (the endpoint that serves it)'],
    ['a bad endpoint name', { format: 'databricks', serving_endpoint: 'no spaces allowed' }, 'endpoint.serving_endpoint: a serving endpoint name is 1-63 letters, digits, - or _'],
    ['output_field on a chat format', { output_field: 'answer' }, 'endpoint.output_field: output_field applies to formats databricks and mlflow-pyfunc only'],
    ['input_field on a chat request', { format: 'databricks', input_field: 'q' }, 'endpoint.input_field: input_field applies to dataframe_records, dataframe_split and inputs requests, not messages'],
    [
      'an unknown key',
      { fromat: 'responses' },
      'endpoint: unknown key "fromat" (did you mean "format"?); valid keys: url, format, model, headers, timeout, retries, max_response_size, extra_body, request, serving_endpoint, served_entity, input_field, output_field',
    ],
  ])('refuses %s', (_name, options, message) => {
    expect(endpointError({ url: 'http://x', ...options })).toBe(message);
  });

  it('says where requests go, and refuses a model server URL that is not a URL', () => {
    expect(agentUrl(endpointOf({ url: '{{source}}', format: 'mlflow-pyfunc' }), 'http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000/invocations');
    expect(agentUrl(endpointOf({ url: '{{source}}', format: 'databricks', serving_endpoint: 'ep', served_entity: 'ep-2' }), 'https://adb-1.azuredatabricks.net')).toBe(
      'https://adb-1.azuredatabricks.net/serving-endpoints/ep/served-models/ep-2/invocations',
    );
    expect(agentUrl(endpointOf({ url: '{{source}}' }), 'http://agent/v1/chat/completions')).toBe('http://agent/v1/chat/completions');
    expect(() => agentUrl(endpointOf({ url: '{{source}}', format: 'mlflow-pyfunc' }), 'model-server')).toThrow(ConfigError);
    expect(() => agentUrl(endpointOf({ url: '{{source}}', format: 'mlflow-pyfunc' }), 'model-server')).toThrow(
      'evaluate.endpoint.url "model-server" is not a URL; an MLflow model server is e.g. http://127.0.0.1:5000',
    );
  });

  it('refuses, as the dataset is read, an input the format cannot send', async () => {
    server = await startJsonServer(() => ({ json: { predictions: ['ok'] } }));
    const client = agentClient({ endpoint: endpointOf({ url: server.url, format: 'mlflow-pyfunc' }), url: server.url, inputColumn: 'input', clock: systemClock });
    expect(client.inputProblem({ raw: null, messages: null })).toBe('must be a string, a list of {role, content} messages, {messages: [...]}, or an object of model input columns');
    expect(client.inputProblem({ raw: {}, messages: null })).toBeDefined();
    const chat = agentClient({ endpoint: endpointOf({ url: server.url }), url: server.url, inputColumn: 'input', clock: systemClock });
    expect(chat.inputProblem({ raw: { question: 'x' }, messages: null })).toBe('must be a string, a list of {role, content} messages, or {messages: [...]}');
  });
});

describe('evaluate through each format', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('golden.jsonl', goldenJsonl);
  });
  afterEach(async () => {
    await ws.cleanup();
  });

  async function run(endpointYaml: string) {
    const config = `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: ${endpointYaml}
  concurrency: 2
  scorers: [{ type: contains }]
`;
    const result = await evaluate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    const rows = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => resultSchema.parse(JSON.parse(l)));
    return { result, rows };
  }

  async function registered(source: string): Promise<void> {
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', source, {});
  }

  it('responses: scores the text and records an answer it cannot read as an error, not a 0', async () => {
    server = await startJsonServer((req) => {
      const q = lastUserText(req.body);
      return q.includes('password') ? { json: { output: [{ type: 'function_call', name: 'reset' }] } } : { json: responsesAnswer(`About ${q}`) };
    });
    await registered(server.url);
    const { result, rows } = await run('{ url: "{{source}}/v1/responses", format: responses, model: support }');
    expect(result.metrics['contains/mean']).toMatchObject({ value: 1, n: 3 });
    expect(result.metrics.error_rate).toMatchObject({ value: 0.25, n: 4 });
    expect(result.errors).toBe(1);
    expect(rows.find((r) => r.id === 'password')).toMatchObject({ outputs: null, error: expect.stringContaining('the agent replied with tool calls only (reset), no text to score'), scores: { contains: null } });
  });

  it('databricks: sends every example to the served entity it names, with its headers', async () => {
    server = await startJsonServer((req) => ({ json: { predictions: [{ answer: `About ${lastUserText(req.body)}` }] } }));
    await registered('unused');
    const { result } = await run(`{ url: "${server.url}", format: databricks, serving_endpoint: support-agent, served_entity: support-agent-1, headers: { x-team: support } }`);
    expect(new Set(server.requests.map((r) => r.path))).toEqual(new Set(['/serving-endpoints/support-agent/served-models/support-agent-1/invocations']));
    expect(result.endpoint).toBe(server.url);
    expect(result.metrics['contains/mean']).toMatchObject({ value: 1, n: 4 });
  });

  it('mlflow-pyfunc: sends dataframe records and reads predictions', async () => {
    server = await startJsonServer((req) => {
      const record = (req.body as { dataframe_records: { input: string }[] }).dataframe_records[0];
      return { json: { predictions: [`About ${record?.input}`] } };
    });
    await registered(server.url);
    const { result, rows } = await run('{ url: "{{source}}", format: mlflow-pyfunc }');
    expect(server.requests.every((r) => r.path === '/invocations')).toBe(true);
    expect(result.metrics['contains/mean']).toMatchObject({ value: 1, n: 4 });
    expect(rows.find((r) => r.id === 'refund')?.outputs).toBe('About How do I get a refund?');
  });
});
