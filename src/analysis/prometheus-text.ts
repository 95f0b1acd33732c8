/**
 * A parser for the Prometheus text exposition format (0.0.4) and the parts of OpenMetrics 1.0
 * text a scrape target may send instead (`# EOF`, `# UNIT`, exemplars, float-second
 * timestamps). Hand-written rather than a dependency: the one npm parser
 * (parse-prometheus-text-format) is unmaintained, untyped and drops timestamps, which the
 * Databricks export carries and the per-minute accounting needs.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' | 'gaugehistogram' | 'info' | 'stateset' | 'unknown';

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
}

export interface ExpositionSample {
  /** As written, e.g. request_latency_ms_bucket. */
  name: string;
  /** The family it belongs to, e.g. request_latency_ms (the sample's own name when undeclared). */
  family: string;
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch, when the line carries one. */
  timestampMs?: number;
}

export interface Exposition {
  families: Map<string, MetricFamily>;
  samples: ExpositionSample[];
}

export class PrometheusTextError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'PrometheusTextError';
  }
}

const metricTypes = new Set<string>(['counter', 'gauge', 'histogram', 'summary', 'untyped', 'gaugehistogram', 'info', 'stateset', 'unknown']);
const namePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*/;
/** Suffixes a sample of a typed family may carry. */
const familySuffixes = ['_bucket', '_count', '_sum', '_total', '_created', '_gcount', '_gsum', '_info'];

export function parsePrometheusText(text: string): Exposition {
  const families = new Map<string, MetricFamily>();
  const samples: ExpositionSample[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, '');
    const number = index + 1;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const directive = /^#\s+(HELP|TYPE|UNIT|EOF)\b\s*(.*)$/.exec(line);
      if (!directive) continue; // a plain comment
      const [, keyword, rest = ''] = directive;
      if (keyword === 'EOF') break;
      const name = namePattern.exec(rest)?.[0];
      if (!name) throw new PrometheusTextError(number, `# ${keyword} without a metric name: ${shorten(line)}`);
      const argument = rest.slice(name.length).replace(/^\s+/, '');
      const family = families.get(name) ?? { name, type: 'untyped' as MetricType };
      if (keyword === 'TYPE') {
        if (!metricTypes.has(argument)) throw new PrometheusTextError(number, `unknown metric type "${argument}" for ${name}`);
        family.type = argument as MetricType;
      } else if (keyword === 'HELP') {
        family.help = argument.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
      }
      families.set(name, family);
      continue;
    }
    const sample = parseSampleLine(line, number);
    samples.push({ ...sample, family: familyOf(sample.name, families) });
  }
  return { families, samples };
}

function familyOf(name: string, families: Map<string, MetricFamily>): string {
  if (families.has(name)) return name;
  for (const suffix of familySuffixes) {
    if (name.endsWith(suffix)) {
      const base = name.slice(0, -suffix.length);
      if (families.has(base)) return base;
    }
  }
  return name;
}

function parseSampleLine(line: string, number: number): Omit<ExpositionSample, 'family'> {
  let rest = line.trimStart();
  const name = namePattern.exec(rest)?.[0];
  if (!name) throw new PrometheusTextError(number, `expected a metric name: ${shorten(line)}`);
  rest = rest.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) rest = parseLabels(rest.slice(1), labels, number, line);
  // Value, optional timestamp, optional OpenMetrics exemplar ("# {...} value [ts]").
  const [fields = ''] = rest.split(' # ');
  const parts = fields.trim().split(/\s+/);
  if (parts[0] === '' || parts.length > 2) throw new PrometheusTextError(number, `expected "<value> [timestamp]" after ${name}: ${shorten(line)}`);
  const value = parseValue(parts[0] as string);
  if (value === undefined) throw new PrometheusTextError(number, `"${parts[0]}" is not a sample value (${name})`);
  const sample: Omit<ExpositionSample, 'family'> = { name, labels, value };
  if (parts[1] !== undefined) {
    const stamp = Number(parts[1]);
    if (!Number.isFinite(stamp)) throw new PrometheusTextError(number, `"${parts[1]}" is not a timestamp (${name})`);
    // Prometheus text writes integer milliseconds; OpenMetrics float seconds. Below 1e11 ms
    // (1973) a value can only be seconds.
    sample.timestampMs = Math.abs(stamp) < 1e11 ? Math.round(stamp * 1000) : stamp;
  }
  return sample;
}

/** Reads `a="x",b="y"}` into labels; returns what follows the closing brace. */
function parseLabels(text: string, labels: Record<string, string>, number: number, line: string): string {
  let rest = text;
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('}')) return rest.slice(1);
    const labelName = labelNamePattern.exec(rest)?.[0];
    if (!labelName) throw new PrometheusTextError(number, `expected a label name: ${shorten(line)}`);
    rest = rest.slice(labelName.length).trimStart();
    if (!rest.startsWith('="')) throw new PrometheusTextError(number, `expected ="…" after label ${labelName}: ${shorten(line)}`);
    let value = '';
    let i = 2;
    for (; i < rest.length && rest[i] !== '"'; i++) {
      if (rest[i] === '\\') {
        const next = rest[++i];
        value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next ?? ''}`;
      } else value += rest[i];
    }
    if (i >= rest.length) throw new PrometheusTextError(number, `unterminated value of label ${labelName}: ${shorten(line)}`);
    if (labelName in labels) throw new PrometheusTextError(number, `label ${labelName} appears twice: ${shorten(line)}`);
    labels[labelName] = value;
    rest = rest.slice(i + 1).trimStart();
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (!rest.startsWith('}')) throw new PrometheusTextError(number, `expected , or } after label ${labelName}: ${shorten(line)}`);
  }
}

function parseValue(text: string): number | undefined {
  if (/^[+]?Inf$/i.test(text)) return Infinity;
  if (/^-Inf$/i.test(text)) return -Infinity;
  if (/^NaN$/i.test(text)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function shorten(line: string): string {
  return JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}…` : line);
}

/** One histogram's cumulative buckets (upper bound -> count of observations ≤ it), +Inf included. */
export type HistogramBuckets = ReadonlyMap<number, number>;

/**
 * The q-quantile of a histogram by linear interpolation inside the bucket that holds it, as
 * PromQL's histogram_quantile does (the lowest bucket interpolates from 0). Undefined when the
 * histogram is empty; the highest finite bound when the quantile lies in the +Inf bucket.
 */
export function histogramQuantile(buckets: HistogramBuckets, q: number): number | undefined {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Infinity) ?? (bounds.length ? (buckets.get(bounds.at(-1) as number) as number) : 0);
  if (!(total > 0)) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bound of bounds) {
    const count = buckets.get(bound) as number;
    if (count >= rank) {
      if (bound === Infinity) return lowerBound;
      if (count === lowerCount) return bound;
      return lowerBound + ((bound - lowerBound) * (rank - lowerCount)) / (count - lowerCount);
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound;
}
