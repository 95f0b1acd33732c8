import { shellConstructIn, splitCommandLine } from '../deploy/command-line';
import { ConfigError, messageOf } from '../errors';
import { getAt, type PathSegment } from './paths';

const commandKeys = ['deploy', 'rollback', 'set_traffic'] as const;
/** ${NAME} and ${NAME:-default} are the config's own, filled in when it loads; $${ is a literal ${. */
const configReference = /\$\$\{|\$\{[A-Za-z_]\w*(?::-[^}]*)?\}/g;

/**
 * deploy.command lines are split like a shell but not run through one, so what a shell would
 * expand or act on reaches the program as text: `./deploy.sh $AGENT_RELEASE_VERSION` would
 * deploy a version named "$AGENT_RELEASE_VERSION" and report success. Checked on the lines as
 * written (the config's ${NAME}s are its own, and their values may hold anything), when the
 * config loads, so a rollback command is not found wrong in the middle of a rollback.
 */
export function checkCommandLines(written: unknown, locate: (path: PathSegment[]) => string): void {
  for (const key of commandKeys) {
    const path: PathSegment[] = ['deploy', 'command', key];
    const line = getAt(written, path);
    if (typeof line !== 'string') continue;
    const asRun = line.replace(configReference, (match) => (match === '$${' ? '${' : 'value'));
    try {
      splitCommandLine(asRun);
    } catch (error) {
      throw new ConfigError(`${locate(path)}: ${messageOf(error)}; close the quote`);
    }
    const construct = shellConstructIn(asRun);
    if (construct === undefined) continue;
    const variable = /^\$\{?([A-Za-z_]\w*)/.exec(construct)?.[1];
    const instead = variable
      ? `let a script read ${variable} from its environment, or write bash -c '… "$${variable}"' (in single quotes, so bash expands it when the command runs)`
      : `put it in a script, or write bash -c '…' around the whole line`;
    throw new ConfigError(
      `${locate(path)}: \`${construct}\` would reach the program as it is written: commands are split into words like a shell would, but not run through one, so no variable, pipe, ;, &&, redirection or * is applied; ${instead}`,
    );
  }
}
