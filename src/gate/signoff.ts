import { open } from '../fs-async';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { FileTooLargeError, formatBytes, type ArtifactRoot } from '../artifacts/root';
import { nestingAfterCompose, nestingBeforeCompose } from '../config/yaml-nesting';
import { suggestion } from '../config/zod-helpers';
import type { RuleResult } from '../contract/decision';
import { sha256Hex } from '../hash/sha256';

/**
 * The signoff rule: reads the YAML front matter of `signoffs/v<N>/decision.md` (never the body)
 * and passes only when both decisions clear, or when a valid `state_override` lets them through.
 *
 * The file:
 *
 *     ---
 *     version: 3                        # optional; when present it must be the N being decided
 *     engineering_signoff:
 *       decision: APPROVED              # or APPROVED_WITH_CONDITIONS; anything else blocks
 *       by: alice                       # any further keys are kept out of the decision
 *     stakeholder_signoff:
 *       decision: APPROVED_WITH_CONDITIONS
 *       conditions: [weekly review]
 *     state_override:                   # optional: the one audited escape hatch
 *       by: carol                       # required, non-empty: who
 *       reason: launch approved by VP   # required, non-empty: why
 *       at: 2026-05-01T10:00:00Z        # optional
 *       original:                       # required: both decisions, quoted verbatim
 *         engineering_signoff: { decision: REJECTED }
 *         stakeholder_signoff: { decision: APPROVED }
 *     ---
 *     Narrative text; never read.
 *
 * Strictness: the file starts with a line `---` (a UTF-8 byte-order mark and CRLF line ends are
 * accepted) and the front matter ends at the next line that is exactly `---`. Decisions are
 * case-sensitive (`approved` blocks, with a "did you mean" hint). Duplicate keys, YAML errors,
 * YAML warnings (unknown tags) and nesting deeper than 64 levels block. A missing block, a
 * missing decision or a non-string one blocks and cannot be overridden: an override must quote a
 * decision that was recorded. The captured decisions may also sit directly under
 * `state_override` (the form of the upstream contract's example) but not in both places. A
 * version mismatch cannot be overridden.
 */
export const signoffRule = 'signoff';
export const approvedDecisions: readonly string[] = ['APPROVED', 'APPROVED_WITH_CONDITIONS'];
const knownDecisions = ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED'];
export const signoffSides = ['engineering_signoff', 'stakeholder_signoff'] as const;
type Side = (typeof signoffSides)[number];

/** A signoff is a few lines of front matter and some prose; a megabyte is already absurd. */
export const defaultSignoffMaxBytes = 1024 * 1024;
const maxByLength = 200;
const maxReasonLength = 2000;

/** A local file, or a file under an artifact root (a folder or a Volume). */
export type SignoffSource = string | { root: ArtifactRoot; path: string };

export interface SignoffOptions {
  maxBytes?: number;
  /** How the file is named in reasons; default: the path as given, or its place under the root. */
  shownAs?: string;
}

export interface SignoffOverride {
  by: string;
  reason: string;
  at?: string;
  original: Record<Side, { decision: string }>;
}

/**
 * Reads and judges a signoff. Never throws: an unreadable, missing, oversized or malformed file
 * is a blocked result whose reason names the file (and the line, where there is one).
 */
export async function checkSignoff(source: SignoffSource, expectedN: number | undefined, options: SignoffOptions = {}): Promise<RuleResult> {
  const maxBytes = options.maxBytes ?? defaultSignoffMaxBytes;
  let shown = options.shownAs ?? (typeof source === 'string' ? source : source.path);
  let bytes: Uint8Array | undefined;
  try {
    if (typeof source !== 'string' && options.shownAs === undefined) shown = source.root.display(source.path);
    bytes = typeof source === 'string' ? await readLocal(source, maxBytes) : await source.root.read(source.path, maxBytes);
  } catch (error) {
    const message = error instanceof FileTooLargeError ? `is ${formatBytes(error.size)}, over the ${formatBytes(maxBytes)} limit for a signoff; is this the right file?` : `cannot be read: ${messageOf(error)}`;
    return blocked({ file: shown, expectedN }, [{ message }]);
  }
  if (bytes === undefined) {
    return blocked({ file: shown, expectedN }, [
      { message: `not found; the signoff for version ${expectedN ?? '<N>'} must be recorded there (YAML front matter with engineering_signoff and stakeholder_signoff decisions) before the gate can pass` },
    ]);
  }
  return judgeSignoff(bytes, shown, expectedN, { maxBytes });
}

