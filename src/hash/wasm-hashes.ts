/**
 * SHA-256 and Fletcher-4 over bytes, in a small WebAssembly module (hash-module.ts). A gate or a
 * promote hashes a few kilobytes; loading node:crypto for that (it loads the stream modules too)
 * cost about 5 ms of a 80 ms run, and SHA-256 in JavaScript runs interpreted that early, 2 to 4
 * ms for those kilobytes. The module is compiled before it runs: the first 6 KB cost 0.6 ms, its
 * compile included (bench/hashes.ts). `sha256.ts` hands larger inputs to node:crypto.
 */

// Memory: the round constants, the message schedule, the hash state, the checksum, then input.
export const roundConstantsAt = 0;
export const scheduleAt = 256;
export const stateAt = 512;
export const checksumAt = 544;
const inputAt = 1024;
const pageBytes = 65536;

const initialState = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** The module in base64 (line breaks are skipped): memory, compress(from, to), fletcher4(from, to). hash-module.ts assembles it. */
export const hashModule = `
AGFzbQEAAAABBgFgAn9/AAMDAgAABQMBAAEHIQMGbWVtb3J5AgAIY29tcHJlc3MAAAlmbGV0Y2hlcjQAAQrJBALsAwEKfwJAA0Ag
ACABTw0BQQAhAgNAIAIgACACaigCACILQYD+g3hxQQh3IAtB/4H8B3FBCHhyNgKAAiACQQRqIgJBwABJDQALA0AgAiACKALEASIL
QQd4IAtBEnhzIAtBA3ZzIAIoAvgBIgtBEXggC0ETeHMgC0EKdnNqIAIoAsABaiACKALkAWo2AoACIAJBBGoiAkGAAkkNAAtBACgC
gAQhA0EAKAKEBCEEQQAoAogEIQVBACgCjAQhBkEAKAKQBCEHQQAoApQEIQhBACgCmAQhCUEAKAKcBCEKQQAhAgNAIAogB0EGeCAH
QQt4cyAHQRl4c2ogByAIcSAHQX9zIAlxc2ogAigCAGogAigCgAJqIQsgCSEKIAghCSAHIQggBiALaiEHIAUhBiAEIQUgAyEEIAsg
BEECeCAEQQ14cyAEQRZ4c2ogBCAFcSAEIAZxcyAFIAZxc2ohAyACQQRqIgJBgAJJDQALQQBBACgCgAQgA2o2AoAEQQBBACgChAQg
BGo2AoQEQQBBACgCiAQgBWo2AogEQQBBACgCjAQgBmo2AowEQQBBACgCkAQgB2o2ApAEQQBBACgClAQgCGo2ApQEQQBBACgCmAQg
CWo2ApgEQQBBACgCnAQgCmo2ApwEIABBwABqIQAMAAsLC1kBBH4CQANAIAAgAU8NASACIAA1AgB8IQIgAyACfCEDIAQgA3whBCAF
IAR8IQUgAEEEaiEADAALC0EAIAI3A6AEQQAgAzcDqARBACAENwOwBEEAIAU3A7gECwuHAgEAQQALgAKYL4pCkUQ3cc/7wLWl27Xp
W8JWOfER8Vmkgj+S1V4cq5iqB9gBW4MSvoUxJMN9DFV0Xb5y/rHegKcG3Jt08ZvBwWmb5IZHvu/GncEPzKEMJG8s6S2qhHRK3Kmw
XNqI+XZSUT6YbcYxqMgnA7DHf1m/8wvgxkeRp9VRY8oGZykpFIUKtyc4IRsu/G0sTRMNOFNUcwpluwpqdi7JwoGFLHKSoei/oktm
Gqhwi0vCo1FsxxnoktEkBpnWhTUO9HCgahAWwaQZCGw3Hkx3SCe1vLA0swwcOUqq2E5Pypxb828uaO6Cj3RvY6V4FHjIhAgCx4z6
/76Q62xQpPej+b7yeHHG
`;

/** The part of the WebAssembly global used here: TypeScript declares it only in its DOM library. */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
};

interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  compress: (from: number, to: number) => void;
  fletcher4: (from: number, to: number) => void;
}

let module: Exports | undefined;

/** Whether this process runs WebAssembly: `node --jitless` has none. */
export const webAssemblyAvailable = typeof WebAssembly !== 'undefined';

/** The module's memory with `bytes` at `inputAt` and `padded - bytes.length` zero bytes after them. */
function load(bytes: Uint8Array, padded: number): Exports {
  module ??= new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(hashModule, 'base64'))).exports as Exports;
  const needed = Math.ceil((inputAt + padded) / pageBytes) - module.memory.buffer.byteLength / pageBytes;
  if (needed > 0) module.memory.grow(needed);
  const memory = new Uint8Array(module.memory.buffer);
  memory.set(bytes, inputAt);
  memory.fill(0, inputAt + bytes.length, inputAt + padded);
  return module;
}

/** SHA-256 of `bytes`, in lowercase hex. */
export function wasmSha256(bytes: Uint8Array): string {
  const padded = (Math.floor((bytes.length + 8) / 64) + 1) * 64;
  const { memory, compress } = load(bytes, padded);
  const view = new DataView(memory.buffer);
  view.setUint8(inputAt + bytes.length, 0x80);
  view.setUint32(inputAt + padded - 8, Math.floor(bytes.length / 2 ** 29));
  view.setUint32(inputAt + padded - 4, (bytes.length * 8) >>> 0);
  initialState.forEach((word, i) => view.setUint32(stateAt + 4 * i, word, true));
  compress(inputAt, inputAt + padded);
  let hex = '';
  for (let i = 0; i < 8; i++) hex += view.getUint32(stateAt + 4 * i, true).toString(16).padStart(8, '0');
  return hex;
}

/**
 * Fletcher-4 (ZFS's default checksum) of `bytes` with their length, in hex: it finds damage, not
 * tampering. A tail short of a word counts as if zero-padded, which the length tells apart.
 */
export function fletcher4(bytes: Uint8Array): string {
  const padded = Math.ceil(bytes.length / 4) * 4;
  const { memory, fletcher4: sum } = load(bytes, padded);
  sum(inputAt, inputAt + padded);
  const view = new DataView(memory.buffer);
  let hex = bytes.length.toString(16);
  for (let i = 0; i < 4; i++) hex += `-${view.getBigUint64(checksumAt + 8 * i, true).toString(16)}`;
  return hex;
}
