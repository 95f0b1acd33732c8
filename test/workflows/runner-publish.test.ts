/**
 * publish.yml under nektos/act: the real workflow and scripts, in a repository whose `origin` on
 * GitHub is a local bare repository (git's url.<base>.insteadOf, from a GIT_CONFIG_GLOBAL file),
 * against the GitHub fake's Releases API. The whole CI it calls is a stand-in ci.yml that passes
 * or fails on demand: ci.yml itself is tested by running it (npm test is this suite).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installAct, runAct, type ActRun } from '../support/act';
import { startGitHubFake, type GitHubFake } from '../support/github-fake';
import { repoRoot } from '../support/run-bundle';

const githubToken = 'ghs-publish-token-31415';
const standInCi = `name: ci
on: { workflow_call: {} }
jobs:
  test:
    name: Stand-in CI
    runs-on: ubuntu-latest
    steps:
      - run: test "\${CI_STAND_IN:-pass}" = pass
`;

let act: string;
let root: string;
let repos = 0;

beforeAll(() => {
  act = installAct();
  root = mkdtempSync(path.join(os.tmpdir(), 'agent-release-publish-'));
  // Every https://github.com/<owner>/<repo>.git push and ls-remote goes to root/remote/<owner>/<repo>.git.
  writeFileSync(path.join(root, 'gitconfig'), `[url "file://${root}/remote/"]\n\tinsteadOf = https://github.com/\n`);
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=maintainer', '-c', 'user.email=m@example.com', ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: path.join(root, 'gitconfig') } }).trim();

interface PublishRepo {
  slug: string;
  dir: string;
  remote: string;
  github: GitHubFake;
  /** Commits a release of `version` (package.json and a CHANGELOG entry) and pushes main, and its tag if asked. */
  release(version: string, notes: string, options?: { tag?: boolean }): string;
  run(event: { ref: string }, env?: Record<string, string>): Promise<ActRun>;
  remoteTag(tag: string): string | undefined;
}

/** agent-release's release files and publish.yml in a fresh repository with a local origin. */
async function publishRepo(): Promise<PublishRepo> {
  const slug = `acme/agent-release-${process.pid}-${++repos}`;
  const dir = path.join(root, 'work', slug);
  const remote = path.join(root, 'remote', `${slug}.git`);
  for (const file of ['LICENSE', 'SECURITY.md', 'package.json', '.github/workflows/publish.yml', 'scripts/release.mjs', 'scripts/push-tag.sh', 'scripts/github-release.sh']) {
    cpSync(path.join(repoRoot, file), path.join(dir, file));
  }
  writeFileSync(path.join(dir, '.github', 'workflows', 'ci.yml'), standInCi);
  writeFileSync(path.join(dir, 'CHANGELOG.md'), '# agent-release\n');
  mkdirSync(remote, { recursive: true });
  git(remote, 'init', '--quiet', '--bare');
  git(dir, 'init', '--quiet', '-b', 'main');
  git(dir, 'remote', 'add', 'origin', `https://github.com/${slug}.git`);
  const github = await startGitHubFake({ tokens: { [githubToken]: 'write' }, repositories: [slug] });
  const entries: string[] = [];
  return {
    slug,
    dir,
    remote,
    github,
    release(version, notes, options = {}) {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ ...pkg, version }, null, 2)}\n`);
      entries.unshift(`## ${version}\n\n${notes}\n`);
      writeFileSync(path.join(dir, 'CHANGELOG.md'), `# agent-release\n\n${entries.join('\n')}`);
      git(dir, 'add', '-A');
      git(dir, 'commit', '--quiet', '-m', `Release ${version}`);
      if (options.tag) git(dir, 'tag', `v${version}`);
      git(dir, 'push', '--quiet', 'origin', 'main', ...(options.tag ? [`v${version}`] : []));
      return git(dir, 'rev-parse', 'HEAD');
    },
    run: (event, env = {}) =>
      runAct({
        act,
        repo: dir,
        workflow: path.join(dir, '.github', 'workflows', 'publish.yml'),
        event: 'push',
        payload: event,
        localRepositories: ['checkout', 'setup-node'].map((name) => `actions/${name}@${pinned(name)}=${path.join(repoRoot, 'test', 'fixtures', 'act', name)}`),
        secrets: { GITHUB_TOKEN: githubToken },
        env: { GITHUB_API_URL: github.url, GIT_CONFIG_GLOBAL: path.join(root, 'gitconfig'), ...env },
      }),
    remoteTag(tag) {
      try {
        return git(remote, 'rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`);
      } catch {
        return undefined;
      }
    },
  };
}

/** The SHA publish.yml pins an action at. */
function pinned(name: string): string {
  const sha = new RegExp(`uses: actions/${name}@([0-9a-f]{40})`).exec(readFileSync(path.join(repoRoot, '.github', 'workflows', 'publish.yml'), 'utf8'))?.[1];
  if (!sha) throw new Error(`publish.yml pins no actions/${name}`);
  return sha;
}

