import { cancelOnSignals } from './cancel-on-signals';
import { runnerCommands } from './runner-commands';
import { stdioWriter } from './stdio';
import { aliasOf, masker, prepareFor, rollbackCauseFromEnv, runInfoFromEnv } from '../compose';
import type { DeploymentReporter } from '../deploy/reporter';
import type { Clock } from '../clock';
import { githubIdToken } from '../github/id-token';
import { useProxies } from '../http/client';
import { proxyFromEnv } from '../http/proxy';
import { githubClient } from '../github/client';
import { commentMarker } from '../github/pr-comment';
import { commentOnPullRequest } from '../github/pull-request';
import { secretsInEnvironment } from '../config/interpolate';
import { credentialVariables } from '../registry';
import { CancelledError, RollbackFailedError, UsageError, messageOf } from '../errors';
import { maskedLogger, progressLines, type Logger } from '../logger';
import type { ApprovalSource } from '../promote/approval';
import { isModeName, modeNames, runMode, sectionsUsed, type ModeName } from '../modes';
import { otherReaders, type OptionName } from './cli-options';
import { headline, markdown, outputsOf } from '../report/render';
import { suggestion } from '../config/zod-helpers';

const core = runnerCommands(stdioWriter(1, process.env.INPUT_MODE?.trim()));

const actionLogger: Logger = {
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  error: (m) => core.error(m),
  debug: (m) => core.debug(m),
  group: (title, body) => core.group(title, body),
  progress: progressLines((m) => core.info(m)),
};

/** The action: INPUT_* in, outputs, job summary and exit status out. Everything else is the library's. */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const mode = core.getInput('mode').trim();
  // The runner masks its log (::add-mask::) but not the files the action writes (outputs, the job
  // summary) nor a PR comment: everything goes through the one masking path as well.
  const secrets: string[] = [];
  const mask = masker(secrets);
  const remember = (value: string): void => {
    if (secrets.includes(value)) return;
    secrets.push(value);
    core.setSecret(value);
  };
  const logger = maskedLogger(actionLogger, mask);
  try {
    const token = core.getInput('github-token');
    if (token) remember(token);
    for (const variable of credentialVariables) if (env[variable]) remember(env[variable]);
    for (const secret of secretsInEnvironment(env)) remember(secret);
    const proxies = proxyFromEnv(env);
    for (const secret of proxies.secrets) remember(secret);
    useProxies(proxies);
    if (!mode) throw new UsageError(`the mode input is required: one of ${modeNames.join(', ')}`);
    if (!isModeName(mode)) {
      const hint = suggestion(mode, modeNames);
      throw new UsageError(`mode "${mode}" is not one of ${modeNames.join(', ')}${hint ? ` (${hint})` : ''}`);
    }
    refuseInputsNotReadBy(mode);
    const abort = new AbortController();
    cancelOnSignals(abort, mode, (text) => core.warning(text.trim()));
    const { ctx, loaded } = await prepareFor(mode, core.getInput('model-version') || undefined, {
      configFile: core.getInput('config') || '.github/agent-release.yml',
      sections: sectionsUsed[mode],
      workdir: env.GITHUB_WORKSPACE || process.cwd(),
      environment: core.getInput('environment') || undefined,
      env,
      dryRun: booleanInput('dry-run'),
      logger,
      run: runInfoFromEnv(env),
      signal: abort.signal,
      onSecret: remember,
      mask,
      getIdToken: githubIdToken,
    });
    for (const secret of loaded.secrets) remember(secret);
    // No abort.signal: after a cancel the reporter must still write the rollout's final status (it has its own deadline).
    const deployments = await deploymentReporter(mode, env, token, loaded.environment ?? 'default', ctx.dryRun, ctx.run.runUrl);
    const approvals = mode === 'promote' && loaded.config.promote.uc_approval ? await approvalSource(env, token, ctx.clock, logger) : undefined;
    const { result, failed } = await runMode(mode, { ...ctx, deployments, approvals }, {
      modelVersion: core.getInput('model-version') || undefined,
      summaryPath: core.getInput('summary-path') || undefined,
      expectedVersion: core.getInput('expected-version') || undefined,
      stagesFor: await aliasOf(core.getInput('production-environment') || undefined, { file: loaded.file, workdir: loaded.workdir, env }),
      toVersion: core.getInput('to-version') || undefined,
      shard: core.getInput('shard') || undefined,
      shardsPath: core.getMultilineInput('shards-path').join('\n') || undefined,
      skipAnalysis: booleanInput('skip-analysis'),
      rollbackCause: mode === 'rollback' ? rollbackCauseFromEnv(env) : undefined,
    });
    // The mode has done its work: a runner file that cannot be written costs the report, never the verdict (a failed deploy step would roll back a good release).
    try {
      for (const [name, value] of Object.entries(outputsOf(result))) core.setOutput(name, mask(value));
    } catch (error) {
      core.warning(mask(`agent-release ${mode} finished, but its outputs could not be written (${messageOf(error)}); later steps that read them get nothing`));
    }
    if (env.GITHUB_STEP_SUMMARY) {
      await core
        .appendSummary(env.GITHUB_STEP_SUMMARY, mask(markdown(result)))
        .catch((error: unknown) => core.warning(mask(`agent-release ${mode} finished, but its job summary could not be written: ${messageOf(error)}`)));
    }
    if (result.mode === 'gate') {
      // A report, never a verdict: this never throws and at worst warns. Dry runs comment too:
      // pr-evaluate gates as a dry run so a pull request writes nothing to the registry.
      await commentOnPullRequest({
        event: { name: env.GITHUB_EVENT_NAME, path: env.GITHUB_EVENT_PATH, repository: env.GITHUB_REPOSITORY },
        client: () => githubClient(token, env.GITHUB_API_URL || undefined),
        marker: commentMarker('gate', result.model),
        body: mask(markdown(result)),
        detailsUrl: runInfoFromEnv(env).runUrl ?? undefined,
        logger,
        signal: abort.signal,
      });
    }
    if (failed) core.setFailed(mask(headline(result)));
    else logger.info(headline(result));
  } catch (error) {
    // A rollout whose automatic rollback did not finish still says which version it left, and that it is not rolled back.
    if (error instanceof RollbackFailedError) {
      core.setOutput('version', mask(error.version));
      core.setOutput('rolled-back', 'false');
    }
    const message = mask(`agent-release ${mode || '(no mode)'} failed: ${messageOf(error)}`);
    if (env.GITHUB_STEP_SUMMARY) await core.appendSummary(env.GITHUB_STEP_SUMMARY, `### agent-release ${mode}\n\n❌ ${message}\n`).catch(() => undefined);
    core.setFailed(message);
    // setFailed exits 1; a cancellation keeps its own code, as the CLI's.
    if (error instanceof CancelledError) process.exitCode = error.exitCode;
  }
}

