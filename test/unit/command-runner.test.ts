import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { manualClock } from '../support/fake-clock';
import { ConfigError, InputError, RefusedError } from '../../src/errors';
import { commandArgv, runCommandEvaluator, type CommandEvaluatorOptions } from '../../src/evaluate/runners/command';
import { memoryLogger, type Logger } from '../../src/logger';
import { makeWorkspace, type Workspace } from '../support/workspace';

/**
 * The evaluators here are small Node scripts, run as real child processes. Time never passes on
 * its own: the runner's timeout and grace period are sleeps on a clock the test fires by hand.
 */

/** A memory logger that can wait for a line, so a test acts only once the child has said it is ready. */
function watchingLogger(): Logger & { lines: string[]; waitFor(text: string): Promise<void> } {
  const base = memoryLogger();
  const waiters: { text: string; resolve: () => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      if (base.lines.some((l) => l.includes(w.text))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  return {
    ...base,
    info: (m) => {
      base.info(m);
      check();
    },
    waitFor: (text) =>
      new Promise<void>((resolve) => {
        waiters.push({ text, resolve });
        check();
      }),
  };
}

const prelude = `
import { writeFileSync } from 'node:fs';
const env = process.env;
const summary = (extra = {}) => ({
  schema: 'agent-release.summary/v1',
  model: { name: env.AGENT_RELEASE_MODEL_NAME, version: env.AGENT_RELEASE_MODEL_VERSION },
  dataset: { name: 'golden', digest: 'sha256:${'a'.repeat(64)}', rows: 3 },
  metrics: { 'exact/mean': { value: 0.5, n: 2 } },
  errors: 1,
  run_id: 'run-123',
  created_at: '2026-01-02T03:04:05.000Z',
  ...extra,
});
const rows = [
  { id: 'a', inputs: { question: 'a?' }, outputs: 'a', scores: { exact: 1 }, latency_ms: 5 },
  { id: 'b', inputs: { question: 'b?' }, outputs: 'x', scores: { exact: 0 }, latency_ms: 7 },
  { id: 'c', inputs: { question: 'c?' }, outputs: null, scores: { exact: null }, latency_ms: null, error: 'agent returned 500' },
].map((row) => JSON.stringify(row));
const writeSummary = (s = summary()) => writeFileSync(env.AGENT_RELEASE_SUMMARY_PATH, JSON.stringify(s, null, 2));
const writeResults = (lines = rows) => writeFileSync(env.AGENT_RELEASE_RESULTS_PATH, lines.join('\\n') + '\\n');
`;

const start = Date.UTC(2026, 0, 2, 3, 4, 5);
let ws: Workspace;
let out: string;
let clock: ReturnType<typeof manualClock>;
let logger: ReturnType<typeof watchingLogger>;

beforeEach(async () => {
  ws = await makeWorkspace();
  out = path.dirname(await ws.write('out/.keep', ''));
  clock = manualClock(start);
  logger = watchingLogger();
});
afterEach(() => ws.cleanup());

async function evaluator(body: string): Promise<string> {
  return ws.write('evaluator.mjs', `${prelude}\n${body}\n`);
}

function options(extra: Partial<CommandEvaluatorOptions> = {}): CommandEvaluatorOptions {
  return {
    run: [process.execPath, 'evaluator.mjs'],
    cwd: ws.dir,
    model: { name: 'support-agent', version: '7' },
    outputDir: out,
    baseEnv: { PATH: process.env.PATH, FROM_CALLER: 'kept' },
    timeoutMs: 600_000,
    graceMs: 5_000,
    clock,
    logger,
    show: (file) => path.relative(ws.dir, file),
    ...extra,
  };
}

const rejection = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => {
      throw new Error('expected the runner to fail');
    },
    (error: Error) => error,
  );

/** Linux: a process's state letter from /proc, or "gone"; an exited but unreaped process is Z. */
const processState = (pid: number): Promise<string> =>
  readFile(`/proc/${pid}/stat`, 'utf8').then(
    (stat) => stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3),
    () => 'gone',
  );

const outFiles = async (): Promise<string[]> => (await readdir(out)).filter((f) => f !== '.keep').sort();

