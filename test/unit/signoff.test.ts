import { createHash } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { LocalArtifactRoot } from '../../src/artifacts/local';
import { ruleResultSchema, type RuleResult } from '../../src/contract/decision';
import { checkSignoff, defaultSignoffMaxBytes, judgeSignoff, versionInPath } from '../../src/gate/signoff';
import { makeWorkspace, type Workspace } from '../support/workspace';

const file = 'signoffs/v3/decision.md';

function doc(front: string, body = '\nThe team reviewed the release. An earlier draft was REJECTED; this one is APPROVED.\n'): string {
  return `---\n${front}---\n${body}`;
}

const approvedFront = 'engineering_signoff:\n  decision: APPROVED\n  by: alice\nstakeholder_signoff:\n  decision: APPROVED_WITH_CONDITIONS\n  conditions: [weekly review]\n';
const approved = doc(approvedFront);
const engineeringRejected = `engineering_signoff:\n  decision: REJECTED\nstakeholder_signoff:\n  decision: APPROVED\n`;

describe('signoff front matter', () => {
  it('passes when both decisions clear, and records the digest and the decisions', () => {
    const result = judgeSignoff(approved, file, 3);
    expect(result).toEqual({
      rule: 'signoff',
      passed: true,
      warning: false,
      reason: 'signoffs/v3/decision.md: engineering_signoff APPROVED, stakeholder_signoff APPROVED_WITH_CONDITIONS',
      inputs: {
        file,
        digest: `sha256:${createHash('sha256').update(approved).digest('hex')}`,
        bytes: Buffer.byteLength(approved),
        expected_version: 3,
        version: 3,
        engineering_signoff: 'APPROVED',
        stakeholder_signoff: 'APPROVED_WITH_CONDITIONS',
      },
    });
    expect(ruleResultSchema.safeParse(result).success).toBe(true);
  });

  it.each([
    ['a REJECTED decision', doc(engineeringRejected), 'signoffs/v3/decision.md:3: engineering_signoff.decision is REJECTED; signoffs/v3/decision.md: no state_override captures the original decisions; record approvals, or a state_override (by, reason, original) quoting both decisions verbatim'],
    ['a missing block', doc('engineering_signoff:\n  decision: APPROVED\n'), 'signoffs/v3/decision.md: has no stakeholder_signoff block; add stakeholder_signoff: { decision: APPROVED } (or APPROVED_WITH_CONDITIONS, or REJECTED) to the front matter'],
    ['a body without front matter, however approving it sounds', '# Decision\n\nengineering_signoff: APPROVED\nstakeholder_signoff: APPROVED\n', 'signoffs/v3/decision.md:1: no YAML front matter: the file must start with a line "---", then the signoff fields, then a line "---"'],
    ['front matter that starts below line 1', `Title\n${approved}`, 'signoffs/v3/decision.md:1: no YAML front matter: the file must start with a line "---", then the signoff fields, then a line "---" (a "---" line appears at line 2; the front matter must start on line 1)'],
    ['an opening line that is not exactly ---', approved.replace(/^---/, '--- '), 'signoffs/v3/decision.md:1: line 1 is "--- ", but front matter opens with a line that is exactly "---"'],
    ['front matter that is never closed', '---\nengineering_signoff:\n  decision: APPROVED\n', 'signoffs/v3/decision.md:1: the front matter opened on line 1 is never closed by a line that is exactly "---"'],
    ['YAML that does not parse', doc('engineering_signoff:\n  decision: APPROVED\nstakeholder_signoff: [unclosed\n'), 'signoffs/v3/decision.md:'],
    ['a lower-case decision', doc('engineering_signoff:\n  decision: approved\nstakeholder_signoff:\n  decision: APPROVED\n'), 'signoffs/v3/decision.md:3: engineering_signoff.decision is "approved", not APPROVED or APPROVED_WITH_CONDITIONS (did you mean "APPROVED"? decisions are case-sensitive); signoffs/v3/decision.md: no state_override captures the original decisions; record approvals, or a state_override (by, reason, original) quoting both decisions verbatim'],
    ['a decision that is not a string', doc('engineering_signoff:\n  decision: true\nstakeholder_signoff:\n  decision: APPROVED\n'), 'signoffs/v3/decision.md:3: engineering_signoff.decision must be a string such as APPROVED, got true'],
    ['a block written as a bare value', doc('engineering_signoff: APPROVED\nstakeholder_signoff:\n  decision: APPROVED\n'), 'signoffs/v3/decision.md:2: engineering_signoff must be a mapping with a decision, got the string "APPROVED"; write engineering_signoff: { decision: APPROVED }'],
    ['a block without a decision', doc('engineering_signoff:\n  by: alice\nstakeholder_signoff:\n  decision: APPROVED\n'), 'signoffs/v3/decision.md:2: engineering_signoff has no decision'],
    ['empty front matter', doc(''), 'signoffs/v3/decision.md:2: front matter is empty; it must hold engineering_signoff and stakeholder_signoff, each with a decision'],
    ['front matter that is a list', doc('- engineering_signoff\n'), 'signoffs/v3/decision.md:2: front matter must be a mapping of fields (engineering_signoff, stakeholder_signoff, ...), got a list'],
    ['a version that is not the one decided', doc(`version: 4\n${engineeringRejected.replace('REJECTED', 'APPROVED')}`), 'signoffs/v3/decision.md:2: says version 4, but the file is under v3/; a signoff belongs to one version'],
  ])('blocks %s, naming the file and line', (_name, text, reason) => {
    const result = judgeSignoff(text, file, 3);
    expect(result.passed).toBe(false);
    expect(result.reason.startsWith(reason)).toBe(true);
    if (!reason.endsWith(':')) expect(result.reason).toBe(reason);
  });

  it('blocks duplicate keys, which could smuggle a second decision past a reader', () => {
    const result = judgeSignoff(doc('engineering_signoff:\n  decision: REJECTED\n  decision: APPROVED\nstakeholder_signoff:\n  decision: APPROVED\n'), file, 3);
    expect(result.passed).toBe(false);
    expect(result.reason).toBe('signoffs/v3/decision.md:4: front matter is not valid YAML: Map keys must be unique');
  });

  it('blocks YAML errors with the file line, counting the opening ---', () => {
    const result = judgeSignoff(doc('engineering_signoff:\n  decision: APPROVED\nstakeholder_signoff:\n  decision: "APPROVED\n'), file, 3);
    expect(result.passed).toBe(false);
    expect(result.reason).toMatch(/^signoffs\/v3\/decision\.md:5: front matter is not valid YAML: /);
  });

  it('blocks unknown YAML tags and alias bombs', () => {
    expect(judgeSignoff(doc('engineering_signoff:\n  decision: !approve APPROVED\nstakeholder_signoff:\n  decision: APPROVED\n'), file, 3).reason).toBe(
      'signoffs/v3/decision.md:3: front matter is not valid YAML: Unresolved tag: !approve',
    );
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) laughs.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
    const bomb = judgeSignoff(doc(`${laughs.join('\n')}\nengineering_signoff: { decision: APPROVED }\nstakeholder_signoff: { decision: APPROVED }\n`), file, 3);
    expect(bomb.passed).toBe(false);
    expect(bomb.reason).toMatch(/^signoffs\/v3\/decision\.md:2: front matter could not be read: Excessive alias count/);
  });

  it('blocks nesting beyond 64 levels without overflowing the stack, on the line it starts', () => {
    const nested = (depth: number, open = '[', close = ']'): string => doc(`${approvedFront}junk: ${open.repeat(depth)}${close.repeat(depth)}\n`);
    // The top-level mapping is one level: 63 brackets make 64.
    expect(judgeSignoff(nested(63), file, 3).passed).toBe(true);
    const reason = 'signoffs/v3/decision.md:8: front matter: mappings and lists nest more than 64 levels deep (a handful is normal); the file is likely damaged, or written by a tool gone wrong';
    expect(judgeSignoff(nested(64), file, 3).reason).toBe(reason);
    // Hundreds of kilobytes of brackets used to end the process (V8 aborts compiling a regex on an exhausted stack).
    expect(judgeSignoff(nested(150_000), file, 3).reason).toBe(reason);
    expect(judgeSignoff(nested(150_000, '{a: ', '}'), file, 3).reason).toBe(reason);
    // `[a: [a: ...]]` composes one mapping per level with no token of its own: found after composing.
    expect(judgeSignoff(nested(33, '[a: '), file, 3).reason).toBe(reason);
    expect(judgeSignoff(nested(31, '[a: '), file, 3).passed).toBe(true);
    // The mapping at depth 65 is the value of the key on file line 71.
    const blockNested = Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n');
    expect(judgeSignoff(doc(`${approvedFront}${blockNested} x\n`), file, 3).reason).toBe(reason.replace(':8:', ':72:'));
    // yaml's parser recurses once per block level it closes: compact lists and keys 100 kB deep
    // are refused from the lexer's tokens, before it runs.
    for (const indicator of ['- ', '? ', '- ? ']) {
      expect(judgeSignoff(doc(`${approvedFront}junk:\n${indicator.repeat(50_000)}x\nz: 1\n`), file, 3).reason).toBe(reason.replace(':8:', ':9:'));
    }
    const deepByIndent = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(judgeSignoff(doc(`${approvedFront}${deepByIndent} x\nz: 1\n`), file, 3).passed).toBe(false);
    expect(judgeSignoff(doc(`${approvedFront}junk:\n${'- '.repeat(62)}x\n`), file, 3).passed).toBe(true);
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const result = judgeSignoff(`\uFEFF${approved.replace(/\n/g, '\r\n')}`, file, 3);
    expect(result.passed).toBe(true);
  });

  it('ignores the body entirely', () => {
    const result = judgeSignoff(doc(engineeringRejected, '\nFinal: engineering_signoff.decision: APPROVED\n---\nstakeholder: APPROVED\n'), file, 3);
    expect(result.passed).toBe(false);
  });

  it('checks the version field against the version decided and reports it', () => {
    const front = 'version: 3\nengineering_signoff: { decision: APPROVED }\nstakeholder_signoff: { decision: APPROVED }\n';
    expect(judgeSignoff(doc(front), file, 3)).toMatchObject({ passed: true, inputs: { version: 3 } });
    expect(judgeSignoff(doc(front), 'decision.md', 3)).toMatchObject({ passed: true, inputs: { version: 3 } });
    expect(judgeSignoff(doc(front), 'decision.md', 4).reason).toBe('decision.md:2: is the signoff of version 3 (from its version field), but the gate is deciding version 4');
    expect(judgeSignoff(doc(front.replace('3', 'three')), 'decision.md', 3).reason).toBe('decision.md:2: version must be a whole number like 3, got "three"');
    expect(judgeSignoff(approved, 'signoffs/v2/decision.md', 3).reason).toBe('signoffs/v2/decision.md: is the signoff of version 2 (from its path), but the gate is deciding version 3');
    expect(versionInPath('/Volumes/main/agents/signoffs/v12/decision.md')).toBe(12);
    expect(versionInPath('signoffs/latest/decision.md')).toBeUndefined();
  });
});

