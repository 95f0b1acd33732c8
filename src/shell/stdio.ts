import { fstatSync, writeSync } from 'node:fs';

/**
 * Writes text to stdout (1) or stderr (2). A pipe, socket or file (a runner's log, a redirect) on
 * Linux or macOS is written straight to the descriptor, synchronously, as Node writes pipes and
 * files there anyway: process.stdout and process.stderr load node:net and open a stream first,
 * 1.3 ms of every short run's start-up (bench/startup.mjs). A terminal, and Windows (whose console
 * and pipes Node's streams handle), keep Node's streams. A reader that has gone (EPIPE) ends the
 * output, not the run: a release in progress is not stopped by the log it writes.
 */
export function stdioWriter(fd: 1 | 2): (text: string) => void {
  let write: ((text: string) => void) | undefined;
  return (text) => (write ??= writerFor(fd))(text);
}

/** Whether `fd` is a terminal. Only a character device can be one, and only then are Node's streams opened to ask. */
export function isTerminal(fd: 1 | 2): boolean {
  return characterDevice(fd) && (fd === 1 ? process.stdout : process.stderr).isTTY === true;
}

function writerFor(fd: 1 | 2): (text: string) => void {
  if (process.platform === 'win32' || characterDevice(fd)) {
    const stream = fd === 1 ? process.stdout : process.stderr;
    return (text) => void stream.write(text);
  }
  return (text) => writeFully(Buffer.from(text), (bytes, at) => writeSync(fd, bytes, at));
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
 * wrote (fs.writeSync). A pipe may take part of them; a descriptor shared with a parent that made
 * it non-blocking may be full (EAGAIN), and is waited on. Any other failure ends the text.
 */
export function writeFully(bytes: Buffer, writeAt: (bytes: Buffer, at: number) => number): void {
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeAt(bytes, at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}
