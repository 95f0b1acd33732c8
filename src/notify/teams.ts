import { clip, eventLabels, eventLinks, reasonLines } from './text';
import type { ReleaseEvent, Renderer } from './types';

/**
 * Microsoft Teams workflow webhook ("When a Teams webhook request is received"): Workflows take
 * Adaptive Cards only, wrapped as a message with one attachment of contentType
 * application/vnd.microsoft.card.adaptive. Teams renders schema versions up to 1.5 (mobile less),
 * so the card sticks to 1.4 elements: TextBlock, FactSet, Action.OpenUrl. A message is at most 28 KB.
 */
export const teamsLimits = { version: '1.4', messageBytes: 28 * 1024 } as const;

export function teamsMessage(event: ReleaseEvent): Record<string, unknown> {
  const reasons = reasonLines(event, 600);
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: teamsLimits.version,
    msteams: { width: 'Full' },
    body: [
      {
        type: 'TextBlock',
        text: clip(event.title, 300),
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
        color: event.ok ? (event.kind === 'gate_failed' ? 'Warning' : 'Good') : 'Attention',
      },
      {
        type: 'FactSet',
        facts: [
          { title: 'Event', value: eventLabels[event.kind] },
          { title: 'Model', value: clip(event.model, 300) },
          { title: 'Version', value: clip(event.version, 300) },
          { title: 'Environment', value: clip(event.environment, 300) },
        ],
      },
      ...reasons.map((text) => ({ type: 'TextBlock', text: `- ${text}`, wrap: true, spacing: 'Small' })),
      { type: 'TextBlock', text: clip(`agent-release · ${event.repository ?? 'local run'} · by ${event.actor} · ${event.at}`, 300), isSubtle: true, size: 'Small', wrap: true },
    ],
    actions: eventLinks(event).map((l) => ({ type: 'Action.OpenUrl', title: l.title, url: l.url })),
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

export const teamsRenderer = (): Renderer => (event) => ({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(teamsMessage(event)) });
