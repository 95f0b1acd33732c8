import { fillTemplate, TemplateError } from '../template';

/**
 * Fills {{placeholders}} in a PromQL query so that a value can never change the query's shape:
 * inside a "…" or '…' string literal it is escaped for that literal (and regex-quoted after
 * =~ / !~, so version "1.2" does not also match "1x2"); inside a `…` raw string, which has no
 * escapes, a value with a backtick is refused; outside any literal (e.g. a range like [{{window}}])
 * only plain tokens — letters, digits, _ . : — are allowed.
 *
 * A placeholder whose value is null (no previous version yet) cannot be filled; the caller
 * learns which names were unavailable and reports the metric as missing rather than querying
 * `version=""`, which would match every series without the label.
 */
export function renderPromql(
  template: string,
  variables: Readonly<Record<string, string | null>>,
  where: string,
): { query: string } | { unavailable: string[] } {
  const used = placeholdersIn(template);
  const unavailable = used.filter((name) => variables[name] === null);
  if (unavailable.length > 0) return { unavailable };
  let query = '';
  for (const segment of lexSegments(template)) {
    const escape = escaperFor(segment.context, where);
    const escaped: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(variables)) escaped[name] = value;
    for (const name of placeholdersIn(segment.text)) {
      const value = variables[name];
      if (typeof value === 'string') escaped[name] = escape(value, name);
    }
    query += fillTemplate(segment.text, escaped, where);
  }
  return { query };
}

/** Names of the {{placeholders}} a template uses, in order, without repeats. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((match) => match[1] as string))];
}

type Context = 'code' | 'double' | 'single' | 'raw' | 'regex-double' | 'regex-single';

interface Segment {
  context: Context;
  text: string;
}

/**
 * Splits a query into code and string-literal bodies, following PromQL's lexer: strings in
 * " or ' with backslash escapes, raw strings in backticks, # comments to the end of the line.
 */
export function lexSegments(query: string): Segment[] {
  const segments: Segment[] = [];
  let context = 'code' as Context;
  let text = '';
  const flush = (next: Context): void => {
    if (text) segments.push({ context, text });
    text = '';
    context = next;
  };
  for (let i = 0; i < query.length; i++) {
    const ch = query[i] as string;
    if (context === 'code') {
      if (ch === '#') {
        const end = query.indexOf('\n', i);
        const stop = end === -1 ? query.length : end;
        text += query.slice(i, stop);
        i = stop - 1;
      } else if (ch === '"' || ch === "'" || ch === '`') {
        const regex = /[=!]~\s*$/.test(text);
        text += ch;
        flush(ch === '`' ? 'raw' : ch === '"' ? (regex ? 'regex-double' : 'double') : regex ? 'regex-single' : 'single');
      } else {
        text += ch;
      }
      continue;
    }
    const quote = context === 'raw' ? '`' : context.endsWith('double') ? '"' : "'";
    if (ch === '\\' && context !== 'raw') {
      text += query.slice(i, i + 2);
      i++;
    } else if (ch === quote) {
      flush('code');
      text = ch;
    } else {
      text += ch;
    }
  }
  flush('code');
  return segments;
}

function escaperFor(context: Context, where: string): (value: string, name: string) => string {
  switch (context) {
    case 'double':
      return (value) => escapeStringLiteral(value, '"');
    case 'single':
      return (value) => escapeStringLiteral(value, "'");
    case 'regex-double':
      return (value) => escapeStringLiteral(quoteRegex(value), '"');
    case 'regex-single':
      return (value) => escapeStringLiteral(quoteRegex(value), "'");
    case 'raw':
      return (value, name) => {
        if (value.includes('`')) throw new TemplateError(`${where}: {{${name}}} = ${JSON.stringify(value)} contains a backtick and cannot go in a \`raw\` PromQL string; use "…" quotes around the placeholder`);
        return value;
      };
    case 'code':
      return (value, name) => {
        if (!/^[\w.:]*$/.test(value)) {
          throw new TemplateError(`${where}: {{${name}}} = ${JSON.stringify(value)} is outside a PromQL string literal and is not a plain token; put the placeholder in quotes, e.g. some_label="{{${name}}}"`);
        }
        return value;
      };
  }
}

/** PromQL string literals take Go's escapes; a raw newline would end the query with an error. */
export function escapeStringLiteral(value: string, quote: '"' | "'"): string {
  return value.replace(/[\\\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : '\\r')).replaceAll(quote, `\\${quote}`);
}

/** RE2's QuoteMeta: every regex metacharacter matched literally. */
export function quoteRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A duration in Prometheus' syntax ("5m", "90s", "250ms"), in the largest unit that is exact. */
export function promDuration(ms: number): string {
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms)}ms`;
}
