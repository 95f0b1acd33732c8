/**
 * A child process supervised to its end: its own process group, output split into lines, and a
 * timeout or cancellation that stops the whole group (SIGTERM, then SIGKILL after a grace
 * period), so nothing it started outlives it. Used for evaluator commands and the Databricks CLI.
 *
 * Why node:child_process and not @actions/exec (which the command target uses): @actions/exec
 * takes no timeout and no AbortSignal and never exposes the child, so it cannot stop a hung
 * evaluator or `bundle run`. The timeout and the grace period are sleeps on the injected clock,
 * so tests never wait for them.
 */
import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Clock } from './clock';

export interface SupervisedCall {
  program: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  graceMs?: number;
  clock: Clock;
  /** Cancels the run: the group is stopped as on a timeout. */
  signal?: AbortSignal;
  /** Every output line, stdout and stderr, as it arrives (already split; empty lines dropped). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Told before each signal sent to the group, and why, so callers can log it. */
  onStop?: (why: 'timeout' | 'cancelled' | 'grace-expired' | 'left-running') => void;
}

/** `tail`: the last lines of both streams; `stderrTail`: of stderr alone. */
interface Output {
  stdout: string;
  tail: string[];
  stderrTail: string[];
}

export type SupervisedOutcome =
  | ({ kind: 'exited'; code: number | null; signal: NodeJS.Signals | null } & Output)
  | ({ kind: 'timeout'; stoppedWith: NodeJS.Signals } & Output)
  | ({ kind: 'cancelled'; reason: unknown; stoppedWith: NodeJS.Signals } & Output)
  | { kind: 'not-started'; reason: string; notFound: boolean };

const tailLines = 20;
// Callers parse stdout (e.g. `bundle summary --output json`); more than this would be a runaway.
const stdoutCap = 8 * 1024 * 1024;
export const defaultGraceMs = 10_000;
/** After the leader exits, how long its output may take to end before what holds it is stopped. */
const drainMs = 250;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

export async function supervise(call: SupervisedCall): Promise<SupervisedOutcome> {
  // Looked up here, not imported: node:child_process (with net and dgram) is 1-2 ms of the
  // start-up of every run, and gate and promote never start a process.
  const { spawn } = process.getBuiltinModule('node:child_process');
  let child: ChildProcess;
  try {
    child = spawn(call.program, [...call.args], { cwd: call.cwd, env: call.env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  } catch (error) {
    return { kind: 'not-started', reason: (error as Error).message, notFound: (error as NodeJS.ErrnoException).code === 'ENOENT' };
  }
  const output: Output = { stdout: '', tail: [], stderrTail: [] };
  const keep = (lines: string[], line: string): void => {
    lines.push(line);
    if (lines.length > tailLines) lines.shift();
  };
  const outLines = lineSplitter((line) => {
    keep(output.tail, line);
    call.onLine?.(line, 'stdout');
  });
  const errLines = lineSplitter((line) => {
    keep(output.tail, line);
    keep(output.stderrTail, line);
    call.onLine?.(line, 'stderr');
  });
  // One decoder per stream: a multi-byte character split across two chunks stays whole.
  const stdoutText = new StringDecoder('utf8');
  child.stdout?.on('data', (chunk: Buffer) => {
    if (output.stdout.length < stdoutCap) output.stdout += stdoutText.write(chunk);
    outLines.push(chunk);
  });
  child.stderr?.on('data', errLines.push);
  const flush = (): void => {
    outLines.flush();
    errLines.flush();
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const closed = new Promise<{ error?: NodeJS.ErrnoException }>((resolve) => {
    child.once('close', () => resolve({}));
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ error }));
  });
  // If this process dies first, the detached group would run on with no one to stop it.
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const timers = new AbortController();
  const timedOut = call.clock.sleep(call.timeoutMs, timers.signal).then(
    () => 'timeout' as const,
    () => new Promise<never>(() => undefined),
  );
  let onAbort = (): void => undefined;
  const cancelled = new Promise<'cancelled'>((resolve) => {
    onAbort = () => resolve('cancelled');
    if (call.signal?.aborted) onAbort();
    else call.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const first = await Promise.race([closed, exited.then(() => 'exited' as const), timedOut, cancelled]);
    if (typeof first === 'object' && first.error) return { kind: 'not-started', reason: first.error.message, notFound: first.error.code === 'ENOENT' };
    if (first === 'exited' || typeof first === 'object') {
      // The leader is done. Its output ends when every process holding the pipes is gone; one it
      // left running (`server &`, a worker pool) is stopped like a runner's orphan cleanup would.
      const drained = await Promise.race([closed.then(() => true), delay(drainMs).then(() => false)]);
      if (!drained || (child.pid !== undefined && groupAlive(child.pid))) {
        call.onStop?.('left-running');
        await stop(child, { exited, closed }, call);
      }
      flush();
      return { kind: 'exited', ...(await exited), ...output };
    }
    call.onStop?.(first);
    const stoppedWith = await stop(child, { exited, closed }, call);
    flush();
    return first === 'timeout' ? { kind: 'timeout', stoppedWith, ...output } : { kind: 'cancelled', reason: call.signal?.reason, stoppedWith, ...output };
  } finally {
    timers.abort();
    call.signal?.removeEventListener('abort', onAbort);
    process.removeListener('exit', killOnExit);
  }
}

/**
 * SIGTERM to the group, SIGKILL if it is still there after the grace period. Stopped means the
 * pipes closed: the leader and every process that inherited its output are gone.
 */
async function stop(child: ChildProcess, ends: { exited: Promise<unknown>; closed: Promise<unknown> }, call: SupervisedCall): Promise<NodeJS.Signals> {
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
  if (!graceful) {
    call.onStop?.('grace-expired');
    killGroup(child, 'SIGKILL');
  }
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

function groupAlive(pgid: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Chunks to whole lines (a line may arrive in pieces); empty lines are dropped. */
function lineSplitter(onLine: (line: string) => void): { push: (chunk: Buffer) => void; flush: () => void } {
  let pending = '';
  const decoder = new StringDecoder('utf8');
  return {
    push: (chunk) => {
      const parts = (pending + decoder.write(chunk)).split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) onLine(part);
    },
    flush: () => {
      pending += decoder.end();
      if (pending.trim()) onLine(pending);
      pending = '';
    },
  };
}
