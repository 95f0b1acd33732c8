import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { InputError } from '../errors';
import { formatPath } from '../config/paths';

export interface JsonlRow<T> {
  line: number;
  value: T;
}

/**
 * Streams a JSONL file row by row (memory stays flat with file size). A line that is not JSON
 * or does not match the schema stops the read with the file, line and field named.
 */
export async function* readJsonl<S extends z.ZodType>(file: string, schema: S, what: string): AsyncGenerator<JsonlRow<z.infer<S>>> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new InputError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const text of lines) {
      lineNumber++;
      if (text.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new InputError(`${file}:${lineNumber}: ${what} line is not valid JSON (${(error as Error).message}); each line must be one JSON object`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue ? formatPath(issue.path.filter((s): s is string | number => typeof s !== 'symbol')) : '';
        throw new InputError(`${file}:${lineNumber}: ${what} line: ${field}: ${issue?.message ?? 'does not match the expected shape'}`);
      }
      yield { line: lineNumber, value: parsed.data };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}
