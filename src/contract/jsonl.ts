import type { z } from 'zod';
import { formatPath } from '../config/paths';
import { InputError } from '../errors';
import { maxNesting, valueNestsBeyond } from '../nesting';
import { fileChunks } from './file-chunks';
import { Utf8Chunks } from './utf8';
import type { Sha256 } from '../hash/sha256';

export interface JsonlRow<T> {
  line: number;
  value: T;
}

export interface JsonlOptions<T> {
  /**
   * A cheap check that vouches for rows the schema would accept unchanged; rows it passes skip
   * the schema, the rest go through it (and its error messages). For files of a million rows.
   */
  quick?: (value: unknown) => value is T;
  /** Fed every byte read, so a caller gets the file's digest from the same pass. */
  hash?: Sha256;
}

/**
 * Streams a JSONL file row by row (memory stays flat with file size). A line that is not JSON
 * or does not match the schema stops the read with the file, line and field named, as do bytes
 * that are not UTF-8; a leading byte order mark is skipped.
 */
export async function* readJsonl<S extends z.ZodType>(file: string, schema: S, what: string, options: JsonlOptions<z.infer<S>> = {}): AsyncGenerator<JsonlRow<z.infer<S>>> {
  const row = rowReader(file, schema, what, options.quick);
  for await (const lines of linesOf(file, what, options.hash)) {
    for (const text of lines) {
      const parsed = row(text);
      if (parsed) yield parsed;
    }
  }
}

/**
 * readJsonl with a callback: the same rows, checks and errors, in the same order, but no promise
 * and no iterator result per row, which is a third of the work on a million short rows.
 */
export async function forEachJsonl<S extends z.ZodType>(file: string, schema: S, what: string, onRow: (row: JsonlRow<z.infer<S>>) => void, options: JsonlOptions<z.infer<S>> = {}): Promise<void> {
  const row = rowReader(file, schema, what, options.quick);
  for await (const lines of linesOf(file, what, options.hash)) {
    for (const text of lines) {
      const parsed = row(text);
      if (parsed) onRow(parsed);
    }
  }
}

/** Parses and checks one line at a time, counting lines (blank ones included) for the messages. */
function rowReader<S extends z.ZodType>(file: string, schema: S, what: string, quick: JsonlOptions<z.infer<S>>['quick']): (text: string) => JsonlRow<z.infer<S>> | undefined {
  let lineNumber = 0;
  return (text) => {
    lineNumber++;
    // Blank as the dataset scan counts rows: spaces, tabs and a CR only. A line of NBSP or a stray BOM is a row that is not JSON, refused by line, not skipped (the two counts must agree).
    if (/^[ \t\r]*$/.test(text)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InputError(`${file}:${lineNumber}: ${what} line is not valid JSON (${(error as Error).message}); each line must be one JSON object`);
    }
    // What reads and copies rows recurses; past the end of the stack V8 may abort the process.
    if (valueNestsBeyond(json, maxNesting)) throw new InputError(`${file}:${lineNumber}: ${what} line nests objects and arrays more than ${maxNesting} levels deep (a handful is normal); the line is likely damaged`);
    if (quick?.(json)) return { line: lineNumber, value: json };
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue ? formatPath(issue.path.filter((s): s is string | number => typeof s !== 'symbol')) : '';
      throw new InputError(`${file}:${lineNumber}: ${what} line: ${field}: ${issue?.message ?? 'does not match the expected shape'}`);
    }
    return { line: lineNumber, value: parsed.data };
  };
}

/** The file's lines, one batch per chunk read, the last line with or without a line break after it. */
async function* linesOf(file: string, what: string, hash: Sha256 | undefined): AsyncGenerator<string[]> {
  const chunks = fileChunks(file, 256 * 1024);
  let next: IteratorResult<Buffer>;
  try {
    next = await chunks.next();
  } catch (error) {
    throw new InputError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
  // Lines split by hand rather than with readline, whose async iterator costs several
  // microseconds a line; a line break is \n, and a \r before it is JSON whitespace.
  let rest = '';
  const decoder = new Utf8Chunks(file, what);
  try {
    // One more turn after the last chunk flushes the decoder (a sequence cut off by the end is refused).
    for (;;) {
      const done = next.done === true;
      const bytes: Buffer = next.done ? Buffer.alloc(0) : next.value;
      hash?.update(bytes);
      const chunk = await decoder.decode(bytes, done);
      const lines: string[] = [];
      let from = 0;
      for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', from)) {
        lines.push(rest ? rest + chunk.slice(from, end) : chunk.slice(from, end));
        rest = '';
        from = end + 1;
      }
      rest += chunk.slice(from);
      if (done && rest) lines.push(rest);
      if (lines.length > 0) yield lines;
      if (done) break;
      next = await chunks.next();
    }
  } finally {
    await chunks.return(undefined);
  }
}
