/**
 * Assembles the WebAssembly module of wasm-hashes.ts: SHA-256's compression function and
 * Fletcher-4, each a loop over memory. Not loaded at run time, where assembling cost more than a
 * millisecond of cold JavaScript: wasm-hashes.ts holds the bytes, and test/unit/hashes.test.ts
 * fails, printing the new bytes, when they are not this function's.
 */
import { checksumAt, roundConstantsAt, scheduleAt, stateAt } from './wasm-hashes';

const roundConstants = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

// The instructions used, by their WebAssembly opcodes.
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  tee: (local: number) => [0x22, local],
  i32: (value: number) => [0x41, ...signedLeb(value)],
  load: (offset: number) => [0x28, 2, ...unsignedLeb(offset)],
  store: (offset: number) => [0x36, 2, ...unsignedLeb(offset)],
  load32u: [0x35, 2, 0],
  store64: (offset: number) => [0x37, 3, ...unsignedLeb(offset)],
  geU: [0x4f],
  ltU: [0x49],
  add: [0x6a],
  and: [0x71],
  or: [0x72],
  xor: [0x73],
  shrU: [0x76],
  rotl: [0x77],
  rotr: [0x78],
  add64: [0x7c],
} as const;

/** compress(from, to): runs SHA-256's compression over the 64-byte blocks from `from` to `to`, on the state at `stateAt`. */
function compressBody(): number[] {
  const [from, to, at, a, b, c, d, e, f, g, h, t1] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const rotr = (local: number, bits: number) => [...op.get(local), ...op.i32(bits), ...op.rotr];
  const sigma = (local: number, r1: number, r2: number, r3: number) => [...rotr(local, r1), ...rotr(local, r2), ...op.xor, ...rotr(local, r3), ...op.xor];
  const smallSigma = (wordAt: number, r1: number, r2: number, shift: number) => [
    ...op.get(at), ...op.load(wordAt), ...op.tee(t1), ...op.i32(r1), ...op.rotr,
    ...op.get(t1), ...op.i32(r2), ...op.rotr, ...op.xor,
    ...op.get(t1), ...op.i32(shift), ...op.shrU, ...op.xor,
  ];
  // `at` walks the schedule in bytes, so W[i - k] is a load at scheduleAt - 4k past it.
  const w = (back: number) => scheduleAt - 4 * back;
  const working = [a, b, c, d, e, f, g, h];
  return [
    ...op.block, ...op.loop,
    ...op.get(from), ...op.get(to), ...op.geU, ...op.brIf(1),
    // W[0..15]: the block's words, big-endian.
    ...op.i32(0), ...op.set(at),
    ...op.loop,
    ...op.get(at), ...op.get(from), ...op.get(at), ...op.add, ...op.load(0), ...op.tee(t1),
    ...op.i32(0xff00ff00), ...op.and, ...op.i32(8), ...op.rotl,
    ...op.get(t1), ...op.i32(0x00ff00ff), ...op.and, ...op.i32(8), ...op.rotr, ...op.or,
    ...op.store(scheduleAt),
    ...op.get(at), ...op.i32(4), ...op.add, ...op.tee(at), ...op.i32(64), ...op.ltU, ...op.brIf(0),
    ...op.end,
    // W[16..63].
    ...op.loop,
    ...op.get(at),
    ...smallSigma(w(15), 7, 18, 3), ...smallSigma(w(2), 17, 19, 10), ...op.add,
    ...op.get(at), ...op.load(w(16)), ...op.add, ...op.get(at), ...op.load(w(7)), ...op.add,
    ...op.store(scheduleAt),
    ...op.get(at), ...op.i32(4), ...op.add, ...op.tee(at), ...op.i32(256), ...op.ltU, ...op.brIf(0),
    ...op.end,
    ...working.flatMap((local, i) => [...op.i32(0), ...op.load(stateAt + 4 * i), ...op.set(local)]),
    ...op.i32(0), ...op.set(at),
    ...op.loop,
    // t1 = h + Σ1(e) + Ch(e, f, g) + K[i] + W[i]
    ...op.get(h), ...sigma(e, 6, 11, 25), ...op.add,
    ...op.get(e), ...op.get(f), ...op.and, ...op.get(e), ...op.i32(-1), ...op.xor, ...op.get(g), ...op.and, ...op.xor, ...op.add,
    ...op.get(at), ...op.load(roundConstantsAt), ...op.add, ...op.get(at), ...op.load(scheduleAt), ...op.add, ...op.set(t1),
    ...op.get(g), ...op.set(h), ...op.get(f), ...op.set(g), ...op.get(e), ...op.set(f),
    ...op.get(d), ...op.get(t1), ...op.add, ...op.set(e),
    ...op.get(c), ...op.set(d), ...op.get(b), ...op.set(c), ...op.get(a), ...op.set(b),
    // a = t1 + Σ0(b) + Maj(b, c, d), with the old a, b, c now in b, c, d.
    ...op.get(t1), ...sigma(b, 2, 13, 22), ...op.add,
    ...op.get(b), ...op.get(c), ...op.and, ...op.get(b), ...op.get(d), ...op.and, ...op.xor, ...op.get(c), ...op.get(d), ...op.and, ...op.xor, ...op.add,
    ...op.set(a),
    ...op.get(at), ...op.i32(4), ...op.add, ...op.tee(at), ...op.i32(256), ...op.ltU, ...op.brIf(0),
    ...op.end,
    ...working.flatMap((local, i) => [...op.i32(0), ...op.i32(0), ...op.load(stateAt + 4 * i), ...op.get(local), ...op.add, ...op.store(stateAt + 4 * i)]),
    ...op.get(from), ...op.i32(64), ...op.add, ...op.set(from),
    ...op.br(0),
    ...op.end, ...op.end,
  ];
}

