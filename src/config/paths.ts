export type PathSegment = string | number;

/** Renders a path as a user writes it: gate.thresholds["relevance/mean"].min, scorers[0].type */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(top level)';
}

export function getAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars in the overlay replace the base. */
export function deepMerge(base: unknown, overlay: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay === undefined ? base : overlay;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) merged[key] = deepMerge(base[key], value);
  return merged;
}

/** A copy of `value` without the values (map entries, list items) at these paths. */
export function withoutPaths(value: unknown, paths: readonly (readonly PathSegment[])[]): unknown {
  const cut = new Set(paths.map(formatPath));
  const walk = (node: unknown, at: PathSegment[]): unknown => {
    if (Array.isArray(node)) return node.flatMap((item, i) => (cut.has(formatPath([...at, i])) ? [] : [walk(item, [...at, i])]));
    if (!isPlainObject(node)) return node;
    return Object.fromEntries(Object.entries(node).flatMap(([key, item]) => (cut.has(formatPath([...at, key])) ? [] : [[key, walk(item, [...at, key])]])));
  };
  return walk(value, []);
}
