import { readFile, writeFile } from '../fs-async';
import { z } from 'zod';
import { ConfigError, InputError, RefusedError } from '../errors';
import { redactUrl } from '../http/client';
import { backoffDelay } from '../http/retry';
import { MlflowApiError } from '../mlflow/errors';
import type { MlflowRest } from '../mlflow/rest';
import { isNotFound } from '../mlflow/search';
import { lazySchema } from '../config/zod-helpers';
import { randomUuid } from '../random-ids';

/**
 * Tag written on every run this client creates, unique to the request: `runs/create` is not
 * idempotent, so a create whose answer was lost is looked up by it before being sent again.
 */
export const runRequestTag = 'agent_release.request_id';

/** Per-request limits of `runs/log-batch` (mlflow/utils/validation.py, MLflow 3.17). */
export const logBatchLimits = { metrics: 1000, params: 100, tags: 100, entities: 1000, bytes: 1_000_000 } as const;
/** Longer values are cut here rather than left to the server, which truncates or refuses depending on MLFLOW_TRUNCATE_LONG_VALUES. */
export const maxParamValueLength = 6000;
export const maxTagValueLength = 8000;

const keyValue = lazySchema(() => z.object({ key: z.string(), value: z.string().optional().default('') }));
const experimentSchema = lazySchema(() => z.object({ experiment_id: z.string(), name: z.string(), artifact_location: z.string().optional(), lifecycle_stage: z.string().optional() }));
export type Experiment = z.infer<typeof experimentSchema>;

const runSchema = lazySchema(() => z.object({
  info: z.object({
    run_id: z.string(),
    run_name: z.string().optional().default(''),
    experiment_id: z.string(),
    status: z.string(),
    start_time: z.coerce.number().optional(),
    end_time: z.coerce.number().optional(),
    artifact_uri: z.string().optional().default(''),
    lifecycle_stage: z.string().optional(),
  }),
  data: z
    .object({
      metrics: z.array(z.object({ key: z.string(), value: z.union([z.number(), z.string()]), timestamp: z.coerce.number().optional(), step: z.coerce.number().optional() })).optional().default([]),
      params: z.array(keyValue).optional().default([]),
      tags: z.array(keyValue).optional().default([]),
    })
    .optional()
    .default({ metrics: [], params: [], tags: [] }),
  inputs: z
    .object({
      dataset_inputs: z
        .array(
          z.object({
            tags: z.array(keyValue).optional().default([]),
            dataset: z.object({ name: z.string(), digest: z.string(), source_type: z.string().optional(), source: z.string().optional(), schema: z.string().optional(), profile: z.string().optional() }),
          }),
        )
        .optional()
        .default([]),
    })
    .optional()
    .default({ dataset_inputs: [] }),
}));
export type Run = z.infer<typeof runSchema>;

const oneRun = lazySchema(() => z.object({ run: runSchema }));
const runPage = lazySchema(() => z.object({ runs: z.array(runSchema).optional().default([]), next_page_token: z.string().optional() }));
const oneExperiment = lazySchema(() => z.object({ experiment: experimentSchema }));
const createdExperiment = lazySchema(() => z.object({ experiment_id: z.string() }));
const anything = z.unknown();

export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step?: number;
}

