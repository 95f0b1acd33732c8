import { clip, eventLabels, eventLinks, reasonLines } from './text';
import type { ReleaseEvent, Renderer } from './types';

/**
 * Slack incoming webhook, Block Kit. Limits (docs.slack.dev, Block Kit reference): header text
 * plain_text ≤ 150 characters; section text ≤ 3000; at most 10 section fields of ≤ 2000 each;
 * context ≤ 10 elements; 50 blocks per message. `text` is the notification's fallback.
 */
export const slackLimits = { header: 150, sectionText: 3000, fields: 10, fieldText: 2000, contextElements: 10, blocks: 50 } as const;

export function slackMessage(event: ReleaseEvent): Record<string, unknown> {
  const mark = event.ok ? (event.kind === 'gate_failed' ? '⛔' : '✅') : '🚨';
  const reasons = reasonLines(event, 600).map((r) => `• ${escape(r)}`).join('\n');
  const links = eventLinks(event).map((l) => `<${l.url}|${escape(l.title)}>`).join('  ·  ');
  return {
    text: clip(`${mark} ${event.title}`, slackLimits.sectionText),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(`${mark} ${eventLabels[event.kind]}: ${event.model} v${event.version}`, slackLimits.header), emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(`*${escape(event.title)}*${reasons ? `\n${reasons}` : ''}`, slackLimits.sectionText) },
        fields: [
          ['Model', event.model],
          ['Version', event.version],
          ['Environment', event.environment],
          ['Event', eventLabels[event.kind]],
        ].map(([name, value]) => ({ type: 'mrkdwn', text: clip(`*${name}*\n${escape(value as string)}`, slackLimits.fieldText) })),
      },
      ...(links ? [{ type: 'section', text: { type: 'mrkdwn', text: clip(links, slackLimits.sectionText) } }] : []),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: clip(escape(`agent-release · ${event.repository ?? 'local run'} · by ${event.actor} · ${event.at}`), slackLimits.sectionText) }],
      },
    ],
  };
}

/** Slack's mrkdwn treats &, < and > as control characters. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const slackRenderer = (): Renderer => (event) => ({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(slackMessage(event)) });
