import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readJsonl } from '../../src/contract/jsonl';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(async () => ws.cleanup());

const row = z.object({ id: z.number(), text: z.string() });

async function read(content: string | Buffer): Promise<Array<{ line: number; value: unknown }>> {
  const file = path.join(ws.dir, 'rows.jsonl');
  await writeFile(file, content);
  const rows: Array<{ line: number; value: unknown }> = [];
  for await (const r of readJsonl(file, row, 'test')) rows.push(r);
  return rows;
}

describe('readJsonl', () => {
  it.each([
    ['LF line ends', '{"id":1,"text":"a"}\n{"id":2,"text":"b"}\n', [1, 2]],
    ['CRLF line ends', '{"id":1,"text":"a"}\r\n{"id":2,"text":"b"}\r\n', [1, 2]],
    ['no line break after the last row', '{"id":1,"text":"a"}\n{"id":2,"text":"b"}', [1, 2]],
    ['blank and whitespace lines, counted but skipped', '\n{"id":1,"text":"a"}\n  \r\n\n{"id":2,"text":"b"}\n\n', [2, 5]],
  ])('reads %s with the line each row is on', async (_name, content, lines) => {
    const rows = await read(content);
    expect(rows.map((r) => r.line)).toEqual(lines);
    expect(rows.map((r) => r.value)).toEqual([
      { id: 1, text: 'a' },
      { id: 2, text: 'b' },
    ]);
  });

  it('keeps rows whole across read chunks, multi-byte characters included', async () => {
    // Long rows of 3-byte characters: chunk boundaries fall inside rows and inside characters.
    const texts = Array.from({ length: 300 }, (_, i) => `${'€'.repeat(1000 + i)}${i}`);
    const rows = await read(Buffer.from(texts.map((text, i) => JSON.stringify({ id: i + 1, text })).join('\n'), 'utf8'));
    expect(rows.map((r) => (r.value as { text: string }).text)).toEqual(texts);
    expect(rows.at(-1)?.line).toBe(300);
  });

  it('reads a row nested 64 deep', async () => {
    const rows = await read(`{"id":1,"text":"a","extra":${'['.repeat(63)}${']'.repeat(63)}}\n`);
    expect(rows).toHaveLength(1);
  });

  it.each([
    ['a line that is not JSON', '{"id":1,"text":"a"}\n{"id":2,\n', 'rows.jsonl:2: test line is not valid JSON'],
    ['a row of the wrong shape', '{"id":1,"text":"a"}\r\n\r\n{"id":"x","text":"b"}\r\n', 'rows.jsonl:3: test line: id: '],
    ['a row nested 65 deep', `{"id":1,"text":"a"}\n{"id":2,"text":"b","extra":${'['.repeat(64)}${']'.repeat(64)}}\n`, 'rows.jsonl:2: test line nests objects and arrays more than 64 levels deep (a handful is normal); the line is likely damaged'],
  ])('names the file and line of %s', async (_name, content, message) => {
    await expect(read(content)).rejects.toThrow(message);
  });

  it('skips a UTF-8 byte order mark before the first row (Windows editors write one)', async () => {
    const rows = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":1,"text":"a"}\n{"id":2,"text":"\ufeffb"}\n')]));
    // Only the leading mark is dropped: one inside a row is the row's text.
    expect(rows.map((r) => r.value)).toEqual([
      { id: 1, text: 'a' },
      { id: 2, text: '\ufeffb' },
    ]);
  });

  it('keeps a replacement character that the file really contains', async () => {
    const rows = await read('{"id":1,"text":"\ufffd"}\n');
    expect(rows.map((r) => r.value)).toEqual([{ id: 1, text: '\ufffd' }]);
  });

  it.each([
    ['a Latin-1 letter', Buffer.from('{"id":1,"text":"a"}\n{"id":2,"text":"caf\xe9"}\n', 'latin1'), 'rows.jsonl:2: test is not valid UTF-8 (byte 0xE9 at character 20)'],
    ['a sequence cut off by the end of the file', Buffer.concat([Buffer.from('{"id":1,"text":"a"}\n{"id":2,"text":"'), Buffer.from([0xe2, 0x82])]), 'rows.jsonl:2: test is not valid UTF-8 (byte 0xE2 at character 17)'],
    ['an invalid byte far past the first read chunk', Buffer.concat([Buffer.from(`${'{"id":1,"text":"€€€€€€€€"}\n'.repeat(20_000)}{"id":2,"text":"ok`), Buffer.from([0xff]), Buffer.from('"}\n')]), 'rows.jsonl:20001: test is not valid UTF-8 (byte 0xFF at character 19)'],
    [
      'an invalid byte on a line longer than a read chunk',
      Buffer.concat([Buffer.from(`{"id":1,"text":"a"}\n{"id":2,"text":"${'a'.repeat(100_000)}`), Buffer.from([0xff]), Buffer.from('"}\n')]),
      'rows.jsonl:2: test is not valid UTF-8 (byte 0xFF at character 100017)',
    ],
    ['a UTF-16 file, and says so', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"id":1,"text":"a"}\n', 'utf16le')]), 'rows.jsonl: test is UTF-16 (it starts with UTF-16\'s byte order mark), not UTF-8; save it as UTF-8 (e.g. iconv -f utf-16 -t utf-8 in > out)'],
  ])('refuses %s by file and line instead of reading U+FFFD', async (_name, content, message) => {
    await expect(read(content)).rejects.toThrow(message);
  });
});
