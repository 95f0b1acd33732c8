import { getExecOutput } from '@actions/exec';
import path from 'node:path';
import type { DeployConfig } from '../config/schema';
import { RemoteError } from '../errors';
import type { Logger } from '../logger';
import type { DeployReceipt, DeployRequest, DeployTarget, RollbackRequest } from './types';

type CommandConfig = NonNullable<DeployConfig['command']>;

/**
 * The user's own commands (kubectl, helm, a script). The command line is split like a shell
 * would but not run through one, so values in the environment cannot inject commands; use
 * `bash -c '...'` for pipes. Versions reach the command through AGENT_RELEASE_* variables.
 * A multi-step rollout runs `deploy` for its first step and `set_traffic` for the later ones
 * (AGENT_RELEASE_STEP / AGENT_RELEASE_STEPS are set for multi-step rollouts only).
 */
export class CommandTarget implements DeployTarget {
  readonly kind = 'command';

  constructor(
    private readonly commands: CommandConfig,
    private readonly workdir: string,
    private readonly baseEnv: Readonly<Record<string, string | undefined>>,
    private readonly logger: Logger,
  ) {}

  describeDeploy(request: DeployRequest): string {
    return `run \`${this.commandFor(request).line}\` with ${envText(deployEnv(request))}`;
  }

  describeRollback(request: RollbackRequest): string {
    return `run \`${this.commands.rollback}\` with ${envText(rollbackEnv(request))}`;
  }

  async deploy(request: DeployRequest): Promise<DeployReceipt> {
    const command = this.commandFor(request);
    await this.run(command.step, command.line, deployEnv(request));
    return { endpointUrl: null, deploymentId: `${request.model}/${request.version}@${request.environment}` };
  }

  async rollback(request: RollbackRequest): Promise<void> {
    await this.run('rollback', this.commands.rollback, rollbackEnv(request));
  }

  /** Later steps only move traffic; without set_traffic, deploy is run again (it must then be idempotent). */
  private commandFor(request: DeployRequest): { step: string; line: string } {
    const later = request.step !== undefined && request.step.index > 1;
    return later && this.commands.set_traffic ? { step: 'set_traffic', line: this.commands.set_traffic } : { step: 'deploy', line: this.commands.deploy };
  }

  private async run(step: string, commandLine: string, extra: Record<string, string>): Promise<void> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.baseEnv)) if (value !== undefined) env[key] = value;
    Object.assign(env, extra);
    const cwd = path.resolve(this.workdir, this.commands.cwd ?? '.');
    const log = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.logger.info(`  [${step}] ${line}`);
    };
    let exitCode: number;
    try {
      const result = await getExecOutput(commandLine, [], {
        cwd,
        env,
        silent: true,
        ignoreReturnCode: true,
        listeners: { stdout: log, stderr: log },
      });
      exitCode = result.exitCode;
    } catch (error) {
      throw new RemoteError(`${step} command \`${commandLine}\` could not start in ${cwd}: ${(error as Error).message}`);
    }
    if (exitCode !== 0) throw new RemoteError(`${step} command \`${commandLine}\` exited with code ${exitCode} (its output is in the log above)`);
  }
}

function deployEnv(request: DeployRequest): Record<string, string> {
  return {
    AGENT_RELEASE_MODEL: request.model,
    AGENT_RELEASE_VERSION: request.version,
    AGENT_RELEASE_PREVIOUS_VERSION: request.previousVersion ?? '',
    AGENT_RELEASE_TRAFFIC: String(request.traffic),
    AGENT_RELEASE_ENVIRONMENT: request.environment,
    ...(request.step && request.step.count > 1 ? { AGENT_RELEASE_STEP: String(request.step.index), AGENT_RELEASE_STEPS: String(request.step.count) } : {}),
  };
}

function rollbackEnv(request: RollbackRequest): Record<string, string> {
  return {
    AGENT_RELEASE_MODEL: request.model,
    AGENT_RELEASE_VERSION: request.restoreVersion ?? '',
    AGENT_RELEASE_PREVIOUS_VERSION: request.fromVersion,
    AGENT_RELEASE_TRAFFIC: '100',
    AGENT_RELEASE_ENVIRONMENT: request.environment,
  };
}

function envText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