/** Judges a signoff's bytes (or text). Never throws. */
export function judgeSignoff(content: Uint8Array | string, shown: string, expectedN: number | undefined, options: { maxBytes?: number } = {}): RuleResult {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const facts: Facts = { file: shown, expectedN, digest: `sha256:${sha256Hex(bytes)}`, bytes: bytes.length };
  try {
    return judge(bytes, facts, options.maxBytes ?? defaultSignoffMaxBytes);
  } catch (error) {
    // Every path above returns a result; this is the belt to those braces.
    return blocked(facts, [{ message: `could not be judged: ${messageOf(error)}` }]);
  }
}

interface Facts {
  file: string;
  expectedN: number | undefined;
  digest?: string;
  bytes?: number;
  version?: number;
  decisions?: Partial<Record<Side, string>>;
}

interface Problem {
  line?: number;
  message: string;
}

function judge(bytes: Uint8Array, facts: Facts, maxBytes: number): RuleResult {
  if (bytes.length > maxBytes) {
    return blocked(facts, [{ message: `is ${formatBytes(bytes.length)}, over the ${formatBytes(maxBytes)} limit for a signoff; is this the right file?` }]);
  }
  let text: string;
  try {
    // Strips one leading byte-order mark.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return blocked(facts, [{ message: 'is not UTF-8 text (a binary file, or another encoding?); save it as UTF-8 markdown with YAML front matter' }]);
  }
  const front = frontMatter(text);
  if ('problem' in front) return blocked(facts, [front.problem]);
  const inFile = (yamlLine: number): number => Math.min(yamlLine + front.firstLine - 1, front.lastLine);
  const deepText = nestingBeforeCompose(front.yaml);
  if (deepText) return blocked(facts, [{ line: inFile(deepText.line), message: `front matter: ${deepText.message}` }]);

  const lines = new LineCounter();
  const doc = parseDocument(front.yaml, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, strict: true, logLevel: 'error' });
  // YAML line 1 is file line `front.firstLine`; an error at the very end (an unclosed quote)
  // is shown on the last line of the front matter rather than on the closing "---".
  const fileLine = (offset: number): number => inFile(lines.linePos(offset).line);
  const yamlProblems = [...doc.errors, ...doc.warnings];
  if (yamlProblems.length > 0) {
    const shownProblems = yamlProblems.slice(0, 3).map((e) => ({
      line: e.pos ? fileLine(e.pos[0]) : undefined,
      message: `front matter is not valid YAML: ${firstLine(e.message)}`,
    }));
    if (yamlProblems.length > 3) shownProblems.push({ line: undefined, message: `and ${yamlProblems.length - 3} more YAML problems` });
    return blocked(facts, shownProblems);
  }
  const deepDoc = nestingAfterCompose(doc, lines);
  if (deepDoc) return blocked(facts, [{ line: inFile(deepDoc.line), message: `front matter: ${deepDoc.message}` }]);
  let meta: unknown;
  try {
    meta = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return blocked(facts, [{ line: front.firstLine, message: `front matter could not be read: ${firstLine(messageOf(error))}` }]);
  }
  if (meta === null || meta === undefined) {
    return blocked(facts, [{ line: front.firstLine, message: 'front matter is empty; it must hold engineering_signoff and stakeholder_signoff, each with a decision' }]);
  }
  if (!isPlainObject(meta)) {
    return blocked(facts, [{ line: front.firstLine, message: `front matter must be a mapping of fields (engineering_signoff, stakeholder_signoff, ...), got ${describe(meta)}` }]);
  }
  const lineOf = (...path: string[]): number | undefined => keyLine(doc, path, fileLine);

  // Problems an override cannot bypass, and the decisions it can.
  const fatal: Problem[] = [];
  const refusals: Problem[] = [];

  const version = readVersion(meta, facts, lineOf);
  if ('problem' in version) fatal.push(version.problem);
  else if (version.n !== undefined) facts.version = version.n;

  const decisions: Partial<Record<Side, string>> = {};
  for (const side of signoffSides) {
    const read = readDecision(meta, side, lineOf);
    if (read.decision !== undefined) decisions[side] = read.decision;
    if (read.problem) (read.bypassable ? refusals : fatal).push(read.problem);
  }
  facts.decisions = decisions;
  const hasOverride = Object.hasOwn(meta, 'state_override');

  if (fatal.length > 0) {
    const note: Problem[] = hasOverride ? [{ line: lineOf('state_override'), message: 'a state_override cannot bypass these problems' }] : [];
    return blocked(facts, [...fatal, ...refusals, ...note]);
  }
  const summary = signoffSides.map((side) => `${side} ${decisions[side]}`).join(', ');
  if (refusals.length === 0) {
    return result(facts, true, false, `${facts.file}: ${summary}${hasOverride ? ' (a state_override is present but not needed)' : ''}`);
  }
  if (!hasOverride) {
    return blocked(facts, [
      ...refusals,
      { message: 'no state_override captures the original decisions; record approvals, or a state_override (by, reason, original) quoting both decisions verbatim' },
    ]);
  }
  const override = readOverride(meta.state_override, decisions as Record<Side, string>, lineOf);
  if ('problems' in override) return blocked(facts, [...refusals, ...override.problems]);
  const where = lineOf('state_override');
  const { by, reason } = override.value;
  return result(
    facts,
    true,
    true,
    `OVERRIDE: ${facts.file}${where ? `:${where}` : ''}: ${summary} let through by a state_override from ${clip(by, 80)}: ${clip(reason, 300)}`,
    override.value,
  );
}

