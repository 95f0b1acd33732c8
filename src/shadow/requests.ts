import { z } from 'zod';
import { readJsonl } from '../contract/jsonl';
import { readCsvRows } from '../evaluate/dataset-csv';
import { InputError } from '../errors';
import { randomIndex, seededRandom } from '../stats/random';
import { lazySchema } from '../config/zod-helpers';

/** One recorded production request: its id and the body the serving endpoint received. */
export interface RecordedRequest {
  id: string;
  body: Record<string, unknown>;
}

/**
 * An export of a Databricks inference table, one row per request, as JSONL or CSV. Columns read
 * (both the legacy payload table and the AI Gateway one): `databricks_request_id` (else
 * `client_request_id`) as the id, `request` (the JSON body as a string, or as an object in JSONL),
 * and `status_code`: only requests that were answered (2xx) are replayed, so a production outage
 * is not replayed as a regression. Rows are sampled deterministically (reservoir, seeded).
 */
export async function readRecordedRequests(file: string, options: { format: 'jsonl' | 'csv'; sample: number; seed: number }): Promise<{ requests: RecordedRequest[]; rows: number; skipped: number }> {
  const random = seededRandom(options.seed);
  const kept: RecordedRequest[] = [];
  let rows = 0;
  let skipped = 0;
  for await (const { line, value } of rowsOf(file, options.format)) {
    const request = recordedRequest(value, file, line);
    if (!request) {
      skipped++;
      continue;
    }
    rows++;
    // Reservoir sampling (algorithm R): every answered row has the same chance, in one pass.
    if (kept.length < options.sample) kept.push(request);
    else {
      const slot = randomIndex(random, rows);
      if (slot < options.sample) kept[slot] = request;
    }
  }
  if (rows === 0) throw new InputError(`${file} has no answered requests to replay (${skipped} rows with a status_code other than 2xx); export rows with status_code 200`);
  return { requests: kept, rows, skipped };
}

async function* rowsOf(file: string, format: 'jsonl' | 'csv'): AsyncGenerator<{ line: number; value: Record<string, unknown> }> {
  if (format === 'csv') {
    for await (const row of readCsvRows(file, 'recorded requests')) yield { line: row.line, value: row.value };
    return;
  }
  for await (const row of readJsonl(file, inferenceRow, 'recorded requests')) yield row;
}

const inferenceRow = lazySchema(() => z.record(z.string(), z.unknown(), { error: 'expected a JSON object (one row of the inference table export)' }));

function recordedRequest(row: Record<string, unknown>, file: string, line: number): RecordedRequest | undefined {
  const status = row.status_code;
  if (status !== undefined && status !== null && status !== '' && !/^2\d\d$/.test(String(status))) return undefined;
  const id = [row.databricks_request_id, row.client_request_id].find((v) => typeof v === 'string' && v !== '');
  if (typeof id !== 'string') throw new InputError(`${file}:${line}: no databricks_request_id or client_request_id; export the inference table with its id columns`);
  let body = row.request;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      throw new InputError(`${file}:${line}: the request column of ${id} is not JSON; it should hold the body the endpoint received`);
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InputError(`${file}:${line}: the request column of ${id} is not a JSON object (the request body); got ${body === undefined ? 'nothing' : typeof body}`);
  return { id, body: body as Record<string, unknown> };
}
