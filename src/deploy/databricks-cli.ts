/**
 * One call of the Databricks CLI as a supervised child process.
 *
 * Why node:child_process and not @actions/exec (which the command target uses): a `bundle run`
 * waits for app compute and can hang for many minutes; @actions/exec takes no timeout and never
 * exposes the child. Here the CLI gets its own process group, and a timeout stops it (and the
 * terraform it may have started): SIGTERM first, SIGKILL after a grace period. The timeout is a
 * sleep on the injected clock, so tests never wait for it.
 *
 * No retries here: the CLI retries its own API calls (429/5xx) through the Databricks Go SDK,
 * and re-running a half-finished `bundle deploy` blindly could fight its deployment lock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Clock } from '../clock';

export interface CliCall {
  program: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  graceMs?: number;
  clock: Clock;
  /** Every output line, stdout and stderr, as it arrives (already split; empty lines dropped). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export type CliOutcome =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; stdout: string; stderrTail: string[] }
  | { kind: 'timeout'; stoppedWith: NodeJS.Signals; stdout: string; stderrTail: string[] }
  | { kind: 'not-started'; reason: string; notFound: boolean };

const tailLines = 20;
// summary --output json of a large bundle is well under this; more would be a runaway.
const stdoutCap = 8 * 1024 * 1024;
export const defaultGraceMs = 10_000;

export async function runCli(call: CliCall): Promise<CliOutcome> {
  let child: ChildProcess;
  try {
    child = spawn(call.program, [...call.args], { cwd: call.cwd, env: call.env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  } catch (error) {
    return { kind: 'not-started', reason: (error as Error).message, notFound: (error as NodeJS.ErrnoException).code === 'ENOENT' };
  }
  let stdout = '';
  const stderrTail: string[] = [];
  const outLines = lineSplitter((line) => call.onLine?.(line, 'stdout'));
  const errLines = lineSplitter((line) => {
    stderrTail.push(line);
    if (stderrTail.length > tailLines) stderrTail.shift();
    call.onLine?.(line, 'stderr');
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    if (stdout.length < stdoutCap) stdout += chunk.toString('utf8');
    outLines.push(chunk);
  });
  child.stderr?.on('data', errLines.push);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const closed = new Promise<{ error?: NodeJS.ErrnoException }>((resolve) => {
    child.once('close', () => resolve({}));
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ error }));
  });
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const timers = new AbortController();
  const timedOut = call.clock.sleep(call.timeoutMs, timers.signal).then(
    () => 'timeout' as const,
    () => new Promise<never>(() => undefined),
  );
  try {
    const first = await Promise.race([closed, timedOut]);
    if (first !== 'timeout') {
      if (first.error) return { kind: 'not-started', reason: first.error.message, notFound: first.error.code === 'ENOENT' };
      outLines.flush();
      errLines.flush();
      return { kind: 'exited', ...(await exited), stdout, stderrTail };
    }
    const stoppedWith = await stop(child, { exited, closed }, call);
    outLines.flush();
    errLines.flush();
    return { kind: 'timeout', stoppedWith, stdout, stderrTail };
  } finally {
    timers.abort();
    process.removeListener('exit', killOnExit);
  }
}

async function stop(child: ChildProcess, ends: { exited: Promise<unknown>; closed: Promise<unknown> }, call: CliCall): Promise<NodeJS.Signals> {
  killGroup(child, 'SIGTERM');
  const grace = new AbortController();
  const graceful = await Promise.race([
    ends.closed.then(() => true),
    call.clock.sleep(call.graceMs ?? defaultGraceMs, grace.signal).then(
      () => false,
      () => true,
    ),
  ]);
  grace.abort();
  if (!graceful) killGroup(child, 'SIGKILL');
  // A child that never started has no exit event, only close (after its error).
  await Promise.race([ends.exited, ends.closed]);
  child.stdout?.destroy();
  child.stderr?.destroy();
  return graceful ? 'SIGTERM' : 'SIGKILL';
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function lineSplitter(onLine: (line: string) => void): { push: (chunk: Buffer) => void; flush: () => void } {
  let pending = '';
  return {
    push: (chunk) => {
      const parts = (pending + chunk.toString('utf8')).split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) onLine(part);
    },
    flush: () => {
      if (pending.trim()) onLine(pending);
      pending = '';
    },
  };
}