const jobsThat = (run: ActRun, result: 'succeeded' | 'failed'): string[] =>
  Object.entries(run.jobs)
    .filter(([, r]) => r === result)
    .map(([job]) => job.replace(/^publish\//, '').replace(/\/ci\/Stand-in CI$/, ''))
    .sort();

function expectJobs(run: ActRun, succeeded: string[], failed: string[] = []): void {
  const got = { succeeded: jobsThat(run, 'succeeded'), failed: jobsThat(run, 'failed'), code: run.code === 0 };
  const wanted = { succeeded: [...succeeded].sort(), failed: [...failed].sort(), code: failed.length === 0 };
  if (JSON.stringify(got) === JSON.stringify(wanted)) return;
  const errors = run.output.split('\n').filter((l) => /::error::|❌|Error:|error:/.test(l)).slice(-20).join('\n');
  throw new Error(`expected ${JSON.stringify(wanted)}, act gave ${JSON.stringify(got)}; its errors:\n${errors}`);
}

const everyJob = ['What this push releases', 'The whole CI (tests, lint, dist/ matches src/, self-test, workflow audit)', 'Tag and GitHub release', 'The CLI on npm', 'Move the major tag'];

describe('publish.yml under a runner, with a local origin and the GitHub fake', () => {
  let repo: PublishRepo | undefined;
  afterEach(async () => {
    await repo?.github.close();
    repo = undefined;
  });

  it('a version tag: the GitHub release carries the CHANGELOG entry, npm is skipped with a notice, and v1 moves to the release', async () => {
    repo = await publishRepo();
    const old = repo.release('1.0.0', '### Major Changes\n\n- The first release.', { tag: true });
    git(repo.dir, 'push', '--quiet', 'origin', `${old}:refs/tags/v1`);
    const sha = repo.release('1.1.0', '### Minor Changes\n\n- gate: `--json` prints the decision.', { tag: true });
    const run = await repo.run({ ref: 'refs/tags/v1.1.0' });
    expectJobs(run, everyJob);
    expect(repo.github.releases(repo.slug).map((r) => [r.tag_name, r.name, r.body, r.prerelease, r.make_latest])).toEqual([
      ['v1.1.0', 'v1.1.0', '### Minor Changes\n\n- gate: `--json` prints the decision.\n', false, 'true'],
    ]);
    expect([repo.remoteTag('v1.1.0'), repo.remoteTag('v1')]).toEqual([sha, sha]);
    expect(run.output).toContain('npm publish skipped');
    expect(run.output).not.toContain(githubToken);
  }, 300_000);

  it('a failed CI: no release, no tag moved, and nothing after the CI runs', async () => {
    repo = await publishRepo();
    const old = repo.release('1.0.0', '- The first release.', { tag: true });
    git(repo.dir, 'push', '--quiet', 'origin', `${old}:refs/tags/v1`);
    repo.release('1.1.0', '- Something broken.', { tag: true });
    const run = await repo.run({ ref: 'refs/tags/v1.1.0' }, { CI_STAND_IN: 'fail' });
    expectJobs(run, ['What this push releases'], ['The whole CI (tests, lint, dist/ matches src/, self-test, workflow audit)']);
    expect(repo.github.releases(repo.slug)).toEqual([]);
    expect(repo.remoteTag('v1')).toBe(old);
  }, 300_000);

  it('a merged release pull request: tags the version, releases it and moves v1; a re-run changes nothing', async () => {
    repo = await publishRepo();
    const sha = repo.release('1.2.0', '### Patch Changes\n\n- deploy: a clearer error for a missing target.');
    expect(repo.remoteTag('v1.2.0')).toBeUndefined();
    // The release is created, but GitHub answers 503 after applying it: the re-read finds it and updates it.
    repo.github.failNext({ status: 503, method: 'POST', pathIncludes: '/releases', afterApplying: true });
    const first = await repo.run({ ref: 'refs/heads/main' });
    expectJobs(first, everyJob);
    const calls = (): string[] => (repo?.github.requests ?? []).filter((r) => r.path.includes('/releases')).map((r) => r.method);
    expect(calls()).toEqual(['GET', 'POST', 'POST', 'GET', 'PATCH']);
    expect([repo.remoteTag('v1.2.0'), repo.remoteTag('v1')]).toEqual([sha, sha]);
    const again = await repo.run({ ref: 'refs/heads/main' });
    expectJobs(again, everyJob);
    expect(again.output).toContain('v1.2.0 already points at');
    expect(repo.github.releases(repo.slug).map((r) => [r.tag_name, r.body])).toEqual([['v1.2.0', '### Patch Changes\n\n- deploy: a clearer error for a missing target.\n']]);
    expect([repo.remoteTag('v1.2.0'), repo.remoteTag('v1')]).toEqual([sha, sha]);
  }, 300_000);

  it('a tag that is not package.json’s version releases nothing', async () => {
    repo = await publishRepo();
    repo.release('1.3.0', '- Something.');
    git(repo.dir, 'tag', 'v1.3.1');
    git(repo.dir, 'push', '--quiet', 'origin', 'v1.3.1');
    const run = await repo.run({ ref: 'refs/tags/v1.3.1' });
    expectJobs(run, [], ['What this push releases']);
    expect(run.output).toContain("the pushed tag is v1.3.1, but package.json's version is 1.3.0");
    expect([repo.github.releases(repo.slug), repo.remoteTag('v1')]).toEqual([[], undefined]);
  }, 300_000);
});
