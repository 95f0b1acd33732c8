import { z } from 'zod';
import { deferred, strictObject, lazySchema, timeoutDuration } from './zod-helpers';

/** `deploy.app`: a Databricks App deployed with an Asset Bundle through the Databricks CLI. */

const nonEmpty = lazySchema(() => z.string().min(1, { error: 'must not be empty' }));
// The CLI's variable names: letters, digits, _ and - (a name is also a BUNDLE_VAR_<name> environment variable).
const bundleVariableName = lazySchema(() => z.string().regex(/^[A-Za-z_][\w-]*$/, { error: 'a bundle variable name, like model_version' }));
const resourceKey = lazySchema(() => z.string().regex(/^[\w-]+$/, { error: 'the app\'s key under resources.apps in databricks.yml, like support_agent_app' }));

export const appDeploySchema = deferred(() =>
  strictObject({
    /** The folder holding databricks.yml, relative to the config's working directory. */
    bundle_dir: nonEmpty.default('.'),
    /** The bundle target (`--target`), e.g. prod. */
    target: nonEmpty,
    /** The app's key under resources.apps, what `databricks bundle run` starts and deploys. */
    resource: resourceKey,
    /** Which bundle variables receive the version and the logged model id; model_id: null passes none. */
    variables: strictObject({
      version: bundleVariableName.default('model_version'),
      model_id: bundleVariableName.nullable().default('model_id'),
    }).default({ version: 'model_version', model_id: 'model_id' }),
    /**
     * Further bundle variables, passed as BUNDLE_VAR_<name> in the CLI's environment rather than as
     * --var, so a value from ${SECRET} never shows in a process list and a comma is not split.
     */
    extra_variables: z.record(bundleVariableName, z.string()).default({}),
    /** The version tag holding the logged model id, when the version's source is not models:/m-<id>. */
    model_id_tag: nonEmpty.default('model_id'),
    /** Passed to `bundle deploy` as --auto-approve: lets a deploy delete or recreate resources without asking. */
    auto_approve: z.boolean().default(false),
    /** The Databricks CLI (v0.239 or later, the Go CLI), a name on PATH or a path. */
    cli: nonEmpty.default('databricks'),
    /** Each CLI call; then SIGTERM to its process group, SIGKILL 10 s later. */
    timeout: timeoutDuration.default(20 * 60_000),
  }).superRefine((app, ctx) => {
    const managed = [app.variables.version, app.variables.model_id].filter((name): name is string => name !== null);
    for (const name of Object.keys(app.extra_variables)) {
      if (managed.includes(name)) ctx.addIssue({ code: 'custom', path: ['extra_variables', name], message: `${name} is set by agent-release to the released version or model id; leave it out` });
    }
    if (app.variables.model_id !== null && app.variables.model_id === app.variables.version) {
      ctx.addIssue({ code: 'custom', path: ['variables', 'model_id'], message: 'the version and the model id need two different bundle variables' });
    }
  }));
export type AppDeployConfig = z.infer<typeof appDeploySchema>;

/** Why a strategy cannot run on a Databricks App, or null when it can: an app serves one version, so no traffic split. */
export function appStrategyProblem(strategy: string): string | null {
  if (strategy === 'all-at-once') return null;
  return `strategy ${strategy} is not available for the databricks-app target: a Databricks App serves one version at a time and cannot split traffic; use strategy: all-at-once (with an analysis to roll back on), or the databricks-serving target for canary and blue-green`;
}
