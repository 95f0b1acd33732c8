// A stand-in for your team's webhook endpoint: it receives agent-release's signed JSON
// notifications and checks each one the way a real receiver should, before trusting it:
// HMAC-SHA256 of "<timestamp>.<body>" with the shared secret, and a timestamp under five minutes old.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

export async function startReceiver(secret) {
  const received = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const timestamp = String(req.headers['x-agent-release-timestamp'] ?? '');
    const signature = String(req.headers['x-agent-release-signature'] ?? '');
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
    const fresh = /^\d+$/.test(timestamp) && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
    const authentic = signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    if (!fresh || !authentic) {
      res.writeHead(401).end('bad signature or stale timestamp');
      return;
    }
    received.push({ path: req.url, ...JSON.parse(body) });
    res.writeHead(204).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/hooks/agent-release`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}
