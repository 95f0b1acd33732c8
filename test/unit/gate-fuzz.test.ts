/**
 * The gate's readers under malformed input: whatever is wrong with the candidate's or the
 * champion's summary.json or results.jsonl, the gate throws an InputError naming the file (and
 * for JSONL the line), or decides `fail`. Never a pass, never any other exception.
 *
 * The unmutated files pass (equal agents, inconclusive: pass), so a mutation that slipped
 * through as valid data would show up as a pass.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { resultSchema } from '../../src/contract/results';
import { summarySchema } from '../../src/contract/summary';
import { InputError, ReleaseError } from '../../src/errors';
import { comparisonInputsSchema } from '../../src/gate/baseline';
import { gate } from '../../src/modes/gate';
import { contextOf } from '../support/context';
import { recordLeft } from '../support/decision-record';
import { makeWorkspace, type Workspace } from '../support/workspace';
import { evaluation, passFail, registerVersions } from './gate-fixtures';

const config = `version: 1
model: { name: support-agent }
gate:
  thresholds: { "contains/mean": { min: 0.5 } }
  baseline: { max_drop: { "contains/mean": 0.5, "grade/mean": 0.5 }, inconclusive: pass }
`;
const dirs = { candidate: '.agent-release/support-agent/v2', champion: '.agent-release/support-agent/v1' } as const;
type Side = keyof typeof dirs;
const rows = 20;
const spec = (version: string) => ({ version, scores: { contains: passFail(rows, 16), grade: Array.from({ length: rows }, (_, i) => (i % 5) / 4) } });
const clean = { candidate: evaluation(spec('2')), champion: evaluation(spec('1')) };

let ws: Workspace;
beforeAll(async () => {
  ws = await makeWorkspace();
  await registerVersions(ws, 2, '1');
});
afterAll(() => ws.cleanup());

async function writeFiles(files: Record<Side, { summary: string; results: string }>): Promise<void> {
  for (const side of ['candidate', 'champion'] as const) {
    await ws.write(`${dirs[side]}/summary.json`, files[side].summary);
    await ws.write(`${dirs[side]}/results.jsonl`, files[side].results);
  }
  await rm(path.join(ws.dir, dirs.candidate, 'decision.json'), { force: true });
}

const cleanText = (side: Side) => ({ summary: `${JSON.stringify(clean[side].summary, null, 2)}\n`, results: clean[side].jsonl });

/** What a mutation did, so the assertion knows which file (and line) the error must name. */
interface Mutation {
  side: Side;
  file: 'summary.json' | 'results.jsonl';
  text: string;
  /** 1-based line the reader must stop at, when the mutation is on one line. */
  line?: number;
  what: string;
}

