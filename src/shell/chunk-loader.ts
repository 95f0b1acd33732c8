import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { fnv1a } from '../fnv';
import { fletcher4, webAssemblyAvailable } from '../hash/wasm-hashes';

/**
 * The global the bundle's chunk runtime calls instead of `import()` (scripts/bundle.mjs rewrites
 * it). Node's compile cache serialises a module as soon as it is compiled, so it keeps only the
 * functions V8 compiled eagerly: a gate still compiled about 1,000 functions lazily on every run,
 * some 20 ms. A chunk run as a script can be serialised after the run, with every function that
 * run used (bench/startup.mjs).
 */
export const CHUNK_LOADER_GLOBAL = '__agentReleaseLoadChunk';

/** A chunk as the bundle's runtime installs it. */
export type LoadChunk = (url: URL, digest: string) => Promise<unknown>;

export interface ChunkLoader {
  load: LoadChunk;
  /** Writes the code cache of each chunk loaded without a usable one; returns the files written. */
  persist: () => string[];
  /**
   * Persists, then neither reads nor writes caches: for before the process changes a V8 flag.
   * A cache is checked against the flags, so one read or written after the change would not
   * match the next run's, whose chunks may load before it changes them.
   */
  settle: () => void;
}

interface PendingCache {
  cacheFile: string;
  stamp: string;
  script: vm.Script;
  /** The kinds of run whose functions the cache will hold, this one's included. */
  kinds: string[];
}

interface StampedCache {
  data: Buffer;
  kinds: string[];
}

/** More kinds than a shell has commands: a cache keeps growing no further. */
const maxKinds = 24;

/**
 * Loads chunks with their code cache from `cacheDir`. A cache file is named by the chunk's digest
 * (computed when bundling), its path (two installs keep a cache each), Node's version and the
 * node flags the process started with (V8 rejects a cache made under other flags, so each set
 * keeps its own). It starts with the size, mtime and ctime the chunk had when it was written: a
 * chunk edited in place, even with its mtime put back, or checked out again, is compiled afresh.
 * A cache directory that other users could write to is neither read nor written, since a code
 * cache is code. Any failure to read or write a cache only costs the compile it would have saved.
 *
 * `runKind` names what this run does (the command or the action's mode). A gate after an
 * evaluate finds the chunks it shares with it cached, but without the functions only a gate
 * calls, and compiled them on every run (3 ms of its start-up); so a cache is written again, with
 * everything the run compiled, the first time each kind of run uses it.
 */
