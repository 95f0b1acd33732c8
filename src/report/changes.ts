import type { ExampleChange, ExampleChanges } from '../gate/example-changes';
import { cell, code, num, table, type Section } from './markdown';

const marks: Record<ExampleChange['kind'], string> = { newly_failing: '❌ newly failing', worse: '📉 worse', better: '✅ better' };
/** Kept longest when the summary must shrink: newly failing, then worse, then better. */
const ranks: Record<ExampleChange['kind'], number> = { newly_failing: 0, worse: 1, better: 2 };

/**
 * The examples that changed against the champion, as a job-summary section: newly failing first,
 * each with its input, expected answer, both answers and the candidate's tool calls, each text
 * cut short. Rows are dropped from the end (better before worse before newly failing) when the
 * summary must stay under GitHub's limit.
 */
export function changesSection(changes: ExampleChanges, champion: { alias: string; version: string }, fullRecord: string, priority: number): Section | null {
  const { counts, shown } = changes;
  const total = counts.newly_failing + counts.worse + counts.better;
  if (total === 0) return null;
  const hidden = total - shown.length;
  return {
    priority,
    name: 'The examples that changed',
    head: [
      `#### Examples that changed against @${champion.alias} v${champion.version}`,
      '',
      `${counts.newly_failing} newly failing, ${counts.worse} worse, ${counts.better} better.${hidden > 0 ? ` The first ${shown.length} are shown; ${fullRecord} has every example.` : ''}`,
      '',
      ...table(['Change', 'Example', 'Scores (champion → candidate)', 'Input', 'Expected', 'Answer', 'Tool calls'], []).split('\n'),
    ],
    rows: shown.map((change) => ({ text: row(change), rank: ranks[change.kind] })),
  };
}

function row(change: ExampleChange): string {
  const scores = change.scores.map((s) => `${s.scorer} ${score(s.champion)} → ${score(s.candidate)}`).join('<br>');
  const answer = [change.error !== undefined ? `**error:** ${safe(change.error)}` : safe(change.answer) || '–', ...(change.championAnswer !== undefined ? [`_champion:_ ${safe(change.championAnswer)}`] : [])].join('<br>');
  const tools = change.toolCalls ? change.toolCalls.map((t) => code(t)).join('<br>') || '(none)' : '–';
  const cells = [marks[change.kind], code(change.id), scores, safe(change.input) || '–', change.expected !== undefined ? safe(change.expected) : '–', answer, tools];
  return `| ${cells.map(cell).join(' | ')} |`;
}

function score(value: number | null): string {
  return value === null ? 'none' : num(value);
}

/** Answers are untrusted text: no HTML, no table breaks. */
function safe(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
