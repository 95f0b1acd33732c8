import { z } from 'zod';
import type { Metric } from '../../contract/summary';
import { InputError, RefusedError } from '../../errors';
import type { JobRunOutput } from '../../databricks/jobs';
import { maxNesting, valueNestsBeyond } from '../../nesting';
import { lazySchema } from '../../config/zod-helpers';
import { sha256Hex } from '../../hash/sha256';

/**
 * The JSON an evaluation notebook exits with, e.g.
 * `dbutils.notebook.exit(json.dumps({"passed": True, "metrics": {...}, "version": "7", "failures": []}))`.
 * Extra fields are accepted (the notebooks this grew from also send `promoted`,
 * `endpoint_created`); Python's None is read as absent. Optional extras the runner uses:
 * `dataset {name, digest, rows, source?}`, `mlflow_run_id`, `errors` (examples that failed).
 */
const metricValue = lazySchema(() => z.union([z.number(), z.looseObject({ value: z.number(), n: z.number().int().nonnegative().nullish() })]));
export const notebookExitSchema = lazySchema(() => z.looseObject({
  passed: z.boolean(),
  metrics: z.record(z.string().min(1), metricValue),
  version: z.union([z.string().min(1), z.number()]),
  failures: z.array(z.unknown()).nullish(),
  errors: z.number().int().nonnegative().nullish(),
  mlflow_run_id: z.string().min(1).nullish(),
  dataset: z
    .looseObject({ name: z.string().min(1), digest: z.string().min(1), rows: z.number().int().nonnegative(), source: z.string().nullish() })
    .nullish(),
}));
export type NotebookExit = z.infer<typeof notebookExitSchema>;

export const exitInstruction =
  'the notebook must end with dbutils.notebook.exit(json.dumps({"passed": passed, "metrics": metrics, "version": model_version, "failures": failures}))';

/**
 * Reads and checks a task's exit value. `where` names the task and run page for messages.
 * Problems with the value are InputErrors (exit 2: the notebook must change); an exit value for
 * another model version is refused (exit 1: the job evaluated something else).
 */
export function readNotebookExit(output: JobRunOutput, where: string, expectedVersion: string): NotebookExit {
  const notebook = output.notebook_output;
  if (notebook === undefined) {
    throw new InputError(`${where} has no notebook output (is it a notebook task?); ${exitInstruction}`);
  }
  if (notebook.truncated) {
    throw new InputError(
      `${where} exited with a value larger than the 5 MB Databricks returns, and it was truncated; exit with the summary only (passed, metrics, version, failures) and log per-example rows to MLflow or a volume instead`,
    );
  }
  const text = notebook.result;
  if (text === undefined || text.trim() === '') {
    throw new InputError(`${where} ended without an exit value (dbutils.notebook.exit was not called); ${exitInstruction}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const nonFinite = /\b(NaN|-?Infinity)\b/.exec(text)?.[1];
    if (nonFinite) {
      throw new InputError(`${where} exited with ${nonFinite} in its JSON (Python's json.dumps writes it for float('nan')); drop or replace metrics that are not finite numbers and call json.dumps(..., allow_nan=False)`);
    }
    throw new InputError(`${where} exited with a value that is not JSON: ${JSON.stringify(text.slice(0, 80))}; ${exitInstruction}`);
  }
  if (valueNestsBeyond(json, maxNesting)) throw new InputError(`${where} exited with JSON nested more than ${maxNesting} levels deep; ${exitInstruction}`);
  const parsed = notebookExitSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new InputError(`${where} exited with JSON that is not an evaluation result:\n  - ${issues.join('\n  - ')}\n${exitInstruction}`);
  }
  const exit = parsed.data;
  if (String(exit.version).trim() !== expectedVersion) {
    throw new RefusedError(
      `${where} evaluated version ${String(exit.version)}, not ${expectedVersion} as asked; refusing to record another version's evaluation. The notebook must evaluate the model_version job parameter (dbutils.widgets.get("model_version")), not the latest version`,
    );
  }
  return exit;
}

/** Metrics as the summary holds them; n is 0 ("unknown", as for a plain number) unless the notebook gave it. */
export function exitMetrics(exit: NotebookExit): Record<string, Metric> {
  return Object.fromEntries(
    Object.entries(exit.metrics).map(([name, m]) => [name, typeof m === 'number' ? { value: m, n: 0 } : { value: m.value, n: m.n ?? 0 }]),
  );
}

/**
 * The summary's dataset block. The notebook's own `dataset` is used when it sends one; a digest
 * that is not sha256 (MLflow's dataset digests are short hashes) is hashed into one, which keeps
 * equal digests equal for baseline matching. Without it, the job itself stands in for the
 * dataset: named after the job, digested from the workspace, job and task (so two evaluations
 * by the same job compare as "same dataset"), 0 rows (unknown) and the run page as the source.
 */
export function exitDataset(
  exit: NotebookExit,
  job: { host: string; jobId: number; taskKey: string | null; runUrl: string },
): { name: string; digest: string; rows: number; source: string } {
  if (exit.dataset) {
    const { name, digest, rows, source } = exit.dataset;
    return { name, digest: sha256Digest(digest, name), rows, source: source ?? job.runUrl };
  }
  const identity = ['databricks-job', job.host, job.jobId, job.taskKey ?? ''].join('\n');
  return { name: `databricks-job-${job.jobId}`, digest: `sha256:${sha256(identity)}`, rows: 0, source: job.runUrl };
}

function sha256Digest(digest: string, name: string): string {
  const lower = digest.toLowerCase();
  if (/^sha256:[0-9a-f]{64}$/.test(lower)) return lower;
  if (/^[0-9a-f]{64}$/.test(lower)) return `sha256:${lower}`;
  return `sha256:${sha256(`dataset-digest\n${name}\n${digest}`)}`;
}

function sha256(text: string): string {
  return sha256Hex(text);
}
