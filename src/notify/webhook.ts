import type { ReleaseEvent, Renderer } from './types';
import { randomUuid } from '../random-ids';

export const webhookSchemaId = 'agent-release.notification/v1';

export const webhookHeaders = {
  timestamp: 'x-agent-release-timestamp',
  signature: 'x-agent-release-signature',
  delivery: 'x-agent-release-delivery',
  event: 'x-agent-release-event',
} as const;

/** The JSON body: the event in snake_case, with a delivery id a receiver can deduplicate retries by. */
export function webhookBody(event: ReleaseEvent, delivery: string): Record<string, unknown> {
  return {
    schema: webhookSchemaId,
    delivery,
    event: event.kind,
    ok: event.ok,
    title: event.title,
    model: event.model,
    version: event.version,
    environment: event.environment,
    reasons: event.reasons,
    reason_count: event.reasonCount,
    links: event.links,
    repository: event.repository,
    actor: event.actor,
    at: event.at,
  };
}

/**
 * HMAC-SHA256 over "<timestamp>.<body>", hex, sent as "sha256=<hex>". The timestamp (Unix
 * seconds) is inside the signed text, so a receiver that refuses old timestamps (five minutes is
 * usual) refuses a replayed delivery, and cannot be fooled by a fresh timestamp on an old body.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${process.getBuiltinModule('node:crypto').createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Rendered once per notification: retries resend the same delivery, with the same id and
 * timestamp (the retry deadline is seconds, well inside a receiver's tolerance).
 */
export const webhookRenderer = (secret: string): Renderer => (event, nowMs) => {
  const delivery = randomUuid();
  const body = JSON.stringify(webhookBody(event, delivery));
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      [webhookHeaders.timestamp]: timestamp,
      [webhookHeaders.signature]: webhookSignature(secret, timestamp, body),
      [webhookHeaders.delivery]: delivery,
      [webhookHeaders.event]: event.kind,
    },
    body,
  };
};
