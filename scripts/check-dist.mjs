// Fails when the committed dist/ differs from a fresh bundle of src/, or the README's
// generated tables differ from action.yml. CI runs this; so can you before committing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const fresh = mkdtempSync(path.join(os.tmpdir(), 'agent-release-dist-'));
const problems = [];
try {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs'), fresh], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const committed = path.join(root, 'dist');
  const a = listFiles(committed);
  const b = listFiles(fresh);
  for (const file of new Set([...a, ...b])) {
    if (!a.includes(file)) problems.push(`dist/${file} is missing`);
    else if (!b.includes(file)) problems.push(`dist/${file} should not exist`);
    else if (!readFileSync(path.join(committed, file)).equals(readFileSync(path.join(fresh, file)))) problems.push(`dist/${file} is stale`);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
try {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'readme.mjs'), '--check'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
} catch {
  problems.push('README.md tables drifted from action.yml');
}
if (problems.length) {
  console.error(`check-dist failed:\n  ${problems.join('\n  ')}\nRun: npm run bundle && npm run readme, and commit dist/ and README.md.`);
  process.exit(1);
}
console.log('check-dist: dist/ and README tables match the sources');

function listFiles(dir, prefix = '') {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    out = statSync(full).isDirectory() ? out.concat(listFiles(full, rel)) : out.concat(rel);
  }
  return out.sort();
}
