import path from 'node:path';
import { z } from 'zod';

/**
 * A strict object whose unknown-key error lists the valid keys and suggests the closest one,
 * so a typo like `treshold` fails loudly with the fix in the message. `alsoValid`: keys of the
 * file that are read before this schema sees it, named in the message all the same.
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape, alsoValid: readonly string[] = []) {
  const valid = [...Object.keys(shape), ...alsoValid];
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const keys = issue.keys;
      const hints = keys.map((key) => suggestion(key, valid)).filter((hint) => hint !== '');
      return `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}${hints.length ? ` (${hints.join('; ')})` : ''}; valid keys: ${valid.join(', ')}`;
    },
  });
}

/** A value as an error message shows it: its kind for a mapping or list, else the value, clipped. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  // JSON has no spelling for these (it writes null); YAML's is the one the file holds.
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan (not a number)' : `${value < 0 ? '-' : ''}.inf (infinity)`;
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** An enum whose error names the bad value and lists the choices. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => {
      const input = issue.input;
      if (typeof input !== 'string') return `expected one of ${values.join(', ')}, got ${describeValue(input)}`;
      const hint = suggestion(input, values);
      return `${JSON.stringify(input)} is not one of ${values.join(', ')}${hint ? ` (${hint})` : ''}`;
    },
  });
}

const durationPattern = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const unitMs: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** A duration as "500ms", "30s", "10m", "1h", or a number of milliseconds; parsed to ms. */
export const duration = lazySchema(() => z.union([z.number().nonnegative(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  const match = durationPattern.exec(value.trim());
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a duration; write e.g. 500ms, 30s, 10m or 1h` });
    return z.NEVER;
  }
  return Number(match[1]) * (unitMs[match[2] as string] as number);
}));

/** A duration something waits for at most: 0 would give up before the first try. */
export const timeoutDuration = lazySchema(() => duration.refine((ms) => ms > 0, { error: 'must be longer than 0 (a timeout of 0 gives up before the first try); write e.g. 30s' }));

const sizePattern = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)$/;
const unitBytes: Record<string, number> = { B: 1, KB: 1e3, KiB: 2 ** 10, MB: 1e6, MiB: 2 ** 20, GB: 1e9, GiB: 2 ** 30 };

/** A size as "512KiB", "10MiB", "1GB", or a number of bytes; parsed to bytes. */
export const byteSize = lazySchema(() => z.union([z.number().int().positive(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  const match = sizePattern.exec(value.trim());
  const bytes = match ? Math.floor(Number(match[1]) * (unitBytes[match[2] as string] as number)) : 0;
  if (!match || bytes < 1) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a size; write e.g. 512KiB, 10MiB or 1GB, or a number of bytes` });
    return z.NEVER;
  }
  return bytes;
}));

/**
 * A path relative to the workspace (the repository root, not the config file's folder) that
 * stays inside it, or an absolute path, used as written. A relative path that climbs out with
 * ".." is almost always written relative to the wrong folder, and would read or write files the
 * release does not own; someone who means a place outside (e.g. ${RUNNER_TEMP}/x) writes it whole.
 */
export function workspacePath() {
  return z
    .string()
    .min(1, { error: 'must not be empty' })
    .refine((p) => !leavesWorkspace(p), {
      error: (issue) =>
        `${JSON.stringify(issue.input)} leaves the workspace: the path is relative to the workspace (the repository root), not to the config file; write it from the root, or as an absolute path for a place outside the workspace`,
    });
}

function leavesWorkspace(p: string): boolean {
  const normal = path.posix.normalize(p.replace(/\\/g, '/'));
  return !path.isAbsolute(p) && (normal === '..' || normal.startsWith('../'));
}

export function suggestion(word: string, choices: readonly string[]): string {
  let best = '';
  let bestDistance = Infinity;
  for (const choice of choices) {
    const d = editDistance(word.toLowerCase(), choice.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [choice, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? `did you mean "${best}"?` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * A file or wire format's schema, built on its first parse rather than when its module loads: a
 * run imports every client and provider, and reads few of their formats (a gate reads no
 * Prometheus answer, Databricks run or MLflow page). Building them all cost a gate or a promote
 * 3 to 8 ms of start-up (bench/startup.mjs). Unlike deferred(), nothing is pinned: a parent that asks whether it is optional
 * builds it, which is right for a schema that is nested only in schemas being parsed.
 */
export function lazySchema<T extends z.ZodType>(build: () => T): z.ZodLazy<T> {
  return z.lazy(build);
}

/**
 * A schema built the first time a value reaches it, not when the module loads: a config names a
 * few of the sections, scorers, runners and providers the schema knows, and start-up built them
 * all, for every run.
 *
 * zod asks each key of an object whether it may be absent (`optin`, `optout`) on every parse,
 * and z.lazy answers by building its schema; here the answers are pinned, so `build` must return
 * a required schema (put .optional() or .default() outside). A union option gives `tag`, its
 * discriminator's value, which the union reads of every option for the same reason.
 */
export function deferred<T extends z.ZodType>(build: () => T, tag?: { key: string; value: string }): z.ZodLazy<T> {
  const schema = z.lazy(() => {
    const built = build();
    if (built._zod.optin !== undefined || built._zod.optout !== undefined) throw new Error('deferred() takes a required schema: put .optional() or .default() outside it');
    if (tag && !built._zod.propValues?.[tag.key]?.has(tag.value)) throw new Error(`deferred(): the schema's ${tag.key} is not "${tag.value}"`);
    return built;
  });
  const pin = (key: 'optin' | 'optout' | 'propValues', value: unknown): void => void Object.defineProperty(schema._zod, key, { value, writable: true, configurable: true });
  pin('optin', undefined);
  pin('optout', undefined);
  if (tag) pin('propValues', { [tag.key]: new Set([tag.value]) });
  return schema;
}
