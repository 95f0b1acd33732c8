/**
 * The `databricks-app` target: a Databricks App deployed with an Asset Bundle through the
 * Databricks CLI: `bundle validate`, `bundle deploy`, then `bundle run <app>`, which starts the
 * app's compute if needed and deploys its source with the bundle's resolved app config.
 *
 * The released version and its logged model id reach the bundle as `--var` on every call, `run`
 * included: `run` resolves the app config (its `env`, where the bundle sets
 * MLFLOW_ACTIVE_MODEL_ID: ${var.model_id}) again, and without the vars it would deploy the defaults.
 *
 * An app serves one version: no traffic split, so canary and blue-green are refused up front.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock';
import { appStrategyProblem, type AppDeployConfig } from '../config/app-schema';
import { RefusedError, RemoteError, messageOf } from '../errors';
import type { Logger } from '../logger';
import type { ModelVersion, Registry } from '../registry/types';
import { supervise, type SupervisedOutcome } from '../process';
import type { DeployReceipt, DeployRequest, DeployTarget, PreflightResult, RollbackRequest, TargetSnapshot } from './types';
import { lazySchema } from '../config/zod-helpers';
import { looksSecret } from '../config/interpolate';

export interface DatabricksAppTargetOptions {
  config: AppDeployConfig;
  /** The config's working directory; bundle_dir is relative to it. */
  workdir: string;
  /** The process environment: the CLI reads DATABRICKS_HOST and its credentials from it itself. */
  env: Readonly<Record<string, string | undefined>>;
  registry: Pick<Registry, 'getVersion'>;
  clock: Clock;
  logger: Logger;
  /** Further values to cut out of logs and errors (tokens exchanged at run time). */
  secrets?: readonly string[];
  graceMs?: number;
}

/** The first CLI whose bundles know `resources.apps` (the bundle-examples app template requires it). */
export const minimumCliVersion = '0.239.0';
const loggedModelSource = /^models:\/(m-[0-9a-z]+)\/?$/i;

const snapshotState = lazySchema(() => z.object({ version: z.string().nullable(), modelId: z.string().nullable(), source: z.literal('previous-version') }));
type SnapshotState = z.infer<typeof snapshotState>;

const summaryJson = lazySchema(() => z.object({
  resources: z.object({ apps: z.record(z.string(), z.object({ name: z.string().optional(), id: z.string().optional(), url: z.string().optional() }).loose()).optional() }).loose().optional(),
}).loose());

/** The logged model a version was registered from: its `models:/m-<id>` source, else the configured tag. */
export function loggedModelId(version: Pick<ModelVersion, 'source' | 'tags'>, tag: string): string | null {
  const fromSource = loggedModelSource.exec(version.source.trim());
  if (fromSource) return fromSource[1] as string;
  const fromTag = version.tags[tag]?.trim();
  return fromTag ? fromTag : null;
}

export class DatabricksAppTarget implements DeployTarget {
  readonly kind = 'databricks-app';
  private readonly config: AppDeployConfig;
  private readonly bundleDir: string;

  constructor(private readonly options: DatabricksAppTargetOptions) {
    this.config = options.config;
    this.bundleDir = path.resolve(options.workdir, options.config.bundle_dir);
  }

  describeDeploy(request: DeployRequest): string {
    return this.steps(request.version, `<logged model id of version ${request.version}>`).map((s) => this.show(s.args)).join(' && ');
  }

  describeRollback(request: RollbackRequest): string {
    const version = this.restoreTarget(request).version;
    if (version === null) return `nothing to redeploy: ${request.model} had no version before ${request.fromVersion} on this app`;
    return this.steps(version, `<logged model id of version ${version}>`).slice(1).map((s) => this.show(s.args)).join(' && ');
  }

  async preflight(request: DeployRequest): Promise<PreflightResult> {
    const problems: string[] = [];
    const checks: string[] = [];
    const strategy = trafficProblem(request);
    if (strategy) problems.push(strategy);
    const cli = await this.checkCliVersion();
    if (!cli.ok) return { problems: [...problems, cli.problem], checks };
    checks.push(cli.check);
    let modelId: string | null = null;
    try {
      modelId = await this.modelIdOf(request.model, request.version);
      checks.push(modelId === null ? `${request.model} version ${request.version} is deployed without a model id (variables.model_id is null)` : `${request.model} version ${request.version} links traces to logged model ${modelId}`);
    } catch (error) {
      problems.push(messageOf(error));
    }
    const validate = this.steps(request.version, modelId ?? 'unknown')[0];
    if (validate) {
      const outcome = await this.call(validate.args, 'validate');
      if (outcome.kind === 'exited' && outcome.code === 0) checks.push(`${this.show(validate.args)} passed`);
      else problems.push(this.failure(validate.args, outcome, 'validate the bundle'));
    }
    return { problems, checks };
  }