/** The YAML between a first line `---` and the next line that is exactly `---`. */
function frontMatter(text: string): { yaml: string; firstLine: number; lastLine: number } | { problem: Problem } {
  const lines = text.split('\n');
  const isDelimiter = (line: string | undefined): boolean => line === '---' || line === '---\r';
  if (!isDelimiter(lines[0])) {
    const later = lines.findIndex((line, i) => i > 0 && isDelimiter(line));
    const first = lines[0] ?? '';
    const why = /^---/.test(first)
      ? `line 1 is ${describe(first.replace(/\r$/, ''))}, but front matter opens with a line that is exactly "---"`
      : `no YAML front matter: the file must start with a line "---", then the signoff fields, then a line "---"${later > 0 ? ` (a "---" line appears at line ${later + 1}; the front matter must start on line 1)` : ''}`;
    return { problem: { line: 1, message: why } };
  }
  const close = lines.findIndex((line, i) => i > 0 && isDelimiter(line));
  if (close < 0) return { problem: { line: 1, message: 'the front matter opened on line 1 is never closed by a line that is exactly "---"' } };
  // CRLF files: a CR before the line feed is part of the line break, never of a value.
  const yaml = lines.slice(1, close).map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  return { yaml: `${yaml.join('\n')}\n`, firstLine: 2, lastLine: close };
}

function readVersion(meta: Record<string, unknown>, facts: Facts, lineOf: (...p: string[]) => number | undefined): { n: number | undefined } | { problem: Problem } {
  const pathN = versionInPath(facts.file);
  let ownN: number | undefined;
  if (Object.hasOwn(meta, 'version')) {
    const raw = meta.version;
    const match = typeof raw === 'string' ? /^v?(0|[1-9]\d{0,15})$/.exec(raw) : null;
    if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) ownN = raw;
    else if (match) ownN = Number(match[1]);
    else return { problem: { line: lineOf('version'), message: `version must be a whole number like 3, got ${describe(raw)}` } };
    if (pathN !== undefined && ownN !== pathN) {
      return { problem: { line: lineOf('version'), message: `says version ${ownN}, but the file is under v${pathN}/; a signoff belongs to one version` } };
    }
  }
  const n = ownN ?? pathN;
  if (n !== undefined && facts.expectedN !== undefined && n !== facts.expectedN) {
    const from = ownN !== undefined ? 'its version field' : 'its path';
    return {
      problem: { line: ownN !== undefined ? lineOf('version') : undefined, message: `is the signoff of version ${n} (from ${from}), but the gate is deciding version ${facts.expectedN}` },
    };
  }
  return { n };
}

