import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resultSchema, type Result } from '../../src/contract/results';
import { readSummary, type Summary } from '../../src/contract/summary';
import { ConfigError, InputError, UsageError } from '../../src/errors';
import { fileDigest } from '../../src/evaluate/shard';
import { evaluate } from '../../src/modes/evaluate';
import { gate } from '../../src/modes/gate';
import { merge } from '../../src/modes/merge';
import { LocalRegistry } from '../../src/registry/local';
import { startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
let agent: AgentServer;
const v1 = '.agent-release/support-agent/v1';

function dataset(rows: number, answer = 'answer'): string {
  return Array.from({ length: rows }, (_, i) => JSON.stringify({ id: `q${i}`, input: `question ${i}`, expected: `${answer}-${i}` })).join('\n') + '\n';
}

/**
 * Deterministic answers: every 4th misses the expected word, every 3rd of the others is an exact match, and
 * question 7 fails with HTTP 500, so means, intervals and the error rate all carry information.
 */
function reply(question: string) {
  const i = Number(question.split(' ')[1]);
  if (i === 7) return { status: 500, body: '{"error":"boom"}' };
  if (i % 4 === 0) return { text: 'I cannot help with that.' };
  return { text: i % 3 === 0 ? `answer-${i}` : `The answer-${i}.` };
}

function config(scorers = '[{ type: contains }, { type: exact_match, name: exact }, { type: latency, max_ms: 5000 }]'): string {
  return `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", timeout: 2s, retries: 0 }
  concurrency: 3
  scorers: ${scorers}
gate:
  thresholds:
    "contains/mean": { min: 0.5 }
`;
}

beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write('golden.jsonl', dataset(10));
  agent = await startAgent(reply);
  await new LocalRegistry(ws.registryFile).registerVersion('support-agent', agent.url, {});
});
afterEach(async () => {
  await agent.close();
  await ws.cleanup();
});

async function shards(...labels: string[]): Promise<void> {
  const { ctx } = contextOf(config(), ws.dir);
  for (const shard of labels) await evaluate(ctx, { modelVersion: '1', shard });
}

async function rowsOf(file: string): Promise<Result[]> {
  return (await ws.read(file))
    .trim()
    .split('\n')
    .map((line) => resultSchema.parse(JSON.parse(line)));
}

/** What a run reproduces exactly: everything but the measured latencies. */
function deterministic(metrics: Summary['metrics']): Summary['metrics'] {
  return Object.fromEntries(Object.entries(metrics).filter(([name]) => !name.startsWith('latency_ms/')));
}

const mergeOf = (shardsPath?: string, scorers?: string) => merge(contextOf(config(scorers), ws.dir).ctx, { modelVersion: '1', shardsPath });

describe('a shard whose every example failed', () => {
  it('is recorded for merge to weigh, as the unsharded run would: one failing row does not block the whole evaluation', async () => {
    const labels = Array.from({ length: 10 }, (_, i) => `${i + 1}/10`);
    const { ctx, logger } = contextOf(config(), ws.dir);
    for (const shard of labels) await evaluate(ctx, { modelVersion: '1', shard });
    // Question 7 (the only one that fails) is shard 8 of 10's only example.
    expect(logger.lines.filter((l) => l.startsWith("warn: the agent answered none of this shard's"))).toHaveLength(1);
    const merged = await merge(ctx, { modelVersion: '1' });
    expect(merged).toMatchObject({ errors: 1, dataset: { rows: 10 } });
    expect(merged.metrics.error_rate?.value).toBeCloseTo(0.1, 10);
  });
});

