#!/usr/bin/env node
// The quickstart (`npm run demo`): three versions of a small support agent go through
// agent-release's evaluate → gate → promote → deploy → verify → rollback, using the bundled CLI
// exactly as you would, against local servers and a fresh embedded registry in a temp directory.
// Every step's exit code is checked against the story, so CI fails if the demo breaks.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAgent } from './agent.mjs';
import { startOrderAgent } from './order-agent.mjs';
import { startReceiver } from './receiver.mjs';
import { startRouter } from './router.mjs';
import { randomBytes } from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../../dist/cli/index.js');
const started = performance.now();

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const style = (code) => (text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const [bold, dim, red, green, cyan] = ['1', '2', '31', '32', '36'].map(style);

class StoryBroken extends Error {}

function chapter(title, text) {
  console.log(`\n${bold(cyan(`━━ ${title} ${'━'.repeat(Math.max(3, 70 - title.length))}`))}\n${text}`);
}

/** Runs the CLI as a child process. Asynchronously: the agents and router live in this process. */
function runCli(args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // A hung step must not hang CI: stop the child we started and report it.
    const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) reject(new StoryBroken(`agent-release ${args.join(' ')} was stopped (${signal}) after 30 s`));
      else resolve({ code, stdout, stderr });
    });
  });
}

