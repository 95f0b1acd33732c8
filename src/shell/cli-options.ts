import { parseArgs } from 'node:util';
import { suggestion } from '../config/zod-helpers';
import { UsageError } from '../errors';
import { modeNames, type ModeName } from '../modes';

/** A command of the CLI: a mode, or `registry` (register, show). */
export type Command = ModeName | 'registry';

interface CliOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in the usage text. */
  value?: string;
  help: string;
  /** The commands that read it; every command when absent. */
  commands?: readonly Command[];
}

/** Every flag, once: the parser's table, the usage text and the per-command check all come from here. */
const cliOptions = {
  config: { type: 'string', value: 'F', help: 'config file (default .github/agent-release.yml)' },
  'model-version': {
    type: 'string',
    value: 'V',
    help: 'the model version to act on (deploy, verify, rollback: default the alias holder)',
    commands: ['evaluate', 'merge', 'gate', 'promote', 'deploy', 'verify', 'rollback', 'shadow', 'registry'],
  },
  environment: { type: 'string', value: 'E', help: 'apply environments.E from the config' },
  'dry-run': { type: 'boolean', help: 'print what would change; change nothing' },
  'skip-analysis': { type: 'boolean', help: 'straight to 100% without bake or analysis', commands: ['deploy'] },
  json: { type: 'boolean', help: 'print the result as JSON on stdout (the report goes to stderr)' },
  'summary-path': { type: 'string', value: 'P', help: 'the summary.json to decide on', commands: ['gate'] },
  shard: { type: 'string', value: 'i/n', help: 'only the i-th of n deterministic slices of the dataset', commands: ['evaluate'] },
  'shards-path': {
    type: 'string',
    multiple: true,
    value: 'P',
    help: "a folder searched for the shards' summary.json (repeatable; default: the version's folder under artifacts_dir)",
    commands: ['merge'],
  },
  'expected-version': { type: 'string', value: 'V', help: 'the version expected to hold the alias now, or "none"', commands: ['promote'] },
  'production-environment': {
    type: 'string',
    value: 'NAME',
    help: "in a staging job: the environment this one stages for; refuses when both promote to the same alias",
    commands: ['promote'],
  },
  'approved-by': { type: 'string', value: 'NAMES', help: 'promote.uc_approval outside Actions: who approved (comma-separated)', commands: ['promote'] },
  'to-version': { type: 'string', value: 'V', help: 'restore this (previously released) version', commands: ['rollback'] },
  source: { type: 'string', value: 'URI', help: 'register: where the version is served or stored', commands: ['registry'] },
  tag: { type: 'string', multiple: true, value: 'key=value', help: 'register: a tag on the new version (repeatable)', commands: ['registry'] },
  help: { type: 'boolean', short: 'h', help: 'show this help (agent-release <command> --help: that command only)' },
  version: { type: 'boolean', help: "print agent-release's version" },
} as const satisfies Record<string, CliOption>;

export type OptionName = keyof typeof cliOptions;
const optionNames = Object.keys(cliOptions) as OptionName[];

export const commandNames: readonly Command[] = [...modeNames, 'registry'];

const summaries: Record<Command, string> = {
  evaluate: 'run the dataset through the agent, score it, write summary.json and results.jsonl',
  merge: "combine a sharded evaluation's shards into the version's summary",
  gate: 'decide pass or fail for a version from its evaluation (exit 1 on fail)',
  promote: 'move the promotion alias to a version that passed the gate',
  deploy: "deploy the alias holder with the configured target and analysis; roll back on failure",
  verify: 'run deploy.analysis alone (exit 1 on fail)',
  rollback: 'withdraw the alias holder and restore the previous one',
  detect: 'list registered versions newer than the last release that no gate has decided',
  shadow: 'replay recorded production requests to the version and the champion, judge them pairwise, write shadow.json',
  registry: 'registry register --source URI [--tag k=v ...] | registry show [--model-version V]',
};

const exitCodes = 'exit codes: 0 success or pass, 1 a gate failed or an operation was refused, 2 usage or configuration error, 130 cancelled (Ctrl-C or SIGTERM)';

function optionLines(names: readonly OptionName[]): string {
  const flags = names.map((name) => {
    const o: CliOption = cliOptions[name];
    return `--${name}${o.value ? ` ${o.value}` : ''}`;
  });
  // The widest flag sets the column, with a gap of two: a long one ran into its help.
  const width = Math.max(22, ...flags.map((flag) => flag.length + 2));
  return names.map((name, i) => `  ${(flags[i] as string).padEnd(width)}${(cliOptions[name] as CliOption).help}`).join('\n');
}

