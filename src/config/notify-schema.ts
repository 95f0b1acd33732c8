import { z } from 'zod';
import { unresolved } from './interpolate';
import { deferred, duration, oneOf, strictObject, lazySchema, timeoutDuration } from './zod-helpers';

/** What a release announces; each target may listen to a subset. */
export const releaseEventKinds = ['gate_failed', 'promoted', 'deployed', 'verify_failed', 'automatic_rollback', 'manual_rollback'] as const;
export type ReleaseEventKind = (typeof releaseEventKinds)[number];

export const notifierKinds = ['slack', 'teams', 'webhook'] as const;

// A notifier's ${VAR} may be left as written (unresolved): no command requires the notifiers'
// variables (see sectionsUsed), since a rollback job must not fail for want of a webhook. The
// notifier is then skipped with a warning.

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A webhook URL is a credential (whoever has it can post to the channel), so it travels over
 * https; plain http is accepted only on this machine, for local receivers and the quickstart.
 */
const webhookUrl = lazySchema(() => z.string().superRefine((value, ctx) => {
  if (unresolved(value)) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected an absolute https:// URL (the webhook URL the service gave you)' });
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback.has(url.hostname))) {
    ctx.addIssue({ code: 'custom', message: `a webhook URL is a credential and must use https:// (http:// only to localhost), got ${url.protocol}//` });
  }
}));

// Built with the notifiers, not when the module loads: most configs have none.
const common = () => ({
  url: webhookUrl,
  /** Default: every event. */
  events: z.array(oneOf(releaseEventKinds)).min(1, { error: `list at least one of ${releaseEventKinds.join(', ')}, or leave events out for all` }).optional(),
  /** One attempt's limit; failed attempts are retried with backoff within `deadline`. */
  timeout: timeoutDuration.default(10_000),
  deadline: duration.default(30_000),
});

const notifier = lazySchema(() => z.discriminatedUnion(
  'type',
  [
    strictObject({ type: z.literal('slack'), ...common() }),
    strictObject({ type: z.literal('teams'), ...common() }),
    strictObject({
      type: z.literal('webhook'),
      ...common(),
      /** The HMAC-SHA256 key the receiver shares; at least 32 characters so it cannot be guessed. */
      secret: z.string().refine((s) => unresolved(s) || s.length >= 32, { error: 'the signing secret must be at least 32 characters (e.g. openssl rand -hex 32)' }),
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `type must be one of ${notifierKinds.join(', ')}` : undefined) },
));

/** Where a release's events are posted; URLs and secrets come from ${VARS} and are masked everywhere. */
export const notificationsSchema = deferred(() =>
  z.array(notifier).min(1, { error: 'list at least one notifier, or leave notifications out' }));
export type NotifierConfig = z.infer<typeof notifier>;

/** The values to mask: each URL whole and its path (a service may echo the path alone), and signing secrets. */
export function notificationSecrets(notifiers: readonly NotifierConfig[] | undefined): string[] {
  return (notifiers ?? []).flatMap((n) => {
    if (unresolved(n.url)) return [];
    const url = new URL(n.url);
    const pathPart = `${url.pathname}${url.search}`;
    return [n.url, ...(pathPart.length >= 16 ? [pathPart] : []), ...(n.type === 'webhook' ? [n.secret] : [])];
  });
}
