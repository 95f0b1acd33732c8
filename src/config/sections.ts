import type { PathSegment } from './paths';

/** The settings a command reads, from LoadConfigOptions.sections ("deploy", "!deploy.analysis"). */
export interface SettingsInUse {
  /** Whether a value at this path is read: under an included path and under no excluded one. */
  has(p: readonly PathSegment[]): boolean;
  /** The shortest part of the config on the way to `p` that holds nothing the command reads; undefined when it reads `p`. */
  unusedRoot(p: readonly PathSegment[]): PathSegment[] | undefined;
}

export function settingsInUse(sections: readonly string[] | undefined): SettingsInUse {
  if (!sections) return { has: () => true, unusedRoot: () => undefined };
  const split = (s: string): string[] => s.split('.');
  const included = sections.filter((s) => !s.startsWith('!')).map(split);
  const excluded = sections.filter((s) => s.startsWith('!')).map((s) => split(s.slice(1)));
  const under = (p: readonly PathSegment[], prefix: readonly PathSegment[]): boolean => prefix.every((key, i) => String(p[i]) === String(key));
  const has = (p: readonly PathSegment[]): boolean => included.some((prefix) => under(p, prefix)) && !excluded.some((prefix) => under(p, prefix));
  // evaluate holds evaluate.endpoint, which shadow reads, though shadow reads no other part of it.
  const holdsUsed = (q: readonly PathSegment[]): boolean => has(q) || included.some((prefix) => prefix.length > q.length && under(prefix, q));
  return {
    has,
    unusedRoot: (p) => {
      for (let depth = 1; depth <= p.length; depth++) {
        if (!holdsUsed(p.slice(0, depth))) return p.slice(0, depth);
      }
      return undefined;
    },
  };
}

const reference = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}/g;

/**
 * The variables a value as written still refers to after interpolation: those unset (or empty)
 * without a default, or, without `env` (an environment overlay that is not selected, never
 * interpolated), every one.
 */
export function unsetReferences(written: string, env?: Readonly<Record<string, string | undefined>>): string[] {
  const names: string[] = [];
  for (const [match, name, fallback] of written.matchAll(reference)) {
    if (match === '$${' || name === undefined) continue;
    if (!env || ((env[name] ?? '') === '' && fallback === undefined)) names.push(name);
  }
  return [...new Set(names)];
}