function appliesTo(name: OptionName, command: Command): boolean {
  const o: CliOption = cliOptions[name];
  return !o.commands || o.commands.includes(command);
}

/** The commands that read an option the given command does not, or undefined when it reads it. */
export function otherReaders(name: OptionName, command: Command): readonly Command[] | undefined {
  return appliesTo(name, command) ? undefined : ((cliOptions[name] as CliOption).commands ?? []);
}

/** The usage text: every command and flag, or one command's own flags. */
export function usageFor(command?: Command): string {
  if (command) {
    const head = command === 'registry' ? 'usage: agent-release registry register|show [options]' : `usage: agent-release ${command} [options]`;
    return `${head}\n\n${summaries[command]}\n\noptions:\n${optionLines(optionNames.filter((n) => n !== 'version' && appliesTo(n, command)))}\n\n${exitCodes}`;
  }
  const commands = commandNames.map((c) => `  ${c.padEnd(10)}${summaries[c]}`).join('\n');
  return `usage: agent-release <mode> [options]
       agent-release registry register|show [options]
       agent-release <mode> --help          that mode's options only

commands:
${commands}

options:
${optionLines(optionNames)}

${exitCodes}`;
}

export interface CliArgs {
  values: {
    config: string;
    'model-version'?: string;
    environment?: string;
    'dry-run': boolean;
    'skip-analysis': boolean;
    json: boolean;
    'summary-path'?: string;
    shard?: string;
    'shards-path'?: string[];
    'expected-version'?: string;
    'production-environment'?: string;
    'approved-by'?: string;
    'to-version'?: string;
    source?: string;
    tag?: string[];
    help: boolean;
    version: boolean;
  };
  positionals: string[];
}

/**
 * argv to flags and positionals. Node's parser errors ("Unknown option '--modle-version'. To
 * specify a positional argument starting with a '-', place it at the end of the command after
 * '--'...") are rewritten to say what was meant.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: cliOptions, tokens: true });
  } catch (error) {
    throw new UsageError(parseProblem(error, argv));
  }
  const { values, positionals, tokens } = parsed;
  // Node's parser keeps the last of a repeated flag; `--model-version 1 … --model-version 2` is a mistake either way.
  const seen = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== 'option' || (cliOptions as Record<string, CliOption>)[token.name]?.type !== 'string' || (cliOptions as Record<string, CliOption>)[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice (${JSON.stringify(seen.get(token.name))}, then ${JSON.stringify(token.value)}); give it once`);
    seen.set(token.name, token.value);
  }
  return {
    values: { ...values, config: values.config ?? '.github/agent-release.yml', 'dry-run': values['dry-run'] ?? false, 'skip-analysis': values['skip-analysis'] ?? false, json: values.json ?? false, help: values.help ?? false, version: values.version ?? false },
    positionals,
  };
}

/** The command a command line names (options may come before it), or undefined when it does not parse. */
export function commandOf(argv: readonly string[]): string | undefined {
  try {
    return parseCliArgs(argv).positionals[0];
  } catch {
    return undefined;
  }
}

/** Refuses a flag the command does not read, rather than ignore it (a --to-version given to gate is a mistake). */
export function checkOptionsFor(command: Command, values: CliArgs['values']): void {
  for (const name of optionNames) {
    const given = (values as Record<string, unknown>)[name];
    const users = otherReaders(name, command);
    if (given === undefined || given === false || users === undefined) continue;
    throw new UsageError(`--${name} is not an option of ${command} (it is for ${users.join(', ')}); agent-release ${command} --help lists ${command}'s options`);
  }
}

function parseProblem(error: unknown, argv: readonly string[]): string {
  const { code, message } = error as { code?: string; message?: string };
  const flag = /'(-{1,2}[^']*)'/.exec(message ?? '')?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
    const hint = suggestion(name, optionNames);
    return `unknown option ${flag}${hint ? ` (${hint.replace(/"([^"]+)"/, '--$1')})` : ''}; agent-release --help lists the options`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    const name = flag.replace(/^-+/, '').split(' ')[0] ?? '';
    const o = (cliOptions as Record<string, CliOption>)[name];
    if (o?.type !== 'string') return `--${name} takes no value`;
    // Node's parser reads a value that starts with "-" as the next option.
    const next = argv[argv.indexOf(`--${name}`) + 1];
    if (next?.startsWith('-')) return `--${name} needs a value, and ${JSON.stringify(next)} after it is read as an option; a value that starts with "-" is written --${name}=${next}`;
    return `--${name} needs a value (--${name} ${o.value ?? 'VALUE'})`;
  }
  return message ?? String(error);
}
