/**
 * The deepest nesting of mappings and lists a config, signoff or dataset value may have. Real
 * ones need five or six levels; the code that reads them (yaml's parser, scorers, JSON.stringify)
 * recurses, and at the end of the stack V8 may abort the process rather than throw.
 */
export const maxNesting = 64;

/**
 * Whether a value nests deeper than `limit` (objects and arrays); a circular one always does.
 * Walks a path at a time, so it stops early on deep or circular values.
 */
export function valueNestsBeyond(value: unknown, limit: number): boolean {
  const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object';
  return firstBeyond<unknown>(value, limit, isContainer, (v) => (isContainer(v) ? Object.values(v) : [])) !== undefined;
}

/** The first collection (in reading order) nested deeper than `limit`, walked without recursion. */
export function firstBeyond<T>(root: T | null | undefined, limit: number, counts: (item: T) => boolean, children: (item: T) => Array<T | null | undefined>): T | undefined {
  const pending: Array<{ item: T; depth: number }> = root === null || root === undefined ? [] : [{ item: root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const depth = next.depth + (counts(next.item) ? 1 : 0);
    if (depth > limit) return next.item;
    for (const child of children(next.item).reverse()) if (child !== null && child !== undefined) pending.push({ item: child, depth });
  }
  return undefined;
}
