import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { actionDefaults, cleanEnv, parseOutputs, repoRoot, runProcess, type ActionRun, type ProcessRun } from './run-bundle';

/**
 * The bundles the child-process tests run: dist/ by default, or the directory in
 * AGENT_RELEASE_DIST (a private `node scripts/bundle.mjs <dir>` build of uncommitted sources).
 */
export const bundleDir = path.resolve(repoRoot, process.env.AGENT_RELEASE_DIST || 'dist');
export const cliBundle = path.join(bundleDir, 'cli', 'index.js');
export const actionBundle = path.join(bundleDir, 'index.js');

export interface CliChild {
  child: ChildProcess;
  /** Resolves when the process has exited and its output is complete. */
  done: Promise<ProcessRun & { signal: NodeJS.Signals | null }>;
}

/** Starts the CLI bundle without waiting for it, so a test can kill it mid-way. */
export function spawnCli(args: string[], options: { cwd: string; env: Record<string, string> }): CliChild {
  const child = spawn(process.execPath, [cliBundle, ...args], { cwd: options.cwd, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<ProcessRun & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCliBundle(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<ProcessRun> {
  return runProcess(process.execPath, [cliBundle, ...args], { cwd: options.cwd, env: cleanEnv(options.env) });
}

/** Runs the action bundle the way a runner does (INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), like run-bundle's runAction. */
export async function runActionBundle(inputs: Record<string, string>, options: { workspace: string; env: Record<string, string> }): Promise<ActionRun & { outputText: string }> {
  const files = await mkdtemp(path.join(os.tmpdir(), 'agent-release-runner-'));
  const outputFile = path.join(files, 'output');
  const summaryFile = path.join(files, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env = cleanEnv({ GITHUB_WORKSPACE: options.workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...options.env });
  for (const [name, value] of Object.entries({ ...(await actionDefaults()), ...inputs })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  try {
    const run = await runProcess(process.execPath, [actionBundle], { cwd: options.workspace, env });
    const outputText = await readFile(outputFile, 'utf8');
    return { ...run, outputs: parseOutputs(outputText), outputText, summary: await readFile(summaryFile, 'utf8') };
  } finally {
    await rm(files, { recursive: true, force: true });
  }
}
