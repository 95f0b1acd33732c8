import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { runnerCommands, type RunnerCommands } from '../../src/shell/runner-commands';

/**
 * The action's runner commands stand in for @actions/core's index functions (over its file
 * commands; workflow commands formatted as its command.js does): each is run next to the real one,
 * on the same inputs, and what the runner would read (stdout, the GITHUB_OUTPUT file, the job
 * summary, the exit code, a thrown error) must be the same.
 */
type Runner = RunnerCommands;

/** Ours, writing where @actions/core writes, so one capture sees both. */
const ours = runnerCommands((text) => void process.stdout.write(text));

let dir: string;
let saved: NodeJS.ProcessEnv;
let savedExitCode: typeof process.exitCode;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'runner-commands-'));
  saved = { ...process.env };
  savedExitCode = process.exitCode;
});

afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
  process.exitCode = savedExitCode;
  rmSync(dir, { recursive: true, force: true });
});

/** What the runner sees of `act`: stdout, the outputs file (its random delimiter named), the exit code, or the error. */
async function observe(act: (runner: Runner) => unknown, runner: Runner, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const outputs = path.join(dir, `outputs-${Math.random()}`);
  writeFileSync(outputs, '');
  Object.assign(process.env, { GITHUB_OUTPUT: outputs }, env);
  if (env.GITHUB_OUTPUT === '') delete process.env.GITHUB_OUTPUT;
  process.exitCode = undefined;
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stdout.write;
  let result: unknown;
  try {
    result = { value: await act(runner) };
  } catch (error) {
    result = { threw: `${(error as Error).name}: ${(error as Error).message}` };
  } finally {
    process.stdout.write = write;
  }
  const file = readFileSync(outputs, 'utf8').replace(/ghadelimiter_[0-9a-f-]+/g, 'DELIMITER');
  return { result, stdout: written.join(''), file, exitCode: process.exitCode };
}

async function expectSame(act: (runner: Runner) => unknown, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const mine = await observe(act, ours, env);
  expect(mine).toEqual(await observe(act, core as unknown as Runner, env));
  return mine;
}

test.each([
  ['a trimmed input', (r: Runner) => r.getInput('config'), { INPUT_CONFIG: '  .github/release.yml \n' }],
  ['an input with a space in its name', (r: Runner) => r.getInput('model version'), { 'INPUT_MODEL_VERSION': '7' }],
  ['a missing input', (r: Runner) => r.getInput('absent'), {}],
  ['a multi-line input', (r: Runner) => r.getMultilineInput('shards-path'), { 'INPUT_SHARDS-PATH': ' a/1.json\n\n b/2.json \n' }],
  ['a boolean input', (r: Runner) => r.getBooleanInput('dry-run'), { 'INPUT_DRY-RUN': 'True' }],
  ['a boolean input that is not one', (r: Runner) => r.getBooleanInput('dry-run'), { 'INPUT_DRY-RUN': 'yes' }],
] as const)('%s reads as @actions/core reads it', async (_name, act, env) => {
  await expectSame(act, env);
});

test('outputs, multi-line ones included, go to the GITHUB_OUTPUT file as @actions/core writes them', async () => {
  const seen = await expectSame((r) => {
    r.setOutput('decision', 'pass');
    r.setOutput('report', 'line one\nline two: %25 ::x::');
  });
  expect(seen.file).toContain('report<<DELIMITER');
});

test('without GITHUB_OUTPUT, outputs are the set-output command', async () => {
  const seen = await expectSame((r) => r.setOutput('decision', 'fail\n50%'), { GITHUB_OUTPUT: '' });
  expect(seen.stdout).toContain('::set-output name=decision::fail%0A50%25');
});

test('a command property is escaped as a property, and one left empty still opens the property list', async () => {
  const seen = await expectSame((r) => {
    r.setOutput('a:b,c%\r\nd', 'x');
    r.setOutput('', 'y');
  }, { GITHUB_OUTPUT: '' });
  expect(seen.stdout).toContain('::set-output name=a%3Ab%2Cc%25%0D%0Ad::x');
  expect(seen.stdout).toContain('::set-output ::y');
});

test('masks, log lines, annotations and groups are the same workflow commands', async () => {
  const seen = await expectSame(async (r) => {
    r.setSecret('s3cr3t\nnext');
    r.info('plain line');
    r.debug('debug: 100%');
    r.warning('careful\nwith this');
    r.error('broken: a::b');
    return r.group('a group', async () => {
      r.info('inside');
      return 42;
    });
  });
  expect(seen.stdout).toContain('::add-mask::s3cr3t%0Anext');
  expect(seen.stdout).toContain('::group::a group');
  expect(seen.result).toEqual({ value: 42 });
});

test('a group closes when its body throws, and the error goes on', async () => {
  const seen = await expectSame((r) => r.group('failing', async () => Promise.reject(new Error('inner'))));
  expect(seen.stdout).toContain('::endgroup::');
  expect(seen.result).toEqual({ threw: 'Error: inner' });
});

test('setFailed annotates the error and sets exit code 1', async () => {
  const seen = await expectSame((r) => r.setFailed('gate failed: 50% < 90%'));
  expect(seen.exitCode).toBe(1);
});

/** core's summary is one object that remembers the first file it wrote: a new one per test. */
const freshSummary = (): typeof core.summary => new (core.summary.constructor as new () => typeof core.summary)();

test('the job summary gets what @actions/core’s summary.addRaw(markdown).write() appends', async () => {
  const pieces = ['### agent-release gate\n\n', '| a | b |\n| --- | --- |\n| ✅ | 1 |\n', ''];
  const theirs = path.join(dir, 'theirs.md');
  const mine = path.join(dir, 'ours.md');
  writeFileSync(theirs, 'earlier step\n');
  writeFileSync(mine, 'earlier step\n');
  process.env.GITHUB_STEP_SUMMARY = theirs;
  const summary = freshSummary();
  for (const piece of pieces) await summary.addRaw(piece).write();
  for (const piece of pieces) await ours.appendSummary(mine, piece);
  expect(readFileSync(mine, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
  expect(readFileSync(mine, 'utf8')).toBe(`earlier step\n${pieces.join('')}`);
});

test('a job summary file that is not there is refused with @actions/core’s message, and not created', async () => {
  const missing = path.join(dir, 'no-summary.md');
  process.env.GITHUB_STEP_SUMMARY = missing;
  const theirs = await freshSummary().addRaw('x').write().then(() => 'written', (error: Error) => error.message);
  const mine = await ours.appendSummary(missing, 'x').then(() => 'written', (error: Error) => error.message);
  expect(mine).toBe(theirs);
  expect(mine).toContain('Unable to access summary file');
  expect(existsSync(missing)).toBe(false);
});

test('an output whose value holds its delimiter is refused, as @actions/core refuses it, and the file is left as it was', () => {
  const outputs = path.join(dir, 'outputs');
  writeFileSync(outputs, '');
  process.env.GITHUB_OUTPUT = outputs;
  const random = Math.random;
  Math.random = () => 0.5;
  try {
    const delimiter = 'ghadelimiter_80808080-8080-8080-8080-808080808080';
    expect(() => ours.setOutput('report', `a\n${delimiter}\nforged=pass`)).toThrow(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    expect(() => ours.setOutput(`x${delimiter}`, 'a')).toThrow(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  } finally {
    Math.random = random;
  }
  expect(readFileSync(outputs, 'utf8')).toBe('');
});