/** The inputs only some modes read, as the CLI's flags of the same names. */
const modeInputs = ['model-version', 'summary-path', 'shard', 'shards-path', 'expected-version', 'production-environment', 'to-version', 'skip-analysis'] as const satisfies readonly OptionName[];

/**
 * Refuses an input the mode would ignore, as the CLI refuses the flag: a to-version given to
 * deploy is a mistake that would release something else than meant. A model-version given to
 * detect (the one mode that takes none) is only a leftover of shared inputs: a warning.
 */
function refuseInputsNotReadBy(mode: ModeName): void {
  for (const name of modeInputs) {
    const given = name === 'skip-analysis' ? booleanInput(name) : core.getInput(name) !== '';
    const readers = otherReaders(name, mode);
    if (!given || readers === undefined) continue;
    const problem = `the ${name} input is not read by mode ${mode} (it is for ${readers.filter((r) => r !== 'registry').join(', ')})`;
    if (name === 'model-version') core.warning(`${problem}; it is ignored`);
    else throw new UsageError(`${problem}; remove it from this step's with:`);
  }
}

/** A true/false input: anything else names the input and what it got, rather than @actions/core's YAML wording. */
function booleanInput(name: string): boolean {
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new UsageError(`the ${name} input must be true or false, got ${JSON.stringify(core.getInput(name))}`);
  }
}

/** promote.uc_approval: who approved this run into its environment, from the run's review history. */
async function approvalSource(env: NodeJS.ProcessEnv, token: string, clock: Clock, logger: Logger): Promise<ApprovalSource | undefined> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const runId = Number(env.GITHUB_RUN_ID);
  if (!token || !owner || !repo || !Number.isInteger(runId) || runId <= 0) return undefined;
  const { githubApprovals } = await import('../github/approvals');
  return githubApprovals({ client: () => githubClient(token, env.GITHUB_API_URL || undefined), owner, repo, runId, clock, logger });
}

const reporterChoices = ['auto', 'create', 'off'] as const;

/** GitHub deployment statuses for deploy and rollback: reuse the job's own deployment (auto) or create one. */
async function deploymentReporter(
  mode: string,
  env: NodeJS.ProcessEnv,
  token: string,
  environment: string,
  dryRun: boolean,
  runUrl: string | null,
): Promise<DeploymentReporter | undefined> {
  const choice = core.getInput('github-deployments') || 'auto';
  if (!(reporterChoices as readonly string[]).includes(choice)) throw new UsageError(`github-deployments "${choice}" is not one of ${reporterChoices.join(', ')}`);
  const idInput = core.getInput('github-deployment-id');
  if (idInput && !/^[1-9]\d*$/.test(idInput)) throw new UsageError(`github-deployment-id "${idInput}" is not a deployment id (a positive integer)`);
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if ((mode !== 'deploy' && mode !== 'rollback') || dryRun || choice === 'off' || !token || !owner || !repo || !env.GITHUB_SHA) return undefined;
  // Loaded here: only deploy and rollback report deployments.
  const { GitHubDeploymentReporter } = await import('../github/deployments');
  return new GitHubDeploymentReporter({
    octokit: await githubClient(token, env.GITHUB_API_URL || undefined),
    owner,
    repo,
    sha: env.GITHUB_SHA,
    runUrl,
    runId: env.GITHUB_RUN_ID,
    deploymentId: idInput ? Number(idInput) : undefined,
    reuse: choice === 'create' ? 'never' : 'auto',
    environment,
    logger: actionLogger,
  });
}
