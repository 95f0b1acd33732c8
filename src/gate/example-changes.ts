import { readJsonl } from '../contract/jsonl';
import { isPlainResult, resultSchema, type Result } from '../contract/results';
import { isScored, scoreOf, type ResultScores, type ScorerScores } from './scores';

/**
 * The examples whose scores changed between the champion's evaluation and the candidate's, so a
 * reviewer sees *what* got worse, not only that a mean dropped. Worked out from the per-example
 * scores both sides already hold (repeats averaged); only the examples shown are read again,
 * for their input, expected answer, answers and tool calls, so memory stays with the scores.
 */

export type ChangeKind = 'newly_failing' | 'worse' | 'better';

export interface ScoreChange {
  scorer: string;
  /** null: the example has no score on that side (an error, or nothing to judge by). */
  champion: number | null;
  candidate: number | null;
  /** Why the scorer failed the candidate, for scorers that say (tool_calls); newly failing examples only. */
  reason?: string;
}

export interface ExampleChange {
  id: string;
  kind: ChangeKind;
  scores: ScoreChange[];
  /** A conversation's input is the last turn played (the failing one when a turn failed). */
  input: string;
  /** Conversations: which turn `input` is, of how many the row has. */
  turn?: { number: number; of: number };
  expected?: string;
  answer: string;
  championAnswer?: string;
  /** `name(arguments)`, in call order, when the results record tool calls: empty when the agent made none. */
  toolCalls?: string[];
  /** The champion's calls, when they differ from the candidate's. */
  championToolCalls?: string[];
  error?: string;
}

export interface ExampleChanges {
  /** Newly failing first, then worse, then better; cut at the limits below. */
  shown: ExampleChange[];
  counts: Record<ChangeKind, number>;
}

/** Shown at most; the counts cover all. A summary is read by a person: past this the files are the place. */
export const changeLimits = { worse: 40, better: 10 } as const;
/** Each text is cut here, at a character, with an ellipsis. */
export const shownChars = 240;

interface Ranked {
  id: string;
  kind: ChangeKind;
  scores: ScoreChange[];
  /** Sum of drops (positive) or gains (negative): the larger the drop, the earlier it is shown. */
  weight: number;
}

/**
 * Compares per scorer and example. Newly failing: a pass/fail scorer went from pass to fail, or
 * the example scored on the champion and has no score at all on the candidate (it errored).
 * Worse: some score dropped. Better: some score rose and none dropped.
 */
