import { createReadStream, statSync } from 'node:fs';
import { z } from 'zod';
import type { ConversationConfig, DatasetConfig } from '../config/evaluate-schema';
import { readJsonl } from '../contract/jsonl';
import { InputError } from '../errors';
import { readTurns, toolResultsOf, type TurnSpec } from './conversation';
import type { CsvRow } from './dataset-csv';
import { IdHashes } from './id-set';
import { asMessages, type ChatMessage } from './messages';
import { lazySchema } from '../config/zod-helpers';
import { createSha256, type Sha256 } from '../hash/sha256';

export type { ChatMessage } from './messages';

export type DatasetFormat = 'jsonl' | 'csv';

export interface Example {
  id: string;
  /** The line the row starts on. */
  line: number;
  /** The row's input field as written, for results.jsonl. */
  input: unknown;
  /** The input as a conversation, when it is one; null for a row written as turns. */
  messages: ChatMessage[] | null;
  /** Undefined when the row has none (a JSONL field absent, a CSV cell empty). */
  expected: unknown;
  /** The whole row, for scorers that read other fields (refusal's should_refuse). */
  fields: Readonly<Record<string, unknown>>;
  /**
   * With evaluate.conversation: the turns to play (a row without the conversation column is
   * one turn). Absent otherwise.
   */
  turns?: readonly TurnSpec[];
}

export interface DatasetScan {
  /** sha256 over the file's bytes: the same content gives the same digest wherever it lives. */
  digest: string;
  rows: number;
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The configured format, or csv for a .csv file and jsonl otherwise. */
export function datasetFormat(dataset: Pick<DatasetConfig, 'path' | 'format'>): DatasetFormat {
  return dataset.format ?? (/\.csv$/i.test(dataset.path) ? 'csv' : 'jsonl');
}

/**
 * One pass over the bytes for the digest and the row count, before any request is sent. A CSV
 * file is parsed in that pass, so a malformed one is refused before the first request.
 */
export async function scanDataset(file: string, format: DatasetFormat = datasetFormat({ path: file })): Promise<DatasetScan> {
  if (isFolder(file)) throw new InputError(`cannot read dataset ${file}: it is a folder; evaluate.dataset.path names the dataset file in it (.jsonl, or .csv)`);
  const hash = createSha256();
  let rows = 0;
  if (format === 'csv') {
    for await (const _row of readCsvRows(file, 'dataset', (chunk) => hash.update(chunk))) rows++;
    if (rows === 0) throw new InputError(`dataset ${file} is empty; a CSV dataset needs a header row and one row per example`);
    return { digest: `sha256:${hash.digest('hex')}`, rows };
  }
  let lineHasContent = false;
  // A byte order mark is not content: the reader drops it, and a line holding only it is empty.
  let bom = [0xef, 0xbb, 0xbf];
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      for (const byte of chunk) {
        if (bom.length > 0 && byte === bom[0]) {
          bom = bom.slice(1);
          continue;
        }
        bom = [];
        if (byte === 0x0a) {
          if (lineHasContent) rows++;
          lineHasContent = false;
        } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) lineHasContent = true;
      }
    }
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(`cannot read dataset ${file}: ${missing ? 'file not found (evaluate.dataset.path is relative to the workspace)' : (error as Error).message}`);
  }
  if (lineHasContent) rows++;
  if (rows === 0) throw new InputError(`dataset ${file} is empty; it needs one JSON object per line`);
  return { digest: `sha256:${hash.digest('hex')}`, rows };
}

export interface ReadExamplesOptions {
  format: DatasetFormat;
  columns: DatasetConfig['columns'];
  /** Why the endpoint format cannot send this input, or undefined when it can. */
  inputProblem?: (input: unknown, messages: ChatMessage[] | null) => string | undefined;
  /** The hash the duplicate-id check keys on; tests force collisions with it. */
  idHash?: (id: string) => number;
  /**
   * For a second pass over a file a first pass checked whole: the ids are not recorded again (16
   * bytes a row, 2 MiB of a 100,000-row run), and every byte read feeds this hash, so the caller can
   * tell by its digest that the rows it read are the rows checked.
   */
  recheck?: Sha256;
  /** Rows may hold conversations (evaluate.conversation). */
  conversation?: ConversationConfig;
}

// Any JSON object: checked, not copied (a record schema would rebuild every row key by key).
const rowSchema = lazySchema(() => z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'expected a JSON object'));

