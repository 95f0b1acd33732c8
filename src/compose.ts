import { systemClock, type Clock } from './clock';
import { loadConfig, loadRecordSettings, type LoadedConfig } from './config/load';
import { databricksCredentialsFromEnv, type DatabricksConnection } from './databricks/auth';
import { ConfigError, UsageError, messageOf } from './errors';
import type { SecretSink } from './http/credentials';
import type { Logger } from './logger';
import { rollbackCauses, type ModeContext, type RollbackCause, type RunInfo } from './modes/context';
import { createRegistry } from './registry';
import { tagKeys } from './registry/tags';
import { createTracking } from './tracking';

export interface PrepareOptions {
  configFile: string;
  /** Config sections the command uses (see sectionsUsed). */
  sections: readonly string[];
  workdir: string;
  environment?: string;
  /** The environment the process runs in: for ${VAR} in the config and for deploy commands. */
  env: Readonly<Record<string, string | undefined>>;
  dryRun: boolean;
  logger: Logger;
  run: RunInfo;
  clock?: Clock;
  signal?: AbortSignal;
  /** Told every credential as it becomes known (tokens exchanged at run time too), to mask it. */
  onSecret?: SecretSink;
  /** The shell's one masking path (see masker), for what leaves the process other than through the shell: MLflow params and tags. */
  mask?: (text: string) => string;
  /** The GitHub Actions OIDC token for an audience (workload identity federation); absent outside Actions. */
  getIdToken?: (audience: string) => Promise<string>;
}

/** The composition root both shells share: config in, clients built, a ModeContext out. */
export async function prepare(options: PrepareOptions): Promise<{ ctx: ModeContext; loaded: LoadedConfig }> {
  const loaded = await loadConfig({ file: options.configFile, workdir: options.workdir, environment: options.environment, env: options.env, sections: options.sections });
  return { ctx: contextFor(loaded, options), loaded };
}

/**
 * prepare, for a mode. A gate whose config does not load must not leave the version's earlier
 * decision standing (promote would trust it): the settings it can still read say where the
 * record lives, and it is replaced by an `error` record before the config error is reported.
 */
export async function prepareFor(mode: string, modelVersion: string | undefined, options: PrepareOptions): Promise<{ ctx: ModeContext; loaded: LoadedConfig }> {
  try {
    return await prepare(options);
  } catch (error) {
    if (mode === 'gate' && modelVersion && !options.dryRun && error instanceof ConfigError) await withdrawAfterConfigError(options, modelVersion, error);
    throw error;
  }
}

async function withdrawAfterConfigError(options: PrepareOptions, version: string, error: ConfigError): Promise<void> {
  const unread = `an earlier gate decision of version ${version}, if any, still stands until a gate run completes`;
  const loaded = await loadRecordSettings({ file: options.configFile, workdir: options.workdir, environment: options.environment, env: options.env });
  if (!loaded) {
    options.logger.warn(`the config's model settings cannot be read either, so the gate cannot withdraw its record: ${unread}`);
    return;
  }
  try {
    // Loaded here only: every other run starts without the gate's code.
    const { recordGateError, warnWithdrawn } = await import('./gate/decision-record');
    const ctx = contextFor(loaded, options);
    // No decision can stand for a version the registry does not have; a record would only leave a stray file.
    const found = await ctx.registry.getVersion(loaded.config.model.name, version);
    if (!found) return;
    await recordGateError(ctx, loaded.config.model.name, version, error);
    warnWithdrawn(ctx, loaded.config.model.name, version, found.tags[tagKeys.gateDecision]);
  } catch (recordError) {
    options.logger.warn(`the gate could not withdraw its record (${messageOf(recordError)}): ${unread}`);
  }
}

/**
 * The clients a mode may use, for a loaded config. Deploy targets, analysis providers and the
 * Files API client are loaded when a mode first asks for one: a gate or a promote starts without
 * them (0.7 ms of its start-up, bench/startup.mjs).
 */
export function contextFor(loaded: LoadedConfig, options: Omit<PrepareOptions, 'configFile' | 'workdir' | 'environment' | 'sections'>): ModeContext {
  const deployConfig = (): NonNullable<LoadedConfig['config']['deploy']> => {
    if (!loaded.config.deploy) throw new ConfigError(`${loaded.file}: this needs a deploy section`);
    return loaded.config.deploy;
  };
  const clock = options.clock ?? systemClock;
  const databricks = once(() =>
    databricksCredentialsFromEnv(options.env, { clock, logger: options.logger, onSecret: options.onSecret ?? (() => {}), getIdToken: options.getIdToken }),
  );
  const registry = createRegistry(loaded.config, { workdir: loaded.workdir, env: options.env, clock, logger: options.logger, databricks });
  return {
    loaded,
    registry,
    tracking: createTracking(loaded.config, { env: options.env, clock, logger: options.logger, run: options.run, registry, databricks, mask: options.mask }),
    databricks,
    target: async () => {
      const config = deployConfig();
      const { createTarget } = await import('./deploy/targets');
      return createTarget(config, { workdir: loaded.workdir, env: options.env, logger: options.logger, clock, registry, databricks });
    },
    analysis: async () => {
      const analysis = deployConfig().analysis;
      if (!analysis) throw new ConfigError(`${loaded.file}: deploy.analysis is not configured`);
      const { createAnalysis } = await import('./analysis/providers');
      return createAnalysis(analysis, { clock, logger: options.logger, databricks });
    },
    databricksFiles: async () => {
      let connection: DatabricksConnection;
      try {
        connection = databricks();
      } catch (error) {
        if (error instanceof ConfigError) throw new ConfigError(`${loaded.file}: gate.artifact_root is a Unity Catalog Volume, so the Files API needs Databricks credentials: ${error.message}`);
        throw error;
      }
      const { host, credentials } = connection;
      const { DatabricksFilesClient } = await import('./databricks/files');
      return new DatabricksFilesClient({ host, credentials, clock, logger: options.logger });
    },
    clock,
    logger: options.logger,
    run: options.run,
    env: options.env,
    dryRun: options.dryRun,
    signal: options.signal,
    mask: options.mask,
  };
}

