import { fnv1a } from '../fnv';

/**
 * Example ids numbered in the order first seen, shared by the two files of one comparison: the
 * scores sit in typed arrays under these numbers, so a million examples cost a few bytes each
 * per scorer, and a champion row pairs with the candidate's by number.
 *
 * The ids are found through an open-addressing table of numbers rather than a Map: sized up
 * front from the summary, it never rehashes while a file of the expected size is read, and it
 * holds 8 bytes per id where a Map holds about 30; a million inserts into a Map were a fifth of
 * the gate's time.
 */
export class ExampleIds {
  private readonly ids: string[] = [];
  /** By number: the id's hash, so growing the table does not hash again. */
  private hashes: Int32Array;
  /** number + 1 at each id's slot; 0 is empty. */
  private slots: Int32Array;

  constructor(expected = 0) {
    const capacity = Math.max(1024, Math.min(expected, 1 << 26));
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(tableSizeFor(capacity));
  }

  numberOf(id: string): number {
    const hash = hashOf(id);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let held = this.slots[slot] as number; held !== 0; held = this.slots[slot] as number) {
      if (this.ids[held - 1] === id) return held - 1;
      slot = (slot + 1) & mask;
    }
    const number = this.ids.length;
    this.ids.push(id);
    if (number === this.hashes.length) {
      const hashes = new Int32Array(number * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[number] = hash;
    this.slots[slot] = number + 1;
    if (this.ids.length * 2 > this.slots.length) this.rehash();
    return number;
  }

  /**
   * A reader that expects the ids in about the order they were numbered (a champion evaluated
   * over the same dataset, its rows written as they completed): each row is checked against the
   * id after the previous row's, one string comparison, and only a row out of that order is
   * looked up. The number is right either way.
   */
  cursor(): (id: string) => number {
    let next = 0;
    return (id) => {
      if (id === this.ids[next]) return next++;
      const number = this.numberOf(id);
      next = number + 1;
      return number;
    };
  }

  get size(): number {
    return this.ids.length;
  }

  /** Ids by number. */
  list(): readonly string[] {
    return this.ids;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let number = 0; number < this.ids.length; number++) {
      let slot = (this.hashes[number] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = number + 1;
    }
    this.slots = slots;
  }
}

/** A power of two at least twice `ids`, so probes stay short. */
function tableSizeFor(ids: number): number {
  let size = 2048;
  while (size < ids * 2) size *= 2;
  return size;
}

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser so the low bits (the slot) mix well. */
function hashOf(id: string): number {
  let hash = fnv1a(id);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
