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

export class TemplateError extends Error {
  override name = 'TemplateError';
}
