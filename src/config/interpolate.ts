import { ConfigError } from '../errors';
import { formatPath, isPlainObject, type PathSegment } from './paths';

export interface Interpolation {
  value: unknown;
  /** Paths whose value came from the environment: error messages must not echo them. */
  fromEnvironment: Set<string>;
  /** Values of variables whose names look secret, or that go into a header, for the shell to mask. */
  secrets: string[];
}

/** A ${VAR} left as written: not filled in yet, or not set where nothing requires it. */
export const unresolved = (value: string): boolean => /\$\{[A-Za-z_]\w*(:-[^}]*)?\}/.test(value);

const reference = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
/**
 * A ${ never closed, or with a space after it: taken literally, one became a folder named
 * "${UNSET". Other ${…} forms (bash's ${VAR:?msg}, ${#VAR}) pass through to the command's shell.
 */
const incompleteReference = /(?<!\$)\$\{(?:\s|[^}]*$)/;
// Whole words between underscores where a short word would match inside others: KEY not MONKEY,
// PAT not PATH, AUTH as the last word (X_AUTH, AUTH_HEADER) but not DATABRICKS_AUTH_TYPE or
// SSH_AUTH_SOCK, and _PWD (DB_PWD) never the shell's own PWD, the working directory.
const secretName = /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|(^|_)PASS(_|$)|_PWD$|API_?KEY|ACCESS_?KEY|(^|_)KEY(_|$)|CREDENTIAL|PRIVATE|COOKIE|(^|_)AUTH(_HEADER)?$|AUTHORIZATION|BEARER|(^|_)PAT(_|$)/i;

/** Whether a variable's name says it holds a secret (TOKEN, SECRET, PASSWORD, API_KEY, ...). */
export function looksSecret(name: string): boolean {
  return secretName.test(name);
}

/**
 * The values of the environment's secret-looking variables, for the shells to mask before anything
 * is printed: a deploy command or an agent may print one the config never names. Values under 8
 * characters are left out: a USE_TOKEN=true would otherwise turn every "true" into ***.
 */
export function secretsInEnvironment(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env).flatMap(([name, value]) => (value !== undefined && value.length >= 8 && looksSecret(name) ? [value] : []));
}
/** Values that must come from the environment alone: a ${VAR:-default} would put the secret in the file. */
const environmentOnly = /^notifications\[\d+\]\.(url|secret)$/;

/**
 * Replaces ${NAME} (or ${NAME:-default}) in every string value; $${ stays a literal ${.
 * Only string scalars are touched, so numbers and booleans keep their YAML types.
 */
export function interpolate(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  /** "file:line: path" of a value, as the user wrote it. */
  locate: (path: PathSegment[]) => string,
  /** Whether a value at this path will be used; an unset variable elsewhere is left as written. */
  isUsed: (path: PathSegment[]) => boolean = () => true,
): Interpolation {
  const fromEnvironment = new Set<string>();
  const secrets: string[] = [];
  const walk = (node: unknown, path: PathSegment[]): unknown => {
    if (typeof node === 'string') {
      if (incompleteReference.test(node)) {
        throw new ConfigError(
          `${locate(path)}: ${JSON.stringify(node.length > 80 ? `${node.slice(0, 80)}…` : node)} has a \${ that does not start a variable: write \${NAME} (letters, digits and _, closed by }) or \${NAME:-default}, or $\${ for a literal \${`,
        );
      }
      let touched = false;
      const replaced = node.replace(reference, (match, name: string | undefined, fallback: string | undefined) => {
        if (match === '$${') return '${';
        touched = true;
        const field = formatPath(path);
        if (fallback !== undefined && environmentOnly.test(field)) {
          const key = field.endsWith('.url') ? 'url' : 'secret';
          throw new ConfigError(
            `${locate(path)}: a webhook ${key} is a secret, so it cannot have a default: \${${name}:-…} writes one in the file. Write \${${name}} and set ${name} from a repository or environment secret; a job without it skips the notifier with a warning`,
          );
        }
        const found = env[name as string];
        if (found !== undefined && found !== '') {
          // A header carries credentials whatever its variable is called (AGENT_KEY, X_AUTH).
          if (secretName.test(name as string) || path.at(-2) === 'headers') secrets.push(found);
          return found;
        }
        if (fallback !== undefined) return fallback;
        if (!isUsed(path)) return match;
        if (setForCommands.has(name as string)) throw new ConfigError(`${locate(path)} refers to \${${name}}: ${readWhenRun(name as string, field)}`);
        throw new ConfigError(
          `${locate(path)} refers to \${${name}}, which is not set; set the environment variable (in GitHub Actions, under env: from a secret or variable) or give a default as \${${name}:-value}`,
        );
      });
      if (touched) fromEnvironment.add(formatPath(path));
      return replaced;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (isPlainObject(node)) {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };
  return { value: walk(value, []), fromEnvironment, secrets };
}

/** What agent-release sets for the commands it runs: deploy/command-target.ts, evaluate/runners/command.ts. */
const setForCommands = new Set(
  ['MODEL', 'VERSION', 'PREVIOUS_VERSION', 'TRAFFIC', 'ENVIRONMENT', 'STEP', 'STEPS', 'MODEL_NAME', 'MODEL_VERSION', 'SUMMARY_PATH', 'RESULTS_PATH', 'OUTPUT_DIR', 'RUN_NAME', 'EXPERIMENT', 'DATASET_PATH'].map(
    (name) => `AGENT_RELEASE_${name}`,
  ),
);

/** Such a variable is set after the config (and its ${NAME}s) was read. */
function readWhenRun(name: string, field: string): string {
  const when = `agent-release sets ${name} in the environment of the commands it runs, while \${…} is filled in when the config is read`;
  if (field.startsWith('evaluate.command.')) return `${when}; a run written as a string runs under bash, so write $\${${name}} to leave it for bash`;
  if (field.startsWith('deploy.command.')) return `${when}; deploy commands run without a shell, so let a script read ${name} from its environment, or write bash -c '… "$${name}"'`;
  return `${when}, not for settings agent-release reads itself; where a setting depends on the version it takes placeholders such as {{version}} (see the config reference)`;
}
