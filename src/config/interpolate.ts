import { ConfigError } from '../errors';
import { formatPath, isPlainObject, type PathSegment } from './paths';

export interface Interpolation {
  value: unknown;
  /** Paths whose value came from the environment: error messages must not echo them. */
  fromEnvironment: Set<string>;
  /** Values of variables whose names look secret, for the shell to mask. */
  secrets: string[];
}

const reference = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const secretName = /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL|PRIVATE/i;
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
          if (secretName.test(name as string)) secrets.push(found);
          return found;
        }
        if (fallback !== undefined) return fallback;
        if (!isUsed(path)) return match;
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