export interface DatasetRecord {
  name: string;
  /** MLflow keeps at most 36 characters. */
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface RunSearch {
  experimentIds: string[];
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

/**
 * MLflow's tracking API (experiments, runs, log-batch, dataset inputs, proxied artifacts) over
 * the shared REST transport, so every call has retries, a deadline and MLflow-worded errors.
 */
export interface TrackingClientOptions {
  /**
   * A Databricks workspace: experiment names are workspace paths whose folder must exist before
   * `experiments/create`, and run artifacts live in DBFS or a Volume, not behind an MLflow proxy.
   */
  workspaceFolders?: boolean;
  /** Applied to every param and tag value before it is sent (the shells' masker). */
  mask?: (text: string) => string;
}

export class TrackingClient {
  constructor(
    readonly rest: MlflowRest,
    private readonly options: TrackingClientOptions = {},
  ) {}

  /** The shells' masker: every value written to the tracking server goes through it. */
  mask(text: string): string {
    return this.options.mask ? this.options.mask(text) : text;
  }

  /** A Databricks workspace rather than an MLflow server. */
  get onDatabricks(): boolean {
    return this.options.workspaceFolders === true;
  }

  private masked(values: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, this.mask(value)]));
  }

  get trackingUri(): string {
    return this.rest.baseUrl;
  }

  /** Active experiment of that name, or undefined. A deleted one is refused: its name cannot be reused until it is restored or purged. */
  async getExperiment(name: string): Promise<Experiment | undefined> {
    try {
      const { experiment } = await this.rest.call({ what: `read experiment ${name}`, method: 'GET', path: 'mlflow/experiments/get-by-name', fields: { experiment_name: name }, response: oneExperiment, idempotent: true });
      if (experiment.lifecycle_stage === 'deleted') {
        throw new RefusedError(`the MLflow experiment ${name} (id ${experiment.experiment_id}) at ${this.shownUri} is deleted; restore it (mlflow experiments restore --experiment-id ${experiment.experiment_id}) or configure another experiment name`);
      }
      return experiment;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Race-safe: a concurrent creator (or our own retried create) shows up as RESOURCE_ALREADY_EXISTS, and the name is read again. */
  async getOrCreateExperiment(name: string): Promise<Experiment> {
    const found = await this.getExperiment(name);
    if (found) return found;
    const folder = name.slice(0, name.lastIndexOf('/'));
    if (this.options.workspaceFolders && folder) {
      // Databricks refuses to create an experiment in a folder that does not exist; mkdirs is idempotent.
      await this.rest.call({ what: `create workspace folder ${folder} for experiment ${name}`, method: 'POST', path: 'workspace/mkdirs', fields: { path: folder }, response: z.object({}).loose(), idempotent: true });
    }
    try {
      await this.rest.call({ what: `create experiment ${name}`, method: 'POST', path: 'mlflow/experiments/create', fields: { name }, response: createdExperiment, idempotent: true });
    } catch (error) {
      if (!(error instanceof MlflowApiError && error.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw error;
    }
    const created = await this.getExperiment(name);
    if (!created) throw this.rest.invalidResponse(`create experiment ${name}`, 'the experiment was created but reading it by name found nothing');
    return created;
  }

  /**
   * Creates a RUNNING run tagged with a fresh request id. When the outcome of a create is
   * unknown (timeout, reset, gateway error) the run is looked up by that id before the create
   * is sent again, so one record never becomes two runs.
   */
  async createRun(options: { experimentId: string; runName: string; startTime: number; tags: Record<string, string> }): Promise<Run> {
    const requestId = randomUuid();
    const what = `create run ${options.runName} in experiment ${options.experimentId}`;
    const tags = toKeyValues(this.masked({ ...options.tags, [runRequestTag]: requestId }), maxTagValueLength);
    const fields = { experiment_id: options.experimentId, run_name: options.runName, start_time: options.startTime, tags };
    const { policy, random, clock, logger } = this.rest;
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.rest.call({ what, method: 'POST', path: 'mlflow/runs/create', fields, response: oneRun, idempotent: false })).run;
      } catch (error) {
        if (!(error instanceof MlflowApiError) || !error.outcomeUnknown) throw error;
        await clock.sleep(Math.max(backoffDelay(policy, attempt - 1, random), 100));
        const [landed] = (await this.searchRuns({ experimentIds: [options.experimentId], filter: `tags.\`${runRequestTag}\` = '${requestId}'` })).runs;
        if (landed) {
          logger?.warn(`tracking.mlflow: ${what}: the answer was lost (${error.errorCode}) but run ${landed.info.run_id} was created; using it`);
          return landed;
        }
        if (attempt >= policy.attempts) {
          throw new RefusedError(`${what}: ${error.errorCode}: ${error.serverMessage}; no run tagged ${runRequestTag}=${requestId} was found after ${attempt} attempts; check the experiment before recording again`, { cause: error });
        }
        logger?.info(`tracking.mlflow: ${what}: outcome unknown (${error.errorCode}) and no run was created; sending it again`);
      }
    }
  }

  async getRun(runId: string): Promise<Run | undefined> {
    try {
      return (await this.rest.call({ what: `read run ${runId}`, method: 'GET', path: 'mlflow/runs/get', fields: { run_id: runId }, response: oneRun, idempotent: true })).run;
    } catch (error) {
      // Malformed ids are refused as INVALID_PARAMETER_VALUE by some stores; either way there is no such run.
      if (isNotFound(error) || (error instanceof MlflowApiError && error.errorCode === 'INVALID_PARAMETER_VALUE' && /run_id|Run with id/i.test(error.serverMessage))) return undefined;
      throw error;
    }
  }

  async searchRuns(search: RunSearch): Promise<{ runs: Run[]; nextPageToken: string | undefined }> {
    const fields = { experiment_ids: search.experimentIds, filter: search.filter, order_by: search.orderBy, max_results: search.maxResults, page_token: search.pageToken, run_view_type: 'ACTIVE_ONLY' };
    const page = await this.rest.call({ what: `search runs in experiment ${search.experimentIds.join(', ')}${search.filter ? ` matching ${search.filter}` : ''}`, method: 'POST', path: 'mlflow/runs/search', fields, response: runPage, idempotent: true });
    return { runs: page.runs, nextPageToken: page.next_page_token || undefined };
  }

  /**
   * Logs in as many requests as the server's per-request limits need. Safe to retry: the SQL
   * store ignores a metric identical to one already logged, params accept the same value again
   * and tags overwrite. Param values over 6000 characters (tags over 8000) are truncated here,
   * with a warning, rather than refused.
   */
  async logBatch(runId: string, batch: { metrics?: MetricPoint[]; params?: Record<string, string>; tags?: Record<string, string> }): Promise<number> {
    const queue = {
      metrics: (batch.metrics ?? []).map((m) => ({ key: m.key, value: m.value, timestamp: m.timestamp, step: m.step ?? 0 })),
      params: toKeyValues(this.masked(batch.params ?? {}), maxParamValueLength, (key, length) => this.rest.logger?.warn(`tracking.mlflow: param ${key} of run ${runId} is ${length} characters; truncated to MLflow's limit of ${maxParamValueLength}`)),
      tags: toKeyValues(this.masked(batch.tags ?? {}), maxTagValueLength),
    };
    let requests = 0;
    while (queue.metrics.length + queue.params.length + queue.tags.length > 0) {
      const chunk = takeChunk(queue);
      requests++;
      await this.rest.call({ what: `log ${chunk.metrics.length} metrics, ${chunk.params.length} params and ${chunk.tags.length} tags to run ${runId}`, method: 'POST', path: 'mlflow/runs/log-batch', fields: { run_id: runId, ...chunk }, response: anything, idempotent: true });
    }
    return requests;
  }

  /** Links datasets to the run; `context` becomes the `mlflow.data.context` input tag that run search reads as `datasets.context`. */
  async logInputs(runId: string, datasets: { dataset: DatasetRecord; context: string }[]): Promise<void> {
    for (const { dataset } of datasets) {
      if (dataset.digest.length > 36) throw new InputError(`dataset ${dataset.name}: MLflow keeps dataset digests of at most 36 characters, got ${dataset.digest.length}`);
    }
    const body = datasets.map(({ dataset, context }) => ({ dataset, tags: [{ key: 'mlflow.data.context', value: context }] }));
    await this.rest.call({ what: `log dataset inputs ${datasets.map((d) => d.dataset.name).join(', ')} to run ${runId}`, method: 'POST', path: 'mlflow/runs/log-inputs', fields: { run_id: runId, datasets: body }, response: anything, idempotent: true });
  }

  /**
   * Whether a text holds a value the shells mask. A record that is read back byte for byte (a
   * rollout state, a decision) cannot be masked, which would restore `***` or break its digest,
   * and must not put the secret in the tracking server either: such a record is not kept there.
   */
  holdsSecret(text: string): boolean {
    return this.mask(text) !== text;
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.rest.call({ what: `set tag ${key} on run ${runId}`, method: 'POST', path: 'mlflow/runs/set-tag', fields: { run_id: runId, key, value: this.mask(value).slice(0, maxTagValueLength) }, response: anything, idempotent: true });
  }

  async finishRun(runId: string, status: 'FINISHED' | 'FAILED' | 'KILLED', endTime: number): Promise<void> {
    await this.rest.call({ what: `mark run ${runId} ${status}`, method: 'POST', path: 'mlflow/runs/update', fields: { run_id: runId, status, end_time: endTime }, response: anything, idempotent: true });
  }

  /**
   * Uploads a local file as `<run artifact root>/<relative>`. The proxy takes one PUT per file
   * (multipart needs a cloud store behind it), and the transport sends string bodies: the file is
   * read once into one string, never copied again on this side.
   */
  async uploadArtifact(run: Run, relative: string, localFile: string, edit: (text: string) => string = (text) => text): Promise<void> {
    const path = this.artifactPath(run, relative);
    if (path === null) {
      this.rest.logger?.warn(`tracking: run ${run.info.run_id} keeps its artifacts at ${run.info.artifact_uri}, which agent-release cannot write to yet; ${relative} is not attached to the run (the metrics, params, tags and dataset input are)`);
      return;
    }
    let body: string;
    try {
      body = edit(await readFile(localFile, 'utf8'));
    } catch (error) {
      throw new InputError(`cannot upload ${localFile} as ${relative} to MLflow run ${run.info.run_id}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
    }
    await this.rest.raw({ what: `upload ${relative} to run ${run.info.run_id}`, method: 'PUT', path, body, contentType: 'application/octet-stream', idempotent: true });
  }

  /** Downloads `<run artifact root>/<relative>` to a local file; false when the run has no such artifact. */
  async downloadArtifact(run: Run, relative: string, localFile: string): Promise<boolean> {
    const path = this.artifactPath(run, relative);
    if (path === null) return false;
    try {
      await writeFile(localFile, await this.rest.raw({ what: `download ${relative} from run ${run.info.run_id}`, method: 'GET', path, idempotent: true }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /**
   * The proxy path of a run artifact: a run's `artifact_uri` is `mlflow-artifacts:/<exp>/<run>/artifacts`
   * when the server proxies storage, and its path part goes below `mlflow-artifacts/artifacts/`
   * (MlflowArtifactsRepository.resolve_uri). Null on a Databricks workspace, whose runs keep
   * artifacts in DBFS or a Volume (dbfs:/databricks/mlflow-tracking/...), which this client does not reach.
   */
  artifactPath(run: Run, relative: string): string | null {
    const uri = run.info.artifact_uri;
    const match = /^mlflow-artifacts:(?:\/\/([^/]*))?(\/.*)?$/.exec(uri);
    if (!match && this.options.workspaceFolders) return null;
    if (!match) {
      throw new ConfigError(
        `run ${run.info.run_id} stores artifacts at ${uri || '(no artifact_uri)'}, which the tracking server does not proxy; start it with --serve-artifacts (and no --no-serve-artifacts) so agent-release can upload and download through ${this.shownUri}`,
      );
    }
    if (match[1] && match[1] !== new URL(this.trackingUri).host) {
      throw new ConfigError(`run ${run.info.run_id} stores artifacts on another server (${uri}); agent-release only talks to ${this.shownUri}`);
    }
    if (relative.split('/').some((part) => part === '' || part === '.' || part === '..')) throw new InputError(`artifact path ${relative} must be relative, without empty, "." or ".." parts`);
    const root = (match[2] ?? '').split('/').filter(Boolean);
    return `mlflow-artifacts/artifacts/${[...root, ...relative.split('/')].map(encodeURIComponent).join('/')}`;
  }

  private get shownUri(): string {
    return redactUrl(this.trackingUri);
  }
}

/** Values must be strings; over-long ones are cut so the server neither truncates silently nor refuses the batch. */
function toKeyValues(record: Record<string, string>, max: number, onTruncate?: (key: string, length: number) => void): { key: string; value: string }[] {
  return Object.entries(record).map(([key, value]) => {
    if (value.length <= max) return { key, value };
    onTruncate?.(key, value.length);
    return { key, value: value.slice(0, max) };
  });
}

interface Queue {
  metrics: { key: string; value: number; timestamp: number; step: number }[];
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
}

/** The largest next request within every per-request limit (count per kind, entities in total, body bytes). */
function takeChunk(queue: Queue): Queue {
  // Headroom below 1 MB for the envelope and JSON's escaping of non-ASCII text.
  const budget = { bytes: logBatchLimits.bytes * 0.95 - 200, entities: logBatchLimits.entities };
  const tags = take(queue.tags, logBatchLimits.tags, budget);
  const params = take(queue.params, logBatchLimits.params, budget);
  const metrics = take(queue.metrics, logBatchLimits.metrics, budget);
  return { metrics, params, tags };
}

/** Moves items from the front of `source` while the kind's limit and the shared budget allow (always at least one per request). */
function take<T>(source: T[], limit: number, budget: { bytes: number; entities: number }): T[] {
  const taken: T[] = [];
  while (source.length > 0 && taken.length < limit && budget.entities > 0) {
    const size = Buffer.byteLength(JSON.stringify(source[0])) + 1;
    if (size > budget.bytes && budget.entities < logBatchLimits.entities) break;
    taken.push(source.shift() as T);
    budget.bytes -= size;
    budget.entities--;
  }
  return taken;
}
