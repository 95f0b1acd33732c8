/**
 * Mermaid `xychart-beta` blocks, which GitHub renders in job summaries and comments. The chart
 * type has no legend, so series are coloured through the theme's plotColorPalette (in series
 * order) and the caller names them in a line of text under the chart.
 */
export interface Series {
  kind: 'line' | 'bar';
  /** Index-aligned with the categories; a shorter series stops early (no stable side at 100%). */
  values: readonly number[];
  color: string;
}

export interface XyChart {
  title: string;
  categories: readonly string[];
  yAxis: string;
  series: readonly Series[];
}

/** Colours a reader can tell apart, also with the common colour-vision deficiencies. */
export const palette = { candidate: '#d62728', stable: '#1f77b4', limit: '#7f7f7f' } as const;

export function xychart(chart: XyChart): string[] {
  const series = chart.series.filter((s) => s.values.length > 0);
  const top = niceCeiling(Math.max(0, ...series.flatMap((s) => s.values)));
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${series.map((s) => s.color).join(', ')}"}}}}%%`,
    'xychart-beta',
    `  title ${quote(chart.title)}`,
    `  x-axis [${chart.categories.map(quote).join(', ')}]`,
    `  y-axis ${quote(chart.yAxis)} 0 --> ${top}`,
    ...series.map((s) => `  ${s.kind} [${s.values.map(number).join(', ')}]`),
    '```',
  ];
}

/** Text inside double quotes: mermaid has no escape for a quote, so it becomes a prime. */
function quote(text: string): string {
  return `"${text.replace(/"/g, '′').replace(/[\r\n]+/g, ' ')}"`;
}

function number(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The axis top: a little above the largest value, on a round number (never 0, so an all-zero chart still draws). */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const padded = max * 1.1;
  const magnitude = 10 ** Math.floor(Math.log10(padded));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= padded) ?? 10;
  return Math.round(step * magnitude * 1000) / 1000;
}