async function main(servers) {
  if (!existsSync(cli)) throw new StoryBroken(`${cli} is missing; run \`npm ci\` (and \`npm run bundle\` if you changed src/)`);

  // A fresh working directory: the registry and the evaluation files start empty every run.
  const workdir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-quickstart-'));
  for (const file of ['agent-release.yml', 'golden.jsonl', 'order-agent.yml', 'orders.jsonl']) await copyFile(path.join(here, file), path.join(workdir, file));

  const agents = {};
  for (const version of [1, 2, 3]) servers.push((agents[version] = await startAgent(version)));
  const router = await startRouter(Object.fromEntries(Object.entries(agents).map(([v, a]) => [v, a.url])));
  servers.push(router);
  const webhookSecret = randomBytes(32).toString('hex');
  const receiver = await startReceiver(webhookSecret);
  servers.push(receiver);
  const env = {
    QUICKSTART_WEBHOOK_URL: receiver.url, // notifications: where gate failures, promotions, deploys and rollbacks are posted
    QUICKSTART_WEBHOOK_SECRET: webhookSecret,
    ...process.env,
    QUICKSTART_ROUTER_URL: router.url, // used by deploy.analysis.url and switch.mjs
    QUICKSTART_DIR: here, // deploy.command.cwd: where switch.mjs lives
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`, // `node switch.mjs` runs this node
  };

  /** One CLI call, shown as you would type it, with its logs (stderr) and report (stdout). */
  async function agentRelease(args, expectedCode, why, config = 'agent-release.yml') {
    const full = [...args, '--config', config];
    console.log(`\n${bold(`$ agent-release ${full.join(' ')}`)}`);
    const { code, stdout, stderr } = await runCli(full, { cwd: workdir, env });
    for (const line of stderr.trimEnd().split('\n')) if (line) console.log(dim(`  │ ${line}`));
    if (stdout.trim()) console.log(stdout.trimEnd());
    if (code !== expectedCode) {
      console.log(red(`✘ exit ${code}`));
      throw new StoryBroken(`\`agent-release ${full.join(' ')}\` exited with ${code}, but the story expects ${expectedCode} (${why})`);
    }
    console.log((expectedCode === 0 ? green : cyan)(`→ exit ${code}: ${why}`));
    return stdout;
  }

  async function register(version) {
    const out = await agentRelease(['registry', 'register', '--source', agents[version].url], 0, `v${version} is in the registry`);
    // The router maps registry versions to servers, so the numbers must line up.
    if (!out.includes(`version ${version} `)) throw new StoryBroken(`expected the registry to number this version ${version}, got: ${out.trim()}`);
  }

  function expectServing(version, still = false) {
    if (router.active() !== version) throw new StoryBroken(`the router should send traffic to v${version}, but it sends it to ${router.active() ? `v${router.active()}` : 'nothing'}`);
    console.log(green(`→ the router ${still ? 'still' : 'now'} serves v${version}`));
  }

  console.log(bold('agent-release quickstart'));
  console.log(`working directory ${workdir}\nagents: ${Object.values(agents).map((a) => `v${a.version} ${a.url}`).join(', ')}; router ${router.url}; notifications to ${receiver.url}`);

  chapter('1. Two versions arrive', 'v1 is the agent in production quality; v2 shortens the prompt to save tokens. Register both.');
  await register(1);
  await register(2);

  chapter('2. Release v1', 'Evaluate on the 20 golden questions, gate, promote to @champion, deploy (switch the router), verify.');
  await agentRelease(['evaluate', '--model-version', '1'], 0, 'evaluated');
  await agentRelease(['gate', '--model-version', '1'], 0, 'the gate passes');
  await agentRelease(['promote', '--model-version', '1'], 0, 'v1 holds @champion');
  await agentRelease(['deploy', '--model-version', '1'], 0, 'deployed and its smoke test passed');
  expectServing('1');
  await agentRelease(['verify', '--model-version', '1'], 0, 'v1 is healthy');

  chapter('3. Try v2', 'The shorter prompt drops the key facts from most answers. The gate must block it, and promote must refuse it.');
  await agentRelease(['evaluate', '--model-version', '2'], 0, 'evaluated');
  await agentRelease(['gate', '--model-version', '2'], 1, 'the gate BLOCKS v2 (see contains/mean in the table)');
  await agentRelease(['promote', '--model-version', '2'], 1, 'promote refuses a version that failed the gate');
  expectServing('1', true);

  chapter('4. v3 arrives', 'v3 answers as well as v1, so it passes the gate and deploys. But it leaks a connection per request:\nunder the sustained traffic of the later verify it falls over, and we roll it back.');
  await register(3);
  await agentRelease(['evaluate', '--model-version', '3'], 0, 'evaluated');
  await agentRelease(['gate', '--model-version', '3'], 0, 'the gate passes');
  await agentRelease(['promote', '--model-version', '3'], 0, 'v3 holds @champion, v1 is recorded as the previous holder');
  await agentRelease(['deploy', '--model-version', '3'], 0, "deployed; deploy's own smoke test still passes");
  expectServing('3');
  await agentRelease(['verify', '--model-version', '3'], 1, 'verify FAILS: v3 answers 503 to most requests now');
  await agentRelease(['rollback', '--model-version', '3'], 0, 'v3 withdrawn, v1 restored');
  expectServing('1');
  await agentRelease(['verify'], 0, 'the version holding @champion (v1 again) is healthy');

  chapter(
    '5. An agent that calls tools',
    'order-agent looks orders up and cancels them with tools. v2 plans "more thoroughly": it looks every order up\ntwice and refunds cancelled orders on its own. Its answers read as well as v1\'s; its tool calls and its cost do not.',
  );
  const orderAgents = {};
  for (const version of [1, 2]) servers.push((orderAgents[version] = await startOrderAgent(version)));
  for (const version of [1, 2]) {
    const out = await agentRelease(['registry', 'register', '--source', orderAgents[version].url], 0, `order-agent v${version} is in the registry`, 'order-agent.yml');
    if (!out.includes(`version ${version} `)) throw new StoryBroken(`expected the registry to number this order-agent version ${version}, got: ${out.trim()}`);
  }
  await agentRelease(['evaluate', '--model-version', '1'], 0, 'evaluated: every trajectory as expected', 'order-agent.yml');
  await agentRelease(['gate', '--model-version', '1'], 0, 'the gate passes', 'order-agent.yml');
  await agentRelease(['promote', '--model-version', '1'], 0, 'order-agent v1 holds @champion', 'order-agent.yml');
  await agentRelease(['evaluate', '--model-version', '2'], 0, 'evaluated', 'order-agent.yml');
  const blocked = await agentRelease(['gate', '--model-version', '2'], 1, 'the gate BLOCKS v2: redundant and forbidden calls, and more cost than the champion', 'order-agent.yml');
  for (const metric of ['tool_calls/mean', 'tool_calls.f1/mean', 'cost/mean']) {
    if (!new RegExp(`\\| ${metric.replace(/[./]/g, (c) => `\\${c}`)} \\|[^\\n]*❌`).test(blocked)) throw new StoryBroken(`the gate report should fail ${metric} for order-agent v2`);
  }
  const v2Results = (await readFile(path.join(workdir, '.agent-release', 'order-agent', 'v2', 'results.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
  console.log(`\n${bold("Why, from v2's results.jsonl")} (each example keeps its tool calls and the scorer's reason):`);
  const shown = ['forbidden', 'made 2 calls'].map((kind) => v2Results.find((r) => r.reasons?.tool_calls?.includes(kind))).filter(Boolean);
  for (const row of shown) console.log(`  ${row.id}: ${row.tool_calls.map((c) => c.name).join(', ')} → ${row.reasons.tool_calls}`);

  chapter('Recap', '');
  const versions = JSON.parse((await runCli(['registry', 'show', '--json', '--config', 'agent-release.yml'], { cwd: workdir, env })).stdout);
  const served = router.served();
  const rows = versions.map((v) => {
    const t = v.tags;
    const state = v.aliases.includes('champion')
      ? 'serving (@champion)'
      : t['agent_release.champion.rolled_back_at']
        ? 'rolled back'
        : t['agent_release.gate.decision'] === 'fail'
          ? 'blocked by the gate'
          : '–';
    return [`v${v.version}`, t['agent_release.gate.decision'] ?? '–', t['agent_release.champion.promoted_at'] ? 'yes' : 'no', t['agent_release.deploy.default.status'] ?? 'no', String(served[v.version] ?? 0), state];
  });
  printTable(['Version', 'Gate', 'Promoted', 'Deployed', 'Requests via router', 'Final state'], rows);
  await agentRelease(['registry', 'show'], 0, 'the registry agrees');

  const expectedEvents = ['promoted v1', 'deployed v1', 'gate_failed v2', 'promoted v3', 'deployed v3', 'verify_failed v3', 'manual_rollback v3'];
  const events = receiver.received.map((n) => `${n.event} v${n.version}`);
  console.log(`\n${bold('Notifications')} posted to ${receiver.url} (signed; every signature checked by the receiver):`);
  for (const n of receiver.received) console.log(`  ${n.at}  ${n.event.padEnd(16)} ${n.title}${n.reasons.length ? ` (${n.reasons[0]})` : ''}`);
  if (events.join() !== expectedEvents.join()) throw new StoryBroken(`expected the notifications ${expectedEvents.join(', ')}, got ${events.join(', ') || 'none'}`);

  const dir = path.join(workdir, '.agent-release', 'support-agent');
  console.log(`\n${bold('Evaluation summaries, results and gate decisions')} (left for you to read):`);
  for (const version of (await readdir(dir)).sort()) {
    for (const file of (await readdir(path.join(dir, version))).sort()) console.log(`  ${path.join(dir, version, file)}`);
  }
  console.log(`  registry: ${path.join(workdir, '.agent-release', 'registry.json')}`);
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}

const servers = [];
let failed = false;
try {
  await main(servers);
} catch (error) {
  failed = true;
  console.error(`\n${red(bold('The quickstart did not go as the story says:'))} ${error instanceof StoryBroken ? error.message : (error.stack ?? error)}`);
} finally {
  // Nothing may outlive the demo: close every server we started.
  await Promise.all(servers.map((server) => server.close()));
}
const seconds = (performance.now() - started) / 1000;
if (!failed && seconds > 60) {
  failed = true;
  console.error(red(`The quickstart took ${seconds.toFixed(1)} s; it should finish in under 60 s.`));
}
console.log(`\n${failed ? red('quickstart FAILED') : green('quickstart finished')} in ${seconds.toFixed(1)} s; all agents and the router are stopped.`);
process.exitCode = failed ? 1 : 0;