  async planChange(request: DeployRequest): Promise<string[]> {
    const modelId = await this.modelIdOf(request.model, request.version);
    const target = `bundle target ${this.config.target}, app ${this.config.resource}`;
    return [`${target}: deploy ${request.model} version ${request.version}${modelId ? ` (MLFLOW_ACTIVE_MODEL_ID ${modelId})` : ''}, replacing ${request.previousVersion === null ? 'nothing (first release)' : `version ${request.previousVersion}`}`, ...this.steps(request.version, modelId ?? '').map((s) => this.show(s.args))];
  }

  /**
   * `bundle summary` cannot say which version an app runs (it resolves variables from its own
   * invocation, not from the deployed state), so the snapshot is the version agent-release knows
   * the app was given last: the previous version, with its model id resolved now, while the
   * registry answers.
   */
  async snapshot(request: DeployRequest): Promise<TargetSnapshot> {
    let modelId: string | null = null;
    if (request.previousVersion !== null) {
      // Without it, a rollback resolves the id again then, and fails there if the registry still cannot say.
      modelId = await this.modelIdOf(request.model, request.previousVersion).catch((error: unknown) => {
        this.options.logger.warn(`deploy.databricks-app: the snapshot has no model id for version ${request.previousVersion}: ${messageOf(error)}`);
        return null;
      });
    }
    const state: SnapshotState = { version: request.previousVersion, modelId, source: 'previous-version' };
    return { kind: this.kind, takenAt: new Date(this.options.clock.now()).toISOString(), state };
  }

  async deploy(request: DeployRequest): Promise<DeployReceipt> {
    const refused = trafficProblem(request);
    if (refused) throw new RefusedError(refused);
    const modelId = await this.modelIdOf(request.model, request.version);
    const lastOutput = await this.runSteps(this.steps(request.version, modelId ?? ''), `${request.model} version ${request.version}`, request.signal);
    // `bundle run` ends with the app's own address; the summary only knows its workspace page.
    const printed = /You can access the app at (https:\/\/\S+)/.exec(lastOutput)?.[1];
    return { endpointUrl: printed ?? (await this.appPageUrl(request.version, modelId ?? '')), deploymentId: `${this.config.resource}@${this.config.target}/v${request.version}` };
  }

  async rollback(request: RollbackRequest): Promise<void> {
    const { version, modelId: fromSnapshot } = this.restoreTarget(request);
    if (version === null) {
      throw new RefusedError(
        `cannot roll back app ${this.config.resource} (bundle target ${this.config.target}) from ${request.model} version ${request.fromVersion}: no earlier version was released to it, and an app cannot serve nothing; stop it with \`databricks apps stop <app name>\` or deploy a known good version with agent-release deploy`,
      );
    }
    const modelId = fromSnapshot ?? (await this.modelIdOf(request.model, version));
    // validate is skipped: a rollback should not be held up by a check the release already passed.
    await this.runSteps(this.steps(version, modelId ?? '').slice(1), `rollback of ${request.model} to version ${version}`);
  }

  private restoreTarget(request: RollbackRequest): { version: string | null; modelId: string | null } {
    if (request.snapshot?.kind === this.kind) {
      const parsed = snapshotState.safeParse(request.snapshot.state);
      if (parsed.success) return parsed.data;
      this.options.logger.warn(`deploy.databricks-app: ignoring a snapshot this version cannot read (${parsed.error.issues[0]?.message}); rolling back to version ${request.restoreVersion ?? 'none'}`);
    }
    return { version: request.restoreVersion, modelId: null };
  }

