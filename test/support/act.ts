/**
 * Runs this repository's real workflow files under nektos/act in host mode, the way a platform
 * team's repository would run them: a caller repository made from the templates, the reusable
 * workflows and the action taken from a lean git copy of this checkout (action.yml, dist/,
 * scripts/, .github/workflows/), and stand-ins for the artifact and checkout actions, which
 * cannot be fetched here (test/fixtures/act).
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { node24, repoRoot } from './run-bundle';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

/** The act binary, installed by scripts/install-act.sh (a missing one fails, never skips). */
export function installAct(): string {
  const out = execFileSync('bash', [path.join(repoRoot, 'scripts', 'install-act.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const binary = out.trim().split('\n').at(-1);
  if (!binary) throw new Error(`install-act.sh printed no path: ${out}`);
  return binary;
}

/** A git repository holding what a caller's `uses: agent-release/agent-release...@v1` needs, and nothing else. */
export function leanActionRepo(root: string): { dir: string; sha: string } {
  const dir = path.join(root, 'repos', 'agent-release', 'agent-release');
  mkdirSync(dir, { recursive: true });
  for (const part of ['action.yml', 'dist', 'scripts/workflow-env.sh', '.github/workflows']) cpSync(path.join(repoRoot, part), path.join(dir, part), { recursive: true });
  git(dir, 'init', '--quiet');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'agent-release under test');
  return { dir, sha: git(dir, 'rev-parse', 'HEAD') };
}

/** Third-party actions pinned in the workflows, each served by its stand-in. */
export function standInRepositories(): string[] {
  const pinned = new Set<string>();
  for (const file of ['release.yml', 'pr-evaluate.yml', 'rollback.yml']) {
    const text = readFileSync(path.join(repoRoot, '.github', 'workflows', file), 'utf8');
    for (const match of text.matchAll(/uses:\s*(actions\/(checkout|upload-artifact|download-artifact)@[0-9a-f]{40})/g)) pinned.add(`${match[1]}=${path.join(repoRoot, 'test', 'fixtures', 'act', match[2] as string)}`);
  }
  return [...pinned];
}

/**
 * The job's OIDC token endpoint, as the runner offers it with `id-token: write`: a JWT whose
 * job_workflow_ref and job_workflow_sha name the reusable workflow's repository and commit.
 */
export async function startOidcIssuer(claims: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://token.actions.githubusercontent.com', ...claims })}.signature`;
  const server = http.createServer((req, res) => {
    const ok = req.headers.authorization === 'bearer act-request-token' && new URL(req.url ?? '/', 'http://x').searchParams.has('audience');
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { value: token } : { message: 'bad request token' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/token?api-version=2.0`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * A real HTTP proxy in front of the MLflow server that refuses every request without the basic
 * credentials: a job that lacks them fails instead of passing silently.
 */
export async function startAuthProxy(upstream: string, user: string, password: string): Promise<{ url: string; refused: number; close(): Promise<void> }> {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const state = { refused: 0 };
  const server = http.createServer((req, res) => {
    if (req.headers.authorization !== expected) {
      state.refused++;
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error_code":"UNAUTHENTICATED","message":"credentials required"}');
      return;
    }
    const target = new URL(req.url ?? '/', upstream);
    const forward = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get refused() {
      return state.refused;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ActRun {
  code: number;
  output: string;
  /** Each job's result as act reports it, by "workflow/job" display name. */
  jobs: Record<string, 'succeeded' | 'failed'>;
  ms: number;
}

export interface ActOptions {
  act: string;
  /** The caller repository (act's working directory). */
  repo: string;
  workflow: string;
  event: string;
  payload?: unknown;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  localRepositories: string[];
}

/** One act run; resolves when act exits, with every job's result. */
export function runAct(o: ActOptions): Promise<ActRun> {
  // The run's temp files (the event, and everything the jobs make) stay under the caller's root,
  // which the suite removes: none in the shared temp directory, where other test files look.
  const tmp = mkdtempSync(path.join(path.dirname(o.repo), 'tmp-'));
  const eventFile = path.join(tmp, 'event.json');
  writeFileSync(eventFile, JSON.stringify(o.payload ?? {}));
  const args = [o.event, '-W', o.workflow, '-e', eventFile, '-P', 'ubuntu-latest=-self-hosted', '--no-cache-server', '--action-offline-mode'];
  for (const local of o.localRepositories) args.push('--local-repository', local);
  for (const [key, value] of Object.entries(o.secrets ?? {})) args.push('-s', `${key}=${value}`);
  for (const [key, value] of Object.entries(o.vars ?? {})) args.push('--var', `${key}=${value}`);
  for (const [key, value] of Object.entries(o.env ?? {})) args.push('--env', `${key}=${value}`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Host mode runs `node24` actions with the `node` on PATH: Node 24, as GitHub's runners do.
    const env = { ...process.env, NO_COLOR: '1', TMPDIR: tmp, PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ''}` };
    const child = spawn(o.act, args, { cwd: o.repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // ACT_LOG_DIR keeps each run's whole output, written as it comes, for a run that hangs or fails.
    const log = process.env.ACT_LOG_DIR ? path.join(process.env.ACT_LOG_DIR, `${path.basename(path.dirname(o.repo))}-${path.basename(o.workflow)}-${started}.log`) : undefined;
    const take = (c: Buffer): void => {
      output += c.toString();
      if (log) appendFileSync(log, c);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => {
      const jobs: ActRun['jobs'] = {};
      for (const match of output.matchAll(/^\[([^\]]+)\] 🏁 {2}Job (succeeded|failed)$/gm)) jobs[(match[1] as string).trim()] = match[2] as 'succeeded' | 'failed';
      resolve({ code: code ?? -1, output, jobs, ms: Date.now() - started });
    });
  });
}

/** A caller repository in a temp folder: the templates as a platform team copies them, its config, committed. */
export function callerRepo(root: string, slug: string, files: Record<string, string>): string {
  const dir = path.join(root, 'caller');
  mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  git(dir, 'init', '--quiet');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'caller');
  // act reads github.repository from the origin remote.
  git(dir, 'remote', 'add', 'origin', `https://github.com/${slug}.git`);
  return dir;
}

/** A template from workflows-templates/, with the model name filled in as the README says to. */
export function template(name: string, model: string): string {
  const text = readFileSync(path.join(repoRoot, 'workflows-templates', name), 'utf8').replaceAll('my-model', model);
  parse(text);
  return text;
}
