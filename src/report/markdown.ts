import { readable } from '../stats/readable';

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Table cells must not break the table: escape pipes, flatten newlines. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export const mark = (passed: boolean, warning = false): string => (warning ? '⚠️ warn' : passed ? '✅ pass' : '❌ fail');

/** Four significant digits, more where fewer would blur the comparison with one of `limits`. */
export function num(value: number | undefined | null, limits: readonly (number | undefined)[] = []): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  return readable(value, limits);
}

/** GitHub refuses a job summary over 1 MiB; stay well under it, leaving room for other steps' summaries. */
export const summaryByteLimit = 900 * 1024;

export interface Section {
  /** Lower priorities lose rows first, then are left out whole; `Infinity` is never touched. */
  priority: number;
  /** Shown in the note when the section is left out whole. */
  name: string;
  /** Kept as long as the section is (a heading, a table's header). */
  head: readonly string[];
  /** Lines that may be left out, highest rank first and from the end; lower ranks (failures) stay longest. */
  rows?: readonly { text: string; rank: number }[];
  tail?: readonly string[];
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Joins sections with blank lines, within `limit` bytes: rows of the lowest-priority sections are
 * left out first, then whole sections, each time with a note saying what is missing and where
 * the full record is.
 */
export function fitSections(sections: readonly Section[], limit: number, fullRecord: string): string {
  const kept = sections.map((s) => ({ section: s, rows: [...(s.rows ?? [])], omitted: 0, dropped: false }));
  const rowsNote = (count: number): string => `_… ${count} more row${count === 1 ? '' : 's'} left out to stay under GitHub's 1 MiB job-summary limit; ${fullRecord} has them all._`;
  const droppedNote = (name: string): string => `_${name} left out to stay under GitHub's 1 MiB job-summary limit; ${fullRecord} has the full record._`;
  const render = (): string =>
    kept
      .map(({ section, rows, omitted, dropped }) =>
        dropped ? droppedNote(section.name) : [...section.head, ...rows.map((r) => r.text), ...(omitted ? [rowsNote(omitted)] : []), ...(section.tail ?? [])].join('\n'),
      )
      .join('\n\n');
  let text = render();
  let total = bytes(text);
  if (total <= limit) return text;
  const order = kept
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => Number.isFinite(entry.section.priority))
    .sort((a, b) => a.entry.section.priority - b.entry.section.priority || b.index - a.index);
  for (const { entry } of order) {
    if (total <= limit) break;
    // Least important rows first: the highest rank, and among equals the last.
    const removal = entry.rows.map((row, index) => ({ row, index })).sort((a, b) => b.row.rank - a.row.rank || b.index - a.index);
    const removed = new Set<number>();
    let next = 0;
    while (total > limit && next < removal.length) {
      // Estimate in bytes (exact for what render() adds), then check against the real text.
      while (total > limit && next < removal.length) {
        const { row, index } = removal[next++] as { row: { text: string }; index: number };
        total -= bytes(row.text) + 1 + (entry.omitted === 0 ? -(bytes(rowsNote(1)) + 1) : bytes(rowsNote(entry.omitted)) - bytes(rowsNote(entry.omitted + 1)));
        entry.omitted++;
        removed.add(index);
      }
      entry.rows = entry.section.rows?.filter((_, index) => !removed.has(index)) ?? [];
      text = render();
      total = bytes(text);
    }
    if (total > limit) {
      entry.dropped = true;
      const shorter = render();
      // A section smaller than its own note is kept; the next one is cut instead.
      if (bytes(shorter) < total) [text, total] = [shorter, bytes(shorter)];
      else entry.dropped = false;
    }
  }
  if (total <= limit) return text;
  // Only the untouchable parts are left and they are still too long: cut at a line, by bytes.
  const note = `\n\n_Cut here to stay under GitHub's 1 MiB job-summary limit; ${fullRecord} has the full record._`;
  const cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, limit - bytes(note))).toString('utf8');
  return `${cut.slice(0, Math.max(0, cut.lastIndexOf('\n')))}${note}`;
}
