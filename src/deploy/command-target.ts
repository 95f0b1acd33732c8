import path from 'node:path';
import { systemClock, type Clock } from '../clock';
import type { DeployConfig } from '../config/schema';
import { ConfigError, messageOf, RemoteError } from '../errors';
import type { Logger } from '../logger';
import { defaultGraceMs, supervise } from '../process';
import { splitCommandLine } from './command-line';
import type { DeployReceipt, DeployRequest, DeployTarget, RollbackRequest } from './types';

type CommandConfig = NonNullable<DeployConfig['command']>;

/**
 * The user's own commands (kubectl, helm, a script). The command line is split like a shell
 * would but not run through one, so values in the environment cannot inject commands; use
 * `bash -c '...'` for pipes. Versions reach the command through AGENT_RELEASE_* variables.
 * A multi-step rollout runs `deploy` for its first step and `set_traffic` for the later ones
 * (AGENT_RELEASE_STEP / AGENT_RELEASE_STEPS are set for multi-step rollouts only).
 * Each command runs under `command.timeout`; deploy and set_traffic also stop on the run's
 * cancellation, rollback does not (it must finish).
 */
export class CommandTarget implements DeployTarget {
  readonly kind = 'command';

  constructor(
    private readonly commands: CommandConfig,
    private readonly workdir: string,
    private readonly baseEnv: Readonly<Record<string, string | undefined>>,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  describeDeploy(request: DeployRequest): string {
    return `run \`${this.commandFor(request).line}\` with ${envText(deployEnv(request))}`;
  }

  describeRollback(request: RollbackRequest): string {
    return `run \`${this.commands.rollback}\` with ${envText(rollbackEnv(request))}`;
  }

  async deploy(request: DeployRequest): Promise<DeployReceipt> {
    const command = this.commandFor(request);
    await this.run(command.step, command.line, deployEnv(request), request.signal);
    return { endpointUrl: null, deploymentId: `${request.model}/${request.version}@${request.environment}` };
  }

  async rollback(request: RollbackRequest): Promise<void> {
    await this.run('rollback', this.commands.rollback, rollbackEnv(request), undefined);
  }

  /** Later steps only move traffic; without set_traffic, deploy is run again (it must then be idempotent). */
  private commandFor(request: DeployRequest): { step: string; line: string } {
    const later = request.step !== undefined && request.step.index > 1;
    return later && this.commands.set_traffic ? { step: 'set_traffic', line: this.commands.set_traffic } : { step: 'deploy', line: this.commands.deploy };
  }

  private async run(step: string, commandLine: string, extra: Record<string, string>, signal: AbortSignal | undefined): Promise<void> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.baseEnv)) if (value !== undefined) env[key] = value;
    Object.assign(env, extra);
    const cwd = path.resolve(this.workdir, this.commands.cwd ?? '.');
    const named = `${step} command \`${commandLine}\``;
    if (signal?.aborted) throw new RemoteError(`${named} was not started: the run was cancelled (${messageOf(signal.reason)})`);
    let words: string[];
    try {
      words = splitCommandLine(commandLine);
    } catch (error) {
      throw new ConfigError(`deploy.command.${step}: ${messageOf(error)}; close the quote`);
    }
    const [program = '', ...args] = words;
    const timeoutMs = this.commands.timeout;
    const outcome = await supervise({
      program,
      args,
      cwd,
      env,
      timeoutMs,
      graceMs: defaultGraceMs,
      clock: this.clock,
      ...(signal ? { signal } : {}),
      onLine: (line) => this.logger.info(`  [${step}] ${line}`),
      onStop: (why) =>
        this.logger.warn(
          {
            timeout: `${named}: timed out after ${minutes(timeoutMs)} (deploy.command.timeout); sending SIGTERM`,
            cancelled: `${named}: the run was cancelled; sending SIGTERM`,
            'grace-expired': `${named}: still running ${defaultGraceMs / 1000} s after SIGTERM; sending SIGKILL`,
            'left-running': `${named}: exited but left processes running; sending them SIGTERM`,
          }[why],
        ),
    });
    switch (outcome.kind) {
      case 'not-started':
        throw new RemoteError(`${named} could not start in ${cwd}: ${outcome.reason}${outcome.notFound ? `; check that ${program} is installed and on PATH, or that ${cwd} exists` : ''}`);
      case 'timeout':
        throw new RemoteError(`${named} did not finish within ${minutes(timeoutMs)} and was stopped (${outcome.stoppedWith}); raise deploy.command.timeout if it needs longer (its output is in the log above)`);
      case 'cancelled':
        throw new RemoteError(`${named} was stopped (${outcome.stoppedWith}) because the run was cancelled: ${messageOf(outcome.reason)}`);
      case 'exited':
        if (outcome.code !== 0) throw new RemoteError(`${named} ${outcome.code === null ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`} (its output is in the log above)`);
    }
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

function minutes(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}
