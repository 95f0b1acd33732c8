import type { Hash } from 'node:crypto';
import { wasmSha256, webAssemblyAvailable } from './wasm-hashes';

/** The part of node:crypto's Hash that our digests use. */
export interface Sha256 {
  update(data: string | Uint8Array): Sha256;
  /** The digest in lowercase hex; the hash takes no more input. */
  digest(encoding: 'hex'): string;
}

/**
 * Past this many bytes the hash moves to node:crypto. In a fresh process the module hashes 6 KB in
 * 0.6 ms and 64 KB in 2.6, where loading node:crypto and hashing costs 3.4 to 3.5 ms; from about
 * 100 KB on, node:crypto is the cheaper (bench/hashes.ts).
 */
export const nativeFromBytes = 64 * 1024;

/**
 * SHA-256 as node:crypto's `createHash('sha256')` gives it, the same digest for the same bytes,
 * without loading node:crypto for the small inputs of a short run (a gate's summary, decision and
 * policy are a few kilobytes).
 */
export function createSha256(): Sha256 {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let native: Hash | undefined;
  let done = false;
  const hash: Sha256 = {
    update(data) {
      if (done) throw new Error('Digest already called');
      if (native !== undefined) {
        native.update(data);
        return hash;
      }
      // A copy: a caller may refill its buffer as soon as update returns, as node:crypto allows.
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Uint8Array.prototype.slice.call(data);
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes > nativeFromBytes) {
        native = process.getBuiltinModule('node:crypto').createHash('sha256');
        for (const chunk of pending) native.update(chunk);
        pending = [];
      }
      return hash;
    },
    digest() {
      if (done) throw new Error('Digest already called');
      done = true;
      if (native !== undefined) return native.digest('hex');
      const bytes = Buffer.concat(pending);
      // `node --jitless` runs no WebAssembly.
      return webAssemblyAvailable ? wasmSha256(bytes) : process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
    },
  };
  return hash;
}

/** `sha256(text)` in lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createSha256().update(data).digest('hex');
}
