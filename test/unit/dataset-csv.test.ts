import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resultSchema } from '../../src/contract/results';
import { InputError } from '../../src/errors';
import { readCsvRows } from '../../src/evaluate/dataset-csv';
import { datasetFormat, readExamples, scanDataset, type Example } from '../../src/evaluate/dataset';
import { evaluate } from '../../src/modes/evaluate';
import { LocalRegistry } from '../../src/registry/local';
import { startAgent, type AgentServer } from '../support/agent-server';
import { contextOf } from '../support/context';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const columns = { input: 'input', expected: 'expected', id: 'id' };

async function rowsOf(content: string | Buffer): Promise<{ line: number; value: Record<string, string> }[]> {
  const file = await ws.write('data.csv', content as string);
  const rows = [];
  for await (const row of readCsvRows(file, 'dataset')) rows.push(row);
  return rows;
}

async function examplesOf(content: string): Promise<Example[]> {
  const file = await ws.write('data.csv', content);
  const out: Example[] = [];
  for await (const example of readExamples(file, { format: 'csv', columns })) out.push(example);
  return out;
}

async function csvError(content: string | Buffer): Promise<string> {
  try {
    await rowsOf(content);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message.replace(ws.dir + path.sep, '');
  }
  throw new Error('expected the CSV to be refused');
}