describe('state_override', () => {
  const override = (body: string): string =>
    doc(`${engineeringRejected}state_override:\n  by: carol\n  reason: launch approved by the VP of product\n  at: 2026-05-01T10:00:00Z\n${body}`);

  it('lets a quoted override pass loudly, and records it', () => {
    const result = judgeSignoff(override('  original:\n    engineering_signoff: { decision: REJECTED }\n    stakeholder_signoff: { decision: APPROVED }\n'), file, 3);
    expect(result.passed).toBe(true);
    expect(result.warning).toBe(true);
    expect(result.reason).toBe(
      'OVERRIDE: signoffs/v3/decision.md:6: engineering_signoff REJECTED, stakeholder_signoff APPROVED let through by a state_override from carol: launch approved by the VP of product',
    );
    expect(result.inputs.override).toEqual({
      by: 'carol',
      reason: 'launch approved by the VP of product',
      at: '2026-05-01T10:00:00Z',
      original: { engineering_signoff: { decision: 'REJECTED' }, stakeholder_signoff: { decision: 'APPROVED' } },
    });
  });

  it("accepts the upstream contract's form, with the decisions directly under state_override", () => {
    const result = judgeSignoff(override('  engineering_signoff: { decision: REJECTED }\n  stakeholder_signoff: { decision: APPROVED }\n'), file, 3);
    expect(result).toMatchObject({ passed: true, warning: true });
  });

  it.each([
    [
      'misquotes a decision',
      '  original:\n    engineering_signoff: { decision: APPROVED }\n    stakeholder_signoff: { decision: APPROVED }\n',
      'signoffs/v3/decision.md:3: engineering_signoff.decision is REJECTED; signoffs/v3/decision.md:11: state_override.original.engineering_signoff.decision is "APPROVED" but engineering_signoff.decision is "REJECTED"; an override must quote the original decisions verbatim',
    ],
    [
      'quotes only one side',
      '  original:\n    engineering_signoff: { decision: REJECTED }\n',
      'signoffs/v3/decision.md:3: engineering_signoff.decision is REJECTED; signoffs/v3/decision.md:10: state_override.original.stakeholder_signoff.decision is missing; it must quote stakeholder_signoff.decision verbatim ("APPROVED")',
    ],
    [
      'quotes nothing',
      '',
      'signoffs/v3/decision.md:3: engineering_signoff.decision is REJECTED; signoffs/v3/decision.md:6: state_override must quote the original decisions verbatim: original: { engineering_signoff: { decision: REJECTED }, stakeholder_signoff: { decision: APPROVED } }',
    ],
    [
      'quotes in both places',
      '  original: { engineering_signoff: { decision: REJECTED }, stakeholder_signoff: { decision: APPROVED } }\n  engineering_signoff: { decision: REJECTED }\n',
      'signoffs/v3/decision.md:3: engineering_signoff.decision is REJECTED; signoffs/v3/decision.md:6: state_override quotes the decisions both under original and directly; keep only state_override.original',
    ],
  ])('does not count when it %s', (_name, body, reason) => {
    const result = judgeSignoff(override(body), file, 3);
    expect(result.passed).toBe(false);
    expect(result.reason).toBe(reason);
  });

  it('needs who and why', () => {
    const text = doc(`${engineeringRejected}state_override:\n  by: ""\n  original: { engineering_signoff: { decision: REJECTED }, stakeholder_signoff: { decision: APPROVED } }\n`);
    expect(judgeSignoff(text, file, 3).reason).toBe(
      'signoffs/v3/decision.md:3: engineering_signoff.decision is REJECTED; signoffs/v3/decision.md:7: state_override.by must name who overrode the signoff (a non-empty string), got ""; signoffs/v3/decision.md:6: state_override.reason must say why (a non-empty string), got nothing',
    );
  });

  it('cannot stand in for a missing block or a version mismatch', () => {
    const missing = doc('engineering_signoff: { decision: REJECTED }\nstate_override: { by: carol, reason: x, original: { engineering_signoff: { decision: REJECTED } } }\n');
    expect(judgeSignoff(missing, file, 3).reason).toBe(
      'signoffs/v3/decision.md: has no stakeholder_signoff block; add stakeholder_signoff: { decision: APPROVED } (or APPROVED_WITH_CONDITIONS, or REJECTED) to the front matter; signoffs/v3/decision.md:2: engineering_signoff.decision is REJECTED; signoffs/v3/decision.md:3: a state_override cannot bypass these problems',
    );
    const wrongVersion = override('  original: { engineering_signoff: { decision: REJECTED }, stakeholder_signoff: { decision: APPROVED } }\n');
    expect(judgeSignoff(wrongVersion, 'signoffs/v4/decision.md', 3).passed).toBe(false);
  });

  it('is noted but not used when both decisions already clear', () => {
    const text = doc('engineering_signoff: { decision: APPROVED }\nstakeholder_signoff: { decision: APPROVED }\nstate_override: { by: carol }\n');
    expect(judgeSignoff(text, file, 3)).toMatchObject({
      passed: true,
      warning: false,
      reason: 'signoffs/v3/decision.md: engineering_signoff APPROVED, stakeholder_signoff APPROVED (a state_override is present but not needed)',
    });
  });
});

