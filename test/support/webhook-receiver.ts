import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

/**
 * A local HTTP receiver standing in for Slack, Teams or a team's own webhook endpoint. It answers
 * the statuses in `plan` in turn (then 200 "ok"), and records every request it gets.
 */
export async function startReceiver(plan: { status: number; body?: string }[] = []): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  let answered = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      received.push({ path: req.url ?? '', headers: req.headers, body, json });
      const answer = plan[answered++] ?? { status: 200, body: 'ok' };
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * What a receiver of the signed webhook does, written from the documented scheme rather than
 * with the sender's code: HMAC-SHA256 of "<timestamp>.<body>", and a timestamp no older than
 * the tolerance. Returns why the delivery is refused, or undefined when it is authentic.
 */
export function refusal(secret: string, request: Received, nowMs: number, toleranceMs = 300_000): string | undefined {
  const timestamp = request.headers['x-agent-release-timestamp'];
  const signature = request.headers['x-agent-release-signature'];
  if (typeof timestamp !== 'string' || !/^\d+$/.test(timestamp)) return 'no timestamp';
  if (typeof signature !== 'string' || !signature.startsWith('sha256=')) return 'no signature';
  if (Math.abs(nowMs - Number(timestamp) * 1000) > toleranceMs) return 'stale timestamp';
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex'));
  const given = Buffer.from(signature.slice('sha256='.length));
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'bad signature';
}
