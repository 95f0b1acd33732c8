import { InputError } from '../errors';

/** One entry directly under a directory of an artifact root. */
export interface ArtifactEntry {
  name: string;
  isDirectory: boolean;
}

/**
 * A place versioned release artifacts live: a local folder or a Unity Catalog Volume. Every path
 * given to a root is relative to it and checked by `safeRelativePath`, so nothing outside the
 * root can be read or written through it.
 */
export interface ArtifactRoot {
  readonly kind: 'local' | 'volume';
  /** The root as a user would write it: an absolute folder or /Volumes/<catalog>/<schema>/<volume>[/...]. */
  readonly location: string;
  /** `relative` under the root, for messages and records. */
  display(relative: string): string;
  /** The entries directly under `dir`, or undefined when there is no such directory. */
  list(dir: string): Promise<ArtifactEntry[] | undefined>;
  /** The file's bytes, or undefined when it does not exist. Refuses files over `maxBytes`. */
  read(file: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /**
   * Creates `file` with `content` (and its missing parent directories) only if nothing is at
   * that path yet. Never replaces: 'exists' when something got there first. Artifacts are text
   * (written as UTF-8).
   */
  createNew(file: string, content: string): Promise<'created' | 'exists'>;
}

/** A path that would leave its root, or could not be checked to stay inside it. */
export class PathEscapeError extends InputError {}

/** A file bigger than the caller accepts. */
export class FileTooLargeError extends InputError {
  constructor(
    readonly file: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`${file} is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit; is this the right file?`);
  }
}

/**
 * Checks a path meant to stay inside a root and returns its segments. Refused: empty paths,
 * absolute paths (`/x`, `C:\x`, `\\server`), `..` anywhere (even where it would come back
 * inside), backslashes (a separator on Windows), NUL and other control characters. `.` and
 * repeated slashes are dropped.
 */
export function safeRelativePath(relative: string, what = 'path'): string[] {
  const refuse = (why: string): never => {
    throw new PathEscapeError(`${what} ${JSON.stringify(relative)} ${why}; give a path relative to the artifact root, without ".."`);
  };
  if (typeof relative !== 'string' || relative.trim() === '') refuse('is empty');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(relative)) refuse('contains a control character');
  if (relative.includes('\\')) refuse('contains a backslash');
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) refuse('is absolute');
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) refuse('climbs out with ".."');
  if (segments.length === 0) refuse('names the root itself');
  return segments;
}

/** A single path segment, e.g. an artifact kind ("deployment_plans") or a file name ("plan.md"). */
export function safeName(name: string, what: string): string {
  const segments = safeRelativePath(name, what);
  if (segments.length !== 1 || segments[0] !== name) {
    throw new PathEscapeError(`${what} ${JSON.stringify(name)} must be a single name without "/" (like deployment_plans or plan.md)`);
  }
  return name;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
