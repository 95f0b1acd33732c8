export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Table cells must not break the table: escape pipes, flatten newlines. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export const mark = (passed: boolean, warning = false): string => (warning ? '⚠️ warn' : passed ? '✅ pass' : '❌ fail');

export function num(value: number | undefined | null): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