export function createChunkLoader(cacheDir: string | undefined, nodeFlags = '', runKind = ''): ChunkLoader {
  const flagsPart = nodeFlags.trim() ? `-${shortName(nodeFlags.trim())}` : '';
  const kind = /^[a-z][a-z0-9-]{0,31}$/.test(runKind) ? runKind : undefined;
  const pending: PendingCache[] = [];
  let trusted: boolean | undefined;
  let settled = false;
  // Without WebAssembly (node --jitless) there is no checksum to check a cache with.
  const cacheUsable = (): boolean => (trusted ??= webAssemblyAvailable && cacheDir !== undefined && ownedPrivateDirectory(cacheDir));

  const loadNow = (url: URL, digest: string): unknown => {
    const file = fileURLToPath(url);
    const source = readFileSync(file, 'utf8');
    const { size, mtimeMs, ctimeMs } = statSync(file);
    const stamp = `${size} ${mtimeMs} ${ctimeMs}`;
    const cacheFile = cacheDir === undefined || settled ? undefined : path.join(cacheDir, `${digest}-${shortName(file)}-${process.version}-${process.arch}${flagsPart}.bin`);
    const cached = cacheFile !== undefined && cacheUsable() ? readStamped(cacheFile, stamp) : undefined;
    const script = new vm.Script(source, {
      filename: file,
      cachedData: cached?.data,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const kinds = kind === undefined ? [] : [kind];
    if (cacheFile !== undefined) {
      if (cached === undefined || script.cachedDataRejected === true) pending.push({ cacheFile, stamp, script, kinds });
      else if (kind !== undefined && !cached.kinds.includes(kind) && cached.kinds.length < maxKinds) pending.push({ cacheFile, stamp, script, kinds: [...cached.kinds, kind] });
    }
    return script.runInThisContext();
  };

  const persist = (): string[] => {
    if (cacheDir === undefined || pending.length === 0) return [];
    // One level at a time: a recursive mkdir under /proc loops forever (EEXIST, ENOENT, again).
    for (const dir of [path.dirname(cacheDir), cacheDir]) {
      try {
        mkdirSync(dir, { mode: 0o700 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return [];
      }
    }
    trusted = undefined;
    if (!cacheUsable()) return [];
    const written: string[] = [];
    for (const { cacheFile, stamp, script, kinds } of pending.splice(0)) {
      const partial = `${cacheFile}.${process.pid}.tmp`;
      try {
        const data = script.createCachedData();
        writeFileSync(partial, Buffer.concat([Buffer.from(`${[stamp, fletcher4(data), ...(kinds.length > 0 ? [kinds.join(',')] : [])].join(' ')}\n`), data]), { mode: 0o600 });
        renameSync(partial, cacheFile);
        written.push(cacheFile);
      } catch {
        // A full or read-only temp directory: the next run compiles again. No partial file stays to fill it.
        try {
          rmSync(partial, { force: true });
        } catch {
          // Nothing was written.
        }
      }
    }
    return written;
  };

  return {
    load: (url, digest) => new Promise((resolve) => resolve(loadNow(url, digest))),
    persist,
    settle: () => {
      persist();
      settled = true;
    },
  };
}

/**
 * Where the shells keep chunk caches: beside Node's own compile cache, in the directory
 * NODE_COMPILE_CACHE names (a workflow may keep it between jobs) or the temp directory, and
 * nowhere when NODE_DISABLE_COMPILE_CACHE is set.
 */
export function chunkCacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  return path.join(env.NODE_COMPILE_CACHE || path.join(os.tmpdir(), 'node-compile-cache'), 'agent-release');
}

/**
 * Makes the bundle's chunks load through a cached loader, and writes the caches at exit, or
 * earlier through the returned loader's `settle`, before the process changes a V8 flag.
 */
export function installChunkLoader(env: NodeJS.ProcessEnv, runKind: string | undefined): ChunkLoader {
  const loader = createChunkLoader(chunkCacheDirectory(env), `${process.execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''}`, runKind);
  (globalThis as Record<string, unknown>)[CHUNK_LOADER_GLOBAL] = loader.load;
  process.once('exit', () => loader.persist());
  return loader;
}

/**
 * The cache after its header line (`<chunk's size> <mtime> <ctime> <checksum of the cache> <kinds
 * of run it holds, comma-separated>`), when the header matches the chunk and the cache its
 * checksum. V8 checks only a cache's length and flags: a damaged cache of the right length
 * crashed the process on every run. Its own checksum check (--verify-snapshot-checksum) costs
 * 10 ms a run, SHA-256 about 5 ms with loading node:crypto, Fletcher-4 in WebAssembly under 1 ms.
 */
function readStamped(cacheFile: string, stamp: string): StampedCache | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const end = data.indexOf(10);
  if (end < 0) return undefined;
  const header = data.subarray(0, end).toString('latin1');
  if (!header.startsWith(`${stamp} `)) return undefined;
  const [hash, kinds = ''] = header.slice(stamp.length + 1).split(' ');
  const cache = data.subarray(end + 1);
  return hash === fletcher4(cache) ? { data: cache, kinds: kinds.split(',').filter(Boolean) } : undefined;
}

function ownedPrivateDirectory(dir: string): boolean {
  try {
    const stats = lstatSync(dir);
    if (!stats.isDirectory()) return false;
    // Windows reports no owner, and each user's temp directory is their own.
    if (process.platform === 'win32' || process.getuid === undefined) return true;
    return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** A short, stable name for a string: file names, not security. */
function shortName(text: string): string {
  return (fnv1a(text) >>> 0).toString(16).padStart(8, '0');
}