/** CSV rows; the parser is loaded by the runs that read CSV, not at every start. */
async function* readCsvRows(file: string, what: string, onChunk?: (chunk: Buffer) => void): AsyncGenerator<CsvRow> {
  const csv = await import('./dataset-csv');
  yield* csv.readCsvRows(file, what, onChunk);
}

type Rows = AsyncIterable<{ line: number; value: Record<string, unknown> }>;

function datasetRows(file: string, format: DatasetFormat, hash?: Sha256): Rows {
  return format === 'csv' ? readCsvRows(file, 'dataset', hash && ((chunk) => hash.update(chunk))) : readJsonl(file, rowSchema, 'dataset', hash ? { hash } : {});
}

/** Streams examples, mapping the configured columns; duplicate ids and unusable inputs stop the read. */
export async function* readExamples(file: string, options: ReadExamplesOptions): AsyncGenerator<Example> {
  const { columns, format } = options;
  const seen = options.recheck ? null : new IdHashes(options.idHash);
  const field = format === 'csv' ? 'column' : 'field';
  const idOf = (value: Record<string, unknown>, line: number): string => {
    const rawId = value[columns.id];
    const id = rawId === undefined || rawId === '' ? `line-${line}` : typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
    if (id === undefined) throw new InputError(`${file}:${line}: ${field} "${columns.id}" (the id column) must be a string or number`);
    return id;
  };
  for await (const { line, value } of datasetRows(file, format, options.recheck)) {
    const id = idOf(value, line);
    if (seen && !seen.add(id)) {
      // Its hash was met before: find the row, if any, that really has this id.
      for await (const earlier of datasetRows(file, format)) {
        if (earlier.line >= line) break;
        if (idOf(earlier.value, earlier.line) === id) throw new InputError(`${file}:${line}: id "${id}" appears twice (lines ${earlier.line} and ${line}); example ids must be unique`);
      }
    }
    const conversation = options.conversation;
    const rawTurns = conversation ? jsonCell(value[conversation.column], format) : undefined;
    if (conversation && rawTurns !== undefined) {
      const read = readTurns(rawTurns, conversation);
      if ('problem' in read) throw new InputError(`${file}:${line}: ${read.problem}`);
      const turns = read.turns;
      for (const turn of turns) {
        const problem = options.inputProblem?.(turn.input, turn.messages);
        if (problem) throw new InputError(`${file}:${line}: field "${conversation.column}" turn ${turns.indexOf(turn) + 1}: "input" ${problem}`);
      }
      const expected = value[columns.expected];
      yield { id, line, input: rawTurns, messages: null, expected: format === 'csv' && expected === '' ? undefined : expected, fields: value, turns };
      continue;
    }
    const input = value[columns.input];
    if (input === undefined || (format === 'csv' && input === '')) {
      const present = Object.keys(value).join(', ') || 'none';
      throw new InputError(
        format === 'csv' && input === ''
          ? `${file}:${line}: column "${columns.input}" (the input column) is empty`
          : `${file}:${line}: missing ${field} "${columns.input}" (the input column); ${field}s present: ${present}. Set evaluate.dataset.columns.input to the right ${field}`,
      );
    }
    const messages = asMessages(input);
    const problem = options.inputProblem ? options.inputProblem(input, messages) : messages ? undefined : 'must be a string, a list of {role, content} messages, or {messages: [...]}';
    if (problem) throw new InputError(`${file}:${line}: ${field} "${columns.input}" ${problem}`);
    const expected = value[columns.expected];
    const example: Example = { id, line, input, messages, expected: format === 'csv' && expected === '' ? undefined : expected, fields: value };
    if (conversation) {
      const toolResults = toolResultsOf(jsonCell(value[conversation.tool_results_column], format), `field "${conversation.tool_results_column}"`);
      if (typeof toolResults === 'string') throw new InputError(`${file}:${line}: ${toolResults}`);
      if (!messages) throw new InputError(`${file}:${line}: ${field} "${columns.input}" must be a conversation (a string or {role, content} messages) with evaluate.conversation`);
      example.turns = [{ input, messages, expected: example.expected, fields: value, toolResults }];
    }
    yield example;
  }
}

/** A CSV cell holding JSON (a conversation's turns, tool results) as its value; an empty cell is absent. */
function jsonCell(value: unknown, format: DatasetFormat): unknown {
  if (format !== 'csv' || typeof value !== 'string') return value;
  if (value === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
