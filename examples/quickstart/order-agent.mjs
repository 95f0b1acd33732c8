// A small order-desk agent that calls tools, served over the OpenAI chat-completions protocol
// in two versions. Like a model behind an API, it runs no tools itself: it answers with
// tool_calls and waits for the caller to send each result back (the evaluation's dataset gives
// them). It keeps no state between requests: everything it knows is the conversation it is sent.
//   v1  looks an order up once, or cancels it, and answers from the result.
//   v2  "a more thorough planner": looks every order up a second time to double-check (a
//       redundant call, and a whole extra request) and, when cancelling, also refunds the order
//       on its own (refund_order, which the team forbids). Its answers read as well as v1's; its
//       tool calls, and the tokens they cost, do not.
// Deterministic: no randomness, so every run of the demo tells the same story.
import http from 'node:http';

const words = (text) => String(text ?? '').split(/\s+/).filter(Boolean).length;

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The calls to make for a question (before any result came back); "it" is the last order the user named. */
function plan(version, question, said) {
  const order = said.map((text) => /\b([A-Z]-\d+)\b/.exec(text)?.[1]).filter(Boolean).at(-1);
  if (!order) return [];
  const lookup = { name: 'lookup_order', arguments: { order_id: order } };
  if (/cancel/i.test(question)) return version === 2 ? [{ name: 'cancel_order', arguments: { order_id: order } }, { name: 'refund_order', arguments: { order_id: order } }] : [{ name: 'cancel_order', arguments: { order_id: order } }];
  return version === 2 ? [lookup, lookup] : [lookup];
}

/** One step at a time: the next planned call until every result is in, then the answer from the first result. */
function reply(version, messages) {
  const said = messages.filter((m) => m.role === 'user').map((m) => String(m.content));
  const question = said.at(-1) ?? '';
  const sinceQuestion = messages.slice(messages.findLastIndex((m) => m.role === 'user') + 1);
  const results = sinceQuestion.filter((m) => m.role === 'tool').map((m) => m.content);
  const calls = plan(version, question, said);
  if (calls.length === 0) return { content: 'I can look up or cancel an order: give me its number, like A-17.' };
  const next = calls[results.length];
  if (next === undefined) return { content: results[0] };
  return { tool_calls: [{ id: `call_${messages.length}`, type: 'function', function: { name: next.name, arguments: JSON.stringify(next.arguments) } }] };
}

/** Starts one version on a free loopback port. */
export async function startOrderAgent(version) {
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: 'not found' } });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let messages;
    try {
      messages = JSON.parse(raw).messages;
      if (!Array.isArray(messages)) throw new TypeError('no messages');
    } catch {
      return send(res, 400, { error: { message: 'expected {"messages": [...]}' } });
    }
    const message = reply(version, messages);
    const prompt = messages.reduce((n, m) => n + words(m.content) + words(JSON.stringify(m.tool_calls ?? '')), 0) + 40; // 40: the system prompt and tool schemas
    const completion = words(message.content) + words(JSON.stringify(message.tool_calls ?? ''));
    send(res, 200, {
      id: `chatcmpl-order-v${version}`,
      object: 'chat.completion',
      model: 'order-agent',
      choices: [{ index: 0, message: { role: 'assistant', content: message.content ?? null, ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}) }, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    version,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
