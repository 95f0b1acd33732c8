import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deadPort, startAgent, type AgentServer } from './agent-server';
import { runCliBundle } from './bundle-under-test';
import type { ProcessRun } from './run-bundle';
import { deployScript, golden, goldenJsonl } from './workspace';

/**
 * The released workspace the bad-input suite copies for every case: the embedded registry with
 * eight versions, each served by a real loopback agent that answers in its own way.
 */
export const model = 'support-agent';
export const versions = {
  /** Evaluated, passed, promoted to @champion and deployed. */
  champion: '1',
  /** Evaluated (also as two shards) and passed; not promoted. */
  passed: '2',
  /** Evaluated and failed the gate: it answers "I do not know". */
  failed: '3',
  /** Registered only; its agent answers HTTP 500. */
  serverError: '4',
  /** Registered only; its agent answers an HTML page. */
  html: '5',
  /** Registered only; its agent answers JSON that is not a chat completion. */
  wrongShape: '6',
  /** Registered only; nothing listens on its port. */
  down: '7',
  /** Registered only; its agent must never be asked (datasets that are refused before the first request). */
  sentinel: '8',
} as const;

export interface Agents {
  ok: AgentServer;
  wrong: AgentServer;
  serverError: AgentServer;
  html: AgentServer;
  wrongShape: AgentServer;
  sentinel: AgentServer;
  downUrl: string;
  close(): Promise<void>;
}

export async function startAgents(): Promise<Agents> {
  const answers = new Map(golden.map((g) => [g.input, g.expected]));
  const agents = {
    ok: await startAgent((q) => ({ text: answers.get(q) ?? q })),
    wrong: await startAgent(() => ({ text: 'I do not know' })),
    serverError: await startAgent(() => ({ status: 500, body: '{"error":"boom"}' })),
    html: await startAgent(() => ({ headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' })),
    wrongShape: await startAgent(() => ({ body: '{"answer":"refund"}' })),
    sentinel: await startAgent((q) => ({ text: q })),
  };
  return {
    ...agents,
    downUrl: `http://127.0.0.1:${await deadPort()}`,
    close: async () => void (await Promise.all(Object.values(agents).map((a) => a.close()))),
  };
}

/** The base configuration every case starts from; cases edit a copy of it with `swap`. */
export function releaseConfig(probeUrl: string): string {
  return `version: 1
model:
  name: ${model}
  registry: local
  path: .agent-release/registry.json
artifacts_dir: .agent-release
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", timeout: 5s, retries: 0 }
  concurrency: 4
  scorers:
    - { type: contains }
    - { type: latency, max_ms: 10000 }
gate:
  thresholds:
    "contains/mean": { min: 0.75 }
    "latency_ms/p95": { max: 10000 }
promote: { alias: champion }
deploy:
  target: command
  strategy: all-at-once
  command:
    deploy: "node deploy.mjs"
    rollback: "node deploy.mjs"
  analysis: { provider: http-probe, url: "${probeUrl}/health", requests: 4, concurrency: 2, limits: { error_rate: 0.1 } }
`;
}

/** `text` with `from` replaced once; a case whose edit no longer applies fails instead of testing the base config. */
export function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the config has no ${JSON.stringify(from)} to replace`);
  return text.replace(from, () => to);
}

export const configFile = '.github/agent-release.yml';

/** Builds the released workspace by running the CLI, checking every step's exit code. */
export async function buildReleasedWorkspace(agents: Agents): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bad-input-template-'));
  await writeFile(path.join(dir, 'golden.jsonl'), goldenJsonl);
  await writeFile(path.join(dir, 'deploy.mjs'), deployScript);
  await mkdir(path.join(dir, '.github'));
  await writeFile(path.join(dir, configFile), releaseConfig(agents.ok.url));
  const step = async (code: number, ...args: string[]): Promise<void> => {
    const run = await runCliBundle(args, { cwd: dir, env: {} });
    if (run.code !== code) throw new Error(`building the template: \`agent-release ${args.join(' ')}\` exited ${run.code}, not ${code}\n${run.stderr}`);
  };
  for (const source of [agents.ok.url, agents.ok.url, agents.wrong.url, agents.serverError.url, agents.html.url, agents.wrongShape.url, agents.downUrl, agents.sentinel.url]) {
    await step(0, 'registry', 'register', '--source', source);
  }
  for (const args of [['evaluate', '1'], ['gate', '1'], ['promote', '1'], ['evaluate', '2'], ['gate', '2'], ['evaluate', '3']] as const) {
    await step(0, args[0], '--model-version', args[1]);
  }
  await step(0, 'deploy');
  await step(1, 'gate', '--model-version', versions.failed);
  await step(0, 'evaluate', '--model-version', versions.passed, '--shard', '1/2');
  await step(0, 'evaluate', '--model-version', versions.passed, '--shard', '2/2');
  return dir;
}

export interface CaseWorkspace {
  dir: string;
  write(file: string, content: string | Buffer): Promise<void>;
  read(file: string): Promise<string>;
  readJson<T>(file: string): Promise<T>;
  remove(file: string): Promise<void>;
  cli(args: string[], env?: Record<string, string>): Promise<ProcessRun>;
  registry(): Promise<LocalRegistry>;
  /** Rewrites the registry file by hand, as someone with write access to it could. */
  editRegistry(edit: (registry: LocalRegistry) => void): Promise<void>;
  cleanup(): Promise<void>;
}

export interface LocalRegistry {
  models: Record<string, { versions: Record<string, { source: string; tags: Record<string, string> }>; aliases: Record<string, string> }>;
}

export const registryFile = '.agent-release/registry.json';

export async function copyWorkspace(template: string): Promise<CaseWorkspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-bad-input-'));
  await cp(template, dir, { recursive: true });
  const full = (file: string): string => path.join(dir, file);
  const ws: CaseWorkspace = {
    dir,
    async write(file, content) {
      await mkdir(path.dirname(full(file)), { recursive: true });
      await writeFile(full(file), content);
    },
    read: (file) => readFile(full(file), 'utf8'),
    readJson: async (file) => JSON.parse(await readFile(full(file), 'utf8')),
    remove: (file) => rm(full(file), { recursive: true }),
    cli: (args, env = {}) => runCliBundle(args, { cwd: dir, env }),
    registry: () => ws.readJson<LocalRegistry>(registryFile),
    async editRegistry(edit) {
      const registry = await ws.registry();
      edit(registry);
      await ws.write(registryFile, `${JSON.stringify(registry, null, 2)}\n`);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  return ws;
}

/** Every file (its sha256) and symlink under `dir`, by path relative to it. */
export async function fingerprint(dir: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const walk = async (relative: string): Promise<void> => {
    for (const name of await readdir(path.join(dir, relative))) {
      const child = path.join(relative, name);
      const info = await lstat(path.join(dir, child));
      if (info.isSymbolicLink()) entries.set(child, `symlink -> ${await readlink(path.join(dir, child))}`);
      else if (info.isDirectory()) await walk(child);
      else entries.set(child, `sha256:${createHash('sha256').update(await readFile(path.join(dir, child))).digest('hex')}`);
    }
  };
  await walk('');
  return entries;
}

/** The paths added, removed or changed between two fingerprints, sorted. */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = new Set<string>();
  for (const [file, digest] of before) if (after.get(file) !== digest) changed.add(file);
  for (const file of after.keys()) if (!before.has(file)) changed.add(file);
  return [...changed].sort();
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
