import path from 'node:path';
import { systemClock } from '../../src/clock';
import type { EvaluateConfig } from '../../src/config/evaluate-schema';
import { parseConfig } from '../../src/config/load';
import { runDataset } from '../../src/evaluate/dataset-runner';
import { scanDataset } from '../../src/evaluate/dataset';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';
import { memoryLogger, progressLines } from '../../src/logger';
import { stderrLogger } from '../../src/shell/cli';
import { startAgent } from '../support/agent-server';
import { makeWorkspace } from '../support/workspace';

describe('the evaluation progress line', () => {
  it('reports done/total, rate, errors and time left while the run goes, and ends it when the run ends', async () => {
    const ws = await makeWorkspace();
    // Every fourth question fails for good, so the error count moves too.
    const agent = await startAgent((q) => (q.endsWith('3') ? { status: 400, text: '' } : { text: q, delayMs: 15 }));
    try {
      const rows = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: i, input: `question ${i}` }));
      await ws.write('golden.jsonl', `${rows.join('\n')}\n`);
      const loaded = parseConfig(
        `version: 1
model: { name: m }
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "${agent.url}/v1/chat/completions", timeout: 5s, retries: 0 }
  concurrency: 1
  scorers: [{ type: contains, keywords: [question] }]
`,
        { file: 'agent-release.yml', workdir: ws.dir, env: {}, checkJsonSchema: jsonSchemaProblem },
      );
      const logger = memoryLogger();
      const datasetFile = path.join(ws.dir, 'golden.jsonl');
      await runDataset({
        config: loaded.config.evaluate as EvaluateConfig,
        datasetFile,
        scan: await scanDataset(datasetFile),
        url: `${agent.url}/v1/chat/completions`,
        resultsFile: path.join(ws.dir, 'results.jsonl'),
        clock: systemClock,
        logger,
        progressEveryMs: 40,
      });
      const progress = logger.lines.filter((l) => l.startsWith('progress: '));
      expect(progress.length).toBeGreaterThanOrEqual(3);
      expect(progress.at(-1)).toBe('progress: done');
      const updates = progress.slice(0, -1).map((l) => /^progress: evaluated (\d+)\/40 \((\d+\.\d)\/s, (\d+) errors?(?:, ~(\d+)s left)?\)$/.exec(l));
      expect(updates).not.toContain(null);
      const done = updates.map((m) => Number(m?.[1]));
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(done.at(-1)).toBeGreaterThan(0);
      const last = updates.at(-1) as RegExpExecArray;
      // 4 of the first `done` ids end in 3 (3, 13, 23, 33): errors are counted as they happen.
      expect(Number(last[3])).toBe([3, 13, 23, 33].filter((id) => id < Number(last[1])).length);
      expect(last[4]).toBeDefined();
    } finally {
      await agent.close();
      await ws.cleanup();
    }
  });
});

describe('the CLI logger', () => {
  const io = (stderrIsTTY: boolean) => {
    const out: string[] = [];
    return { out, io: { stdout: () => undefined, stderr: (t: string) => out.push(t), env: {}, cwd: '.', stderrIsTTY } };
  };

  it('rewrites one live line in a terminal, erasing it before any other line and when the run ends', () => {
    const { out, io: terminal } = io(true);
    const logger = stderrLogger(terminal);
    logger.progress('evaluated 1/3');
    logger.progress('evaluated 2/3');
    logger.warn('slow answer');
    logger.progress('evaluated 3/3');
    logger.progress(null);
    logger.info('evaluated m v1 on 3 examples');
    expect(out.join('')).toBe(
      '\r\x1b[2Kevaluated 1/3' + '\r\x1b[2Kevaluated 2/3' + '\r\x1b[2Kwarning: slow answer\n' + '\r\x1b[2Kevaluated 3/3' + '\r\x1b[2K' + 'evaluated m v1 on 3 examples\n',
    );
  });

  it('cuts the live line to the terminal width, which a wrapped line would not be erased from', () => {
    const out: string[] = [];
    const logger = stderrLogger({ stdout: () => undefined, stderr: (t: string) => out.push(t), env: {}, cwd: '.', stderrIsTTY: true, stderrColumns: 12 });
    logger.progress('evaluated 10/2000 (5.0/s)');
    logger.progress('short');
    expect(out).toEqual(['\r\x1b[2Kevaluated 1', '\r\x1b[2Kshort']);
  });

  it('writes plain lines, no escape codes, when stderr is not a terminal', () => {
    const { out, io: pipe } = io(false);
    const logger = stderrLogger(pipe);
    logger.progress('evaluated 1/3');
    logger.info('done');
    expect(out.join('')).not.toContain('\x1b');
    expect(out).toEqual(['done\n']);
  });

  it('logs at most one progress line every few seconds, the first a few seconds into the run', () => {
    let now = 0;
    const printed: string[] = [];
    const progress = progressLines((l) => printed.push(l), 5_000, () => now);
    const at = (ms: number, line: string | null) => {
      now = ms;
      progress(line);
    };
    at(60_000, 'a'); // the run's first update, however long the logger has existed
    at(64_999, 'b');
    at(65_000, 'c');
    at(66_000, 'd');
    at(70_000, 'e');
    at(71_000, null);
    at(72_000, 'next run');
    at(76_000, 'f');
    at(77_000, 'g');
    expect(printed).toEqual(['c', 'e', 'g']);
  });
});
