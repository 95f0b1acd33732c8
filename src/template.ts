/**
 * Fills {{name}} placeholders (double braces, so PromQL's {label="x"} and JSON stay intact).
 * An unknown name is an error rather than an empty string.
 */
export function fillTemplate(template: string, variables: Readonly<Record<string, string | null>>, where: string): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) {
      throw new TemplateError(`${where}: unknown placeholder {{${name}}}; available: ${Object.keys(variables).map((k) => `{{${k}}}`).join(', ')}`);
    }
    return value ?? '';
  });
}

/**
 * The first {{name}} in a template that is not one of `names`, as the error that filling it would
 * give, so a config can be checked when it loads rather than mid-release.
 */
export function unknownPlaceholder(template: string, names: readonly string[]): string | undefined {
  for (const [, name] of template.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)) {
    if (name !== undefined && !names.includes(name)) return `unknown placeholder {{${name}}}; available: ${names.map((k) => `{{${k}}}`).join(', ')}`;
  }
  return undefined;
}

/**
 * evaluate.endpoint.url for a version. A source registered with a trailing slash, before a
 * template's "/v1/…", would make "…//v1/…", which servers route as another path (often a 404).
 */
export function endpointUrl(template: string, variables: { version: string; model: string; source: string }, where: string): string {
  const source = /\{\{\s*source\s*\}\}\//.test(template) ? variables.source.replace(/\/+$/, '') : variables.source;
  return fillTemplate(template, { ...variables, source }, where);
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}
