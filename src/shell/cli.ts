import { aliasOf, contextFor, masker, prepareFor, rollbackCauseFromEnv, runInfoFromEnv } from '../compose';
import { githubIdToken } from '../github/id-token';
import { useProxies } from '../http/client';
import { proxyFromEnv } from '../http/proxy';
import { secretsInEnvironment } from '../config/interpolate';
import { credentialVariables } from '../registry';
import { loadConfig } from '../config/load';
import { suggestion } from '../config/zod-helpers';
import { CancelledError, UsageError, cancellation, exitCodeOf, messageOf } from '../errors';
import { progressLines, type Logger } from '../logger';
import { isModeName, modeNames, runMode, sectionsUsed } from '../modes';
import { markdown } from '../report/render';
import { checkOptionsFor, commandNames, parseCliArgs, usageFor, type Command } from './cli-options';
import { packageVersion } from './package-version';
import { registryCommand } from './registry-command';

export { commandOf } from './cli-options';

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
export async function runCli(argv: readonly string[], unmasked: CliIO): Promise<number> {
  // Asked before the command line is parsed, so a line that does not parse still answers in JSON.
  let json = argv.some((arg) => arg === '--json' || arg.startsWith('--json='));
  // Secret-looking variables (credentials among them) are masked everywhere the CLI prints, config secrets once loaded.
  const secrets: string[] = [...credentialVariables.map((v) => unmasked.env[v] ?? '').filter(Boolean), ...secretsInEnvironment(unmasked.env)];
  // The one masking path: whatever the CLI prints (report, --json, errors, log lines) passes it on the way out.
  const mask = masker(secrets);
  const io: CliIO = { ...unmasked, stdout: (text) => unmasked.stdout(mask(text)), stderr: (text) => unmasked.stderr(mask(text)) };
  try {
    const { values, positionals } = parseCliArgs(argv);
    json = values.json;
    if (values.version) {
      io.stdout(`agent-release ${packageVersion}\n`);
      return 0;
    }
    const [command, subcommand, ...extra] = positionals;
    const known = command !== undefined && (commandNames as readonly string[]).includes(command) ? (command as Command) : undefined;
    if (values.help || !command) {
      (values.help ? io.stdout : io.stderr)(`${usageFor(known)}\n`);
      return values.help ? 0 : 2;
    }
    if (known) checkOptionsFor(known, values);
    const proxies = proxyFromEnv(io.env);
    secrets.push(...proxies.secrets);
    useProxies(proxies);
    // io masks what is known now and every credential learnt later (tokens exchanged at run time).
    const logger = stderrLogger(io);
    const onSecret = (value: string): void => void secrets.push(value);
    if (command === 'registry') {
      if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
      const loaded = await loadConfig({ file: values.config, workdir: io.cwd, env: io.env, environment: values.environment, sections: sectionsUsed.registry });
      const ctx = contextFor(loaded, { env: io.env, dryRun: values['dry-run'], logger, run: runInfoFromEnv(io.env), onSecret, mask, getIdToken: githubIdToken });
      const out = await registryCommand(subcommand, ctx, { source: values.source, tags: values.tag ?? [], version: values['model-version'] });
      io.stdout(json ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`);
      return 0;
    }
    if (!isModeName(command)) {
      const hint = suggestion(command, commandNames);
      throw new UsageError(`unknown command "${command}"; expected one of ${modeNames.join(', ')} or registry${hint ? ` (${hint})` : ''}`);
    }
    if (subcommand) throw new UsageError(`unexpected argument "${subcommand}" after ${command}`);
    const { ctx, loaded } = await prepareFor(command, values['model-version'], {
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
      mask,
      getIdToken: githubIdToken,
    });
    secrets.push(...loaded.secrets);
    const { result, failed } = await runMode(command, ctx, {
      modelVersion: values['model-version'],
      summaryPath: values['summary-path'],
      expectedVersion: values['expected-version'],
      stagesFor: await aliasOf(values['production-environment'], { file: loaded.file, workdir: loaded.workdir, env: io.env }),
      approvedBy: values['approved-by'],
      toVersion: values['to-version'],
      shard: values.shard,
      shardsPath: values['shards-path']?.join('\n'),
      skipAnalysis: values['skip-analysis'],
      rollbackCause: command === 'rollback' ? rollbackCauseFromEnv(io.env) : undefined,
    });
    if (json) {
      // The report a person reads goes where it does not mix with the JSON a script reads.
      io.stderr(`\n${markdown(result)}`);
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout(`\n${markdown(result)}`);
    }
    return failed ? 1 : 0;
  } catch (error) {
    // Whatever a cancelled run threw on its way out (an aborted request, a probe cut short), the cause is the cancellation.
    const cancelled = io.signal?.aborted === true && !(error instanceof CancelledError);
    const code = cancelled ? 130 : exitCodeOf(error);
    const said = messageOf(error);
    const why = cancelled ? cancellation(io.signal?.reason) : '';
    const message = masker(secrets)(cancelled && !said.startsWith(why) ? `${why}: ${said}` : said);
    // Only a mistyped command line is helped by the usage text; a bad config or dataset says its own fix.
    const pointer = error instanceof UsageError && !json && !message.includes('--help') ? `run agent-release --help for usage\n` : '';
    io.stderr(`agent-release: ${message}\n${pointer}`);
    if (json) io.stdout(`${JSON.stringify({ error: message, exitCode: code }, null, 2)}\n`);
    return code;
  }
}
