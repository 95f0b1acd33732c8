import { createAnalysis } from './analysis/providers';
import { systemClock, type Clock } from './clock';
import { loadConfig, type LoadedConfig } from './config/load';
import { DatabricksFilesClient } from './databricks/files';
import { createTarget } from './deploy/targets';
import { ConfigError } from './errors';
import { maskedLogger, type Logger } from './logger';
import type { ModeContext, RunInfo } from './modes/context';
import { createRegistry } from './registry';

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
}

/** The composition root both shells share: config in, clients built, a ModeContext out. */
export async function prepare(options: PrepareOptions): Promise<{ ctx: ModeContext; loaded: LoadedConfig }> {
  const loaded = await loadConfig({ file: options.configFile, workdir: options.workdir, environment: options.environment, env: options.env, sections: options.sections });
  return { ctx: contextFor(loaded, options), loaded };
}

export function contextFor(loaded: LoadedConfig, options: Omit<PrepareOptions, 'configFile' | 'workdir' | 'environment' | 'sections'>): ModeContext {
  const deployConfig = (): NonNullable<LoadedConfig['config']['deploy']> => {
    if (!loaded.config.deploy) throw new ConfigError(`${loaded.file}: this needs a deploy section`);
    return loaded.config.deploy;
  };
  const clock = options.clock ?? systemClock;
  return {
    loaded,
    registry: createRegistry(loaded.config, { workdir: loaded.workdir, env: options.env, clock, logger: options.logger }),
    target: () => createTarget(deployConfig(), loaded.workdir, options.env, options.logger),
    analysis: () => {
      const analysis = deployConfig().analysis;
      if (!analysis) throw new ConfigError(`${loaded.file}: deploy.analysis is not configured`);
      return createAnalysis(analysis);
    },
    databricksFiles: () => {
      const { DATABRICKS_HOST: host, DATABRICKS_TOKEN: token } = options.env;
      if (!host || !token) {
        throw new ConfigError(`${loaded.file}: gate.artifact_root is a Unity Catalog Volume; set DATABRICKS_HOST and DATABRICKS_TOKEN so the Files API can reach it`);
      }
      return new DatabricksFilesClient({ host: /^https?:\/\//.test(host) ? host : `https://${host}`, token, clock, logger: options.logger });
    },
    clock,
    logger: options.logger,
    run: options.run,
    dryRun: options.dryRun,
    signal: options.signal,
  };
}

export function runInfoFromEnv(env: Readonly<Record<string, string | undefined>>): RunInfo {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt } = env;
  const runUrl = server && repository && runId ? `${server}/${repository}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}` : null;
  return {
    actor: env.GITHUB_ACTOR || env.USER || env.USERNAME || 'unknown',
    runUrl,
    sha: env.GITHUB_SHA || null,
    repository: repository || null,
  };
}

/** Replaces every known secret value in a text; the CLI has no runner to mask for it. */
export function masker(secrets: readonly string[]): (text: string) => string {
  const values = secrets.filter((s) => s.length >= 4);
  return (text) => values.reduce((out, secret) => out.split(secret).join('***'), text);
}

export function maskingLogger(logger: Logger, secrets: readonly string[]): Logger {
  return secrets.length === 0 ? logger : maskedLogger(logger, masker(secrets));
}