/** The N of the last `v<N>/` folder in a path: signoffs/v3/decision.md -> 3. */
export function versionInPath(file: string): number | undefined {
  const all = [...file.replace(/\\/g, '/').matchAll(/(?:^|\/)v(0|[1-9]\d{0,15})\//g)];
  const last = all.at(-1)?.[1];
  return last === undefined ? undefined : Number(last);
}

function readDecision(
  meta: Record<string, unknown>,
  side: Side,
  lineOf: (...p: string[]) => number | undefined,
): { decision?: string; problem?: Problem; bypassable?: boolean } {
  if (!Object.hasOwn(meta, side)) {
    return { problem: { message: `has no ${side} block; add ${side}: { decision: APPROVED } (or APPROVED_WITH_CONDITIONS, or REJECTED) to the front matter` } };
  }
  const block = meta[side];
  const line = lineOf(side);
  if (typeof block === 'string') {
    return { problem: { line, message: `${side} must be a mapping with a decision, got the string ${describe(block)}; write ${side}: { decision: ${clip(block, 40)} }` } };
  }
  if (!isPlainObject(block)) return { problem: { line, message: `${side} must be a mapping with a decision, got ${describe(block)}` } };
  if (!Object.hasOwn(block, 'decision')) return { problem: { line, message: `${side} has no decision` } };
  const decision = block.decision;
  const decisionLine = lineOf(side, 'decision');
  if (typeof decision !== 'string') {
    return { problem: { line: decisionLine, message: `${side}.decision must be a string such as APPROVED, got ${describe(decision)}` } };
  }
  if (approvedDecisions.includes(decision)) return { decision };
  if (decision === 'REJECTED') return { decision, bypassable: true, problem: { line: decisionLine, message: `${side}.decision is REJECTED` } };
  const hint = suggestion(decision, knownDecisions);
  return {
    decision,
    bypassable: true,
    problem: {
      line: decisionLine,
      message: `${side}.decision is ${describe(decision)}, not APPROVED or APPROVED_WITH_CONDITIONS${hint ? ` (${hint} decisions are case-sensitive)` : ''}`,
    },
  };
}

function readOverride(
  raw: unknown,
  decisions: Record<Side, string>,
  lineOf: (...p: string[]) => number | undefined,
): { value: SignoffOverride } | { problems: Problem[] } {
  const line = lineOf('state_override');
  if (!isPlainObject(raw)) {
    return { problems: [{ line, message: `state_override must be a mapping with by, reason and original, got ${describe(raw)}` }] };
  }
  const problems: Problem[] = [];
  const text = (key: 'by' | 'reason' | 'at', max: number, what: string): string | undefined => {
    const value = raw[key];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push({ line: lineOf('state_override', key) ?? line, message: `state_override.${key} must ${what} (a non-empty string), got ${describe(value)}` });
      return undefined;
    }
    if (value.length > max) {
      problems.push({ line: lineOf('state_override', key), message: `state_override.${key} is ${value.length} characters; keep it under ${max}` });
      return undefined;
    }
    return value.trim();
  };
  const by = text('by', maxByLength, 'name who overrode the signoff');
  const reason = text('reason', maxReasonLength, 'say why');
  const at = Object.hasOwn(raw, 'at') ? text('at', 100, 'be a timestamp') : undefined;

  const nested = Object.hasOwn(raw, 'original');
  const flat = signoffSides.some((side) => Object.hasOwn(raw, side));
  let captured: Record<string, unknown> | undefined;
  const prefix = nested ? 'state_override.original' : 'state_override';
  if (nested && flat) {
    problems.push({ line, message: 'state_override quotes the decisions both under original and directly; keep only state_override.original' });
  } else if (!nested && !flat) {
    problems.push({
      line,
      message: `state_override must quote the original decisions verbatim: original: { engineering_signoff: { decision: ${decisions.engineering_signoff} }, stakeholder_signoff: { decision: ${decisions.stakeholder_signoff} } }`,
    });
  } else if (nested && !isPlainObject(raw.original)) {
    problems.push({ line: lineOf('state_override', 'original'), message: `state_override.original must be a mapping of the two signoff blocks, got ${describe(raw.original)}` });
  } else {
    captured = nested ? (raw.original as Record<string, unknown>) : raw;
  }
  if (captured) {
    for (const side of signoffSides) {
      const block = captured[side];
      const where = nested ? ['state_override', 'original', side] : ['state_override', side];
      const quoted = isPlainObject(block) && Object.hasOwn(block, 'decision') ? block.decision : undefined;
      if (quoted === undefined) {
        problems.push({ line: lineOf(...where) ?? line, message: `${prefix}.${side}.decision is missing; it must quote ${side}.decision verbatim (${describe(decisions[side])})` });
      } else if (quoted !== decisions[side]) {
        problems.push({
          line: lineOf(...where, 'decision'),
          message: `${prefix}.${side}.decision is ${describe(quoted)} but ${side}.decision is ${describe(decisions[side])}; an override must quote the original decisions verbatim`,
        });
      }
    }
  }
  if (problems.length > 0 || by === undefined || reason === undefined) return { problems };
  return {
    value: {
      by,
      reason,
      ...(at !== undefined ? { at } : {}),
      original: { engineering_signoff: { decision: decisions.engineering_signoff }, stakeholder_signoff: { decision: decisions.stakeholder_signoff } },
    },
  };
}

function blocked(facts: Facts, problems: Problem[]): RuleResult {
  const reason = problems.map((p) => `${facts.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('; ');
  return result(facts, false, false, reason, undefined, problems.length);
}

function result(facts: Facts, passed: boolean, warning: boolean, reason: string, override?: SignoffOverride, problems?: number): RuleResult {
  const inputs: Record<string, unknown> = { file: facts.file };
  if (facts.digest) inputs.digest = facts.digest;
  if (facts.bytes !== undefined) inputs.bytes = facts.bytes;
  if (facts.expectedN !== undefined) inputs.expected_version = facts.expectedN;
  if (facts.version !== undefined) inputs.version = facts.version;
  for (const side of signoffSides) {
    const decision = facts.decisions?.[side];
    if (decision !== undefined) inputs[side] = clip(decision, 100);
  }
  if (override) inputs.override = override;
  if (problems) inputs.problems = problems;
  return { rule: signoffRule, passed, warning, reason, inputs };
}

async function readLocal(file: string, maxBytes: number): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new Error('it is a folder, not a file');
    if (stat.size > maxBytes) throw new FileTooLargeError(file, stat.size, maxBytes);
    const buffer = Buffer.alloc(maxBytes + 1 > stat.size + 1 ? stat.size + 1 : maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0 || (length += bytesRead) === buffer.length) break;
    }
    if (length > maxBytes) throw new FileTooLargeError(file, length, maxBytes);
    return new Uint8Array(buffer.subarray(0, length));
  } finally {
    await handle.close();
  }
}

/** The file line of the key at `path`, or of its closest existing parent key. */
function keyLine(doc: Document, path: string[], fileLine: (offset: number) => number): number | undefined {
  try {
    for (let depth = path.length; depth > 0; depth--) {
      const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
      if (!isMap(parent)) continue;
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[depth - 1]);
      const offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      if (offset !== undefined) return fileLine(offset);
    }
  } catch {
    // A line number is a courtesy; never fail over it.
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return clip(JSON.stringify(value) ?? String(value), 60);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function firstLine(message: string): string {
  return clip((message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, ''), 200);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