const oneLine = (s: string): string => s.replace(/[\r\n]/g, ' ');
const isValidResult = (text: string): boolean => {
  try {
    return resultSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
};
const isValidSummary = (value: unknown): boolean => summarySchema.safeParse(value).success;
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const resultKeys = ['id', 'inputs', 'outputs', 'expected', 'scores', 'latency_ms', 'error', 'surprise'] as const;
const summaryPaths = [['schema'], ['model'], ['model', 'name'], ['model', 'version'], ['dataset'], ['dataset', 'digest'], ['dataset', 'rows'], ['dataset', 'name'], ['metrics'], ['metrics', 'contains/mean'], ['errors'], ['run_id'], ['created_at'], ['shard'], ['surprise']] as const;

function resultsMutation(side: Side): fc.Arbitrary<Mutation> {
  const lines = clean[side].jsonl.trimEnd().split('\n');
  const at = fc.integer({ min: 0, max: lines.length - 1 });
  const replaceLine = (index: number, text: string, what: string): Mutation => ({
    side,
    file: 'results.jsonl',
    text: lines.map((l, i) => (i === index ? text : l)).join('\n') + '\n',
    line: index + 1,
    what,
  });
  return fc.oneof(
    // A line of arbitrary text (not blank: blank lines are allowed and skipped).
    fc
      .tuple(at, anyText.map(oneLine))
      .filter(([, text]) => text.trim() !== '' && !isValidResult(text))
      .map(([i, text]) => replaceLine(i, text, `line ${i + 1} replaced by text`)),
    // A line of JSON that is not a result.
    fc
      .tuple(at, fc.jsonValue())
      .map(([i, value]) => [i, JSON.stringify(value)] as const)
      .filter(([, text]) => !isValidResult(text))
      .map(([i, text]) => replaceLine(i, text, `line ${i + 1} replaced by JSON ${text.slice(0, 40)}`)),
    // One field of a row set to something else, or removed.
    fc
      .tuple(at, fc.constantFrom(...resultKeys), fc.option(fc.jsonValue(), { nil: undefined }))
      .map(([i, key, value]) => {
        const row = JSON.parse(lines[i] as string) as Record<string, unknown>;
        if (value === undefined) delete row[key];
        else row[key] = value;
        return [i, JSON.stringify(row)] as const;
      })
      .filter(([, text]) => !isValidResult(text))
      .map(([i, text]) => replaceLine(i, text, `line ${i + 1} field changed: ${text.slice(0, 60)}`)),
    // A score that is not a number.
    fc
      .tuple(at, fc.constantFrom('contains', 'grade'), fc.oneof(fc.string(), fc.boolean(), fc.constant([1]), fc.constant({ v: 1 })))
      .map(([i, scorer, value]) => {
        const row = JSON.parse(lines[i] as string) as { scores: Record<string, unknown> };
        row.scores[scorer] = value;
        return replaceLine(i, JSON.stringify(row), `line ${i + 1} score ${scorer} = ${JSON.stringify(value)}`);
      }),
    // Bytes that are not UTF-8 text in front of a line.
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => Buffer.from([0xff, ...b]).toString('latin1'))).map(([i, junk]) => replaceLine(i, `${junk}${lines[i]}`, `line ${i + 1} junk bytes`)),
    // Cut inside a line (cutting between lines is a shorter valid file; that is the row-count case below).
    fc.tuple(at, fc.nat()).map(([i, n]) => {
      const line = lines[i] as string;
      const cut = 1 + (n % (line.length - 1));
      return { side, file: 'results.jsonl' as const, text: [...lines.slice(0, i), line.slice(0, cut)].join('\n'), line: i + 1, what: `cut in line ${i + 1} at ${cut}` };
    }),
    // Whole rows missing, or an id used twice: the file no longer covers the summary's examples.
    fc.integer({ min: 0, max: lines.length - 1 }).map((keep) => ({ side, file: 'results.jsonl' as const, text: lines.slice(0, keep).join('\n'), what: `only ${keep} rows` })),
    fc.tuple(at, at).filter(([a, b]) => a !== b).map(([a, b]) => {
      const row = JSON.parse(lines[a] as string) as { id: string };
      row.id = (JSON.parse(lines[b] as string) as { id: string }).id;
      return { side, file: 'results.jsonl' as const, text: lines.map((l, i) => (i === a ? JSON.stringify(row) : l)).join('\n'), what: `row ${a + 1} takes the id of row ${b + 1}` };
    }),
  );
}

function summaryMutation(side: Side): fc.Arbitrary<Mutation> {
  const text = `${JSON.stringify(clean[side].summary, null, 2)}\n`;
  const make = (t: string, what: string): Mutation => ({ side, file: 'summary.json', text: t, what });
  return fc.oneof(
    anyText.filter((t) => {
      try {
        return !isValidSummary(JSON.parse(t));
      } catch {
        return true;
      }
    }).map((t) => make(t, `text ${JSON.stringify(t.slice(0, 40))}`)),
    fc.jsonValue().filter((v) => !isValidSummary(v)).map((v) => make(JSON.stringify(v), `JSON ${JSON.stringify(v).slice(0, 40)}`)),
    fc
      .tuple(fc.constantFrom(...summaryPaths), fc.option(fc.jsonValue(), { nil: undefined }))
      .map(([p, value]) => {
        const copy = structuredClone(clean[side].summary) as unknown as Record<string, Record<string, unknown>>;
        const parent = p.length === 1 ? (copy as Record<string, unknown>) : (copy[p[0]] as Record<string, unknown>);
        const key = p[p.length - 1] as string;
        if (value === undefined) delete parent[key];
        else parent[key] = value;
        return { value: copy as unknown, what: `${p.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}` };
      })
      .filter(({ value }) => !isValidSummary(value))
      .map(({ value, what }) => make(JSON.stringify(value, null, 2), what)),
    fc.nat().map((n) => {
      const cut = n % text.lastIndexOf('}');
      return make(text.slice(0, cut), `cut at ${cut}`);
    }),
  );
}

