import { createHash, randomBytes } from 'node:crypto';
import { createSha256, nativeFromBytes, sha256Hex } from '../../src/hash/sha256';
import { assembleHashModule } from '../../src/hash/hash-module';
import { fletcher4, hashModule, wasmSha256 } from '../../src/hash/wasm-hashes';
import { uniqueHex } from '../../src/random-ids';

const opensslSha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** ZFS's Fletcher-4 written out with BigInt, word by word: the reference the module must match. */
function referenceFletcher4(bytes: Uint8Array): string {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  const mask = (1n << 64n) - 1n;
  let [a, b, c, d] = [0n, 0n, 0n, 0n];
  for (let at = 0; at < padded.length; at += 4) {
    a = (a + BigInt(view.getUint32(at, true))) & mask;
    b = (b + a) & mask;
    c = (c + b) & mask;
    d = (d + c) & mask;
  }
  return [bytes.length.toString(16), ...[a, b, c, d].map((sum) => sum.toString(16))].join('-');
}

describe('wasmSha256', () => {
  it('gives the digests of the FIPS 180-2 examples', () => {
    expect(wasmSha256(Buffer.from(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(wasmSha256(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(wasmSha256(Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('matches OpenSSL at every length around the padding boundaries and on random inputs up to 300 KB', () => {
    const lengths = [...Array.from({ length: 200 }, (_, n) => n), 1000, 4095, 4096, 4097, 65_535, 65_536, 65_537, 300_000];
    for (let round = 0; round < 40; round++) lengths.push(Math.floor(Math.random() * 20_000));
    for (const length of lengths) {
      const bytes = randomBytes(length);
      expect([length, wasmSha256(bytes)]).toEqual([length, opensslSha256(bytes)]);
    }
  });

  it('hashes a view into a larger buffer as only its own bytes, and leaves no state behind', () => {
    const whole = randomBytes(1000);
    const view = whole.subarray(100, 357);
    expect(wasmSha256(view)).toBe(opensslSha256(view));
    expect(wasmSha256(Buffer.from('abc'))).toBe(opensslSha256('abc'));
  });
});

describe('createSha256', () => {
  it('gives OpenSSL digest for strings (UTF-8) and bytes, fed whole or in pieces', () => {
    const text = 'gate décision ≤ 0.5 ✅ 漢字 \u{1F600}';
    expect(sha256Hex(text)).toBe(opensslSha256(text));
    const bytes = randomBytes(10_000);
    const hash = createSha256();
    for (let at = 0; at < bytes.length; at += 777) hash.update(bytes.subarray(at, at + 777));
    expect(hash.digest('hex')).toBe(opensslSha256(bytes));
  });

  it('keeps what it was given when the caller refills its buffer, as node:crypto does', () => {
    const buffer = Buffer.from('first');
    const hash = createSha256().update(buffer);
    buffer.write('xxxxx');
    hash.update(buffer);
    expect(hash.digest('hex')).toBe(opensslSha256('firstxxxxx'));
  });

  it('moves past nativeFromBytes to node:crypto with the same digest', () => {
    const bytes = randomBytes(nativeFromBytes * 3 + 17);
    const hash = createSha256();
    for (let at = 0; at < bytes.length; at += 65_536) hash.update(bytes.subarray(at, at + 65_536));
    expect(hash.digest('hex')).toBe(opensslSha256(bytes));
    expect(sha256Hex(bytes.subarray(0, nativeFromBytes))).toBe(opensslSha256(bytes.subarray(0, nativeFromBytes)));
  });

  it('refuses input or a second digest after the digest, as node:crypto does', () => {
    const hash = createSha256().update('x');
    hash.digest('hex');
    expect(() => hash.update('y')).toThrow('Digest already called');
    expect(() => hash.digest('hex')).toThrow('Digest already called');
  });
});

describe('fletcher4', () => {
  it('matches the checksum written out word by word, at every tail length', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 7, 8, 1023, 70_000, 200_001]) {
      const bytes = randomBytes(length);
      expect(fletcher4(bytes)).toBe(referenceFletcher4(bytes));
    }
  });

  it('changes with any one byte changed, two words swapped, or a zero byte appended', () => {
    const bytes = randomBytes(4096);
    const sum = fletcher4(bytes);
    for (let round = 0; round < 200; round++) {
      const damaged = Buffer.from(bytes);
      const at = Math.floor(Math.random() * damaged.length);
      damaged.writeUInt8(damaged.readUInt8(at) ^ (1 + Math.floor(Math.random() * 255)), at);
      expect(fletcher4(damaged)).not.toBe(sum);
    }
    const swapped = Buffer.from(bytes);
    swapped.copy(swapped, 0, 8, 12);
    bytes.copy(swapped, 8, 0, 4);
    expect(fletcher4(swapped)).not.toBe(sum);
    expect(fletcher4(Buffer.concat([bytes, Buffer.alloc(1)]))).not.toBe(sum);
  });
});

describe('the module wasm-hashes.ts holds', () => {
  it('is the one hash-module.ts assembles', () => {
    const assembled = Buffer.from(assembleHashModule()).toString('base64');
    const held = Buffer.from(hashModule, 'base64').toString('base64');
    // On a change to hash-module.ts, paste this into wasm-hashes.ts's hashModule.
    if (held !== assembled) console.log(`hashModule = \`\n${assembled.match(/.{1,100}/g)?.join('\n')}\n\``);
    expect(held).toBe(assembled);
  });
});

describe('uniqueHex', () => {
  it('gives as many random bytes as asked, in hex, none twice in many draws', () => {
    const drawn = Array.from({ length: 10_000 }, () => uniqueHex(8));
    for (const hex of drawn.slice(0, 100)) expect(hex).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(uniqueHex(16)).toMatch(/^[0-9a-f]{32}$/);
  });
});
