// A tiny "support agent" served over the OpenAI chat-completions protocol, in three versions:
//   v1  good: answers every topic with its key facts.
//   v2  regressed: a "shorter prompt" that keeps only the first sentence of each answer, which
//       saves tokens and latency but drops the key fact for most topics. The offline gate catches it.
//   v3  as good as v1 offline, but leaks a pooled connection on every request. Once the pool is
//       exhausted most requests fail with 503: only sustained traffic (the post-deploy verify) shows it.
// Everything is deterministic (no randomness), so every run of the demo tells the same story.
import http from 'node:http';

// Each topic: words that identify it in a question, and a two-sentence answer.
const topics = [
  { keys: ['refund', 'money back', 'return'], answer: ['You can return any item within 30 days of delivery for a full refund.', 'The money goes back to your original payment method within 5 business days.'] },
  { keys: ['shipping', 'delivery time'], answer: ['Standard shipping is free on orders over $50.', 'It takes 3-5 business days; express delivery arrives the next business day.'] },
  { keys: ['password', 'sign in', 'log in'], answer: ['To reset your password, click "Forgot password" on the sign-in page.', 'We email you a reset link that is valid for 1 hour.'] },
  { keys: ['cancel', 'subscription'], answer: ['You can cancel your subscription any time under Settings > Billing > Cancel plan.', 'You keep access until the end of the current billing period.'] },
  { keys: ['warranty', 'guarantee'], answer: ['All our devices come with a 2-year limited warranty.', 'To make a claim, send us the serial number and a photo of the fault.'] },
  { keys: ['open', 'hours'], answer: ['Our support team is happy to help.', 'We are open Monday to Friday, 8am to 8pm CET.'] },
  { keys: ['phone', 'call'], answer: ['You can reach us by chat or by phone.', 'Call +1 800 555 0199, toll free.'] },
  { keys: ['address'], answer: ['You can change the delivery address until the order ships.', 'Go to Orders, select the order and choose Edit address.'] },
  { keys: ['track', 'where is my order'], answer: ['Every shipped order has a tracking link.', 'You will find it in the shipping confirmation email and under Orders > Track.'] },
  { keys: ['payment', 'pay with', 'credit card'], answer: ['We accept all major credit cards, PayPal and Apple Pay.', 'Bank transfer is available for business accounts.'] },
  { keys: ['invoice', 'receipt'], answer: ['An invoice is created automatically for every order.', 'Download it as a PDF under Account > Invoices.'] },
  { keys: ['international', 'abroad', 'countries'], answer: ['We ship to 40 countries in Europe and North America.', 'Import duties are included in the price you see at checkout.'] },
  { keys: ['damaged', 'broken'], answer: ['We are sorry to hear that!', 'Send us a photo within 14 days and we will ship a free replacement.'] },
  { keys: ['student', 'discount'], answer: ['Students get 20% off with a valid student email address.', 'Verify it once under Account > Discounts.'] },
  { keys: ['gift card'], answer: ['Gift cards are available from $10 to $500.', 'They never expire and can be used for any order.'] },
  { keys: ['two-factor', '2fa'], answer: ['Protect your account with two-factor authentication.', 'Turn it on under Settings > Security and scan the QR code with an authenticator app.'] },
  { keys: ['delete', 'close my account'], answer: ['You can delete your account at any time.', 'Under Settings > Privacy choose Delete account; your data is erased within 30 days.'] },
  { keys: ['price match', 'cheaper', 'lower price'], answer: ['We match the price of any authorised retailer within 7 days of your purchase.', 'Send us a link to the lower price and we refund the difference.'] },
  { keys: ['loyalty', 'points'], answer: ['Members earn 1 point for every dollar spent.', '100 points are worth a $5 voucher at checkout.'] },
  { keys: ['pick up', 'pickup', 'collect'], answer: ['Click & collect is free.', 'Orders are ready for pickup at the store you choose within 2 hours.'] },
];

const fallback = 'I am not sure about that one; let me connect you with a colleague.';

/** The topic whose keywords the question mentions most often (the first one on a tie). */
function findTopic(question) {
  const q = question.toLowerCase();
  let best = null;
  let bestHits = 0;
  for (const topic of topics) {
    const hits = topic.keys.filter((key) => q.includes(key)).length;
    if (hits > bestHits) [best, bestHits] = [topic, hits];
  }
  return best;
}

function answer(version, question) {
  const topic = findTopic(question);
  if (!topic) return fallback;
  // v2's "shorter prompt" tells the model to answer in one sentence: the first one survives.
  return version === 2 ? topic.answer[0] : topic.answer.join(' ');
}

// v3 leaks one pooled connection per request (it forgets to release it on the success path).
// The pool holds 70: the 20 evaluation rows plus the 40 requests of deploy's own probe (60) fit,
// the 40 of the later verify do not. After that, only every 4th request gets a connection
// (the pool's idle reaper frees one now and then), so most requests see 503.
const POOL_SIZE = 70;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Starts one version on a free loopback port. */
export async function startAgent(version) {
  let requests = 0;
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: 'not found' } });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let question;
    try {
      const messages = JSON.parse(raw).messages;
      question = messages.filter((m) => m.role === 'user').at(-1).content;
      if (typeof question !== 'string') throw new TypeError('content is not a string');
    } catch {
      return send(res, 400, { error: { message: 'expected {"messages":[{"role":"user","content":"..."}]}' } });
    }
    requests += 1;
    if (version === 3 && requests > POOL_SIZE && requests % 4 !== 0) {
      return send(res, 503, { error: { message: `connection pool exhausted (${POOL_SIZE}/${POOL_SIZE} in use)` } });
    }
    // A deterministic "thinking" time; v2's shorter prompt makes it a little faster.
    await sleep((version === 2 ? 10 : 25) + (question.length % 10));
    send(res, 200, {
      id: `chatcmpl-v${version}-${requests}`,
      object: 'chat.completion',
      model: `support-agent-v${version}`,
      choices: [{ index: 0, message: { role: 'assistant', content: answer(version, question) }, finish_reason: 'stop' }],
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    version,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