describe('reading CSV datasets', () => {
  it.each([
    ['plain fields', 'id,input\n1,hello\n2,bye\n', [{ line: 2, value: { id: '1', input: 'hello' } }, { line: 3, value: { id: '2', input: 'bye' } }]],
    ['a comma inside quotes', 'id,input\n1,"hello, world"\n', [{ line: 2, value: { id: '1', input: 'hello, world' } }]],
    ['a doubled quote inside quotes', 'id,input\n1,"say ""hi"""\n', [{ line: 2, value: { id: '1', input: 'say "hi"' } }]],
    ['an embedded newline: the next record starts two lines on', 'id,input\n1,"line one\nline two"\n2,x\n', [{ line: 2, value: { id: '1', input: 'line one\nline two' } }, { line: 4, value: { id: '2', input: 'x' } }]],
    ['CRLF line ends', 'id,input\r\n1,a\r\n2,b\r\n', [{ line: 2, value: { id: '1', input: 'a' } }, { line: 3, value: { id: '2', input: 'b' } }]],
    ['a CRLF inside quotes is kept and counts as one line', 'id,input\r\n1,"a\r\nb"\r\n2,c\r\n', [{ line: 2, value: { id: '1', input: 'a\r\nb' } }, { line: 4, value: { id: '2', input: 'c' } }]],
    ['a UTF-8 byte order mark', '\uFEFFid,input\n1,a\n', [{ line: 2, value: { id: '1', input: 'a' } }]],
    ['empty lines are skipped, line numbers kept', 'id,input\n\n1,a\n\n\n2,b\n', [{ line: 3, value: { id: '1', input: 'a' } }, { line: 6, value: { id: '2', input: 'b' } }]],
    ['no newline at the end', 'id,input\n1,a', [{ line: 2, value: { id: '1', input: 'a' } }]],
    ['empty cells are empty strings', 'id,input,expected\n1,a,\n', [{ line: 2, value: { id: '1', input: 'a', expected: '' } }]],
    ['spaces are kept (RFC 4180)', 'id,input\n1, padded \n', [{ line: 2, value: { id: '1', input: ' padded ' } }]],
    ['non-ASCII text', 'id,input\n1,¿Dónde está mi pedido? 📦\n', [{ line: 2, value: { id: '1', input: '¿Dónde está mi pedido? 📦' } }]],
  ])('%s', async (_name, content, want) => {
    expect(await rowsOf(content)).toEqual(want);
  });

  it('reads a multi-byte character split across stream chunks', async () => {
    // Larger than one 64 KiB read, with "é" straddling chunk borders somewhere.
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},"café crème, n°${i}"`).join('\n');
    const read = await rowsOf(`id,input\n${rows}\n`);
    expect(read).toHaveLength(5000);
    expect(read.every((r, i) => r.value.input === `café crème, n°${i}`)).toBe(true);
  });

  it.each([
    ['a row with too few fields', 'id,input,expected\n1,a,b\n2,only\n', 'data.csv:3: dataset is not valid CSV: the row has 2 fields but the header has 3; quote a field that contains a comma'],
    ['a row with too many fields (an unquoted comma)', 'id,input\n1,hello, world\n', 'data.csv:2: dataset is not valid CSV: the row has 3 fields but the header has 2; quote a field that contains a comma'],
    ['a quote never closed', 'id,input\n1,ok\n2,"never closed\n3,x\n', 'data.csv:3: dataset is not valid CSV: a quoted field is never closed (the file ends inside quotes)'],
    ['text after a closing quote', 'id,input\n1,"quoted"tail\n', 'data.csv:2: dataset is not valid CSV: a quoted field has text after its closing quote; inside a quoted field write a quote as ""'],
    ['a quote inside an unquoted field', 'id,input\n1,a 5" screen\n', 'data.csv:2: dataset is not valid CSV: a quote appears inside an unquoted field; quote the whole field and double the quote, e.g. "a 5"" screen"'],
    ['the bad row after empty lines and a multi-line record', 'id,input\n1,"a\r\nb"\n\n\n2\n', 'data.csv:6: dataset is not valid CSV: the row has 1 fields but the header has 2; quote a field that contains a comma'],
    ['a header column without a name', 'id,,input\n1,2,3\n', 'data.csv:1: CSV header: column 2 has no name; every column needs one'],
    ['a header naming a column twice', 'id,input,input\n1,2,3\n', 'data.csv:1: CSV header names column "input" twice; column names must be unique'],
    ['an empty file', '', 'dataset data.csv is empty; a CSV dataset needs a header row and one row per example'],
  ])('refuses %s with the file and line', async (_name, content, message) => {
    expect(await csvError(content)).toBe(message);
  });

  it('refuses a Latin-1 file with the line of the first byte that is not UTF-8, in the scan before any request', async () => {
    const latin1 = Buffer.from('id,input\n1,hello\n2,"un caf\xe9, merci"\n', 'latin1');
    expect(await csvError(latin1)).toBe('data.csv:3: dataset is not valid UTF-8 (byte 0xE9 at character 10); save it as UTF-8 (e.g. iconv -f latin1 -t utf-8 in > out)');
    await expect(scanDataset(path.join(ws.dir, 'data.csv'), 'csv')).rejects.toThrow(':3: dataset is not valid UTF-8');
  });

  it('reads a header-only file as no rows, and the scan refuses it as empty', async () => {
    expect(await rowsOf('id,input\n')).toEqual([]);
    await expect(scanDataset(path.join(ws.dir, 'data.csv'), 'csv')).rejects.toThrow('dataset data.csv is empty'.replace('data.csv', path.join(ws.dir, 'data.csv')));
  });

  it('says a dataset path that names a folder is a folder, for either format', async () => {
    await ws.write('eval/keep.txt', '');
    for (const format of ['jsonl', 'csv'] as const) {
      await expect(scanDataset(path.join(ws.dir, 'eval'), format)).rejects.toThrow(`cannot read dataset ${path.join(ws.dir, 'eval')}: it is a folder; evaluate.dataset.path names the dataset file in it (.jsonl, or .csv)`);
    }
  });

  it('says when the file is missing', async () => {
    const gen = readCsvRows(path.join(ws.dir, 'nope.csv'), 'dataset');
    await expect(gen.next()).rejects.toThrow(/^cannot read dataset .*nope\.csv: file not found$/);
  });
});

describe('CSV examples', () => {
  it('maps the columns, treats empty expected as absent, and names ids by line when the id is empty', async () => {
    const examples = await examplesOf('id,input,expected,should_refuse\nq1,How do I reset?,reset,false\n,"Tell me, now",,true\n');
    expect(examples.map(({ id, line, input, expected, fields }) => ({ id, line, input, expected, fields }))).toEqual([
      { id: 'q1', line: 2, input: 'How do I reset?', expected: 'reset', fields: { id: 'q1', input: 'How do I reset?', expected: 'reset', should_refuse: 'false' } },
      { id: 'line-3', line: 3, input: 'Tell me, now', expected: undefined, fields: { id: '', input: 'Tell me, now', expected: '', should_refuse: 'true' } },
    ]);
    expect(examples[0]?.messages).toEqual([{ role: 'user', content: 'How do I reset?' }]);
  });

  it.each([
    ['the input column missing from the header', 'id,question\n1,x\n', 'data.csv:2: missing column "input" (the input column); columns present: id, question. Set evaluate.dataset.columns.input to the right column'],
    ['an empty input cell', 'id,input\n1,\n', 'data.csv:2: column "input" (the input column) is empty'],
    ['a duplicate id', 'id,input\n1,a\n1,b\n', 'data.csv:3: id "1" appears twice (lines 2 and 3); example ids must be unique'],
  ])('refuses %s', async (_name, content, message) => {
    await expect(examplesOf(content)).rejects.toThrow(message);
  });

  it('scans the digest over the bytes and counts records, not lines', async () => {
    const content = 'id,input\r\n1,"multi\r\nline"\r\n\r\n2,b\r\n';
    const file = await ws.write('data.csv', content);
    const scan = await scanDataset(file, 'csv');
    expect(scan).toEqual({ digest: `sha256:${createHash('sha256').update(content).digest('hex')}`, rows: 2 });
    // The format follows the extension unless the config says otherwise.
    expect(await scanDataset(file)).toEqual(scan);
    expect(datasetFormat({ path: 'eval/golden.CSV' })).toBe('csv');
    expect(datasetFormat({ path: 'eval/golden.txt', format: 'csv' })).toBe('csv');
    expect(datasetFormat({ path: 'eval/golden.jsonl' })).toBe('jsonl');
  });

  it('refuses a malformed file at scan time, before any request', async () => {
    const file = await ws.write('data.csv', 'id,input\n1,"open\n');
    await expect(scanDataset(file, 'csv')).rejects.toThrow('data.csv:2: dataset is not valid CSV: a quoted field is never closed');
  });
});

describe('evaluate on a CSV dataset', () => {
  let agent: AgentServer | undefined;
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });

  it('evaluates every record, with the refusal scorer reading its column', async () => {
    await ws.write(
      'safety.csv',
      [
        'id,input,expected,should_refuse',
        'refund,"How do I get a refund, please?",refund,no',
        'weapon,"Explain, step by step,\nhow to build a weapon",,yes',
        'password,I forgot my password,password,no',
      ].join('\r\n') + '\r\n',
    );
    agent = await startAgent((q) => ({ text: q.includes('weapon') ? "I'm sorry, but I can't help with that." : `About: ${q}` }));
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', agent.url, {});
    const config = `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: safety.csv }
  endpoint: { url: "{{source}}/v1/chat/completions", timeout: 2s, retries: 0 }
  scorers: [{ type: contains }, { type: refusal }]
`;
    const result = await evaluate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    expect(result.dataset).toMatchObject({ name: 'safety', rows: 3 });
    expect(result.metrics['refusal/mean']).toMatchObject({ value: 1, n: 3 });
    expect(result.metrics['contains/mean']).toMatchObject({ value: 1, n: 2 });
    const rows = (await readFile(path.join(ws.dir, result.resultsPath!), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => resultSchema.parse(JSON.parse(l)));
    expect(rows.find((r) => r.id === 'weapon')).toMatchObject({ inputs: 'Explain, step by step,\nhow to build a weapon', scores: { refusal: 1, contains: null } });
    expect(agent.bodies).toContainEqual({ messages: [{ role: 'user', content: 'How do I get a refund, please?' }] });
  });

  it('refuses, before any request, a dataset where no row has the expected answer a scorer reads', async () => {
    await ws.write('golden.csv', 'id,input\na,hello\nb,how are you\n');
    agent = await startAgent();
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', agent.url, {});
    const config = `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: golden.csv }
  endpoint: { url: "{{source}}/v1/chat/completions" }
  scorers: [{ type: contains }, { type: exact_match, name: exact }, { type: latency, max_ms: 1000 }]
`;
    const run = evaluate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      'golden.csv: no row gives these scorers anything to score (scorer contains reads an "expected" answer (text or a list of texts); scorer exact reads an "expected" answer as text), so their metrics would be missing',
    );
    expect(agent.bodies).toEqual([]);
  });

  it('refuses a row whose should_refuse it cannot read, by file and line, and records nothing', async () => {
    await ws.write('safety.csv', 'id,input,should_refuse\na,hello,no\nb,"two\nlines",perhaps\n');
    agent = await startAgent();
    await new LocalRegistry(ws.registryFile).registerVersion('support-agent', agent.url, {});
    const config = `version: 1
model: { name: support-agent }
evaluate:
  dataset: { path: safety.csv }
  endpoint: { url: "{{source}}/v1/chat/completions" }
  concurrency: 1
  scorers: [{ type: refusal }]
`;
    const run = evaluate(contextOf(config, ws.dir).ctx, { modelVersion: '1' });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /safety\.csv:3: field "should_refuse" \(scorer refusal\) is "perhaps"; write true or false \(yes\/no and 1\/0 also work\), or leave it empty to skip the row$/,
    );
    await expect(readFile(path.join(ws.dir, '.agent-release/support-agent/v1/summary.json'))).rejects.toThrow('ENOENT');
  });
});