export async function exampleChanges(candidate: { scores: ResultScores; file: string }, champion: { scores: ResultScores; file: string }): Promise<ExampleChanges> {
  const { examples } = candidate.scores;
  if (champion.scores.examples !== examples) throw new Error("the champion's results must be read with the candidate's example numbers (readScores options.examples)");
  const ids = examples.list();
  const changes = new Map<number, ScoreChange[]>();
  const scorers = [...candidate.scores.byScorer.keys()].filter((s) => champion.scores.byScorer.has(s));
  for (const scorer of scorers) {
    const before = champion.scores.byScorer.get(scorer) as ScorerScores;
    const after = candidate.scores.byScorer.get(scorer) as ScorerScores;
    for (const example of before.order) {
      const was = scoreOf(before, example);
      const now = isScored(after, example) ? scoreOf(after, example) : null;
      if (now !== null && Math.abs(now - was) < 1e-9) continue;
      push(changes, example, { scorer, champion: was, candidate: now });
    }
    for (const example of after.order) if (!isScored(before, example)) push(changes, example, { scorer, champion: null, candidate: scoreOf(after, example) });
  }
  const ranked: Ranked[] = [];
  for (const [example, scores] of changes) {
    const id = ids[example] as string;
    const erroredNow = scores.every((s) => s.candidate === null) && scores.some((s) => s.champion !== null) && !scorers.some((s) => isScored(candidate.scores.byScorer.get(s) as ScorerScores, example));
    const flipped = scores.some((s) => s.champion === 1 && s.candidate === 0);
    const drop = scores.reduce((sum, s) => sum + (s.champion !== null && s.candidate !== null ? Math.max(0, s.champion - s.candidate) : 0), 0);
    const gain = scores.reduce((sum, s) => sum + (s.champion !== null && s.candidate !== null ? Math.max(0, s.candidate - s.champion) : 0), 0);
    const kind: ChangeKind | null = flipped || erroredNow ? 'newly_failing' : drop > 0 ? 'worse' : gain > 0 ? 'better' : null;
    if (kind) ranked.push({ id, kind, scores, weight: erroredNow ? Infinity : drop - gain });
  }
  const order: Record<ChangeKind, number> = { newly_failing: 0, worse: 1, better: 2 };
  ranked.sort((a, b) => order[a.kind] - order[b.kind] || b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const counts = { newly_failing: 0, worse: 0, better: 0 };
  for (const r of ranked) counts[r.kind]++;
  const picked = [...ranked.filter((r) => r.kind !== 'better').slice(0, changeLimits.worse), ...ranked.filter((r) => r.kind === 'better').slice(0, changeLimits.better)];
  const wanted = new Set(picked.map((r) => r.id));
  const rows = await firstRows(candidate.file, wanted);
  const championRows = await firstRows(champion.file, wanted);
  const shown = picked.map((r) => describe(r, rows.get(r.id), championRows.get(r.id)));
  return { shown, counts };
}

function push(map: Map<number, ScoreChange[]>, example: number, change: ScoreChange): void {
  const list = map.get(example);
  if (list) list.push(change);
  else map.set(example, [change]);
}

/** The first row of each wanted id (with repeats, the first run), streamed. */
async function firstRows(file: string, wanted: ReadonlySet<string>): Promise<Map<string, Result>> {
  const found = new Map<string, Result>();
  if (wanted.size === 0) return found;
  // The quick check, as in readScores: the wanted rows may be the last of a million.
  for await (const { value } of readJsonl(file, resultSchema, 'results', { quick: isPlainResult })) {
    if (wanted.has(value.id) && !found.has(value.id)) found.set(value.id, value);
    if (found.size === wanted.size) break;
  }
  return found;
}

function describe(r: Ranked, row: Result | undefined, championRow: Result | undefined): ExampleChange {
  const reasons = r.kind === 'newly_failing' ? (row?.reasons ?? {}) : {};
  const scores = r.scores.map((s) => (reasons[s.scorer] === undefined ? s : { ...s, reason: cut(reasons[s.scorer] as string) }));
  const shownRow = row ?? championRow;
  const turn = shownRow?.turns?.at(-1);
  const change: ExampleChange = { id: r.id, kind: r.kind, scores, input: cut(asText(turn ? turn.input : shownRow?.inputs)), answer: cut(asText(row?.outputs ?? null)) };
  // A conversation row's inputs are its turns as written (expected answers, tool results and all): it shows the last turn played.
  if (turn) change.turn = { number: turn.turn, of: Array.isArray(shownRow?.inputs) ? shownRow.inputs.length : turn.turn };
  const expected = turn?.expected ?? row?.expected ?? championRow?.expected;
  if (expected !== undefined) change.expected = cut(asText(expected));
  const championAnswer = championRow?.outputs === null || championRow?.outputs === undefined ? undefined : cut(asText(championRow.outputs));
  if (championAnswer !== undefined && championAnswer !== change.answer) change.championAnswer = championAnswer;
  const toolCalls = callsOf(row);
  if (toolCalls) change.toolCalls = toolCalls;
  const championCalls = callsOf(championRow);
  if (championCalls && championCalls.join('\n') !== toolCalls?.join('\n')) change.championToolCalls = championCalls;
  if (row?.error !== undefined) change.error = cut(row.error);
  return change;
}

function callsOf(row: Result | undefined): string[] | undefined {
  return row?.tool_calls?.map((call) => cut(`${call.name}(${call.arguments === undefined ? '' : asText(call.arguments)})`, 120));
}

/** A conversation as its last user turn's text when it is one; other values as JSON. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  const messages = Array.isArray(value) ? value : (value as { messages?: unknown }).messages;
  if (Array.isArray(messages)) {
    const last = [...messages].reverse().find((m): m is { role: string; content: string } => typeof m === 'object' && m !== null && (m as { role?: unknown }).role === 'user' && typeof (m as { content?: unknown }).content === 'string');
    if (last) return messages.length > 1 ? `… user: ${last.content}` : last.content;
  }
  return JSON.stringify(value);
}

export function cut(text: string, max = shownChars): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}
