/** JSON with every object's keys sorted, so equal settings hash equal whatever order they were written in. */
export function canonicalJson(value: unknown, omitKeys: ReadonlySet<string> = new Set()): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (omitKeys.has(key)) return undefined;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v;
  });
}
