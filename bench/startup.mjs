// Start-up of the short modes: `gate` on a 20-example evaluation and `promote`, through the CLI
// and through the bundled action entry (node dist/index.js with INPUT_* as the runner sets them),
// against `node -e 0` on the same Node. Interleaved rounds, medians and ranges: a gate runs on
// every pull request and release, and most of a small run is the process starting.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { cli, evaluateArgs, evaluateWorkspace, node, runCli } from './cli.mjs';
import { startStub } from './stub-agent.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const actionEntry = path.resolve(process.env.AGENT_RELEASE_ACTION ?? path.join(path.dirname(cli), '..', 'index.js'));

/** The INPUT_* environment the runner gives the action: every input's default, then ours. */
function actionEnv(dir, inputs) {
  const declared = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')).inputs;
  const env = { ...process.env, GITHUB_OUTPUT: path.join(dir, 'outputs.txt'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') };
  // An expression default (`${{ github.token }}`) is the runner's to fill: no token here.
  for (const [name, input] of Object.entries(declared)) env[`INPUT_${name.toUpperCase()}`] = String(input.default ?? '').includes('${{') ? '' : String(input.default ?? '');
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

function wallMs(args, { cwd, env = process.env, okCodes = [0] }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (okCodes.includes(code)) resolve(ms);
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${output.slice(-2000)}`));
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Medians (and ranges) of `rounds` interleaved runs of each start-up case. */
export async function startup({ rounds = 11 } = {}) {
  const stub = await startStub(0);
  const ws = await evaluateWorkspace({ examples: 20, url: stub.url, concurrency: 4 });
  try {
    await runCli(evaluateArgs, ws.dir);
    await stub.close();
    // Every section a release config has: the gate validates the whole file, not only its own part.
    await appendFile(
      path.join(ws.dir, 'agent-release.yml'),
      `gate:
  thresholds:
    contains/mean: { min: 0.5 }
    error_rate: { max: 0 }
promote: { alias: champion }
deploy:
  target: command
  strategy: canary
  steps: [10, 50, 100]
  command: { deploy: "true", rollback: "true", set_traffic: "true" }
  analysis: { provider: http-probe, url: "http://127.0.0.1:9/health", requests: 20, limits: { error_rate: 0.05, latency_p95_ms: 800 } }
`,
    );
    for (const file of ['outputs.txt', 'summary.md']) await writeFile(path.join(ws.dir, file), '');
    const config = ['--model-version', '1', '--config', 'agent-release.yml'];
    const cases = {
      'node -e 0': () => wallMs(['-e', '0'], { cwd: ws.dir }),
      'CLI --help': () => wallMs([cli, '--help'], { cwd: ws.dir }),
      'CLI gate': () => wallMs([cli, 'gate', ...config], { cwd: ws.dir }),
      'CLI promote': () => wallMs([cli, 'promote', ...config], { cwd: ws.dir }),
      'action gate': () => wallMs([actionEntry], { cwd: ws.dir, env: actionEnv(ws.dir, { mode: 'gate', 'model-version': '1', config: 'agent-release.yml' }) }),
      'action promote': () => wallMs([actionEntry], { cwd: ws.dir, env: actionEnv(ws.dir, { mode: 'promote', 'model-version': '1', config: 'agent-release.yml' }) }),
    };
    // A first run of each fills the bundle's code cache, as the first step of a job does.
    for (const run of Object.values(cases)) await run();
    const walls = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) for (const [name, run] of Object.entries(cases)) walls[name].push(await run());
    const bare = median(walls['node -e 0']);
    return Object.entries(walls).map(([name, ms]) => ({ name, medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), ratio: median(ms) / bare }));
  } finally {
    await stub.close().catch(() => {});
    await ws.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`| case | median ms | range ms | ÷ \`node -e 0\` |\n| --- | --- | --- | --- |`);
  for (const r of await startup()) console.log(`| ${r.name} | ${r.medianMs.toFixed(0)} | ${r.minMs.toFixed(0)}-${r.maxMs.toFixed(0)} | ${r.ratio.toFixed(2)} |`);
}
