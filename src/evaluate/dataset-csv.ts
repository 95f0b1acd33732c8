import { createReadStream } from 'node:fs';
import { CsvError, parse, type InfoRecord, type Options } from 'csv-parse';
import { Transform, pipeline } from 'node:stream';
import { Utf8Chunks } from '../contract/utf8';
import { InputError } from '../errors';

export interface CsvRow {
  /** The line the record starts on (a quoted field may run over several lines). */
  line: number;
  value: Record<string, string>;
}

/**
 * Streams a CSV file (RFC 4180: a header row, fields quoted with " when they hold the delimiter,
 * quotes or line breaks; LF or CRLF; an optional UTF-8 BOM) as one object per record, keyed by
 * the header. Empty lines are skipped. A malformed record, or bytes that are not UTF-8, stop the
 * read with the file and the line. `onChunk` sees every byte read, for a digest in the same pass.
 */
export async function* readCsvRows(file: string, what: string, onChunk?: (chunk: Buffer) => void): AsyncGenerator<CsvRow> {
  const source = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    source.once('open', () => resolve());
    source.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new InputError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
  if (onChunk) source.on('data', (chunk) => onChunk(chunk as Buffer));
  // Start lines are counted here from each record's raw text (which includes the empty lines
  // skipped before it): csv-parse's own count runs ahead after a CRLF inside quotes. on_record
  // runs synchronously as records are parsed, so when a later record fails, `position` already
  // points past every record before it, even those still buffered in the stream.
  const position: ParsePosition = { nextLine: 1, emptyLines: 0, headerFields: undefined };
  const parser = parse({
      bom: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: false,
      max_record_size: maxRecordChars,
      on_record: numberRecords(position),
  });
  // pipeline, not pipe: the check's error (bytes that are not UTF-8) must reach the parser's reader.
  pipeline(source, utf8Check(file, what), parser, () => undefined);
  let header: string[] | undefined;
  try {
    for await (const item of parser as AsyncIterable<NumberedRecord>) {
      if (!header) {
        header = checkHeader(item.fields, file, item.line);
        continue;
      }
      const value: Record<string, string> = {};
      header.forEach((name, i) => (value[name] = item.fields[i] ?? ''));
      yield { line: item.line, value };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // Empty lines skipped since the last record come before the one that failed.
    const skipped = typeof error.empty_lines === 'number' ? Math.max(0, error.empty_lines - position.emptyLines) : 0;
    throw new InputError(`${file}:${position.nextLine + skipped}: ${what} is not valid CSV: ${explain(error, position.headerFields)}`);
  } finally {
    parser.destroy();
    source.destroy();
  }
  if (!header) throw new InputError(`${what} ${file} is empty; a CSV dataset needs a header row and one row per example`);
}

/** Passes the bytes on unchanged once they decode as UTF-8 (csv-parse would put U+FFFD in their place). */
function utf8Check(file: string, what: string): Transform {
  const decoder = new Utf8Chunks(file, what);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      decoder.decode(chunk).then(() => done(null, chunk), done);
    },
    flush(done) {
      decoder.decode(Buffer.alloc(0), true).then(() => done(), done);
    },
  });
}

/** A record this long is a runaway quoted field, not an example. */
const maxRecordChars = 16 * 1024 * 1024;

/** Where the parser is, kept as it parses (ahead of what the stream has handed out). */
interface ParsePosition {
  nextLine: number;
  emptyLines: number;
  /** The header's field count, once the header is parsed. */
  headerFields: number | undefined;
}

interface NumberedRecord {
  fields: string[];
  line: number;
}

/**
 * csv-parse's types model on_record as string[] → string[]; with raw: true it is really handed
 * {record, raw}, and whatever it returns is what the stream yields (a NumberedRecord here).
 */
function numberRecords(position: ParsePosition): Options['on_record'] {
  const numbered = (parsed: { record: string[] }, context: InfoRecord): NumberedRecord => {
    const raw = context.raw ?? '';
    const leading = /^(?:\r\n|\r|\n)*/.exec(raw)?.[0] ?? '';
    const line = position.nextLine + lineBreaks(leading);
    position.nextLine += lineBreaks(raw);
    position.emptyLines = context.empty_lines;
    position.headerFields ??= parsed.record.length;
    return { fields: parsed.record, line };
  };
  return numbered as unknown as Options['on_record'];
}

function checkHeader(names: string[], file: string, line: number): string[] {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name.trim() === '') throw new InputError(`${file}:${line}: CSV header: column ${i + 1} has no name; every column needs one`);
    if (seen.has(name)) throw new InputError(`${file}:${line}: CSV header names column "${name}" twice; column names must be unique`);
    seen.add(name);
  });
  return names;
}

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function explain(error: CsvError, headerFields: number | undefined): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const got = Array.isArray(error.record) ? error.record.length : undefined;
      return `the row has ${got ?? 'a different number of'} fields but the header has ${headerFields ?? 'another number'}; quote a field that contains a comma`;
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field has text after its closing quote; inside a quoted field write a quote as ""';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field; quote the whole field and double the quote, e.g. "a 5"" screen"';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (the file ends inside quotes)';
    case 'CSV_MAX_RECORD_SIZE':
      return `a record is longer than ${maxRecordChars} characters; most likely a quote is never closed`;
    default:
      return error.message.replace(/ (?:at|on) line \d+.*$/, '');
  }
}
