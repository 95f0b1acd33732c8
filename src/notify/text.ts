import type { ReleaseEvent, ReleaseEventKind } from './types';

/** Cut to at most `max` characters (code points kept whole), marking the cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const eventLabels: Record<ReleaseEventKind, string> = {
  gate_failed: 'Gate failed',
  promoted: 'Promoted',
  deployed: 'Deployed',
  automatic_rollback: 'Automatic rollback',
  manual_rollback: 'Manual rollback',
};

/** The reasons as lines, with a note when some were left out. */
export function reasonLines(event: ReleaseEvent, maxEach: number): string[] {
  const lines = event.reasons.map((r) => clip(r, maxEach));
  const more = event.reasonCount - event.reasons.length;
  return more > 0 ? [...lines, `and ${more} more (see the summary)`] : lines;
}

/** The links a message carries, present ones only. */
export function eventLinks(event: ReleaseEvent): { title: string; url: string }[] {
  const links = [{ title: 'Workflow run', url: event.links.run }];
  if (event.links.summary !== event.links.run) links.push({ title: 'Summary', url: event.links.summary });
  return links.filter((l): l is { title: string; url: string } => l.url !== null);
}