  private steps(version: string, modelId: string): { verb: string; args: string[] }[] {
    const { target, resource, variables, auto_approve } = this.config;
    const vars = [varFlag(variables.version, version), ...(variables.model_id === null ? [] : [varFlag(variables.model_id, modelId)])];
    return [
      { verb: 'validate', args: ['bundle', 'validate', '--target', target, ...vars] },
      { verb: 'deploy', args: ['bundle', 'deploy', '--target', target, ...vars, ...(auto_approve ? ['--auto-approve'] : [])] },
      { verb: 'run', args: ['bundle', 'run', resource, '--target', target, ...vars] },
    ];
  }

  /** Runs the steps in order, stopping at the first failure; returns the last step's output. */
  /** `signal` for a deploy (a cancelled job stops the CLI's process group); a rollback runs to its end. */
  private async runSteps(steps: { verb: string; args: string[] }[], what: string, signal?: AbortSignal): Promise<string> {
    return this.options.logger.group(`deploy.databricks-app: ${what} to app ${this.config.resource} (bundle target ${this.config.target})`, async () => {
      let output = '';
      for (const step of steps) {
        const outcome = await this.call(step.args, step.verb, true, signal);
        if (outcome.kind !== 'exited' || outcome.code !== 0) throw new RemoteError(this.failure(step.args, outcome, `${step.verb} ${what}`));
        output = `${outcome.stdout}\n${outcome.stderrTail.join('\n')}`;
      }
      return output;
    });
  }

  private async modelIdOf(model: string, version: string): Promise<string | null> {
    if (this.config.variables.model_id === null) return null;
    const found = await this.options.registry.getVersion(model, version);
    if (!found) throw new RefusedError(`${model} has no version ${version} in the registry; nothing to deploy to app ${this.config.resource}`);
    const id = loggedModelId(found, this.config.model_id_tag);
    if (id !== null) return id;
    throw new RefusedError(
      `cannot link production traces of ${model} version ${version} to its logged model: its source ${JSON.stringify(found.source)} is not models:/m-<id> and it has no "${this.config.model_id_tag}" tag; register the version from a logged model (MLflow 3), tag it with the logged model id (deploy.app.model_id_tag), or set deploy.app.variables.model_id: null to deploy without the link`,
    );
  }

  private async checkCliVersion(): Promise<{ ok: false; problem: string } | { ok: true; check: string }> {
    const outcome = await this.call(['--version'], 'version');
    if (outcome.kind !== 'exited' || outcome.code !== 0) return { ok: false, problem: this.failure(['--version'], outcome, 'find the Databricks CLI') };
    const text = outcome.stdout.trim();
    const found = /Databricks CLI v(\d+)\.(\d+)\.(\d+)/.exec(text);
    if (!found) {
      return { ok: false, problem: `${this.config.cli} --version printed ${JSON.stringify(text.slice(0, 80))}, not "Databricks CLI v<version>": this looks like the legacy Python databricks-cli, which has no bundles; install the Databricks CLI ${minimumCliVersion} or later (https://docs.databricks.com/dev-tools/cli/install.html) or point deploy.app.cli at it` };
    }
    const version = found.slice(1, 4).map(Number);
    const minimum = minimumCliVersion.split('.').map(Number);
    const older = version.findIndex((part, i) => part !== minimum[i]);
    if (older >= 0 && (version[older] as number) < (minimum[older] as number)) {
      return { ok: false, problem: `the Databricks CLI is v${version.join('.')}, older than ${minimumCliVersion}, the first whose bundles deploy apps; upgrade it (e.g. databricks/setup-cli in the workflow)` };
    }
    return { ok: true, check: `Databricks CLI v${version.join('.')} (${minimumCliVersion} or later)` };
  }

  /** The app's workspace page from `bundle summary`; a summary that fails costs the URL, not the deploy. */
  private async appPageUrl(version: string, modelId: string): Promise<string | null> {
    const { target, resource, variables } = this.config;
    const args = ['bundle', 'summary', '--target', target, '--output', 'json', varFlag(variables.version, version), ...(variables.model_id === null ? [] : [varFlag(variables.model_id, modelId)])];
    const outcome = await this.call(args, 'summary', false);
    if (outcome.kind === 'exited' && outcome.code === 0) {
      try {
        const parsed = summaryJson.safeParse(JSON.parse(outcome.stdout));
        const url = parsed.success ? parsed.data.resources?.apps?.[resource]?.url : undefined;
        if (url) return url;
      } catch {
        // Reported below like any other unreadable summary.
      }
    }
    this.options.logger.warn(`deploy.databricks-app: the app was deployed, but ${this.show(args)} did not give its URL; the deployment has no endpoint-url`);
    return null;
  }

