import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** What one run printed and wrote, by channel ("stdout", "GITHUB_OUTPUT", "file a/b.json"...). */
export interface Capture {
  run: string;
  code: number | null;
  texts: Record<string, string>;
}

/** A distinct, unguessable value per place a secret comes from, so a leak names its source. */
export const plantSecret = (name: string): string => `${name}-${randomBytes(12).toString('hex')}`;

/**
 * Every line of every capture that contains a planted secret. `::add-mask::` lines are the
 * runner's protocol for learning a secret: the runner swallows them, they are never shown.
 */
export function leaksIn(captures: readonly Capture[], secrets: Readonly<Record<string, string>>): string[] {
  const leaks: string[] = [];
  for (const capture of captures) {
    for (const [channel, text] of Object.entries(capture.texts)) {
      text.split('\n').forEach((line, i) => {
        if (line.startsWith('::add-mask::')) return;
        for (const [name, value] of Object.entries(secrets)) {
          if (line.includes(value)) leaks.push(`${capture.run}, ${channel} line ${i + 1}: ${name} in ${JSON.stringify(line.slice(0, 300))}`);
        }
      });
    }
  }
  return leaks;
}

/** Every file under `dir` (recursively), as "file <relative path>" → its text. */
export async function filesUnder(dir: string): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    texts[`file ${path.relative(dir, full)}`] = await readFile(full, 'utf8');
  }
  return texts;
}
