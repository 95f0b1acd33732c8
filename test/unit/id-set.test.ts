import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readExamples } from '../../src/evaluate/dataset';
import { cyrb53, IdHashes } from '../../src/evaluate/id-set';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(async () => ws.cleanup());

describe('IdHashes', () => {
  it('tells a new id from one met before, across many table growths', () => {
    const ids = new IdHashes();
    const fresh = Array.from({ length: 50_000 }, (_, i) => ids.add(`example-${i}`));
    expect(fresh.every(Boolean)).toBe(true);
    expect([ids.add('example-0'), ids.add('example-49999'), ids.add('example-50000')]).toEqual([false, false, true]);
  });

  it('hashes to distinct, non-negative 53-bit integers', () => {
    const hashes = new Set(Array.from({ length: 100_000 }, (_, i) => cyrb53(String(i))));
    expect(hashes.size).toBe(100_000);
    for (const h of [cyrb53(''), cyrb53('a'), cyrb53('€'.repeat(50))]) {
      expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
    }
  });
});

describe('duplicate ids in a dataset', () => {
  async function ids(content: string, idHash?: (id: string) => number): Promise<string[]> {
    const file = path.join(ws.dir, 'golden.jsonl');
    await writeFile(file, content);
    const seen: string[] = [];
    for await (const example of readExamples(file, { format: 'jsonl', columns: { id: 'id', input: 'input', expected: 'expected' }, idHash })) seen.push(example.id);
    return seen;
  }
  const rows = (...idList: string[]) => idList.map((id) => JSON.stringify({ id, input: `q ${id}` })).join('\n');

  it('accepts different ids that share a hash (every id colliding here)', async () => {
    expect(await ids(rows('a', 'b', 'c', 'd'), () => 42)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses a real duplicate among colliding hashes, naming both lines', async () => {
    await expect(ids(rows('a', 'b', 'c', 'b'), () => 42)).rejects.toThrow('golden.jsonl:4: id "b" appears twice (lines 2 and 4); example ids must be unique');
  });

  it('refuses a duplicate with the real hash, and an implicit line id never clashes with itself', async () => {
    await expect(ids(rows('x', 'y', 'x'))).rejects.toThrow('golden.jsonl:3: id "x" appears twice (lines 1 and 3)');
    expect(await ids('{"input":"q1"}\n{"input":"q2"}\n')).toEqual(['line-1', 'line-2']);
  });
});
