/**
 * Which example ids a dataset read has met, kept as 53-bit hashes in an open-addressing table:
 * 8 to 16 bytes an id, where a Set of strings costs about 60, so the memory an evaluation holds
 * per row stays a few bytes. A hash met twice is only a suspicion: the caller confirms it
 * against the file (two different ids sharing a hash is about 1 in 10,000 for a million rows).
 */
export class IdHashes {
  private table = new Float64Array(1024);
  private size = 0;

  constructor(private readonly hash: (id: string) => number = cyrb53) {}

  /** Records the id; false when its hash was already recorded. */
  add(id: string): boolean {
    if ((this.size + 1) * 4 > this.table.length * 3) this.grow();
    const added = insert(this.table, this.hash(id) || 1);
    if (added) this.size++;
    return added;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    for (const h of old) if (h !== 0) insert(this.table, h);
  }
}

/** Linear probing; 0 marks a free slot, so no hash is 0. */
function insert(table: Float64Array, h: number): boolean {
  const mask = table.length - 1;
  for (let i = h % table.length; ; i = (i + 1) & mask) {
    const slot = table[i] as number;
    if (slot === 0) {
      table[i] = h;
      return true;
    }
    if (slot === h) return false;
  }
}

/** cyrb53 (bryc, public domain): a fast 53-bit string hash with good dispersion. */
export function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
