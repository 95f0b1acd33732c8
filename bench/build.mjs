// Compiles a TypeScript bench entry with ncc into a temp dir, so benches call the library itself.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function importBench(entry) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'agent-release-bench-build-'));
  execFileSync(process.execPath, [path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', path.join(root, entry), '-o', out, '--quiet', '--target', 'es2022'], { stdio: 'inherit' });
  return import(path.join(out, 'index.js'));
}