  private async call(args: string[], verb: string, echo = true, signal?: AbortSignal): Promise<SupervisedOutcome> {
    const { logger } = this.options;
    logger.info(`$ ${this.show(args)}`);
    return supervise({
      program: this.config.cli,
      args,
      cwd: this.bundleDir,
      env: this.childEnv(),
      timeoutMs: this.config.timeout,
      graceMs: this.options.graceMs,
      clock: this.options.clock,
      signal,
      onLine: (line, stream) => {
        if (echo || stream === 'stderr') logger.info(`  [${verb}] ${this.mask(line)}`);
      },
    });
  }

  private childEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.options.env)) if (value !== undefined) env[key] = value;
    for (const [name, value] of Object.entries(this.config.extra_variables)) env[`BUNDLE_VAR_${name}`] = value;
    return env;
  }

  private failure(args: string[], outcome: SupervisedOutcome, attempt: string): string {
    const command = this.show(args);
    if (outcome.kind === 'not-started') {
      const hint = outcome.notFound ? `; install the Databricks CLI ${minimumCliVersion} or later (databricks/setup-cli in a workflow) or set deploy.app.cli to its path` : '';
      return `could not ${attempt}: ${command} did not start in ${this.bundleDir}: ${this.mask(outcome.reason)}${hint}`;
    }
    const how =
      outcome.kind === 'timeout'
        ? `did not finish within ${this.config.timeout} ms and was stopped (${outcome.stoppedWith}); raise deploy.app.timeout if the app needs longer`
        : outcome.kind === 'cancelled'
          ? `was stopped (${outcome.stoppedWith}) because the run was cancelled`
          : outcome.signal
            ? `was killed by ${outcome.signal}`
            : `exited with code ${outcome.code}`;
    const tail = outcome.stderrTail.length ? `; the CLI's last lines:\n  ${outcome.stderrTail.map((line) => this.mask(line)).join('\n  ')}` : '; it printed nothing on stderr';
    return `could not ${attempt}: ${command} (in ${this.bundleDir}) ${how}${tail}${hintFor(outcome.stderrTail.join('\n'))}`;
  }

  private show(args: string[]): string {
    return this.mask([this.config.cli, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' '));
  }

  private mask(text: string): string {
    const fromEnv = Object.entries(this.options.env).filter(([key, value]) => looksSecret(key) && value !== undefined).map(([, value]) => value as string);
    const secrets = [...fromEnv, ...(this.options.secrets ?? [])].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
    return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  }
}

function trafficProblem(request: DeployRequest): string | null {
  if (request.traffic >= 100) return null;
  return `${appStrategyProblem(request.traffic === 0 ? 'blue-green' : 'canary')} (asked to serve ${request.model} version ${request.version} at ${request.traffic}% of traffic)`;
}

/**
 * One `--var` flag. The CLI reads --var as a list flag whose value is a line of CSV, so a value
 * with a comma or a quote is quoted CSV-style, or it would be split into two assignments.
 */
export function varFlag(name: string, value: string): string {
  const pair = `${name}=${value}`;
  return /[",\r\n]/.test(pair) || /^\s/.test(pair) ? `--var="${pair.replace(/"/g, '""')}"` : `--var=${pair}`;
}

function hintFor(stderr: string): string {
  if (/auto-approve/.test(stderr)) return '\nThe deploy would delete or recreate resources and needs approval: review the change, then set deploy.app.auto_approve: true if it is intended.';
  if (/has not been defined/.test(stderr)) return '\nDeclare the variable under `variables:` in databricks.yml (agent-release passes deploy.app.variables and extra_variables to it).';
  if (/no value assigned to required variable/.test(stderr)) return '\nGive the variable a default in databricks.yml or a value under the target, or set it in deploy.app.extra_variables.';
  if (/deployment lock/i.test(stderr)) return '\nAnother deploy of this bundle target holds the lock; wait for it to finish, and only if it is dead run `databricks bundle deploy --force-lock` by hand.';
  if (/default auth|cannot configure default credentials|authenticat/i.test(stderr)) return '\nThe CLI found no usable credentials: set DATABRICKS_HOST and DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET) for this step.';
  return '';
}
