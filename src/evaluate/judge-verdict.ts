import type { JudgeScale } from '../config/evaluate-schema';

export type Verdict =
  | { ok: true; score: number; given: number | boolean | string; reason?: string }
  | { ok: false; error: string; given?: number | boolean | string | null; reason?: string };

const passWords = new Set(['pass', 'passed', 'yes', 'true', 'correct', 'y']);
const failWords = new Set(['fail', 'failed', 'no', 'false', 'incorrect', 'n']);
const scoreKeys = ['score', 'rating', 'grade'];
const passFailKeys = ['pass', 'passed', 'verdict', 'result'];
const reasonKeys = ['reason', 'reasoning', 'explanation', 'rationale', 'justification'];

/**
 * Reads a judge's answer. The judge is asked for one JSON object {"score", "reason"}; models
 * also wrap it in a ``` fence, put prose around it or capitalise the keys, and all of that is
 * read. What cannot be read as a score on the scale is an error for that example, never a 0.
 * Numeric scores are normalised to 0..1 so that means of different scales compare.
 */
export function parseVerdict(text: string, scale: JudgeScale): Verdict {
  const objects = jsonObjectsIn(text);
  if (objects.length === 0) return { ok: false, error: `the judge did not answer with a JSON object {"score", "reason"}: ${quote(text)}` };
  const keys = scale === 'pass_fail' ? [...scoreKeys, ...passFailKeys] : scoreKeys;
  const found = objects.map((o) => ({ object: o, key: findKey(o, keys) })).find((c) => c.key !== undefined);
  if (!found || found.key === undefined) {
    return { ok: false, error: `the judge's JSON has no "score" (keys: ${Object.keys(objects[0] as object).join(', ') || 'none'})` };
  }
  const given = found.object[found.key];
  const reasonKey = findKey(found.object, reasonKeys);
  const reasonValue = reasonKey === undefined ? undefined : found.object[reasonKey];
  const reason = typeof reasonValue === 'string' ? reasonValue : undefined;
  if (typeof given !== 'number' && typeof given !== 'boolean' && typeof given !== 'string') {
    return { ok: false, error: `the judge's score is ${given === null ? 'null' : `a ${Array.isArray(given) ? 'list' : typeof given}`}, not a score`, given: null, reason };
  }
  const score = scale === 'pass_fail' ? passFail(given) : numeric(given, scale.min, scale.max);
  if (typeof score === 'string') return { ok: false, error: score, given, reason };
  return { ok: true, score, given, ...(reason !== undefined ? { reason } : {}) };
}

function passFail(given: number | boolean | string): number | string {
  if (typeof given === 'boolean') return given ? 1 : 0;
  if (given === 1 || given === 0) return given;
  if (typeof given === 'string') {
    const word = given.trim().toLowerCase();
    if (passWords.has(word) || word === '1') return 1;
    if (failWords.has(word) || word === '0') return 0;
  }
  return `the judge's score ${JSON.stringify(given)} is not pass/fail (true or false)`;
}

function numeric(given: number | boolean | string, min: number, max: number): number | string {
  const value = typeof given === 'number' ? given : typeof given === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(given) ? Number(given) : NaN;
  if (!Number.isFinite(value)) return `the judge's score ${JSON.stringify(given)} is not a number from ${min} to ${max}`;
  if (value < min || value > max) return `the judge's score ${value} is outside the scale ${min} to ${max}`;
  return (value - min) / (max - min);
}

function findKey(object: Record<string, unknown>, wanted: readonly string[]): string | undefined {
  const keys = Object.keys(object);
  for (const name of wanted) {
    const key = keys.find((k) => k.toLowerCase() === name);
    if (key !== undefined) return key;
  }
  return undefined;
}

/** JSON objects in a text: the whole text, else each balanced {...} in order (strings and escapes respected). */
export function jsonObjectsIn(text: string): Record<string, unknown>[] {
  const whole = tryObject(text.trim());
  if (whole) return [whole];
  const found: Record<string, unknown>[] = [];
  for (let start = text.indexOf('{'); start !== -1 && found.length < 8; start = text.indexOf('{', start + 1)) {
    const end = matchingBrace(text, start);
    if (end === -1) continue;
    const object = tryObject(text.slice(start, end + 1));
    if (object) {
      found.push(object);
      start = end;
    }
  }
  return found;
}

function tryObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function quote(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line === '' ? '(an empty answer)' : JSON.stringify(line.length > 160 ? `${line.slice(0, 160)}…` : line);
}
