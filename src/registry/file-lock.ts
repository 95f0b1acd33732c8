import { mkdirSync, rmdirSync, statSync, utimesSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FileLockOptions {
  /** A lock not refreshed for this long belongs to a process that died; it is taken over. */
  staleMs: number;
  /** Waits before giving up on a lock another process holds and refreshes. */
  retries: number;
  /** The first wait; each next one grows by `factor`, jittered up to twice that, and is at most `maxWaitMs`. */
  minWaitMs: number;
  maxWaitMs: number;
  factor: number;
}

/** Another process holds the lock and kept it fresh through every retry. */
export class LockHeldError extends Error {
  readonly code = 'ELOCKED';
}

/**
 * Takes an exclusive lock held as the directory `lockPath` (mkdir is atomic, on network
 * filesystems too) and returns its release. While held, its mtime is refreshed every
 * `staleMs / 2`, so a lock left by a process that died is told from one in use and taken over.
 *
 * proper-lockfile did this before; it loads graceful-fs (which patches fs) and signal-exit (which
 * loads node:assert and hooks every signal) on every run: 4-7 ms of a gate's start-up. The
 * shells turn SIGINT and SIGTERM into a cancellation that runs `release`; an exit without it
 * removes the lock too.
 */
export async function acquireFileLock(lockPath: string, options: FileLockOptions): Promise<() => void> {
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lockPath)) return holdLock(lockPath, options.staleMs);
    if (takeOverIfStale(lockPath, options.staleMs)) continue;
    if (attempt >= options.retries) throw new LockHeldError(`${lockPath} is held by another process`);
    await sleep(Math.min(options.maxWaitMs, options.minWaitMs * options.factor ** attempt * (1 + Math.random())));
  }
}

function tryCreate(lockPath: string): boolean {
  try {
    mkdirSync(lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** True when the lock was stale and is gone now (or went while we looked): try again at once. */
function takeOverIfStale(lockPath: string, staleMs: number): boolean {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(lockPath).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  if (Date.now() - mtimeMs <= staleMs) return false;
  removeLock(lockPath);
  return true;
}

function holdLock(lockPath: string, staleMs: number): () => void {
  const refresh = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(lockPath, now, now);
    } catch {
      // Gone or unwritable: the next holder's mkdir decides; this process finishes its write.
    }
  }, staleMs / 2);
  refresh.unref();
  const release = (): void => {
    clearInterval(refresh);
    process.removeListener('exit', release);
    try {
      removeLock(lockPath);
    } catch {
      // The change under the lock is made; a lock left behind goes stale and the next run says why it cannot take it over.
    }
  };
  process.once('exit', release);
  return release;
}

function removeLock(lockPath: string): void {
  try {
    rmdirSync(lockPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
