import { createReadStream } from 'node:fs';
import type { z } from 'zod';
import { formatPath } from '../config/paths';
import { InputError } from '../errors';
import { maxNesting, valueNestsBeyond } from '../nesting';
import { Utf8Chunks } from './utf8';

export interface JsonlRow<T> {
  line: number;
  value: T;
}

/**
 * Streams a JSONL file row by row (memory stays flat with file size). A line that is not JSON
 * or does not match the schema stops the read with the file, line and field named, as do bytes
 * that are not UTF-8; a leading byte order mark is skipped.
 */
export async function* readJsonl<S extends z.ZodType>(file: string, schema: S, what: string): AsyncGenerator<JsonlRow<z.infer<S>>> {
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new InputError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
  let lineNumber = 0;
  const row = (text: string): JsonlRow<z.infer<S>> | undefined => {
    lineNumber++;
    if (text.trim() === '') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InputError(`${file}:${lineNumber}: ${what} line is not valid JSON (${(error as Error).message}); each line must be one JSON object`);
    }
    // What reads and copies rows recurses; past the end of the stack V8 may abort the process.
    if (valueNestsBeyond(json, maxNesting)) throw new InputError(`${file}:${lineNumber}: ${what} line nests objects and arrays more than ${maxNesting} levels deep (a handful is normal); the line is likely damaged`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue ? formatPath(issue.path.filter((s): s is string | number => typeof s !== 'symbol')) : '';
      throw new InputError(`${file}:${lineNumber}: ${what} line: ${field}: ${issue?.message ?? 'does not match the expected shape'}`);
    }
    return { line: lineNumber, value: parsed.data };
  };
  // Lines split by hand rather than with readline, whose async iterator costs several
  // microseconds a line; a line break is \n, and a \r before it is JSON whitespace.
  let rest = '';
  const decoder = new Utf8Chunks(file, what);
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    // One more turn after the last chunk flushes the decoder (a sequence cut off by the end is refused).
    for (let done = false; !done; ) {
      const next = await chunks.next();
      done = next.done === true;
      const bytes: Buffer = next.done ? Buffer.alloc(0) : next.value;
      const chunk = await decoder.decode(bytes, done);
      let from = 0;
      for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', from)) {
        const text = rest ? rest + chunk.slice(from, end) : chunk.slice(from, end);
        rest = '';
        from = end + 1;
        const parsed = row(text);
        if (parsed) yield parsed;
      }
      rest += chunk.slice(from);
    }
    if (rest) {
      const parsed = row(rest);
      if (parsed) yield parsed;
    }
  } finally {
    stream.destroy();
  }
}
