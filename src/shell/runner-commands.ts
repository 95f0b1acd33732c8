// The part of @actions/core the action uses, without its index. The index also loads its OIDC
// client (@actions/http-client, undici 6, tunnel) and its platform module (@actions/exec): 22 to
// 26 ms of every action run's start-up (bench/startup.mjs), for getIDToken alone, which
// github/id-token.ts imports from the index when a run needs it. The package exports only its
// index, so its own command files are imported by path; the functions below are the index's, over
// those commands, so what the runner reads (escaping, delimiters, annotations) stays @actions/core's.
import { EOL } from 'node:os';
import { issue, issueCommand } from '../../node_modules/@actions/core/lib/command.js';
import { issueFileCommand, prepareKeyValueMessage } from '../../node_modules/@actions/core/lib/file-command.js';
import { toCommandValue } from '../../node_modules/@actions/core/lib/utils.js';
import { appendFile } from '../fs-async';

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

export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, toCommandValue(value));
}

/** Asks the runner to mask the value in the log from now on. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

export const info = (message: string): void => void process.stdout.write(message + EOL);
export const debug = (message: string): void => issueCommand('debug', {}, message);
export const warning = (message: string): void => issueCommand('warning', {}, message);
export const error = (message: string): void => issueCommand('error', {}, message);

/** Fails the step: an error annotation, and exit code 1 when the process ends. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/**
 * Adds markdown to the job summary, the file the runner names in GITHUB_STEP_SUMMARY, as
 * @actions/core's summary.addRaw(markdown).write() does. Its module is not loaded: it loads
 * node:fs/promises as it loads, 1.4 ms of every action run's start-up.
 */
export async function appendSummary(file: string, markdown: string): Promise<void> {
  await appendFile(file, markdown, { encoding: 'utf8' });
}

/** Folds what `body` logs into a collapsible group of the run's log. */
export async function group<T>(name: string, body: () => Promise<T>): Promise<T> {
  issue('group', name);
  try {
    return await body();
  } finally {
    issue('endgroup');
  }
}
