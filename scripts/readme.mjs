// Regenerates the input and output tables in README.md from action.yml, between markers.
// With --check, changes nothing and exits 1 if the README is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8'));
const readmePath = path.join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');

const cell = (text) => String(text ?? '').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
const inputs = [
  '| Input | Required | Default | Description |',
  '| --- | --- | --- | --- |',
  ...Object.entries(action.inputs).map(([name, i]) => `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${i.default ? `\`${cell(i.default)}\`` : ''} | ${cell(i.description)} |`),
].join('\n');
const outputs = [
  '| Output | Description |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
].join('\n');

let updated = readme;
for (const [marker, content] of [['inputs', inputs], ['outputs', outputs]]) {
  const start = `<!-- action-docs-${marker}:start -->`;
  const end = `<!-- action-docs-${marker}:end -->`;
  const from = updated.indexOf(start);
  const to = updated.indexOf(end);
  if (from < 0 || to < from) {
    console.error(`README.md has no ${start} ... ${end} markers`);
    process.exit(1);
  }
  updated = `${updated.slice(0, from + start.length)}\n${content}\n${updated.slice(to)}`;
}
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md input/output tables are out of date; run npm run readme');
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
  console.log('README.md tables updated');
}