test('a well-behaved evaluator: it is given the contract variables, its files are read back and its output is logged', async () => {
  await evaluator(`
const names = Object.keys(env).filter((k) => k.startsWith('AGENT_RELEASE_') || k === 'FROM_CALLER' || k === 'TEAM_SETTING');
writeFileSync(env.AGENT_RELEASE_OUTPUT_DIR + '/env.json', JSON.stringify(Object.fromEntries(names.sort().map((k) => [k, env[k]]))));
console.log('scored 3 examples');
console.error('a warning on stderr');
writeSummary();
writeResults();`);
  const dataset = await ws.write('golden.jsonl', '{}\n');
  const result = await runCommandEvaluator(options({ experiment: '/Shared/support/evaluation', datasetPath: dataset, env: { TEAM_SETTING: 'x' } }));

  expect(result).toMatchObject({ runId: 'run-123', runName: 'eval_pre_deploy_20260102_030405', summaryPath: path.join(out, 'summary.json'), resultsPath: path.join(out, 'results.jsonl') });
  expect(result.summary.metrics['exact/mean']).toEqual({ value: 0.5, n: 2 });
  expect(JSON.parse(await readFile(path.join(out, 'env.json'), 'utf8'))).toEqual({
    AGENT_RELEASE_DATASET_PATH: dataset,
    AGENT_RELEASE_EXPERIMENT: '/Shared/support/evaluation',
    AGENT_RELEASE_MODEL_NAME: 'support-agent',
    AGENT_RELEASE_MODEL_VERSION: '7',
    AGENT_RELEASE_OUTPUT_DIR: out,
    AGENT_RELEASE_RESULTS_PATH: path.join(out, 'results.jsonl'),
    AGENT_RELEASE_RUN_NAME: 'eval_pre_deploy_20260102_030405',
    AGENT_RELEASE_SUMMARY_PATH: path.join(out, 'summary.json'),
    FROM_CALLER: 'kept',
    TEAM_SETTING: 'x',
  });
  expect(logger.lines).toEqual([
    "group: evaluator `" + process.execPath + " evaluator.mjs` (run eval_pre_deploy_20260102_030405)",
    'info: scored 3 examples',
    'info: a warning on stderr',
  ]);
  expect(clock.pending).toEqual([]);
});

test('a string command runs through bash with pipefail, like a workflow run step', async () => {
  await evaluator('writeSummary(); writeResults(); console.log("done")');
  expect(commandArgv('node evaluator.mjs | cat')).toEqual(['bash', '-e', '-o', 'pipefail', '-c', 'node evaluator.mjs | cat']);
  const result = await runCommandEvaluator(options({ run: commandArgv(`"${process.execPath}" evaluator.mjs | tr a-z A-Z`) }));
  expect(result.runId).toBe('run-123');
  expect(logger.lines).toContain('info: DONE');
});

test('an evaluator that writes no summary fails, even when an earlier run left one behind', async () => {
  await writeFile(path.join(out, 'summary.json'), 'left by yesterday');
  await evaluator('writeResults();');
  const error = await rejection(runCommandEvaluator(options()));
  expect(error).toBeInstanceOf(InputError);
  expect(error.message).toBe(
    `the evaluator (\`${process.execPath} evaluator.mjs\`) exited with code 0 but did not write out/summary.json; it must write its summary (schema agent-release.summary/v1) to the path in $AGENT_RELEASE_SUMMARY_PATH`,
  );
  expect(await outFiles()).toEqual(['results.jsonl.rejected']);
});

test('an evaluator that writes no results fails naming $AGENT_RELEASE_RESULTS_PATH', async () => {
  await evaluator('writeSummary();');
  const error = await rejection(runCommandEvaluator(options()));
  expect(error.message).toBe(
    `the evaluator (\`${process.execPath} evaluator.mjs\`) exited with code 0 but did not write out/results.jsonl; it must write one JSON line per example to the path in $AGENT_RELEASE_RESULTS_PATH`,
  );
});

test('a results line that is not JSON is named by file and line, and nothing is left where the gate would read it', async () => {
  await evaluator(`writeSummary(); writeResults([rows[0], rows[1], '{"id": "c", oops}']);`);
  const error = await rejection(runCommandEvaluator(options()));
  expect(error).toBeInstanceOf(InputError);
  expect(error.message).toMatch(/^\/.+\/out\/results\.jsonl:3: results line is not valid JSON \(.+\); each line must be one JSON object$/);
  expect(await outFiles()).toEqual(['results.jsonl.rejected', 'summary.json.rejected']);
});