const anyMutation = fc.constantFrom<Side>('candidate', 'champion').chain((side) => fc.oneof(resultsMutation(side), summaryMutation(side)));

describe('gate under malformed evaluation files', () => {
  it('passes the unmutated files (so a mutation read as valid would show)', async () => {
    await writeFiles({ candidate: cleanText('candidate'), champion: cleanText('champion') });
    expect((await gate(contextOf(config, ws.dir).ctx, { modelVersion: '2' })).decision).toBe('pass');
  });

  it('gives an InputError naming the file (and line) or a failed decision; never a pass, never another exception', async () => {
    const seen = { errors: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(anyMutation, async (mutation) => {
        const files = { candidate: cleanText('candidate'), champion: cleanText('champion') };
        files[mutation.side] = { ...files[mutation.side], [mutation.file === 'summary.json' ? 'summary' : 'results']: mutation.text };
        await writeFiles(files);
        const shownFile = `${dirs[mutation.side]}/${mutation.file}`;
        let outcome: Awaited<ReturnType<typeof gate>>;
        try {
          outcome = await gate(contextOf(config, ws.dir).ctx, { modelVersion: '2' });
        } catch (error) {
          if (!(error instanceof ReleaseError)) throw new Error(`${mutation.what}: not a ReleaseError: ${String(error)}`, { cause: error });
          expect(error).toBeInstanceOf(InputError);
          const message = (error as Error).message;
          expect(message).toContain(mutation.line !== undefined ? `${shownFile}:${mutation.line}: ` : shownFile);
          if (mutation.side === 'champion') expect(message).toMatch(/^the baseline \(the champion's evaluation\) cannot be used: /);
          // The error is the record: never a decision file or tag left saying pass.
          expect(await recordLeft(ws, '2')).toEqual({ file: 'error', tag: 'error', reason: `the gate could not decide: ${message}` });
          seen.errors++;
          return;
        }
        if (outcome.decision !== 'fail') throw new Error(`${mutation.what}: decided ${outcome.decision}`);
        seen.failed++;
      }),
      { numRuns: Number(process.env.GATE_FUZZ_RUNS ?? 400) },
    );
    expect(seen.errors + seen.failed).toBe(Number(process.env.GATE_FUZZ_RUNS ?? 400));
  }, 120_000);
});

describe('gate under valid but extreme scores', () => {
  it('never lets a non-finite number reach a verdict, and never throws anything but an InputError', async () => {
    const score = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE));
    await fc.assert(
      fc.asyncProperty(fc.array(score, { minLength: 8, maxLength: 8 }), fc.array(score, { minLength: 8, maxLength: 8 }), async (candidate, champion) => {
        const make = (version: string, grades: number[]) => {
          const e = evaluation({ version, scores: { contains: passFail(8, 8), grade: grades } });
          // The summary's own mean of such scores may overflow; the gate compares results.jsonl.
          delete e.summary.metrics['grade/mean'];
          return e;
        };
        const text = (e: ReturnType<typeof evaluation>) => ({ summary: JSON.stringify(e.summary), results: e.jsonl });
        await writeFiles({ candidate: text(make('2', candidate)), champion: text(make('1', champion)) });
        try {
          const outcome = await gate(contextOf(config, ws.dir).ctx, { modelVersion: '2' });
          for (const rule of outcome.rules.filter((r) => r.rule === 'baseline')) {
            const inputs = comparisonInputsSchema.parse(rule.inputs);
            expect([inputs.difference, inputs.difference_ci.low, inputs.difference_ci.high, inputs.candidate.mean, inputs.champion.mean].every(Number.isFinite)).toBe(true);
          }
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect((error as Error).message).toMatch(/results\.jsonl/);
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
