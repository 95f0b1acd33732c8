import type { Clock } from '../clock';
import { unresolved } from '../config/interpolate';
import { releaseEventKinds, type NotifierConfig } from '../config/notify-schema';
import { messageOf } from '../errors';
import { send, serverErrorStatuses } from '../http/client';
import type { Logger } from '../logger';
import { slackRenderer } from './slack';
import { teamsRenderer } from './teams';
import type { Notifier, ReleaseEvent, ReleaseEventKind, Renderer } from './types';
import { webhookRenderer } from './webhook';

/** Every notifier type, registered in one place: the config's `type` picks the format. */
function rendererFor(config: NotifierConfig): Renderer {
  switch (config.type) {
    case 'slack':
      return slackRenderer();
    case 'teams':
      return teamsRenderer();
    case 'webhook':
      return webhookRenderer(config.secret);
  }
}

/**
 * The notifiers this job can use. One whose URL or secret is a ${VAR} this job does not set is
 * left out with a reason: a rollback job must never fail for want of a webhook.
 */
export function createNotifiers(configs: readonly NotifierConfig[]): { notifiers: Notifier[]; skipped: string[] } {
  const notifiers: Notifier[] = [];
  const skipped: string[] = [];
  configs.forEach((config, i) => {
    const label = `notifications[${i}] (${config.type})`;
    const missing = [config.url, config.type === 'webhook' ? config.secret : ''].find(unresolved);
    if (missing !== undefined) {
      skipped.push(`${label}: ${missing.match(/\$\{[^}]*\}/)?.[0] ?? missing} is not set in this job, so it is not notified`);
      return;
    }
    notifiers.push({
      type: config.type,
      name: `${config.type} #${i + 1} (${new URL(config.url).host})`,
      url: config.url,
      events: config.events ?? releaseEventKinds,
      timeoutMs: config.timeout,
      deadlineMs: config.deadline,
      render: rendererFor(config),
    });
  });
  return { notifiers, skipped };
}

export interface Delivery {
  notifier: string;
  event: ReleaseEventKind;
  delivered: boolean;
  error?: string;
}

/**
 * Posts the event to every notifier that listens for it, in parallel, each with the shared
 * retrying client. Never throws: a notification reports a release, it never decides one. The
 * run's cancel signal is not passed on: the message about a cancelled rollout's rollback must go out.
 */
export async function notify(event: ReleaseEvent, notifiers: readonly Notifier[], options: { clock: Clock; logger: Logger; random?: () => number }): Promise<Delivery[]> {
  const { clock, logger } = options;
  const listening = notifiers.filter((n) => n.events.includes(event.kind));
  return Promise.all(
    listening.map(async (notifier): Promise<Delivery> => {
      try {
        const { headers, body } = notifier.render(event, clock.now());
        await send(
          { method: 'POST', url: notifier.url, headers, body, timeoutMs: notifier.timeoutMs, maxBodyBytes: 64 * 1024 },
          notifier.name,
          {
            clock,
            logger,
            random: options.random,
            retryOn: serverErrorStatuses,
            // A duplicate message is better than a missing one; the signed webhook carries a delivery id to deduplicate by.
            idempotent: true,
            policy: { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, deadlineMs: notifier.deadlineMs },
          },
        );
        logger.info(`notified ${notifier.name}: ${event.kind} of ${event.model} v${event.version} in ${event.environment}`);
        return { notifier: notifier.name, event: event.kind, delivered: true };
      } catch (error) {
        // The transport error names the URL; the shells mask it too, but a log line should not lean on that.
        const message = messageOf(error).split(notifier.url).join('(the webhook URL)');
        logger.warn(`could not notify ${notifier.name} of ${event.kind} (${message}); the release itself is not affected`);
        return { notifier: notifier.name, event: event.kind, delivered: false, error: message };
      }
    }),
  );
}