/**
 * The alias another environment's overlay promotes to (promote's production-environment input):
 * the same file, read with that overlay, for its promote section only.
 */
export async function aliasOf(
  environment: string | undefined,
  options: { file: string; workdir: string; env: Readonly<Record<string, string | undefined>> },
): Promise<{ environment: string; alias: string } | undefined> {
  if (!environment) return undefined;
  const other = await loadConfig({ file: options.file, workdir: options.workdir, environment, env: options.env, sections: ['promote'] });
  return { environment, alias: other.config.promote.alias };
}

/**
 * Why release.yml's own rollback step runs, from AGENT_RELEASE_ROLLBACK_CAUSE (set on that step
 * only), so the rollback is announced as automatic; unset for a rollback a person starts.
 */
export function rollbackCauseFromEnv(env: Readonly<Record<string, string | undefined>>): RollbackCause | undefined {
  const value = env.AGENT_RELEASE_ROLLBACK_CAUSE?.trim();
  if (!value) return undefined;
  if ((rollbackCauses as readonly string[]).includes(value)) return value as RollbackCause;
  throw new UsageError(`AGENT_RELEASE_ROLLBACK_CAUSE is ${JSON.stringify(value)}; expected one of ${rollbackCauses.join(', ')} (the release workflow sets it on its own rollback step), or leave it unset for a manual rollback`);
}

export function runInfoFromEnv(env: Readonly<Record<string, string | undefined>>): RunInfo {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt } = env;
  const runUrl = server && repository && runId ? `${server}/${repository}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}` : null;
  // The workflow passes ${{ job.check_run_id }}: GitHub anchors each job's summary on the run's page by it.
  const jobId = env.AGENT_RELEASE_JOB_ID?.trim();
  const summaryUrl = runUrl && jobId && /^\d+$/.test(jobId) ? `${server}/${repository}/actions/runs/${runId}/attempts/${attempt || '1'}#summary-${jobId}` : null;
  return {
    actor: env.GITHUB_ACTOR || env.USER || env.USERNAME || 'unknown',
    runUrl,
    summaryUrl,
    sha: env.GITHUB_SHA || null,
    repository: repository || null,
    runKey: repository && runId ? `${repository}#${runId}` : null,
    pullRequest: env.GITHUB_EVENT_NAME === 'pull_request' || env.GITHUB_EVENT_NAME === 'pull_request_target',
  };
}

/**
 * Replaces every known secret value in a text: the one masking path of both shells, for every
 * channel (stdout, stderr, --json, outputs, the job summary, MLflow params and tags). The action
 * also tells the runner (::add-mask::), but the runner masks only its log, not the files the
 * action writes (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). The list is read on every call, so secrets
 * learnt later (exchanged tokens) are masked from then on.
 */
/** A value as a URL parser writes it into a query (a ${VAR} in an endpoint URL): spaces and quotes escaped, / + = kept. */
function inUrlQuery(value: string): string | undefined {
  if (value.includes('#')) return undefined;
  try {
    return new URL(`http://h/?${value}`).search.slice(1);
  } catch {
    return undefined;
  }
}

export function masker(secrets: readonly string[]): (text: string) => string {
  // Runs on every results row: a text holding none of them (the usual case) costs a scan each, not a split and a regex.
  // Inside JSON (--json, a results row, an output holding an agent's JSON error) a secret holding a
  // quote, a backslash or a control character is escaped, once per level of nesting: the most
  // escaped form goes first, so a less escaped one is not found inside it and cut in half. A server
  // that echoes a request back may quote a secret as it was sent in a URL (percent-encoded, or
  // form-encoded) or in a Basic header (base64), as the Actions runner's masker also covers.
  const escapedForms = new Map<string, string[]>();
  const formsOf = (secret: string): string[] => {
    let forms = escapedForms.get(secret);
    if (forms === undefined) {
      forms = [secret];
      for (let level = 0; level < 3; level++) {
        const next = JSON.stringify(forms[0]).slice(1, -1);
        if (next === forms[0]) break;
        forms.unshift(next);
      }
      const uri = encodeURIComponent(secret);
      const base64 = Buffer.from(secret).toString('base64').replace(/=+$/, '');
      for (const form of [uri, uri.replace(/%20/g, '+'), encodeURI(secret), inUrlQuery(secret), base64, Buffer.from(secret).toString('base64url')]) if (form && !forms.includes(form)) forms.push(form);
      escapedForms.set(secret, forms);
    }
    return forms;
  };
  return (text) => {
    let out = text;
    for (const secret of secrets) {
      if (secret.length < 4) continue;
      for (const form of formsOf(secret)) if (out.includes(form)) out = out.split(form).join('***');
    }
    return out.includes('@') && out.includes('://') ? out.replace(urlCredentials, '$1***@') : out;
  };
}

/** The user:password@ (or token@) of a URL, wherever the URL came from: a registered source, a proxy, an endpoint. */
const urlCredentials = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"`<>]+@/gi;

function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
