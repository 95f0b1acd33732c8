import { parseArgs } from 'node:util';
import { contextFor, masker, maskingLogger, prepare, runInfoFromEnv } from '../compose';
import { githubIdToken } from '../github/id-token';
import { useProxies } from '../http/client';
import { proxyFromEnv } from '../http/proxy';
import { credentialVariables } from '../registry';
import { loadConfig } from '../config/load';
import { UsageError, exitCodeOf, messageOf } from '../errors';
import { progressLines, type Logger } from '../logger';
import { isModeName, modeNames, runMode, sectionsUsed } from '../modes';
import { headline, markdown } from '../report/render';
import { registryCommand } from './registry-command';

export const usage = `usage: agent-release <mode> [options]
       agent-release registry register --source URI [--tag key=value ...] [--config F] [--json]
       agent-release registry show [--model-version V] [--config F] [--json]

modes: ${modeNames.join(', ')}

options:
  --config F            config file (default .github/agent-release.yml)
  --model-version V     the model version to act on
  --environment E       apply environments.E from the config
  --dry-run             print what would change; change nothing
  --skip-analysis       deploy: straight to 100% without bake or analysis
  --json                print the result as JSON on stdout (the report goes to stderr)
  --summary-path P      gate: the summary.json to decide on
  --shard i/n           evaluate: only the i-th of n deterministic slices of the dataset
  --shards-path P       merge: a folder searched for the shards' summary.json (repeatable;
                        default: the version's folder under artifacts_dir)
  --expected-version V  promote: the version expected to hold the alias now, or "none"
  --to-version V        rollback: restore this (previously released) version

exit codes: 0 success or pass, 1 a gate failed or an operation was refused, 2 usage or configuration error`;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  signal?: AbortSignal;
  /** stderr is a terminal: progress is one line rewritten in place. */
  stderrIsTTY?: boolean;
  /** The terminal's width: a longer live line would wrap, and only its last row would be erased. */
  stderrColumns?: number;
}

const eraseLine = '\r\x1b[2K';

export function stderrLogger(io: CliIO): Logger {
  const debug = Boolean(io.env.AGENT_RELEASE_DEBUG);
  let liveLine = false;
  // Any other line first erases the live one, which the next progress update draws again below it.
  const write = (text: string): void => {
    io.stderr(liveLine ? `${eraseLine}${text}` : text);
    liveLine = false;
  };
  const live = (line: string | null): void => {
    const width = io.stderrColumns ?? Infinity;
    if (line !== null) io.stderr(`${eraseLine}${line.length < width ? line : line.slice(0, Math.max(width - 1, 0))}`);
    else if (liveLine) io.stderr(eraseLine);
    liveLine = line !== null;
  };
  return {
    info: (m) => write(`${m}\n`),
    warn: (m) => write(`warning: ${m}\n`),
    error: (m) => write(`error: ${m}\n`),
    debug: (m) => (debug ? write(`debug: ${m}\n`) : undefined),
    group: async (title, body) => {
      write(`▸ ${title}\n`);
      return body();
    },
    progress: io.stderrIsTTY ? live : progressLines((line) => write(`${line}\n`)),
  };
}

/** Returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let json = false;
  // Credentials from the environment are masked everywhere the CLI prints, config secrets once loaded.
  const secrets: string[] = credentialVariables.map((v) => io.env[v] ?? '').filter(Boolean);
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', default: '.github/agent-release.yml' },
        'model-version': { type: 'string' },
        environment: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'skip-analysis': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'summary-path': { type: 'string' },
        'expected-version': { type: 'string' },
        'to-version': { type: 'string' },
        shard: { type: 'string' },
        'shards-path': { type: 'string', multiple: true },
        source: { type: 'string' },
        tag: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    json = values.json;
    const [command, subcommand, ...extra] = positionals;
    if (values.help || !command) {
      (values.help ? io.stdout : io.stderr)(`${usage}\n`);
      return values.help ? 0 : 2;
    }
    const proxies = proxyFromEnv(io.env);
    secrets.push(...proxies.secrets);
    useProxies(proxies);
    // Masks what is known now and every credential learnt later (tokens exchanged at run time).
    const logger = maskingLogger(stderrLogger(io), secrets);
    const onSecret = (value: string): void => void secrets.push(value);
    if (command === 'registry') {
      if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
      const loaded = await loadConfig({ file: values.config, workdir: io.cwd, env: io.env, environment: values.environment, sections: sectionsUsed.registry });
      const ctx = contextFor(loaded, { env: io.env, dryRun: values['dry-run'], logger, run: runInfoFromEnv(io.env), onSecret, getIdToken: githubIdToken });
      const out = await registryCommand(subcommand, ctx, { source: values.source, tags: values.tag ?? [], version: values['model-version'] });
      io.stdout(json ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`);
      return 0;
    }
    if (!isModeName(command)) throw new UsageError(`unknown command "${command}"; expected one of ${modeNames.join(', ')} or registry`);
    if (subcommand) throw new UsageError(`unexpected argument "${subcommand}" after ${command}`);
    const { ctx, loaded } = await prepare({
      configFile: values.config,
      sections: sectionsUsed[command],
      workdir: io.cwd,
      environment: values.environment,
      env: io.env,
      dryRun: values['dry-run'],
      logger,
      run: runInfoFromEnv(io.env),
      signal: io.signal,
      onSecret,
      getIdToken: githubIdToken,
    });
    secrets.push(...loaded.secrets);
    const { result, failed } = await runMode(command, ctx, {
      modelVersion: values['model-version'],
      summaryPath: values['summary-path'],
      expectedVersion: values['expected-version'],
      toVersion: values['to-version'],
      shard: values.shard,
      shardsPath: values['shards-path']?.join('\n'),
      skipAnalysis: values['skip-analysis'],
    });
    if (json) {
      io.stderr(`${headline(result)}\n`);
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout(`\n${markdown(result)}`);
    }
    return failed ? 1 : 0;
  } catch (error) {
    const code = error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : exitCodeOf(error);
    const message = masker(secrets)(messageOf(error));
    io.stderr(`agent-release: ${message}\n${code === 2 && !json ? `run agent-release --help for usage\n` : ''}`);
    if (json) io.stdout(`${JSON.stringify({ error: message, exitCode: code }, null, 2)}\n`);
    return code;
  }
}
