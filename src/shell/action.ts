import * as core from '@actions/core';
import { prepare, runInfoFromEnv } from '../compose';
import { UsageError, messageOf } from '../errors';
import type { Logger } from '../logger';
import { isModeName, modeNames, runMode, sectionsUsed } from '../modes';
import { headline, markdown, outputsOf } from '../report/render';

const actionLogger: Logger = {
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  error: (m) => core.error(m),
  debug: (m) => core.debug(m),
  group: (title, body) => core.group(title, body),
};

/** The action: INPUT_* in, outputs, job summary and exit status out. Everything else is the library's. */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const mode = core.getInput('mode').trim();
  try {
    const token = core.getInput('github-token');
    if (token) core.setSecret(token);
    if (!mode) throw new UsageError(`the mode input is required: one of ${modeNames.join(', ')}`);
    if (!isModeName(mode)) throw new UsageError(`mode "${mode}" is not one of ${modeNames.join(', ')}`);
    const abort = new AbortController();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => abort.abort(new Error(`cancelled (${signal})`)));
    const { ctx, loaded } = await prepare({
      configFile: core.getInput('config') || '.github/agent-release.yml',
      sections: sectionsUsed[mode],
      workdir: env.GITHUB_WORKSPACE || process.cwd(),
      environment: core.getInput('environment') || undefined,
      env,
      dryRun: core.getBooleanInput('dry-run'),
      logger: actionLogger,
      run: runInfoFromEnv(env),
      signal: abort.signal,
    });
    for (const secret of loaded.secrets) core.setSecret(secret);
    const { result, failed } = await runMode(mode, ctx, {
      modelVersion: core.getInput('model-version') || undefined,
      summaryPath: core.getInput('summary-path') || undefined,
      expectedVersion: core.getInput('expected-version') || undefined,
      toVersion: core.getInput('to-version') || undefined,
    });
    for (const [name, value] of Object.entries(outputsOf(result))) core.setOutput(name, value);
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown(result)).write();
    if (failed) core.setFailed(headline(result));
    else core.info(headline(result));
  } catch (error) {
    const message = `agent-release ${mode || '(no mode)'} failed: ${messageOf(error)}`;
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(`### agent-release ${mode}\n\n❌ ${message}\n`).write().catch(() => undefined);
    core.setFailed(message);
  }
}
