import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueHex } from '../random-ids';

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

/** This process stalled past `staleMs` and another took the lock over: what it was about to write would undo theirs. */
export class LockLostError extends Error {
  readonly code = 'ECOMPROMISED';
}

export interface HeldLock {
  /** Throws LockLostError unless the lock is still this holder's: call it just before the write it guards. */
  assertHeld(): void;
  release(): void;
}

const ownerFile = 'owner';

/**
 * Takes an exclusive lock held as the directory `lockPath` (mkdir is atomic, on network
 * filesystems too) holding an owner token. While held, its mtime is refreshed every
 * `staleMs / 2`, so a lock left by a process that died is told from one in use and taken over;
 * a holder that was only stalled (stopped, swapped out) finds the token changed and writes nothing.
 *
 * proper-lockfile did this before; it loads graceful-fs (which patches fs) and signal-exit (which
 * loads node:assert and hooks every signal) on every run: 4-7 ms of a gate's start-up. The
 * shells turn SIGINT and SIGTERM into a cancellation that runs `release`; an exit without it
 * removes the lock too.
 */
export async function acquireFileLock(lockPath: string, options: FileLockOptions): Promise<HeldLock> {
  const token = `${process.pid}.${uniqueHex(8)}`;
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lockPath, token)) return holdLock(lockPath, token, options.staleMs);
    if (takeOverIfStale(lockPath, options.staleMs)) continue;
    if (attempt >= options.retries) throw new LockHeldError(`${lockPath} is held by another process`);
    await sleep(Math.min(options.maxWaitMs, options.minWaitMs * options.factor ** attempt * (1 + Math.random())));
  }
}

function tryCreate(lockPath: string, token: string): boolean {
  try {
    mkdirSync(lockPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  writeFileSync(path.join(lockPath, ownerFile), token);
  return true;
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
  rmSync(lockPath, { recursive: true, force: true });
  return true;
}

function ownerOf(lockPath: string): string | undefined {
  try {
    return readFileSync(path.join(lockPath, ownerFile), 'utf8');
  } catch {
    return undefined;
  }
}

function holdLock(lockPath: string, token: string, staleMs: number): HeldLock {
  const refresh = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(lockPath, now, now);
    } catch {
      // Gone or unwritable: assertHeld says so before the write it guards.
    }
  }, staleMs / 2);
  refresh.unref();
  const release = (): void => {
    clearInterval(refresh);
    process.removeListener('exit', release);
    // Never another holder's lock: one that took this over after a stall keeps it.
    if (ownerOf(lockPath) !== token) return;
    try {
      rmSync(lockPath, { recursive: true, force: true });
    } catch {
      // The change under the lock is made; a lock left behind goes stale and the next run takes it over.
    }
  };
  process.once('exit', release);
  return {
    assertHeld: () => {
      if (ownerOf(lockPath) !== token) throw new LockLostError(`${lockPath} was taken over by another process before this one wrote (a lock not refreshed for ${staleMs / 1000} s is taken for a dead holder's)`);
    },
    release,
  };
}