test('a results line of the wrong shape names the line and the field', async () => {
  await evaluator(`writeSummary(); writeResults([rows[0], rows[1], JSON.stringify({ id: 'c', inputs: {}, outputs: 'c', scores: { exact: 'yes' }, latency_ms: 1 })]);`);
  const error = await rejection(runCommandEvaluator(options()));
  expect(error.message).toBe(`${path.join(out, 'results.jsonl')}:3: results line: scores.exact: Invalid input: expected number, received string`);
});

test('a summary that does not match the schema names the field', async () => {
  await evaluator(`const s = summary(); delete s.dataset.digest; writeSummary(s); writeResults();`);
  const error = await rejection(runCommandEvaluator(options()));
  expect(error).toBeInstanceOf(InputError);
  expect(error.message).toBe(`${path.join(out, 'summary.json')} is not an agent-release.summary/v1 evaluation summary:\n  - dataset.digest: Invalid input: expected string, received undefined`);
});

test('a summary of another version is refused', async () => {
  await evaluator(`writeSummary(summary({ model: { name: 'support-agent', version: '6' } })); writeResults();`);
  const error = await rejection(runCommandEvaluator(options()));
  expect(error).toBeInstanceOf(InputError);
  expect(error.message).toBe(
    'out/summary.json is the evaluation of support-agent version 6, but the evaluator was asked to evaluate support-agent version 7; write model.name and model.version from $AGENT_RELEASE_MODEL_NAME and $AGENT_RELEASE_MODEL_VERSION',
  );
});

test('results that do not cover the summary are refused by the same check the gate uses', async () => {
  await evaluator(`writeSummary(); writeResults(rows.slice(0, 2));`);
  const error = await rejection(runCommandEvaluator(options()));
  expect(error.message).toBe(
    'out/results.jsonl has 2 distinct example ids, but out/summary.json says the evaluation covered 3 examples; the two files are not from the same evaluation (or one is incomplete)',
  );
});

test('a non-zero exit is refused with the exit code and the last lines of output, and what it wrote is set aside', async () => {
  await evaluator(`
for (let i = 1; i <= 25; i++) console.log('line ' + i);
writeSummary();
console.error('Traceback: agent endpoint refused the connection');
process.exit(3);`);
  const error = await rejection(runCommandEvaluator(options()));
  expect(error).toBeInstanceOf(RefusedError);
  const lastLines = [...Array.from({ length: 19 }, (_, i) => `line ${i + 7}`), 'Traceback: agent endpoint refused the connection'];
  expect(error.message).toBe(
    `evaluator \`${process.execPath} evaluator.mjs\` exited with code 3 (anything it wrote is kept as *.rejected in out); its last lines of output:\n  ${lastLines.join('\n  ')}`,
  );
  expect(await outFiles()).toEqual(['summary.json.rejected']);
});

test('an evaluator killed from outside (out of memory) is refused with the signal', async () => {
  await evaluator(`writeSummary(); console.log('loading model'); process.kill(process.pid, 'SIGKILL');`);
  const error = await rejection(runCommandEvaluator(options()));
  expect(error).toBeInstanceOf(RefusedError);
  expect(error.message).toBe(
    `evaluator \`${process.execPath} evaluator.mjs\` was killed by SIGKILL (out of memory, or stopped from outside) (anything it wrote is kept as *.rejected in out); its last lines of output:\n  loading model`,
  );
});

test('on timeout the whole process group gets SIGTERM, and the failure says so', async () => {
  // The evaluator starts a grandchild that shares its output (as `bash -c 'python ...'` would); it must not outlive the run.
  await evaluator(`
import { spawn } from 'node:child_process';
const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
writeFileSync(env.AGENT_RELEASE_OUTPUT_DIR + '/grandchild.pid', String(grandchild.pid));
process.on('SIGTERM', () => { console.log('got SIGTERM, exiting'); process.exit(143); });
console.log('ready');
setInterval(() => {}, 1000);`);
  const running = rejection(runCommandEvaluator(options({ timeoutMs: 90_000 })));
  await logger.waitFor('ready');
  clock.fire(90_000);
  const error = await running;
  expect(error).toBeInstanceOf(RefusedError);
  expect(error.message).toBe(
    `evaluator \`${process.execPath} evaluator.mjs\` did not finish within 90000 ms and was stopped (SIGTERM); raise evaluate.command.timeout or make it faster; its last lines of output:\n  ready\n  got SIGTERM, exiting`,
  );
  expect(await processState(Number(await readFile(path.join(out, 'grandchild.pid'), 'utf8')))).toMatch(/^(gone|Z)$/);
  expect(clock.pending).toEqual([]);
});

