import type { ShadowResult } from '../modes/shadow';

const percent = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const round = (x: number | null, digits = 0): string => (x === null ? '–' : String(Number(x.toFixed(digits))));
const ms = (x: number | null): string => (x === null ? '–' : `${Math.round(x)} ms`);

export function shadowHeadline(r: ShadowResult): string {
  const m = r.measures;
  if (!m) return `shadow replay of ${r.model} v${r.version} against v${r.champion}`;
  const c = m.comparison;
  return c
    ? `shadow replay of ${r.model} v${r.version} against v${r.champion}: ${m.replayed} requests, ${m.judged} judged; wins ${percent(c.winRate)}, losses ${percent(c.lossRate)}, ties ${percent(c.tieRate)}`
    : `shadow replay of ${r.model} v${r.version} against v${r.champion}: ${m.replayed} requests, none could be judged`;
}

/** Counts and rates only: the summary never shows a request or an answer. */
export function shadowBody(r: ShadowResult): string[] {
  const m = r.measures;
  if (!m) return [`Requests: \`${r.requestsPath}\` (dry run: nothing replayed).`];
  const c = m.comparison;
  const rows = [
    ['Error rate', percent(m.candidate.errorRate), percent(m.champion.errorRate)],
    ['Valid JSON answers', percent(m.candidate.jsonValidRate), percent(m.champion.jsonValidRate)],
    ['Refusals', percent(m.candidate.refusalRate), percent(m.champion.refusalRate)],
    ['Mean length (characters)', m.candidate.meanChars === null ? '–' : String(Math.round(m.candidate.meanChars)), m.champion.meanChars === null ? '–' : String(Math.round(m.champion.meanChars))],
    ['p95 latency', ms(m.candidate.latencyP95Ms), ms(m.champion.latencyP95Ms)],
    ['Mean tokens', round(m.candidate.meanTokens), round(m.champion.meanTokens)],
    ['Mean tool calls', round(m.candidate.meanToolCalls, 2), round(m.champion.meanToolCalls, 2)],
  ];
  return [
    `Replayed ${m.replayed} requests from \`${r.requestsPath}\`; the judge compared ${m.judged} pairs (${m.judgeErrors} judge errors), the candidate shown first in ${m.candidateShownFirst}.`,
    '',
    c
      ? `Pairwise: candidate better ${m.counts.candidate}, champion better ${m.counts.champion}, tie ${m.counts.tie}; losses − wins ${percent(c.netLoss)} (${Math.round(c.interval.confidence * 100)}% interval ${percent(c.interval.low)} to ${percent(c.interval.high)}).`
      : 'Pairwise: no pair could be judged.',
    '',
    '| Check | Candidate | Champion |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `Files: \`${r.reportPath}\`${r.pairsPath ? `, \`${r.pairsPath}\` (texts after redaction)` : ''}`,
  ];
}
