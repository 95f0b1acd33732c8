// The part of @actions/core the action uses, without its index. The index also loads its OIDC
// client (@actions/http-client, undici 6, tunnel) and its platform module (@actions/exec): 22 to
// 26 ms of every action run's start-up (bench/startup.mjs), for getIDToken alone, which
// github/id-token.ts imports from the index when a run needs it. The package exports only its
// index, so its own files are imported by path. Workflow commands are formatted here, as its
// command.js formats them, because that module writes through process.stdout (see stdio.ts), and
// so are file commands, as its file-command.js writes them, because that module loads
// node:crypto (see outputMessage); test/unit/runner-commands.test.ts holds every function to the
// index's output.
import { appendFileSync, constants, existsSync } from 'node:fs';
import { EOL } from 'node:os';
import { toCommandValue } from '../../node_modules/@actions/core/lib/utils.js';
import { access, appendFile } from '../fs-async';
import { uniqueHex } from '../random-ids';

/** An input as the runner passes it (INPUT_<NAME>), trimmed; '' when not given. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}

/** A multi-line input's non-empty lines, each trimmed. */
export function getMultilineInput(name: string): string[] {
  return getInput(name)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.trim());
}

/** A boolean input in YAML 1.2's core schema: true, True, TRUE, false, False or FALSE. */
export function getBooleanInput(name: string): boolean {
  const value = getInput(name);
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\nSupport boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}

/** The runner commands that write to the log, through `write` (the action gives it stdout). */
export function runnerCommands(write: (text: string) => void) {
  const issueCommand = (command: string, properties: Record<string, string>, message: string): void => write(`${formatCommand(command, properties, message)}${EOL}`);
  const error = (message: string): void => issueCommand('error', {}, message);
  return {
    getInput,
    getMultilineInput,
    getBooleanInput,
    appendSummary,
    setOutput(name: string, value: string): void {
      const file = process.env.GITHUB_OUTPUT;
      if (file) return appendFileCommand(file, outputMessage(name, value));
      write(EOL);
      issueCommand('set-output', { name }, value);
    },
    /** Asks the runner to mask the value in the log from now on. */
    setSecret: (secret: string): void => issueCommand('add-mask', {}, secret),
    info: (message: string): void => write(message + EOL),
    debug: (message: string): void => issueCommand('debug', {}, message),
    warning: (message: string): void => issueCommand('warning', {}, message),
    error,
    /** Fails the step: an error annotation, and exit code 1 when the process ends. */
    setFailed(message: string): void {
      process.exitCode = 1;
      error(message);
    },
    /** Folds what `body` logs into a collapsible group of the run's log. */
    async group<T>(name: string, body: () => Promise<T>): Promise<T> {
      issueCommand('group', {}, name);
      try {
        return await body();
      } finally {
        issueCommand('endgroup', {}, '');
      }
    },
  };
}

export type RunnerCommands = ReturnType<typeof runnerCommands>;

/** `::command key=value,…::message`, escaped as the runner reads it (@actions/core's command.js). */
function formatCommand(command: string, properties: Record<string, string>, message: string): string {
  const keys = Object.keys(properties);
  const listed = keys.filter((key) => properties[key]).map((key) => `${key}=${escapeProperty(properties[key] as string)}`);
  return `::${command || 'missing.command'}${keys.length > 0 ? ` ${listed.join(',')}` : ''}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return toCommandValue(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Appends a file command's message to its file, which the runner creates (file-command.js's issueFileCommand). */
function appendFileCommand(file: string, message: string): void {
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, `${message}${EOL}`, { encoding: 'utf8' });
}

/**
 * `name<<delimiter` EOL value EOL `delimiter`, as file-command.js's prepareKeyValueMessage writes
 * an output. Its delimiter is a UUID from node:crypto, which costs a gate about 5 ms to load; this
 * one is as long, from Math.random. It needs no secrecy: a name or value that contains it is
 * refused, as core refuses it, so no value can end its own block early.
 */
function outputMessage(name: string, value: unknown): string {
  const delimiter = `ghadelimiter_${uniqueHex(16).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}`;
  const text = toCommandValue(value);
  if (name.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (text.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}`;
}

/**
 * Adds markdown to the job summary, the file the runner names in GITHUB_STEP_SUMMARY, as
 * @actions/core's summary.addRaw(markdown).write() does. Its module is not loaded: it loads
 * node:fs/promises as it loads, 1.4 ms of every action run's start-up.
 */
export async function appendSummary(file: string, markdown: string): Promise<void> {
  // As core does: the runner creates the file, so one that is not there, or not writable, is refused.
  try {
    await access(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
  }
  await appendFile(file, markdown, { encoding: 'utf8' });
}