test('an evaluator that ignores SIGTERM is killed after the grace period', async () => {
  await evaluator(`
process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
console.log('ready');
setInterval(() => {}, 1000);`);
  const running = rejection(runCommandEvaluator(options({ timeoutMs: 90_000, graceMs: 5_000 })));
  await logger.waitFor('ready');
  clock.fire(90_000);
  await logger.waitFor('ignoring SIGTERM');
  clock.fire(5_000);
  const error = await running;
  expect(error.message).toBe(
    `evaluator \`${process.execPath} evaluator.mjs\` did not finish within 90000 ms and was stopped (SIGKILL); raise evaluate.command.timeout or make it faster; its last lines of output:\n  ready\n  ignoring SIGTERM`,
  );
  expect(logger.lines).toContain(`warn: evaluator \`${process.execPath} evaluator.mjs\`: still running 5000 ms after SIGTERM; sending SIGKILL`);
});

test('a cancelled run stops the evaluator and says why', async () => {
  await evaluator(`console.log('ready'); setInterval(() => {}, 1000);`);
  const abort = new AbortController();
  const running = rejection(runCommandEvaluator(options({ signal: abort.signal })));
  await logger.waitFor('ready');
  abort.abort(new Error('cancelled (SIGINT)'));
  const error = await running;
  expect(error).toBeInstanceOf(RefusedError);
  expect(error.message).toBe(`evaluator \`${process.execPath} evaluator.mjs\` was stopped (SIGTERM) because the run was cancelled: cancelled (SIGINT); its last lines of output:\n  ready`);
});

test('an evaluator that cannot start, a missing cwd and a reserved env name are configuration errors', async () => {
  const missing = await rejection(runCommandEvaluator(options({ run: ['no-such-evaluator-program', '--flag'] })));
  expect(missing).toBeInstanceOf(ConfigError);
  expect(missing.message).toBe(
    `evaluator \`no-such-evaluator-program --flag\` could not start in ${ws.dir}: spawn no-such-evaluator-program ENOENT; check that no-such-evaluator-program is installed and on PATH, or that cwd ${ws.dir} exists`,
  );
  const cwd = await rejection(runCommandEvaluator(options({ cwd: path.join(ws.dir, 'nowhere') })));
  expect(cwd).toBeInstanceOf(ConfigError);
  expect(cwd.message).toBe('evaluate.command.cwd: nowhere is not a directory; the evaluator runs there');
  const empty = await rejection(runCommandEvaluator(options({ run: [] })));
  expect(empty.message).toBe('evaluate.command.run is empty; give the program to run and its arguments');
  const reserved = await rejection(runCommandEvaluator(options({ env: { AGENT_RELEASE_MODEL_VERSION: '8' } })));
  expect(reserved).toBeInstanceOf(ConfigError);
  expect(reserved.message).toBe('evaluate.command.env.AGENT_RELEASE_MODEL_VERSION: names starting with AGENT_RELEASE_ are set by agent-release for the evaluator; choose another name');
});

test('an evaluator that exits 0 but leaves a process holding its output is read at once, and what it left is stopped', async () => {
  await evaluator(`
import { spawn } from 'node:child_process';
const straggler = spawn('sleep', ['600'], { stdio: ['ignore', 'inherit', 'inherit'] });
straggler.unref();
writeFileSync(env.AGENT_RELEASE_OUTPUT_DIR + '/straggler.pid', String(straggler.pid));
writeSummary();
writeResults();`);
  const result = await runCommandEvaluator(options());
  expect(result.runId).toBe('run-123');
  expect(logger.lines).toContain("warn: evaluator `" + process.execPath + " evaluator.mjs`: exited but left processes running; sending them SIGTERM");
  const pid = Number(await readFile(path.join(out, 'straggler.pid'), 'utf8'));
  expect(['gone', 'Z']).toContain(await processState(pid));
});
