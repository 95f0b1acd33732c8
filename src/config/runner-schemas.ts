import { z } from 'zod';
import { deferred, strictObject, lazySchema, timeoutDuration } from './zod-helpers';

/** The options of the bring-your-own evaluation runners (`evaluate.command`, `.databricks_job`, `.mlflow_run`). */

const nonEmpty = lazySchema(() => z.string().min(1, { error: 'must not be empty' }));
const envName = lazySchema(() => z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'an environment variable name, like OPENAI_BASE_URL' }));

export const commandRunnerSchema = deferred(() =>
  strictObject({
    /** A list is the argv (no shell); a string runs under `bash -e -o pipefail -c`. */
    run: z.union([nonEmpty, z.array(nonEmpty).min(1, { error: 'give the program and its arguments' })]),
    /** Relative to the config's working directory. */
    cwd: nonEmpty.optional(),
    /** Then SIGTERM to its process group, SIGKILL 10 s later. */
    timeout: timeoutDuration.default(30 * 60_000),
    env: z.record(envName, z.string()).default({}),
  }).superRefine((c, ctx) => {
    for (const key of Object.keys(c.env)) {
      if (key.startsWith('AGENT_RELEASE_')) ctx.addIssue({ code: 'custom', path: ['env', key], message: 'names starting with AGENT_RELEASE_ are set by agent-release for the evaluator' });
    }
  }));
export type CommandRunnerConfig = z.infer<typeof commandRunnerSchema>;

export const databricksJobRunnerSchema = deferred(() =>
  strictObject({
    job_id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/, { error: 'a job id is digits, e.g. 11223344' }).transform(Number)]),
    /** For a multi-task job: the task whose notebook exits with the result JSON. */
    task_key: nonEmpty.optional(),
    timeout: timeoutDuration.default(2 * 3_600_000),
    /** Cancel the Databricks run when the timeout strikes (default: leave it running and say so). */
    cancel_on_timeout: z.boolean().default(false),
    /** Further job parameters; model_name and model_version are set by the runner. */
    parameters: z
      .record(z.string().regex(/^[\w.-]+$/, { error: 'a job parameter name: letters, digits, _, . and -' }), z.string())
      .default({})
      .refine((p) => !('model_name' in p) && !('model_version' in p), { error: 'model_name and model_version are set by the runner; leave them out' }),
  }));
export type DatabricksJobRunnerConfig = z.infer<typeof databricksJobRunnerSchema>;

/** An existing MLflow run: by id, or the latest FINISHED eval_pre_deploy_* run of the version in an experiment. */
export const mlflowRunRunnerSchema = deferred(() =>
  z.union(
    [
      strictObject({ run_id: z.string().regex(/^[0-9a-f]{32}$/i, { error: 'an MLflow run id is 32 hex digits' }) }),
      strictObject({
        /** Default: experiments.evaluation. */
        experiment: nonEmpty.optional(),
        /** Added to the search with AND, in MLflow's filter syntax, e.g. "tags.team = 'support'". */
        filter: nonEmpty.optional(),
      }),
    ],
    { error: 'give run_id, or experiment and/or filter to search for the latest evaluation run of the version' },
  ));
export type MlflowRunRunnerConfig = z.infer<typeof mlflowRunRunnerSchema>;
