import { unresolved } from './config/interpolate';

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
 * Why a URL template is not an http(s) URL, its placeholders filled with a stand-in; undefined
 * when it is one, or when a placeholder ({{source}}) or a variable not yet filled supplies part
 * of it. The URL itself is not quoted: it may carry a credential from the environment.
 */
export function httpUrlProblem(template: string): string | undefined {
  // Interpolated from the environment later, where a job has the variable (config/interpolate.ts).
  if (/^\s*\{\{/.test(template) || unresolved(template)) return undefined;
  let url: URL;
  try {
    url = new URL(template.replace(/\{\{\s*[a-z_]+\s*\}\}/g, 'x'));
  } catch {
    return 'not a URL; write it as http://host:port/path or https://host/path';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be an http:// or https:// URL, got ${url.protocol}//…`;
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
