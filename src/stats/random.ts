/**
 * Seeded, reproducible randomness for the bootstrap and the decision simulation.
 *
 * Why not `pure-rand` (fast-check's own generator library, well kept and small)? It would be a
 * new runtime dependency of the bundled action for ~20 lines of arithmetic, and its API changed
 * shape between majors (v7 → v8) while our only need is "uniform doubles from a seed". So the
 * generator lives here: xoshiro128** (Blackman & Vigna), 128 bits of state, fast on 32-bit
 * integer maths, with no known statistical failures for this kind of use, and checked in the
 * tests against the output of the authors' reference C code. mulberry32 would be shorter but
 * has only 32 bits of state, so different seeds collide far sooner.
 */

/** Uniform doubles in [0, 1). Calls are the only state: the same seed gives the same sequence. */
export type RandomSource = () => number;

const TWO_TO_32 = 2 ** 32;

/** The raw xoshiro128** step over a caller-provided state (four uint32); exported for the reference-vector test. */
export function xoshiro128StarStar(state: Uint32Array): () => number {
  if (state.length !== 4) throw new RangeError(`xoshiro128** needs 4 state words, got ${state.length}`);
  if (state.every((word) => word === 0)) throw new RangeError('xoshiro128** state must not be all zero');
  const s = Uint32Array.from(state);
  return () => {
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s[2] = (s[2] as number) ^ s0;
    s[3] = (s[3] as number) ^ s1;
    s[1] = s1 ^ (s[2] as number);
    s[0] = s0 ^ (s[3] as number);
    s[2] = (s[2] as number) ^ t;
    s[3] = rotateLeft(s[3] as number, 11);
    return result;
  };
}

/**
 * A reproducible uniform [0, 1) source from an integer seed. The seed is spread over the 128-bit
 * state with splitmix32, so nearby seeds (1, 2, 3 …) still start far apart in the sequence.
 */
export function seededRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_TO_32) >>> 0;
  let mix = low ^ Math.imul(high, 0x85ebca6b);
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    mix = (mix + 0x9e3779b9) >>> 0;
    state[i] = splitmix32(mix);
  }
  if (state.every((word) => word === 0)) state[0] = 1;
  const next = xoshiro128StarStar(state);
  return () => next() / TWO_TO_32;
}

/** A uniform integer in [0, size): the bias of flooring is below 2^-32 · size, negligible here. */
export function randomIndex(random: RandomSource, size: number): number {
  return Math.floor(random() * size);
}

function rotateLeft(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

function splitmix32(value: number): number {
  let t = value ^ (value >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}