describe('reading the signoff file', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('reads a local file and records its digest', async () => {
    const full = await ws.write(file, approved);
    const result = await checkSignoff(full, 3, { shownAs: file });
    expect(result).toMatchObject({ passed: true, inputs: { file, digest: `sha256:${createHash('sha256').update(approved).digest('hex')}` } });
  });

  it('blocks a missing file, a folder and an oversized file with a clear reason', async () => {
    expect((await checkSignoff(path.join(ws.dir, file), 3, { shownAs: file })).reason).toBe(
      'signoffs/v3/decision.md: not found; the signoff for version 3 must be recorded there (YAML front matter with engineering_signoff and stakeholder_signoff decisions) before the gate can pass',
    );
    await mkdir(path.join(ws.dir, 'folder'));
    expect((await checkSignoff(path.join(ws.dir, 'folder'), 3, { shownAs: 'folder' })).reason).toBe('folder: cannot be read: it is a folder, not a file');
    const big = await ws.write('big.md', `${approved}${'x'.repeat(defaultSignoffMaxBytes)}`);
    const result = await checkSignoff(big, 3, { shownAs: 'big.md' });
    expect(result.passed).toBe(false);
    expect(result.reason).toBe('big.md: is 1 MiB, over the 1 MiB limit for a signoff; is this the right file?');
    expect((await checkSignoff(big, 3, { shownAs: 'big.md', maxBytes: 2 * defaultSignoffMaxBytes })).passed).toBe(true);
  });

  it('reads through an artifact root, refusing paths that leave it', async () => {
    await ws.write(`root/${file}`, approved);
    const root = await LocalArtifactRoot.open(path.join(ws.dir, 'root'));
    expect(await checkSignoff({ root, path: file }, 3)).toMatchObject({ passed: true, inputs: { file: path.join(root.location, file) } });
    await writeFile(path.join(ws.dir, 'outside.md'), approved);
    await symlink(path.join(ws.dir, 'outside.md'), path.join(ws.dir, 'root', 'signoffs', 'link.md'));
    const linked = await checkSignoff({ root, path: 'signoffs/link.md' }, 3);
    expect(linked.passed).toBe(false);
    expect(linked.reason).toMatch(/cannot be read: refusing "signoffs\/link\.md" under artifact root .*: .*link\.md is a symbolic link/);
    const climbing = await checkSignoff({ root, path: '../outside.md' }, 3, { shownAs: '../outside.md' });
    expect(climbing.reason).toBe('../outside.md: cannot be read: file "../outside.md" climbs out with ".."; give a path relative to the artifact root, without ".."');
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing. An independent, compact statement of the contract (the oracle) decides every
// generated case; the checker must agree with it, never throw, and never pass anything else.

const approvals = new Set(['APPROVED', 'APPROVED_WITH_CONDITIONS']);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown, max: number): boolean => typeof v === 'string' && v.trim() !== '' && v.length <= max;

/** Mappings and lists on the deepest path of composed nodes (aliases not followed). */
function collectionDepth(root: unknown): number {
  let deepest = 0;
  const pending = [{ node: root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (YAML.isPair(next.node)) pending.push({ node: next.node.key, depth: next.depth }, { node: next.node.value, depth: next.depth });
    if (!YAML.isMap(next.node) && !YAML.isSeq(next.node)) continue;
    deepest = Math.max(deepest, next.depth + 1);
    for (const item of next.node.items) pending.push({ node: item, depth: next.depth + 1 });
  }
  return deepest;
}

function oracle(input: string | Uint8Array, shown: string, expectedN: number): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(typeof input === 'string' ? Buffer.from(input) : input);
  } catch {
    return false;
  }
  if (Buffer.byteLength(text) > defaultSignoffMaxBytes) return false;
  const lines = text.split('\n');
  const delimiter = (l: string | undefined): boolean => l === '---' || l === '---\r';
  if (!delimiter(lines[0])) return false;
  const close = lines.findIndex((l, i) => i > 0 && delimiter(l));
  if (close < 0) return false;
  let meta: unknown;
  try {
    const front = lines.slice(1, close).map((l) => l.replace(/\r$/, ''));
    const parsed = YAML.parseDocument(`${front.join('\n')}\n`, { uniqueKeys: true, strict: true, logLevel: 'error' });
    if (parsed.errors.length + parsed.warnings.length > 0) return false;
    if (collectionDepth(parsed.contents) > 64) return false;
    meta = parsed.toJS({ maxAliasCount: 100 });
  } catch {
    return false;
  }
  if (!isObject(meta)) return false;
  const pathN = versionInPath(shown);
  if (Object.hasOwn(meta, 'version')) {
    const v = meta.version;
    const n = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : typeof v === 'string' && /^v?(0|[1-9]\d{0,15})$/.test(v) ? Number(v.replace('v', '')) : undefined;
    if (n === undefined || (pathN !== undefined && n !== pathN) || n !== expectedN) return false;
  } else if (pathN !== undefined && pathN !== expectedN) return false;
  const eng = meta.engineering_signoff;
  const stake = meta.stakeholder_signoff;
  if (!isObject(eng) || !isObject(stake) || typeof eng.decision !== 'string' || typeof stake.decision !== 'string') return false;
  if (approvals.has(eng.decision) && approvals.has(stake.decision)) return true;
  const o = meta.state_override;
  if (!isObject(o) || !nonEmpty(o.by, 200) || !nonEmpty(o.reason, 2000)) return false;
  if (Object.hasOwn(o, 'at') && !nonEmpty(o.at, 100)) return false;
  const nested = Object.hasOwn(o, 'original');
  const flat = Object.hasOwn(o, 'engineering_signoff') || Object.hasOwn(o, 'stakeholder_signoff');
  if (nested === flat) return false;
  const quoted = nested ? o.original : o;
  if (!isObject(quoted)) return false;
  const q = (side: string): unknown => {
    const block = quoted[side];
    return isObject(block) ? block.decision : undefined;
  };
  return q('engineering_signoff') === eng.decision && q('stakeholder_signoff') === stake.decision;
}

const MISSING = Symbol('missing');
type Maybe<T> = T | typeof MISSING;

const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));
const decisionValue: fc.Arbitrary<Maybe<unknown>> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('APPROVED', 'APPROVED_WITH_CONDITIONS') },
  { weight: 2, arbitrary: fc.constantFrom('REJECTED', 'approved', 'Approved', 'APPROVED ', ' APPROVED', 'PENDING', '', 'APPROVED_WITH_CONDITION') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: wrongType },
  { weight: 1, arbitrary: fc.constant(MISSING) },
);
const junk = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['decision', 'engineering_signoff', 'stakeholder_signoff', 'state_override', 'version', 'original', 'by', 'reason', 'at'].includes(k)),
  fc.jsonValue({ maxDepth: 3 }),
  { maxKeys: 3 },
);
const block: fc.Arbitrary<Maybe<unknown>> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ decision: decisionValue, extra: junk }).map(({ decision, extra }) => (decision === MISSING ? extra : { ...extra, decision })) },
  { weight: 1, arbitrary: fc.constant(MISSING) },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom('APPROVED', 'REJECTED'), wrongType) },
);
const overrideSpec = fc.record({
  by: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('carol', 'Dana <dana@example.com>') },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', 42 as unknown as string) },
    { weight: 1, arbitrary: fc.constant(MISSING) },
  ),
  reason: fc.oneof({ weight: 5, arbitrary: fc.constant('ship it') }, { weight: 2, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: fc.constant(MISSING) }),
  at: fc.oneof({ weight: 3, arbitrary: fc.constant(MISSING) }, { weight: 2, arbitrary: fc.constant('2026-05-01') }, { weight: 1, arbitrary: fc.constant(7 as unknown as string) }),
  form: fc.constantFrom('nested', 'nested', 'nested', 'flat', 'flat', 'both', 'none'),
  quote: fc.constantFrom('exact', 'exact', 'exact', 'exact', 'swap', 'missing', 'approved'),
});
const signoffModel = fc.record({
  engineering: block,
  stakeholder: block,
  version: fc.oneof(fc.constant(MISSING), fc.constantFrom(3, '3', 'v3', 4, 'v4', '03', 3.5, -3, 'three')),
  override: fc.option(overrideSpec, { nil: undefined }),
  extra: junk,
  body: fc.string({ maxLength: 200 }),
  bom: fc.boolean(),
  crlf: fc.boolean(),
});
type Model = typeof signoffModel extends fc.Arbitrary<infer T> ? T : never;
/** Models where an override decides, so the override path is exercised often, not by luck. */
const overrideModel: fc.Arbitrary<Model> = fc
  .record({
    base: signoffModel,
    engineering: fc.constantFrom('REJECTED', 'APPROVED', 'approved', 'PENDING'),
    stakeholder: fc.constantFrom('REJECTED', 'APPROVED_WITH_CONDITIONS', 'Rejected'),
    override: overrideSpec,
  })
  .map(({ base, engineering, stakeholder, override }) => ({ ...base, engineering: { decision: engineering }, stakeholder: { decision: stakeholder }, override, version: MISSING }));

