import { fstatSync, writeSync } from 'node:fs';

/** Runs that keep work in flight while they log: requests, bakes, probes, deploy commands. */
const keepsWorkInFlight = new Set(['evaluate', 'deploy', 'verify', 'rollback', 'shadow']);

/**
 * Writes text to stdout (1) or stderr (2) for a run of `command` (a CLI command or the action's
 * mode). A short run (gate, promote, merge, detect, registry, help) writes to a pipe, socket, file,
 * terminal or device straight through the descriptor, synchronously: process.stdout and
 * process.stderr load node:net and open a stream first, 1.3 ms of a gate's start-up
 * (bench/startup.mjs). Its report fits a pipe's buffer; one that does not waits for the reader, as
 * the run would to exit. A run that keeps work in flight keeps Node's streams, which buffer when a
 * pipe is full: a direct write to a pipe whose reader stalls (a paused pager) would block until it
 * reads, and with it the rollout's timers and its SIGTERM. So do Windows (whose console and pipes
 * Node's streams handle) and a closed descriptor. A reader that has gone (EPIPE) ends the output,
 * not the run; any other failure to write (a full disk under `gate --json > decision.json`) ends
 * it too, and the run exits 1 saying so on the other stream, rather than leave a cut file behind a
 * success.
 */
export function stdioWriter(fd: 1 | 2, command: string | undefined): (text: string) => void {
  let write: ((text: string) => void) | undefined;
  return (text) => (write ??= writerFor(fd, command))(text);
}

/** Whether a run of `command` writes straight through its descriptors (see stdioWriter). */
export function writesDirectly(command: string | undefined): boolean {
  return process.platform !== 'win32' && !keepsWorkInFlight.has(command ?? '');
}

/**
 * Ends a finished short run without tearing down its heap: about 1 ms of a gate (bench/startup.mjs).
 * Everything it printed was written synchronously (see stdioWriter), a failed write included, and
 * it awaited everything it started. 'exit' handlers still run.
 */
export function exitIfShortRun(command: string | undefined): void {
  if (writesDirectly(command)) process.exit();
}

/** Whether `fd` is a terminal. Only a character device can be one, and only then are Node's streams opened to ask. */
export function isTerminal(fd: 1 | 2): boolean {
  return characterDevice(fd) && (fd === 1 ? process.stdout : process.stderr).isTTY === true;
}

function writerFor(fd: 1 | 2, command: string | undefined): (text: string) => void {
  if (!writesDirectly(command) || closed(fd)) {
    const stream = reportStreamFailures(fd);
    return (text) => void stream.write(text);
  }
  return (text) => writeFully(Buffer.from(text), (bytes, at) => writeSync(fd, bytes, at), (error) => outputFailed(fd, error));
}

const reported = new Set<number>();

/**
 * Process.stdout or process.stderr, its failed writes reported as the direct ones are. Also for
 * code that writes the stream itself (@actions/core's getIDToken writes ::add-mask::): without a
 * listener, a write that fails is an 'error' event, which ends the process with a stack.
 */
export function reportStreamFailures(fd: 1 | 2): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (!reported.has(fd)) stream.on('error', (error: NodeJS.ErrnoException) => outputFailed(fd, error));
  reported.add(fd);
  return stream;
}

let failed = false;

function outputFailed(fd: 1 | 2, error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || failed) return;
  failed = true;
  process.once('exit', (code) => {
    if (code === 0) process.exitCode = 1;
    try {
      writeSync(fd === 1 ? 2 : 1, `agent-release: could not write to ${fd === 1 ? 'stdout' : 'stderr'} (${error.message}); what it printed there is incomplete\n`);
    } catch {
      // Neither stream takes it: the exit code says it.
    }
  });
}

function closed(fd: number): boolean {
  try {
    fstatSync(fd);
    return false;
  } catch {
    return true;
  }
}

function characterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    // A closed descriptor: Node's streams know what to do with one.
    return true;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `bytes` with `writeAt`, which writes from an offset and returns how many bytes it
 * wrote (fs.writeSync). A pipe may take part of them; a descriptor that Node's own stream for it
 * made non-blocking (@actions/core writing through process.stdout), or a parent shared so, may be
 * full (EAGAIN), and is waited on. Any other failure ends the text, and is told to `onFailure`.
 */
export function writeFully(bytes: Buffer, writeAt: (bytes: Buffer, at: number) => number, onFailure: (error: NodeJS.ErrnoException) => void): void {
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeAt(bytes, at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return onFailure(error as NodeJS.ErrnoException);
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}
