import { existsSync, mkdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { acquireFileLock, LockHeldError, LockLostError, type FileLockOptions } from '../../src/registry/file-lock';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
let lockPath: string;
beforeEach(async () => {
  ws = await makeWorkspace();
  lockPath = path.join(ws.dir, 'state.json.lock');
});
afterEach(() => ws.cleanup());

const quick: FileLockOptions = { staleMs: 10_000, retries: 3, minWaitMs: 1, maxWaitMs: 5, factor: 2 };
const longAgo = new Date(Date.now() - 60_000);

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`never ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('file lock', () => {
  it('is held as a directory until released', async () => {
    const lock = await acquireFileLock(lockPath, quick);
    expect(statSync(lockPath).isDirectory()).toBe(true);
    lock.assertHeld();
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    lock.release();
  });

  it('gives one holder at a time: the second waits for the first to release', async () => {
    const order: string[] = [];
    const first = await acquireFileLock(lockPath, quick);
    const second = acquireFileLock(lockPath, { ...quick, retries: 1_000 }).then((lock) => {
      order.push('second acquired');
      lock.release();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push('first released');
    first.release();
    await second;
    expect(order).toEqual(['first released', 'second acquired']);
  });

  it('gives up on a lock another process keeps fresh, and leaves it in place', async () => {
    mkdirSync(lockPath);
    await expect(acquireFileLock(lockPath, quick)).rejects.toThrow(LockHeldError);
    expect(statSync(lockPath).isDirectory()).toBe(true);
  });

  it('takes over a lock nobody refreshed for longer than staleMs (its holder died)', async () => {
    mkdirSync(lockPath);
    utimesSync(lockPath, longAgo, longAgo);
    const lock = await acquireFileLock(lockPath, { ...quick, retries: 0 });
    expect(Date.now() - statSync(lockPath).mtimeMs).toBeLessThan(10_000);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('refreshes the lock while held, so a long hold is not taken for a dead one', async () => {
    const lock = await acquireFileLock(lockPath, { ...quick, staleMs: 200 });
    utimesSync(lockPath, longAgo, longAgo);
    await until(() => Date.now() - statSync(lockPath).mtimeMs < 60_000, 'refreshed');
    lock.release();
  });

  it('tells a holder that stalled past staleMs, and was taken over, that it no longer holds the lock; its release leaves the new holder\'s lock', async () => {
    const stalled = await acquireFileLock(lockPath, quick);
    // As if it stopped for a minute: no refresh came, so the next process finds the lock stale.
    utimesSync(lockPath, longAgo, longAgo);
    const next = await acquireFileLock(lockPath, { ...quick, retries: 0 });
    expect(() => stalled.assertHeld()).toThrow(LockLostError);
    stalled.release();
    expect(statSync(lockPath).isDirectory()).toBe(true);
    next.assertHeld();
    next.release();
    expect(existsSync(lockPath)).toBe(false);
  });
});
