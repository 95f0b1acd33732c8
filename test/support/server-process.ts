import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * What the harnesses of real servers (MLflow, Prometheus) share: a free loopback port, a health
 * probe, the tail of the server's output for failure messages, and stopping its whole process
 * group (a server's workers may outlive its parent for a moment).
 */

/**
 * Spawns a server in a process group of its own (so that stopping it reaches every process it
 * starts) that also ends with this process, however this process ends. Jest gives tests a copy
 * of `process` whose 'exit' never fires, and a worker can die by a signal, so nothing here can
 * be relied on to stop the server: a watcher in the group reads a pipe only this process writes
 * to, and when the pipe closes it removes `removeWith` and kills the group.
 */
export function spawnServerGroup(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; removeWith: string[] }): ChildProcess {
  const removeArgs = options.removeWith.flatMap((dir) => ['--remove', dir]);
  return spawn('bash', ['-c', serverGroupScript, 'server-group', ...removeArgs, '--', command, ...args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** `$@`: `--remove <dir>`... `--` command args. The exit status is the server's. */
const serverGroupScript = `
dirs=()
while [ "$1" = --remove ]; do dirs+=("$2"); shift 2; done
shift
exec 3<&0
"$@" </dev/null 3<&- &
server=$!
{ cat <&3 >/dev/null; rm -rf -- "\${dirs[@]}"; kill -KILL 0; } &
exec 3<&-
wait "$server"
`;

/** Lets this process exit while `child` runs (it then ends with this process, see spawnServerGroup). */
export function unrefChild(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
}

/** SIGTERM to the group, SIGKILL if it lingers, then wait until no member of the group is left. */
export async function terminateGroup(child: ChildProcess, exited: Promise<unknown>, name: string): Promise<void> {
  if (child.pid === undefined) return;
  killGroup(child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceful = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 10_000)))]);
  clearTimeout(timer);
  if (!graceful) killGroup(child, 'SIGKILL');
  // The group is empty once kill(-pgid, 0) fails.
  for (let i = 0; i < 100 && groupAlive(child.pid); i++) {
    if (i === 40) killGroup(child, 'SIGKILL');
    await sleep(100);
  }
  if (groupAlive(child.pid)) throw new Error(`${name} process group ${child.pid} is still running after SIGKILL`);
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when `url` answers 2xx within two seconds. */
export async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.text();
    return res.ok;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The last `max` characters a server printed, shown as its last 40 lines. */
export function tailBuffer(max: number): { push(text: string): void; text(): string } {
  let buffer = '';
  return {
    push: (text) => {
      buffer = (buffer + text).slice(-max);
    },
    text: () => buffer.trimEnd().split('\n').slice(-40).join('\n'),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