/** fletcher4(from, to): ZFS's Fletcher-4 over the little-endian 32-bit words from `from` to `to`, its four sums stored at `checksumAt`. */
function fletcher4Body(): number[] {
  const [from, to, a, b, c, d] = [0, 1, 2, 3, 4, 5];
  const accumulate = (sum: number, addend: number) => [...op.get(sum), ...op.get(addend), ...op.add64, ...op.set(sum)];
  return [
    ...op.block, ...op.loop,
    ...op.get(from), ...op.get(to), ...op.geU, ...op.brIf(1),
    ...op.get(a), ...op.get(from), ...op.load32u, ...op.add64, ...op.set(a),
    ...accumulate(b, a), ...accumulate(c, b), ...accumulate(d, c),
    ...op.get(from), ...op.i32(4), ...op.add, ...op.set(from),
    ...op.br(0),
    ...op.end, ...op.end,
    ...[a, b, c, d].flatMap((sum, i) => [...op.i32(0), ...op.get(sum), ...op.store64(checksumAt + 8 * i)]),
  ];
}

export function assembleHashModule(): Uint8Array {
  const i32 = 0x7f;
  const i64 = 0x7e;
  const name = (text: string) => [text.length, ...Array.from(text, (ch) => ch.charCodeAt(0))];
  const body = (locals: number[][], code: number[]) => sized([...vector(locals), ...code, ...op.end]);
  const constants = roundConstants.flatMap((k) => [k & 0xff, (k >>> 8) & 0xff, (k >>> 16) & 0xff, k >>> 24]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, 2, i32, i32, 0]])),
    ...section(3, vector([[0], [0]])),
    ...section(5, vector([[0, 1]])),
    ...section(7, vector([[...name('memory'), 2, 0], [...name('compress'), 0, 0], [...name('fletcher4'), 0, 1]])),
    ...section(10, vector([body([[10, i32]], compressBody()), body([[4, i64]], fletcher4Body())])),
    ...section(11, vector([[0, ...op.i32(roundConstantsAt), ...op.end, ...sized(constants)]])),
  ]);
}

function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  do {
    const low = value & 0x7f;
    value >>>= 7;
    bytes.push(value === 0 ? low : low | 0x80);
  } while (value !== 0);
  return bytes;
}

function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  value |= 0;
  for (;;) {
    const low = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (low & 0x40) === 0) || (value === -1 && (low & 0x40) !== 0);
    bytes.push(done ? low : low | 0x80);
    if (done) return bytes;
  }
}

const sized = (bytes: number[]) => [...unsignedLeb(bytes.length), ...bytes];
const vector = (items: number[][]) => [...unsignedLeb(items.length), ...items.flat()];
const section = (id: number, content: number[]) => [id, ...sized(content)];