describe('merge', () => {
  it('gives the same metrics as one unsharded run, and gate decides on the merged summary', async () => {
    const { ctx } = contextOf(config(), ws.dir);
    const whole = await evaluate(ctx, { modelVersion: '1' });
    const wholeSummary = await readSummary(path.join(ws.dir, whole.summaryPath));
    const wholeRows = await rowsOf(whole.resultsPath!);
    await rm(path.join(ws.dir, whole.summaryPath));
    await rm(path.join(ws.dir, whole.resultsPath!));

    await shards('1/3', '2/3', '3/3');
    const merged = await merge(ctx, { modelVersion: '1' });
    expect(merged).toMatchObject({
      mode: 'merge',
      dryRun: false,
      version: '1',
      summaryPath: `${v1}/summary.json`,
      resultsPath: `${v1}/results.jsonl`,
      dataset: { name: 'golden', path: 'golden.jsonl', digest: wholeSummary.dataset.digest, rows: 10 },
      errors: 1,
      shards: [
        { index: 1, count: 3, rows: 4, errors: 0, summaryPath: `${v1}/shard-1-of-3/summary.json`, resultsPath: `${v1}/shard-1-of-3/results.jsonl` },
        { index: 2, count: 3, rows: 3, errors: 1, summaryPath: `${v1}/shard-2-of-3/summary.json` },
        { index: 3, count: 3, rows: 3, errors: 0 },
      ],
    });
    const summary = await readSummary(path.join(ws.dir, merged.summaryPath));
    expect(summary.shard).toBeUndefined();
    expect(summary.dataset).toEqual(wholeSummary.dataset);
    expect(summary.errors).toBe(wholeSummary.errors);
    expect(deterministic(summary.metrics)).toEqual(deterministic(wholeSummary.metrics));
    expect(deterministic(merged.metrics)).toEqual(deterministic(wholeSummary.metrics));
    // The values behind the comparison, so an empty or trivial metric set cannot pass it.
    expect(summary.metrics['contains/mean']).toMatchObject({ value: 6 / 9, n: 9, ci: { method: 'wilson' } });
    expect(summary.metrics['exact/mean']).toMatchObject({ value: 3 / 9, n: 9 });
    expect(summary.metrics.error_rate).toMatchObject({ value: 0.1, n: 10 });
    for (const name of ['latency_ms/p50', 'latency_ms/p95', 'latency_ms/p99', 'latency_ms/mean']) {
      expect(summary.metrics[name]?.n).toBe(wholeSummary.metrics[name]?.n);
    }
    expect(summary.merged_from).toEqual(
      await Promise.all([1, 2, 3].map(async (i) => ({ index: i, rows: i === 1 ? 4 : 3, results_digest: await fileDigest(path.join(ws.dir, `${v1}/shard-${i}-of-3/results.jsonl`)) }))),
    );
    const withoutLatency = (rows: Result[]) => rows.map(({ latency_ms: _latency, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id));
    expect(withoutLatency(await rowsOf(merged.resultsPath))).toEqual(withoutLatency(wholeRows));
    // Shard order, each shard's rows as written: q0, q3, q6, q9 come first.
    expect((await rowsOf(merged.resultsPath)).slice(0, 4).map((r) => r.id).sort()).toEqual(['q0', 'q3', 'q6', 'q9']);

    const decided = await gate(ctx, { modelVersion: '1' });
    expect(decided.summaryPath).toBe(`${v1}/summary.json`);
    expect(decided.decision).toBe('pass');
  });

  it('finds shards downloaded into one folder per artifact, at any depth', async () => {
    await shards('1/3', '2/3', '3/3');
    for (const i of [1, 2, 3]) await cp(path.join(ws.dir, `${v1}/shard-${i}-of-3`), path.join(ws.dir, `downloads/eval-shard-${i}/nested`), { recursive: true });
    await rm(path.join(ws.dir, v1, 'shard-3-of-3'), { recursive: true });
    const merged = await mergeOf('downloads');
    expect(merged.shards.map((s) => s.summaryPath)).toEqual([1, 2, 3].map((i) => `downloads/eval-shard-${i}/nested/summary.json`));
    expect(merged.metrics['contains/mean']).toMatchObject({ value: 6 / 9, n: 9 });
    expect((await readSummary(path.join(ws.dir, `${v1}/summary.json`))).merged_from).toHaveLength(3);
  });

  it('takes several paths, one per line, directories or summary files', async () => {
    await shards('1/2', '2/2');
    const merged = await mergeOf(`${v1}/shard-1-of-2/summary.json\n\n  ${v1}/shard-2-of-2  \n`);
    expect(merged.shards.map((s) => s.index)).toEqual([1, 2]);
    expect(merged.metrics.error_rate).toMatchObject({ value: 0.1, n: 10 });
  });

  it('converges when run again: its own merged summary is never read as a shard', async () => {
    await shards('1/2', '2/2');
    const first = await mergeOf();
    const second = await mergeOf();
    expect(deterministic(second.metrics)).toEqual(deterministic(first.metrics));
    expect(second.metrics['latency_ms/p95']).toEqual(first.metrics['latency_ms/p95']);
  });

  it('in a dry run checks and computes everything but writes nothing', async () => {
    await shards('1/2', '2/2');
    const merged = await merge(contextOf(config(), ws.dir, { dryRun: true }).ctx, { modelVersion: '1' });
    expect(merged.dryRun).toBe(true);
    expect(merged.metrics['contains/mean']).toMatchObject({ value: 6 / 9, n: 9 });
    await expect(readFile(path.join(ws.dir, `${v1}/summary.json`))).rejects.toThrow('ENOENT');
    await expect(readFile(path.join(ws.dir, `${v1}/results.jsonl`))).rejects.toThrow('ENOENT');
  });

  describe('refuses, writing nothing,', () => {
    afterEach(async () => {
      await expect(readFile(path.join(ws.dir, `${v1}/summary.json`))).rejects.toThrow('ENOENT');
      await expect(readFile(path.join(ws.dir, `${v1}/results.jsonl`))).rejects.toThrow('ENOENT');
      await expect(readFile(path.join(ws.dir, `${v1}/results.jsonl.partial`))).rejects.toThrow('ENOENT');
    });

    it('a missing shard, naming it and the ones found', async () => {
      await shards('1/3', '2/3');
      const run = mergeOf();
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow('shard 3/3 is missing (found 1/3, 2/3); re-run the missing shard\'s job, and merge only after every shard has finished');
    });

    it('several missing shards', async () => {
      await shards('2/4');
      await expect(mergeOf()).rejects.toThrow('shards 1/4, 3/4, 4/4 are missing (found 2/4);');
    });

    it('a duplicated shard, naming both files', async () => {
      await shards('1/3', '2/3', '3/3');
      await cp(path.join(ws.dir, `${v1}/shard-2-of-3`), path.join(ws.dir, `${v1}/retry/shard-2-of-3`), { recursive: true });
      await expect(mergeOf()).rejects.toThrow(
        `shard 2/3 appears 2 times: ${v1}/retry/shard-2-of-3/summary.json, ${v1}/shard-2-of-3/summary.json; keep one (download each shard's artifact once)`,
      );
    });

    it('shards evaluated on two different dataset files', async () => {
      await shards('1/3', '2/3');
      const before = (await readSummary(path.join(ws.dir, `${v1}/shard-1-of-3/summary.json`))).dataset.digest;
      await ws.write('golden.jsonl', dataset(10, 'reply'));
      await shards('3/3');
      const after = (await readSummary(path.join(ws.dir, `${v1}/shard-3-of-3/summary.json`))).dataset.digest;
      expect(after).not.toBe(before);
      const run = mergeOf();
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(
        `shards were evaluated on different datasets: golden ${before.slice(0, 19)}… (10 rows) in ${v1}/shard-1-of-3/summary.json (shard 1/3), ${v1}/shard-2-of-3/summary.json (shard 2/3); golden ${after.slice(0, 19)}… (10 rows) in ${v1}/shard-3-of-3/summary.json (shard 3/3); re-run every shard on the same dataset file`,
      );
    });

    it('shards evaluated under different settings (one with repeat: 3); how fast a shard ran does not count', async () => {
      await shards('1/2');
      const repeated = config().replace('  concurrency: 3\n', '  concurrency: 3\n  repeat: 3\n');
      await evaluate(contextOf(repeated, ws.dir).ctx, { modelVersion: '1', shard: '2/2' });
      await expect(mergeOf()).rejects.toThrow(
        new RegExp(`^shards were evaluated under different evaluate settings \\(scorers, repeat, conversation, cost or endpoint format\\): sha256:[0-9a-f]{12}… in ${v1}/shard-1-of-2/summary\\.json \\(shard 1/2\\); sha256:[0-9a-f]{12}… in ${v1}/shard-2-of-2/summary\\.json \\(shard 2/2\\); re-run every shard from one config$`),
      );
      // How fast a shard ran is not what it measured.
      const { evaluationSettingsDigest } = await import('../../src/evaluate/settings-digest');
      const digestOf = (text: string) => evaluationSettingsDigest(contextOf(text, ws.dir).ctx.loaded.config.evaluate as Parameters<typeof evaluationSettingsDigest>[0]);
      const faster = config().replace('concurrency: 3', 'concurrency: 8\n  requests_per_second: 50').replace('timeout: 2s', 'timeout: 5s');
      expect(digestOf(faster)).toBe(digestOf(config()));
      expect(digestOf(repeated)).not.toBe(digestOf(config()));
    });

    it('an example id in two shards', async () => {
      // A hand-made shard whose summary is consistent with its results, but whose slice overlaps another's.
      await shards('1/3', '2/3', '3/3');
      const dir = path.join(ws.dir, `${v1}/shard-2-of-3`);
      const rows = await rowsOf(`${v1}/shard-2-of-3/results.jsonl`);
      const moved = rows.map((r, i) => (i === 1 ? { ...r, id: 'q3' } : r));
      await writeFile(path.join(dir, 'results.jsonl'), moved.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const summary = await readSummary(path.join(dir, 'summary.json'));
      await writeFile(path.join(dir, 'summary.json'), JSON.stringify({ ...summary, shard: { ...summary.shard, results_digest: await fileDigest(path.join(dir, 'results.jsonl')) } }));
      const run = mergeOf();
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(
        `${v1}/shard-2-of-3/results.jsonl:2: example id "q3" appears in two shards: ${v1}/shard-1-of-3/results.jsonl (shard 1/3) and ${v1}/shard-2-of-3/results.jsonl (shard 2/3); shards must be disjoint slices of one dataset`,
      );
    });

    it('a results file that is not the one its summary was written with', async () => {
      await shards('1/2', '2/2');
      const file = path.join(ws.dir, `${v1}/shard-2-of-2/results.jsonl`);
      const expected = (await readSummary(path.join(ws.dir, `${v1}/shard-2-of-2/summary.json`))).shard?.results_digest ?? '';
      await writeFile(file, (await readFile(file, 'utf8')).replace('"q1"', '"q1 "'));
      const actual = await fileDigest(file);
      await expect(mergeOf()).rejects.toThrow(
        `${v1}/shard-2-of-2/results.jsonl is not the results file ${v1}/shard-2-of-2/summary.json was written with (digest ${actual.slice(0, 19)}…, the summary says ${expected.slice(0, 19)}…); upload a shard's summary.json and results.jsonl together, from the same run`,
      );
    });

    it('a summary without its results file', async () => {
      await shards('1/2', '2/2');
      await rm(path.join(ws.dir, `${v1}/shard-1-of-2/results.jsonl`));
      await expect(mergeOf()).rejects.toThrow(
        `${v1}/shard-1-of-2/summary.json has no readable results.jsonl beside it (${v1}/shard-1-of-2/results.jsonl: file not found); upload both files of every shard`,
      );
    });

    it('shards of two different matrix sizes', async () => {
      await shards('1/2', '2/3');
      await expect(mergeOf()).rejects.toThrow(
        `shards disagree on the shard count: 2 in ${v1}/shard-1-of-2/summary.json (shard 1/2); 3 in ${v1}/shard-2-of-3/summary.json (shard 2/3); merge the shards of one matrix run only`,
      );
    });

    it('a summary that is not a shard', async () => {
      await shards('1/2', '2/2');
      const { ctx } = contextOf(config(), ws.dir);
      const whole = await evaluate(ctx, { modelVersion: '1' });
      await cp(path.join(ws.dir, whole.summaryPath), path.join(ws.dir, 'downloads/whole/summary.json'));
      await cp(path.join(ws.dir, `${v1}/shard-1-of-2`), path.join(ws.dir, 'downloads/one'), { recursive: true });
      await rm(path.join(ws.dir, whole.summaryPath));
      await rm(path.join(ws.dir, whole.resultsPath!));
      await expect(mergeOf('downloads')).rejects.toThrow(
        'downloads/whole/summary.json is not a shard summary (it has no shard field); merge combines the summaries written by evaluate with shard: i/n, so point it at those only',
      );
    });

    it('shards of another version', async () => {
      await shards('1/1');
      await expect(merge(contextOf(config(), ws.dir).ctx, { modelVersion: '2', shardsPath: v1 })).rejects.toThrow(
        `${v1}/shard-1-of-1/summary.json is the evaluation of support-agent version 1, but merge was asked for support-agent version 2; merge the shards of one version only`,
      );
      await expect(readFile(path.join(ws.dir, '.agent-release/support-agent/v2/summary.json'))).rejects.toThrow('ENOENT');
    });

    it('a shard whose row count does not fit its index', async () => {
      await shards('1/2', '2/2');
      const file = path.join(ws.dir, `${v1}/shard-2-of-2/summary.json`);
      const summary = await readSummary(file);
      await writeFile(file, JSON.stringify({ ...summary, shard: { ...summary.shard, rows: 6 } }));
      await expect(mergeOf()).rejects.toThrow(
        `${v1}/shard-2-of-2/summary.json (shard 2/2) holds 6 rows, but shard 2/2 of a 10-row dataset holds 5; the shards' rows must add up to the dataset's 10`,
      );
    });

    it('results scored by other scorers than the configuration names', async () => {
      await shards('1/2', '2/2');
      await expect(mergeOf(undefined, '[{ type: contains }, { type: exact_match, name: exact }]')).rejects.toThrow(
        `${v1}/shard-1-of-2/results.jsonl:1: scores are named contains, exact, latency but evaluate.scorers names contains, exact; merge with the configuration the shards were evaluated with`,
      );
    });

    it('when nothing is there to merge', async () => {
      await expect(mergeOf()).rejects.toThrow(`shards path ${v1} does not exist; download every shard's artifact there first`);
      await ws.write('downloads/readme.txt', 'nothing here');
      await expect(mergeOf('downloads')).rejects.toThrow(
        "no shard summaries (summary.json) under downloads; run evaluate with shard: i/n in each matrix job and download every shard's artifact there (actions/download-artifact with pattern and merge-multiple: false)",
      );
    });

    it('without a model version or an evaluate section', async () => {
      await expect(merge(contextOf(config(), ws.dir).ctx, {})).rejects.toThrow(UsageError);
      await expect(merge(contextOf('version: 1\nmodel: { name: support-agent }\n', ws.dir).ctx, { modelVersion: '1' })).rejects.toThrow(ConfigError);
    });
  });
});
