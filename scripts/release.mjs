#!/usr/bin/env node
// The release's bookkeeping, shared by .github/workflows/publish.yml and the tests:
//   node scripts/release.mjs check [dir]   LICENSE, SECURITY.md and CHANGELOG.md are there, and
//                                          package.json's version is CHANGELOG's latest entry
//   node scripts/release.mjs notes <version> [dir]
//                                          prints that version's CHANGELOG entry (the release notes)
//   node scripts/release.mjs plan          in publish.yml: what this push releases, as step outputs
// A problem is printed with the file, what was expected and what to do, and exits 1.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// semver.org's own pattern: major.minor.patch, an optional pre-release, optional build metadata.
const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

class ReleaseProblem extends Error {}

/** CHANGELOG.md's entries, newest first: each `## <version>` heading, its line and its text. */
function changelogEntries(text) {
  const entries = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const heading = /^## +(\S+)\s*$/.exec(line);
    if (heading) entries.push({ version: heading[1], line: index + 1, body: [] });
    else entries.at(-1)?.body.push(line);
  });
  return entries.map((e) => ({ version: e.version, line: e.line, notes: e.body.join('\n').trim() }));
}

function read(dir, file) {
  const full = path.join(dir, file);
  if (!existsSync(full)) throw new ReleaseProblem(`${file} is missing in ${dir}; every release ships it (see CONTRIBUTING.md)`);
  return readFileSync(full, 'utf8');
}

/** The release files are there and agree; returns the version and its CHANGELOG entry. */
function checkRelease(dir) {
  const problems = [];
  const attempt = (fn) => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof ReleaseProblem)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };
  attempt(() => read(dir, 'LICENSE'));
  attempt(() => read(dir, 'SECURITY.md'));
  const version = attempt(() => {
    const value = JSON.parse(read(dir, 'package.json')).version;
    if (typeof value !== 'string' || !semver.test(value)) throw new ReleaseProblem(`package.json: "version" is ${JSON.stringify(value)}, not a SemVer version like 1.2.3`);
    return value;
  });
  const latest = attempt(() => {
    const entries = changelogEntries(read(dir, 'CHANGELOG.md'));
    if (entries.length === 0) throw new ReleaseProblem('CHANGELOG.md has no "## <version>" entry; run `npx changeset version` to write one');
    const [first] = entries;
    if (!semver.test(first.version)) throw new ReleaseProblem(`CHANGELOG.md line ${first.line}: "## ${first.version}" is not a SemVer version like 1.2.3`);
    if (!first.notes) throw new ReleaseProblem(`CHANGELOG.md line ${first.line}: the entry for ${first.version} is empty; say what changed for users`);
    return first;
  });
  if (version && latest && latest.version !== version) {
    problems.push(`package.json says version ${version}, but CHANGELOG.md's latest entry (line ${latest.line}) is ${latest.version}; run \`npx changeset version\`, which writes both`);
  }
  if (problems.length) throw new ReleaseProblem(problems.join('\n'));
  return { version, notes: latest.notes };
}

function notesFor(dir, version) {
  const entry = changelogEntries(read(dir, 'CHANGELOG.md')).find((e) => e.version === version);
  if (!entry?.notes) throw new ReleaseProblem(`CHANGELOG.md has no entry "## ${version}" with text; the release notes come from it`);
  return entry.notes;
}

/**
 * What a push releases. A version tag releases that version, which must be package.json's. A push
 * to the default branch (a merged release pull request) releases package.json's version when its
 * tag does not exist yet or names this very commit (a re-run of all jobs after the tag was made),
 * and nothing otherwise. The major tag (v1) follows only stable 1.0.0 and later.
 */
function plan(dir, ref, tagCommit, head) {
  const { version } = checkRelease(dir);
  const tag = `v${version}`;
  if (ref.type === 'tag' && ref.name !== tag) {
    throw new ReleaseProblem(`the pushed tag is ${ref.name}, but package.json's version is ${version}; tag the commit whose package.json and CHANGELOG.md say the version (run \`npx changeset version\` first)`);
  }
  const [major] = version.split('.');
  const prerelease = version.includes('-');
  const tagged = tagCommit(tag);
  const release = ref.type === 'tag' || tagged === undefined || tagged === head;
  return { release, version, tag, prerelease, 'major-tag': !prerelease && major !== '0' ? `v${major}` : '', 'npm-dist-tag': prerelease ? 'next' : 'latest' };
}

function main(args, env) {
  const [command, ...rest] = args;
  if (command === 'check') {
    const { version } = checkRelease(path.resolve(rest[0] ?? root));
    console.log(`release files: LICENSE, SECURITY.md, CHANGELOG.md present; version ${version} matches CHANGELOG.md's latest entry`);
  } else if (command === 'notes' && rest[0]) {
    process.stdout.write(`${notesFor(path.resolve(rest[1] ?? root), rest[0])}\n`);
  } else if (command === 'plan') {
    const commitOf = (ref) => {
      try {
        return execFileSync('git', ['rev-parse', '--quiet', '--verify', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
      } catch {
        return undefined;
      }
    };
    const result = plan(root, { type: env.GITHUB_REF_TYPE, name: env.GITHUB_REF_NAME }, (tag) => commitOf(`refs/tags/${tag}`), commitOf('HEAD'));
    const lines = Object.entries(result).map(([key, value]) => `${key}=${value}`);
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
    console.log(result.release ? `releasing ${result.tag}` : `::notice title=Nothing to release::${result.tag} is already released from an earlier commit; merge a release pull request (npx changeset version) to release a new version`);
    console.log(lines.join('\n'));
  } else {
    throw new ReleaseProblem('usage: node scripts/release.mjs check [dir] | notes <version> [dir] | plan');
  }
}

try {
  main(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof ReleaseProblem)) throw error;
  for (const line of error.message.split('\n')) console.error(process.env.GITHUB_ACTIONS ? `::error::${line}` : `release: ${line}`);
  process.exit(1);
}
