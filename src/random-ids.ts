/**
 * `bytes` random bytes in hex, from Math.random: for names that must not collide (temporary
 * files, lock tokens), never for secrets. node:crypto's randomBytes would cost a gate about 5 ms
 * to load for these few bytes.
 */
export function uniqueHex(bytes: number): string {
  let hex = '';
  for (let i = 0; i < bytes; i++) hex += Math.floor(Math.random() * 256).toString(16).padStart(2, '0');
  return hex;
}

/** A random (version 4) UUID from node:crypto, loaded only by the runs that need one. */
export function randomUuid(): string {
  return process.getBuiltinModule('node:crypto').randomUUID();
}

/** `bytes` random bytes in hex from node:crypto, loaded only by the runs that need them. */
export function randomHex(bytes: number): string {
  return process.getBuiltinModule('node:crypto').randomBytes(bytes).toString('hex');
}