function decisionOf(b: unknown): unknown {
  return isObject(b) ? b.decision : undefined;
}

function render(m: Model): string {
  const meta: Record<string, unknown> = { ...m.extra };
  if (m.version !== MISSING) meta.version = m.version;
  if (m.engineering !== MISSING) meta.engineering_signoff = m.engineering;
  if (m.stakeholder !== MISSING) meta.stakeholder_signoff = m.stakeholder;
  if (m.override) {
    const o = m.override;
    const quote = (side: 'engineering' | 'stakeholder'): unknown => {
      const actual = decisionOf(m[side]);
      const other = decisionOf(m[side === 'engineering' ? 'stakeholder' : 'engineering']);
      if (o.quote === 'missing') return undefined;
      if (o.quote === 'approved') return { decision: 'APPROVED' };
      if (o.quote === 'swap') return { decision: other ?? 'REJECTED' };
      return actual === undefined ? undefined : { decision: actual };
    };
    const captured: Record<string, unknown> = {};
    const eng = quote('engineering');
    const stake = quote('stakeholder');
    if (eng !== undefined) captured.engineering_signoff = eng;
    if (stake !== undefined) captured.stakeholder_signoff = stake;
    const so: Record<string, unknown> = {};
    if (o.by !== MISSING) so.by = o.by;
    if (o.reason !== MISSING) so.reason = o.reason;
    if (o.at !== MISSING) so.at = o.at;
    if (o.form === 'nested' || o.form === 'both') so.original = captured;
    if (o.form === 'flat' || o.form === 'both') Object.assign(so, captured);
    meta.state_override = so;
  }
  const text = `${m.bom ? '\uFEFF' : ''}---\n${Object.keys(meta).length > 0 ? YAML.stringify(meta) : ''}---\n${m.body}`;
  return m.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** What the model says, without parsing anything. */
function expected(m: Model): boolean {
  const v = m.version;
  if (v !== MISSING && !(v === 3 || v === '3' || v === 'v3')) return false;
  const eng = decisionOf(m.engineering);
  const stake = decisionOf(m.stakeholder);
  if (typeof eng !== 'string' || typeof stake !== 'string') return false;
  if (approvals.has(eng) && approvals.has(stake)) return true;
  const o = m.override;
  if (!o) return false;
  const ok = (s: unknown, max: number): boolean => typeof s === 'string' && s.trim() !== '' && s.length <= max;
  if (o.by === MISSING || !ok(o.by, 200) || o.reason === MISSING || !ok(o.reason, 2000)) return false;
  if (o.at !== MISSING && !ok(o.at, 100)) return false;
  if (o.form === 'both' || o.form === 'none') return false;
  if (o.quote === 'missing') return false;
  if (o.quote === 'approved') return eng === 'APPROVED' && stake === 'APPROVED';
  if (o.quote === 'swap') return eng === stake;
  return true;
}

const counts = { structured: 0, mutated: 0, bytes: 0, text: 0, huge: 0, passedStructured: 0, overridden: 0 };

function assertSound(result: RuleResult, input: string | Uint8Array, shown = file): void {
  expect(ruleResultSchema.safeParse(result).success).toBe(true);
  expect(result.reason.length).toBeGreaterThan(0);
  expect(result.reason.length).toBeLessThan(6000);
  expect(result.reason).toContain(shown);
  expect(result.passed).toBe(oracle(input, shown, 3));
  if (result.passed && result.warning) expect(result.reason.startsWith('OVERRIDE:')).toBe(true);
}

describe('signoff fuzzing', () => {
  it('judges well-formed and malformed structured signoffs exactly as the contract says', () => {
    fc.assert(
      fc.property(fc.oneof(signoffModel, overrideModel), (m) => {
        counts.structured++;
        const text = render(m);
        const want = expected(m);
        expect(oracle(text, file, 3)).toBe(want);
        const result = judgeSignoff(text, file, 3);
        assertSound(result, text);
        if (result.passed) counts.passedStructured++;
        if (result.inputs.override) counts.overridden++;
      }),
      { numRuns: 600 },
    );
  });

  it('never throws and never passes a damaged signoff the contract rejects', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 12, unit: 'binary' }), fc.constantFrom('---\n', '\n---\n', '\t', ': ', '- ', '&a ', '*a', '!!binary ', '{', ']', '"', "'", '#', '\u0000', '\uFEFF', '\r')) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 3000 }) }),
    );
    fc.assert(
      fc.property(signoffModel, fc.array(mutation, { minLength: 1, maxLength: 3 }), (m, mutations) => {
        counts.mutated++;
        let text = render(m);
        for (const mu of mutations) {
          const at = 'at' in mu ? mu.at % (text.length + 1) : 0;
          if (mu.kind === 'truncate') text = text.slice(0, at);
          if (mu.kind === 'insert') text = text.slice(0, at) + mu.text + text.slice(at);
          if (mu.kind === 'delete') text = text.slice(0, at) + text.slice(at + mu.length);
          if (mu.kind === 'nest') text = text.replace('---\n', `---\njunk: ${'['.repeat(mu.depth)}${']'.repeat(mu.depth)}\n`);
        }
        assertSound(judgeSignoff(text, file, 3), text);
      }),
      { numRuns: 600 },
    );
  });

  it('never passes random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (bytes, framed) => {
        counts.bytes++;
        const input = framed ? Buffer.concat([Buffer.from('---\n'), bytes, Buffer.from('\n---\n')]) : bytes;
        const result = judgeSignoff(new Uint8Array(input), file, 3);
        assertSound(result, new Uint8Array(input));
        expect(result.passed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the contract on arbitrary text between delimiters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (inner) => {
        counts.text++;
        const text = `---\n${inner}\n---\n`;
        assertSound(judgeSignoff(text, file, 3), text);
      }),
      { numRuns: 300 },
    );
  });

  it('blocks huge fields and huge files with a short reason', () => {
    fc.assert(
      fc.property(fc.constantFrom('decision', 'by', 'reason', 'file'), fc.integer({ min: 3000, max: 1_100_000 }), (where, size) => {
        counts.huge++;
        const big = 'A'.repeat(size);
        const text =
          where === 'decision'
            ? doc(`engineering_signoff: { decision: ${big} }\nstakeholder_signoff: { decision: APPROVED }\n`)
            : where === 'file'
              ? `${approved}${big}`
              : doc(`${engineeringRejected}state_override:\n  by: ${where === 'by' ? big : 'carol'}\n  reason: ${where === 'reason' ? big : 'why'}\n  original: { engineering_signoff: { decision: REJECTED }, stakeholder_signoff: { decision: APPROVED } }\n`);
        const result = judgeSignoff(text, file, 3);
        assertSound(result, text);
        if (where !== 'file' || Buffer.byteLength(text) > defaultSignoffMaxBytes) expect(result.passed).toBe(false);
      }),
      { numRuns: 8 },
    );
  });

  afterAll(() => {
    // Hundreds of malformed variants, and enough valid ones that "never passes" is not vacuous.
    expect(counts.structured + counts.mutated + counts.bytes + counts.text + counts.huge).toBeGreaterThanOrEqual(1800);
    expect(counts.passedStructured).toBeGreaterThan(50);
    expect(counts.overridden).toBeGreaterThan(20);
  });
});
