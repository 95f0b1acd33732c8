import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHUNK_LOADER_GLOBAL, chunkCacheDirectory, createChunkLoader } from '../../src/shell/chunk-loader';

// One process compiles a source once (V8 keeps it per isolate), so whether a later run accepts the
// cache is tested across processes, on the bundle, in test/e2e/cli.test.ts.

interface Chunk {
  id: number;
  ids: number[];
  modules: Record<number, (module: { exports: unknown }) => void>;
}

let dir: string;
let cacheDir: string;
let chunkFile: string;
const digest = '0123456789abcdef';

/** A chunk as scripts/bundle.mjs writes one, whose module does some work in functions of its own. */
function writeChunk(answer: number): void {
  const helpers = Array.from({ length: 40 }, (_, i) => `function helper${i}(x) { return [x, ${i}].map((v) => v * 2).reduce((a, b) => a + b, 0); }`).join('\n');
  writeFileSync(
    chunkFile,
    `'use strict';\n({ id: 7, ids: [7], modules: {\n7: (module) => {\n${helpers}\nmodule.exports = { answer: () => ${answer}, work: () => [${Array.from({ length: 40 }, (_, i) => `helper${i}(1)`).join(', ')}] };\n}\n} })\n`,
  );
}

async function load(loader = createChunkLoader(cacheDir)): Promise<{ exports: { answer: () => number; work: () => number[] }; loader: typeof loader }> {
  const chunk = (await loader.load(pathToFileURL(chunkFile), digest)) as Chunk;
  const module = { exports: {} as { answer: () => number; work: () => number[] } };
  chunk.modules[7]!(module as { exports: unknown });
  return { exports: module.exports, loader };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'chunk-loader-'));
  cacheDir = path.join(dir, 'cache', 'agent-release');
  chunkFile = path.join(dir, '7.index.js');
  writeChunk(42);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the chunk loader', () => {
  it('loads a chunk and writes its code cache after the run, stamped with the chunk\'s size and mtime', async () => {
    const first = await load();
    expect(first.exports.answer()).toBe(42);
    const written = first.loader.persist();
    expect(written).toHaveLength(1);
    expect(path.basename(written[0]!)).toMatch(new RegExp(`^${digest}-[0-9a-f]{8}-${process.version}-${process.arch}\\.bin$`));
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    const { size, mtimeMs, ctimeMs } = statSync(chunkFile);
    expect(readFileSync(written[0]!, 'latin1')).toMatch(new RegExp(`^${size} ${mtimeMs} ${ctimeMs} [0-9a-f]+(-[0-9a-f]+){4}\n`));
  });

  it('keeps a cache for each set of node flags, since V8 rejects one made under other flags', async () => {
    const plain = (await load(createChunkLoader(cacheDir))).loader.persist();
    const flagged = (await load(createChunkLoader(cacheDir, '--stack-size=2000 '))).loader.persist();
    (await load(createChunkLoader(cacheDir, ' --stack-size=2000'))).loader.persist();
    expect(plain[0]).toMatch(/-x64\.bin$|-arm64\.bin$/);
    expect(flagged[0]).toMatch(/-[0-9a-f]{8}\.bin$/);
    expect(flagged[0]).not.toBe(plain[0]);
    expect(readdirSync(cacheDir).sort()).toEqual([path.basename(plain[0]!), path.basename(flagged[0]!)].sort());
  });

  it('once settled (a V8 flag is about to change), writes what it has and caches nothing it loads later', async () => {
    const loader = createChunkLoader(cacheDir);
    await load(loader);
    loader.settle();
    expect(readdirSync(cacheDir)).toHaveLength(1);
    rmSync(cacheDir, { recursive: true });
    const later = await load(loader);
    expect(later.exports.answer()).toBe(42);
    expect(loader.persist()).toEqual([]);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('keeps the functions the run compiled, not only those compiled up front', async () => {
    const idle = await load();
    const idleSize = statSync(idle.loader.persist()[0]!).size;
    rmSync(cacheDir, { recursive: true });
    const busy = await load();
    expect(busy.exports.work()).toHaveLength(40);
    const busySize = statSync(busy.loader.persist()[0]!).size;
    expect(busySize).toBeGreaterThan(idleSize);
  });

  it('writes a cache again, once, for each kind of run that uses it, so it holds what each compiled', async () => {
    const header = (file: string): string => readFileSync(file, 'latin1').split('\n')[0]!;
    const cacheFile = (await load(createChunkLoader(cacheDir, '', 'evaluate'))).loader.persist()[0]!;
    expect(header(cacheFile)).toMatch(/ evaluate$/);
    const gate = await load(createChunkLoader(cacheDir, '', 'gate'));
    expect(gate.exports.work()).toHaveLength(40);
    expect(gate.loader.persist()).toEqual([cacheFile]);
    expect(header(cacheFile)).toMatch(/ evaluate,gate$/);
    expect((await load(createChunkLoader(cacheDir, '', 'gate'))).loader.persist()).toEqual([]);
    expect((await load(createChunkLoader(cacheDir, '', 'evaluate'))).loader.persist()).toEqual([]);
    // Not a command's name (an option, a typo's worth of text): read as it is, never written for.
    expect((await load(createChunkLoader(cacheDir, '', '--help'))).loader.persist()).toEqual([]);
    expect(header(cacheFile)).toMatch(/ evaluate,gate$/);
  });

  it('compiles a chunk changed in place afresh, even with its size and mtime put back, and runs the new code', async () => {
    (await load()).loader.persist();
    const { atime, mtime } = statSync(chunkFile);
    writeChunk(43);
    utimesSync(chunkFile, atime, mtime);
    const changed = await load();
    expect(changed.exports.answer()).toBe(43);
    expect(changed.loader.persist()).toHaveLength(1);
  });

  it('ignores a cache damaged after it was written, of the same length, and writes it again', async () => {
    const cacheFile = (await load()).loader.persist()[0]!;
    const data = readFileSync(cacheFile);
    data.fill(0, data.length >> 1, (data.length >> 1) + 64);
    writeFileSync(cacheFile, data);
    const again = await load();
    expect(again.exports.answer()).toBe(42);
    expect(again.loader.persist()).toEqual([cacheFile]);
    expect(readFileSync(cacheFile).equals(data)).toBe(false);
  });

  it('neither reads nor writes a cache directory that others can write to', async () => {
    const cacheFile = (await load()).loader.persist()[0]!;
    writeFileSync(cacheFile, 'planted');
    chmodSync(cacheDir, 0o777);
    const shared = await load();
    expect(shared.exports.answer()).toBe(42);
    expect(shared.loader.persist()).toEqual([]);
    expect(readFileSync(cacheFile, 'utf8')).toBe('planted');
  });

  it('still loads when the cache directory cannot be made, and writes nothing', async () => {
    writeFileSync(path.join(dir, 'cache'), 'a file where the directory would go');
    const blocked = await load();
    expect(blocked.exports.answer()).toBe(42);
    expect(blocked.loader.persist()).toEqual([]);
  });

  it('gives up on a cache directory under /proc at once (a recursive mkdir there never returns)', async () => {
    const proc = await load(createChunkLoader('/proc/self/node-compile-cache/agent-release'));
    expect(proc.exports.answer()).toBe(42);
    expect(proc.loader.persist()).toEqual([]);
  });

  it('loads without any cache when there is no cache directory', async () => {
    const uncached = await load(createChunkLoader(undefined));
    expect(uncached.exports.answer()).toBe(42);
    expect(uncached.loader.persist()).toEqual([]);
    expect(existsSync(path.join(dir, 'cache'))).toBe(false);
  });

  it('rejects, naming the file, when the chunk is missing', async () => {
    rmSync(chunkFile);
    await expect(createChunkLoader(cacheDir).load(pathToFileURL(chunkFile), digest)).rejects.toThrow(chunkFile);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('chunkCacheDirectory', () => {
  it('is a folder of Node\'s compile cache: the one NODE_COMPILE_CACHE names, or the temp directory\'s', () => {
    expect(chunkCacheDirectory({ NODE_COMPILE_CACHE: '/kept/between/jobs' })).toBe(path.join('/kept/between/jobs', 'agent-release'));
    expect(chunkCacheDirectory({})).toBe(path.join(os.tmpdir(), 'node-compile-cache', 'agent-release'));
  });

  it('is none when NODE_DISABLE_COMPILE_CACHE is set', () => {
    expect(chunkCacheDirectory({ NODE_DISABLE_COMPILE_CACHE: '1', NODE_COMPILE_CACHE: '/kept' })).toBeUndefined();
  });
});

describe('the bundles', () => {
  it.each(['index.js', 'cli/index.js'])('load every chunk through the loader the shells install (dist/%s)', (entry) => {
    const runtime = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', entry), 'utf8');
    expect(runtime).toContain(`globalThis.${CHUNK_LOADER_GLOBAL}(new URL(`);
    expect(runtime).not.toMatch(/[^\w.]import\("\.\/"/);
  });
});
