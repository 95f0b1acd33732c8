// The peer: promptfoo (pinned) against agent-release's evaluate, on the same stub and the same
// dataset, interleaved, each as a whole process. Prints promptfoo's wall ÷ ours. A bench, not a
// CI step: the first run installs promptfoo from npm into ~/.cache/agent-release (a few minutes).
//   node bench/promptfoo.mjs [examples=2000] [latencyMs=50] [concurrency=32] [rounds=3]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateArgs, evaluateWorkspace, node, runCli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

const promptfooVersion = '0.123.1';
const cacheDir = path.join(os.homedir(), '.cache', 'agent-release', `promptfoo-${promptfooVersion}`);
const promptfooMain = path.join(cacheDir, 'node_modules', 'promptfoo', 'dist', 'src', 'entrypoint.js');

/** promptfoo's CLI entry, installed once at the pinned version (it needs Node 22.22+: `node` is the action's Node 24). */
function installPromptfoo() {
  if (existsSync(promptfooMain)) return promptfooMain;
  console.error(`installing promptfoo ${promptfooVersion} into ${cacheDir} (once)…`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', cacheDir, `promptfoo@${promptfooVersion}`], { stdio: 'inherit' });
  if (!existsSync(promptfooMain)) throw new Error(`promptfoo installed, but ${promptfooMain} is missing: has its layout changed?`);
  return promptfooMain;
}

/** The same questions and expected answer as the agent-release workspace, as promptfoo tests. */
async function promptfooWorkspace(dir, { examples, url, concurrency }) {
  const tests = Array.from({ length: examples }, (_, i) => ({ vars: { input: `question ${i}`, expected: '42' } }));
  await writeFile(path.join(dir, 'tests.json'), JSON.stringify(tests));
  await writeFile(
    path.join(dir, 'promptfooconfig.yaml'),
    `prompts: ["{{input}}"]
providers:
  - id: openai:chat:bench
    config: { apiBaseUrl: "${url}/v1", apiKey: bench }
tests: file://tests.json
defaultTest:
  assert: [{ type: icontains, value: "{{expected}}" }]
evaluateOptions: { maxConcurrency: ${concurrency}, cache: false, showProgressBar: false }
`,
  );
  const home = path.join(dir, 'promptfoo-home');
  await mkdir(home, { recursive: true });
  return {
    args: [installPromptfoo(), 'eval', '-c', 'promptfooconfig.yaml', '--no-cache', '--no-table', '--no-write', '--no-progress-bar', '-j', String(concurrency), '-o', 'promptfoo-out.json'],
    // Its own config dir, no telemetry or update check: only the evaluation is measured.
    env: { ...process.env, PROMPTFOO_CONFIG_DIR: home, PROMPTFOO_DISABLE_TELEMETRY: '1', PROMPTFOO_DISABLE_UPDATE: '1', PROMPTFOO_DISABLE_SHARING: '1' },
  };
}

function run(args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
    child.on('error', reject);
    // promptfoo exits 100 when an assertion fails; every example here passes, so only 0 is a measurement.
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`promptfoo exited ${code}: ${stderr}`))));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function promptfooComparison({ examples = 2000, latencyMs = 50, concurrency = 32, rounds = 3 } = {}) {
  const stub = await startStub(latencyMs);
  const ws = await evaluateWorkspace({ examples, url: stub.url, concurrency });
  try {
    const peer = await promptfooWorkspace(ws.dir, { examples, url: stub.url, concurrency });
    const ours = [];
    const theirs = [];
    for (let round = 0; round < rounds; round++) {
      ours.push((await runCli(evaluateArgs, ws.dir)).wallMs);
      const before = stub.served();
      theirs.push(await run(peer.args, { cwd: ws.dir, env: peer.env }));
      // A peer that answered from a cache, or skipped examples, would not be measured at all.
      if (stub.served() - before !== examples) throw new Error(`promptfoo sent ${stub.served() - before} requests for ${examples} examples`);
    }
    const report = JSON.parse(await readFile(path.join(ws.dir, 'promptfoo-out.json'), 'utf8'));
    const idealMs = (examples * latencyMs) / concurrency;
    return {
      examples,
      latencyMs,
      concurrency,
      idealMs,
      oursMs: median(ours),
      oursRange: [Math.min(...ours), Math.max(...ours)],
      promptfooMs: median(theirs),
      promptfooRange: [Math.min(...theirs), Math.max(...theirs)],
      promptfooPassed: report.results?.stats?.successes ?? null,
    };
  } finally {
    await stub.close();
    await ws.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [examples, latencyMs, concurrency, rounds] = process.argv.slice(2).map(Number);
  const r = await promptfooComparison({ examples: examples || undefined, latencyMs: latencyMs || undefined, concurrency: concurrency || undefined, rounds: rounds || undefined });
  const fmt = (n, d = 0) => n.toFixed(d);
  console.log(`promptfoo ${promptfooVersion} vs agent-release evaluate: ${r.examples} examples × ${r.latencyMs} ms × concurrency ${r.concurrency}, on ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}\n`);
  console.log('| tool | wall ms (median) | range ms | ideal ÷ wall | promptfoo ÷ agent-release |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(`| agent-release | ${fmt(r.oursMs)} | ${fmt(r.oursRange[0])}-${fmt(r.oursRange[1])} | ${fmt(r.idealMs / r.oursMs, 3)} | |`);
  console.log(`| promptfoo | ${fmt(r.promptfooMs)} | ${fmt(r.promptfooRange[0])}-${fmt(r.promptfooRange[1])} | ${fmt(r.idealMs / r.promptfooMs, 3)} | ${fmt(r.promptfooMs / r.oursMs, 2)} |`);
  console.log(`\npromptfoo's last run: ${r.promptfooPassed ?? '?'} of ${r.examples} examples passed its icontains assertion`);
}
