// SHA-256 in src/hash's WebAssembly module against node:crypto's: warm throughput, and the first
// digest in a fresh process (node:crypto's load included), which is what a gate pays. Places
// sha256.ts's hand-over to node:crypto (nativeFromBytes). Numbers, not assertions.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nativeFromBytes } from '../src/hash/sha256';
import { wasmSha256 } from '../src/hash/wasm-hashes';

type Kind = 'wasm' | 'native';

const nativeSha256 = (bytes: Uint8Array): string => process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
const digestWith = (kind: Kind): ((bytes: Uint8Array) => string) => (kind === 'wasm' ? wasmSha256 : nativeSha256);

function bytesOf(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
  return bytes;
}

function msOf(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** MB/s over repeated digests of `size` bytes, after a warm-up. */
function throughput(kind: Kind, size: number): number {
  const bytes = bytesOf(size);
  const digest = digestWith(kind);
  for (let i = 0; i < 5; i++) digest(bytes);
  const rounds = Math.max(5, Math.ceil(64 * 2 ** 20 / size));
  const ms = msOf(() => {
    for (let i = 0; i < rounds; i++) digest(bytes);
  });
  return (rounds * size) / 1e6 / (ms / 1000);
}

/** The first digest of `size` bytes in a fresh process, in ms: median of `rounds` processes. */
function coldMs(kind: Kind, size: number, rounds = 11): number {
  const self = fileURLToPath(import.meta.url);
  const runs = Array.from({ length: rounds }, () => {
    const child = spawnSync(process.execPath, [self, 'cold', kind, String(size)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`cold ${kind} ${size}: ${child.stderr}`);
    return Number(child.stdout);
  });
  return runs.sort((a, b) => a - b)[Math.floor(rounds / 2)] as number;
}

export interface HashRow {
  bytes: number;
  wasmMBs: number;
  nativeMBs: number;
  wasmColdMs: number;
  nativeColdMs: number;
}

export function hashes(sizes = [6 * 1024, 64 * 1024, nativeFromBytes, 4 * 2 ** 20]): HashRow[] {
  return sizes.map((bytes) => ({
    bytes,
    wasmMBs: throughput('wasm', bytes),
    nativeMBs: throughput('native', bytes),
    wasmColdMs: coldMs('wasm', bytes),
    nativeColdMs: coldMs('native', bytes),
  }));
}

// A child of coldMs: one digest, timed from before anything is loaded for it.
if (process.argv[2] === 'cold') {
  const bytes = bytesOf(Number(process.argv[4]));
  process.stdout.write(String(msOf(() => digestWith(process.argv[3] as Kind)(bytes))));
}
