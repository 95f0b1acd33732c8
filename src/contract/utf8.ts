import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors';
import { open } from '../fs-async';
import { fileChunks } from './file-chunks';

/**
 * Decodes a file's chunks as UTF-8, refusing bytes that are not: a Latin-1 or Windows-1252 file
 * would otherwise have every accented letter turned into U+FFFD and be scored on the damage.
 * A leading byte order mark is dropped (editors on Windows write one).
 */
export class Utf8Chunks {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly file: string,
    private readonly what: string,
  ) {}

  /** The text of `chunk`; rejects with the file and line of the first byte that is not UTF-8. */
  async decode(chunk: Buffer, last = false): Promise<string> {
    try {
      return this.decoder.decode(chunk, { stream: !last });
    } catch {
      throw await notUtf8(this.file, this.what);
    }
  }
}

/** Where the first invalid byte is: read again only on failure, so the common case pays nothing. `shown` names the file in the message. */
export async function notUtf8(file: string, what: string, shown = file): Promise<InputError> {
  const at = await firstInvalidUtf8(file);
  const where = at ? `${shown}:${at.line}` : shown;
  if (await startsWithUtf16Mark(file)) {
    return new InputError(`${shown}: ${what} is UTF-16 (it starts with UTF-16's byte order mark), not UTF-8; save it as UTF-8 (e.g. iconv -f utf-16 -t utf-8 in > out)`);
  }
  const detail = at ? ` (byte 0x${at.byte.toString(16).toUpperCase().padStart(2, '0')} at character ${at.column})` : '';
  return new InputError(`${where}: ${what} is not valid UTF-8${detail}; save it as UTF-8 (e.g. iconv -f latin1 -t utf-8 in > out)`);
}

/** FF FE or FE FF: what Windows tools (PowerShell's Out-File, Excel's "Unicode text") write. */
async function startsWithUtf16Mark(file: string): Promise<boolean> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff));
  } finally {
    await handle.close();
  }
}

interface InvalidByte {
  line: number;
  /** 1-based, in characters of the line's valid start. */
  column: number;
  byte: number;
}

async function firstInvalidUtf8(file: string): Promise<InvalidByte | undefined> {
  let line = 1;
  let pending: Buffer[] = [];
  // A line break (0x0A) never occurs inside a multi-byte sequence, so lines are checked alone.
  const check = (bytes: Buffer): InvalidByte | undefined => {
    if (isUtf8(bytes)) return undefined;
    const at = firstInvalidIndex(bytes);
    return { line, column: bytes.subarray(0, at).toString('utf8').replace(/^\uFEFF/, '').length + 1, byte: bytes[at] ?? 0 };
  };
  for await (const chunk of fileChunks(file)) {
    let from = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, from)) {
      const found = check(Buffer.concat([...pending, chunk.subarray(from, end)]));
      if (found) return found;
      pending = [];
      line++;
      from = end + 1;
    }
    // A copy: the next chunk is read into the same buffer.
    pending.push(Buffer.from(chunk.subarray(from)));
  }
  return check(Buffer.concat(pending));
}

function firstInvalidIndex(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || (length > 1 && !isUtf8(bytes.subarray(i, i + length)))) return i;
    i += length;
  }
  return bytes.length;
}
