import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import type { EvaluateConfig } from '../config/schema';
import { readJsonl } from '../contract/jsonl';
import { InputError } from '../errors';

export interface ChatMessage {
  role: string;
  content: string;
}

export interface Example {
  id: string;
  line: number;
  /** The row's input field as written, for results.jsonl. */
  input: unknown;
  messages: ChatMessage[];
  expected: unknown;
}

export interface DatasetScan {
  /** sha256 over the file's bytes: the same content gives the same digest wherever it lives. */
  digest: string;
  rows: number;
}

/** One pass over the bytes for the digest and the row count, before any request is sent. */
export async function scanDataset(file: string): Promise<DatasetScan> {
  const hash = createHash('sha256');
  let rows = 0;
  let lineHasContent = false;
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      for (const byte of chunk) {
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

const message = z.strictObject({ role: z.string().min(1), content: z.string() });
const rowSchema = z.record(z.string(), z.unknown());

/** Streams examples, mapping the configured columns; duplicate ids and unusable inputs stop the read. */
export async function* readExamples(file: string, columns: EvaluateConfig['dataset']['columns']): AsyncGenerator<Example> {
  const seen = new Set<string>();
  for await (const { line, value } of readJsonl(file, rowSchema, 'dataset')) {
    const rawId = value[columns.id];
    const id = rawId === undefined ? `line-${line}` : typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
    if (id === undefined) throw new InputError(`${file}:${line}: field "${columns.id}" (the id column) must be a string or number`);
    if (seen.has(id)) throw new InputError(`${file}:${line}: id "${id}" appears twice; example ids must be unique`);
    seen.add(id);
    const input = value[columns.input];
    if (input === undefined) {
      throw new InputError(`${file}:${line}: missing field "${columns.input}" (the input column); fields present: ${Object.keys(value).join(', ') || 'none'}. Set evaluate.dataset.columns.input to the right field`);
    }
    yield { id, line, input, messages: toMessages(input, file, line, columns.input), expected: value[columns.expected] };
  }
}

function toMessages(input: unknown, file: string, line: number, column: string): ChatMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  const list = Array.isArray(input) ? input : (input as { messages?: unknown } | null)?.messages;
  const parsed = z.array(message).min(1).safeParse(list);
  if (parsed.success) return parsed.data;
  throw new InputError(`${file}:${line}: field "${column}" must be a string, a list of {role, content} messages, or {messages: [...]}`);
}
