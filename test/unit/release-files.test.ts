import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../support/run-bundle';

/** scripts/release.mjs, as publish.yml runs it, in `dir` (a copy of the release files). */
function release(dir: string, args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [path.join(dir, 'scripts', 'release.mjs'), ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const releaseFiles = ['LICENSE', 'SECURITY.md', 'CHANGELOG.md', 'package.json', 'scripts/release.mjs'];
let scratch: string[] = [];
function copyOfRepo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-release-files-'));
  scratch.push(dir);
  for (const file of releaseFiles) cpSync(path.join(repoRoot, file), path.join(dir, file));
  return dir;
}
const setVersion = (dir: string, version: string): void => {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, version }, null, 2));
};
const changelog = (dir: string, ...versions: string[]): void =>
  writeFileSync(path.join(dir, 'CHANGELOG.md'), `# agent-release\n\n${versions.map((v) => `## ${v}\n\n### Patch Changes\n\n- Something users notice in ${v}.\n`).join('\n')}`);
afterEach(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  scratch = [];
});

describe('the release files of this repository', () => {
  it('are there, and package.json’s version is CHANGELOG.md’s latest entry', () => {
    const run = release(repoRoot, ['check']);
    expect([run.code, run.stderr]).toEqual([0, '']);
  });

  it('LICENSE is the MIT license package.json names', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} .+\n\nPermission is hereby granted, free of charge/);
  });

  it('SECURITY.md says how to report a vulnerability and which versions get fixes', () => {
    const text = readFileSync(path.join(repoRoot, 'SECURITY.md'), 'utf8');
    expect(text).toMatch(/## Reporting a vulnerability[\s\S]*security\/advisories\/new/);
    expect(text).toMatch(/## Supported versions/);
  });
});

describe('scripts/release.mjs check fails', () => {
  it.each(['LICENSE', 'SECURITY.md', 'CHANGELOG.md'])('when %s is missing, naming it', (file) => {
    const dir = copyOfRepo();
    unlinkSync(path.join(dir, file));
    const run = release(dir, ['check']);
    expect([run.code, run.stderr]).toEqual([1, expect.stringContaining(`${file} is missing`)]);
  });

  it('when package.json’s version is not CHANGELOG.md’s latest entry, naming both', () => {
    const dir = copyOfRepo();
    changelog(dir, '1.1.0', '1.0.0');
    setVersion(dir, '1.0.0');
    const run = release(dir, ['check']);
    expect([run.code, run.stderr]).toEqual([1, expect.stringContaining("package.json says version 1.0.0, but CHANGELOG.md's latest entry (line 3) is 1.1.0")]);
  });

  it('when the latest entry is empty or no version', () => {
    const dir = copyOfRepo();
    writeFileSync(path.join(dir, 'CHANGELOG.md'), '# agent-release\n\n## Unreleased\n\nsoon\n');
    expect(release(dir, ['check']).stderr).toContain('CHANGELOG.md line 3: "## Unreleased" is not a SemVer version');
    writeFileSync(path.join(dir, 'CHANGELOG.md'), '# agent-release\n\n## 0.1.0\n\n');
    expect(release(dir, ['check']).stderr).toContain('the entry for 0.1.0 is empty');
  });
});

describe('scripts/release.mjs plan (what a push releases)', () => {
  function planIn(dir: string, refType: string, refName: string, tags: string[] = [], options: { commitAfterTagging?: boolean } = {}) {
    const commit = (): Buffer => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'x']);
    execFileSync('git', ['init', '--quiet', dir]);
    commit();
    for (const tag of tags) execFileSync('git', ['-C', dir, 'tag', '-a', '-m', tag, tag]);
    if (options.commitAfterTagging) commit();
    const output = path.join(dir, 'output');
    writeFileSync(output, '');
    const run = release(dir, ['plan'], { GITHUB_REF_TYPE: refType, GITHUB_REF_NAME: refName, GITHUB_OUTPUT: output });
    return { ...run, outputs: Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=', 2) as [string, string])) };
  }
  const withVersion = (version: string): string => {
    const dir = copyOfRepo();
    changelog(dir, version);
    setVersion(dir, version);
    return dir;
  };

  it('a version tag releases it, and a stable 1.x moves v1', () => {
    expect(planIn(withVersion('1.2.3'), 'tag', 'v1.2.3').outputs).toEqual({ release: 'true', version: '1.2.3', tag: 'v1.2.3', prerelease: 'false', 'major-tag': 'v1', 'npm-dist-tag': 'latest' });
  });

  it('refuses a tag that is not package.json’s version', () => {
    const run = planIn(withVersion('1.2.3'), 'tag', 'v1.2.4');
    expect([run.code, run.stderr, run.outputs]).toEqual([1, expect.stringContaining('the pushed tag is v1.2.4, but package.json\'s version is 1.2.3'), {}]);
  });

  it('a merged release pull request releases an untagged version, and nothing when an earlier commit has its tag', () => {
    expect(planIn(withVersion('2.0.0'), 'branch', 'main').outputs).toMatchObject({ release: 'true', tag: 'v2.0.0', 'major-tag': 'v2' });
    const later = planIn(withVersion('2.0.0'), 'branch', 'main', ['v2.0.0'], { commitAfterTagging: true });
    expect([later.outputs.release, later.stdout]).toEqual(['false', expect.stringContaining('v2.0.0 is already released from an earlier commit')]);
    // Re-running all jobs of the release's own push, after its tag was made: released again, idempotently.
    expect(planIn(withVersion('2.0.0'), 'branch', 'main', ['v2.0.0']).outputs.release).toBe('true');
  });

  it('a pre-release or a 0.x version never moves a major tag; a pre-release goes to npm as next', () => {
    expect(planIn(withVersion('2.0.0-rc.1'), 'tag', 'v2.0.0-rc.1').outputs).toMatchObject({ prerelease: 'true', 'major-tag': '', 'npm-dist-tag': 'next' });
    expect(planIn(withVersion('0.3.0'), 'tag', 'v0.3.0').outputs).toMatchObject({ prerelease: 'false', 'major-tag': '' });
  });

  it('prints the release notes: the version’s CHANGELOG entry', () => {
    const dir = copyOfRepo();
    changelog(dir, '1.1.0', '1.0.0');
    expect(release(dir, ['notes', '1.0.0']).stdout).toBe('### Patch Changes\n\n- Something users notice in 1.0.0.\n');
    expect(release(dir, ['notes', '3.0.0'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no entry "## 3.0.0"') });
  });
});

describe('changesets writes the version and the CHANGELOG entry, offline', () => {
  it('turns a pending changeset into package.json’s version and CHANGELOG.md’s latest entry, which check accepts', () => {
    const dir = copyOfRepo();
    cpSync(path.join(repoRoot, '.changeset', 'config.json'), path.join(dir, '.changeset', 'config.json'));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
    changelog(dir, '1.4.2');
    setVersion(dir, '1.4.2');
    writeFileSync(path.join(dir, '.changeset', 'gate-json.md'), '---\n"agent-release": minor\n---\n\ngate: `--json` prints the decision. Nothing to change on upgrade.\n');
    execFileSync(process.execPath, [path.join(dir, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], { cwd: dir, stdio: 'pipe' });
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe('1.5.0');
    expect(release(dir, ['notes', '1.5.0']).stdout).toBe('### Minor Changes\n\n- gate: `--json` prints the decision. Nothing to change on upgrade.\n');
    expect(release(dir, ['check']).code).toBe(0);
  });
});

describe('.env.example for @github/local-action', () => {
  const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const example = Object.fromEntries(
    readFileSync(path.join(repoRoot, '.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^(INPUT_[A-Z0-9_-]+)=(.*)$/.exec(line))
      .flatMap((m) => (m ? [[m[1] as string, m[2] as string]] : [])),
  );

  it('sets every input of action.yml, under the name the runner gives it, and nothing else', () => {
    // As @actions/core reads them: INPUT_ + the name with spaces as _, upper-cased.
    const expected = Object.keys(action.inputs).map((name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`);
    expect(Object.keys(example).sort()).toEqual(expected.sort());
  });

  it('gives each optional input action.yml’s default (local-action does not), the token empty', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      if (name === 'mode' || name === 'model-version') continue;
      const wanted = name === 'github-token' ? '' : (input.default ?? '');
      expect([name, example[`INPUT_${name.toUpperCase()}`]]).toEqual([name, wanted]);
    }
  });

  it('names every mode action.yml offers', () => {
    const modes = /: ([a-z |]+)\.$/.exec((action.inputs.mode as { description: string }).description)?.[1]?.split(' | ') ?? [];
    expect(modes.length).toBeGreaterThan(5);
    expect(readFileSync(path.join(repoRoot, '.env.example'), 'utf8')).toContain(`# ${modes.join(' | ')}\n`);
  });
});

describe('scripts/push-tag.sh against a local origin', () => {
  function origin() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-release-tags-'));
    scratch.push(dir);
    const git = (cwd: string, ...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
    execFileSync('git', ['init', '--quiet', '--bare', path.join(dir, 'remote', 'acme', 'agent-release.git')]);
    const work = path.join(dir, 'work');
    execFileSync('git', ['init', '--quiet', work]);
    const commit = (message: string): string => {
      git(work, 'commit', '--quiet', '--allow-empty', '-m', message);
      git(work, 'push', '--quiet', path.join(dir, 'remote', 'acme', 'agent-release.git'), 'HEAD:refs/heads/main');
      return git(work, 'rev-parse', 'HEAD');
    };
    const push = (mode: string, tag: string, sha: string) => {
      const run = spawnSync('bash', [path.join(repoRoot, 'scripts', 'push-tag.sh'), mode, tag, sha], {
        cwd: work,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: dir, GITHUB_SERVER_URL: `file://${dir}/remote`, GITHUB_REPOSITORY: 'acme/agent-release', GITHUB_TOKEN: 'ghs-tag-token' },
      });
      return { code: run.status, out: run.stdout + run.stderr };
    };
    const remoteTag = (tag: string): string | undefined => {
      try {
        return git(path.join(dir, 'remote', 'acme', 'agent-release.git'), 'rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`);
      } catch {
        return undefined;
      }
    };
    return { git, work, commit, push, remoteTag, remote: path.join(dir, 'remote', 'acme', 'agent-release.git') };
  }

  it('creates a version tag once, accepts it again on the same commit, and never moves it', () => {
    const o = origin();
    const first = o.commit('1.0.0');
    expect(o.push('create', 'v1.0.0', first)).toMatchObject({ code: 0, out: expect.stringContaining(`v1.0.0 now points at ${first}`) });
    expect(o.push('create', 'v1.0.0', first)).toMatchObject({ code: 0, out: expect.stringContaining('v1.0.0 already points at') });
    const second = o.commit('later');
    expect(o.push('create', 'v1.0.0', second)).toMatchObject({ code: 1, out: expect.stringContaining(`tag v1.0.0 already points at ${first}, not at this run's commit ${second}`) });
    expect(o.remoteTag('v1.0.0')).toBe(first);
  });

  it('takes an annotated tag pushed by hand as the same commit', () => {
    const o = origin();
    const sha = o.commit('1.1.0');
    o.git(o.work, 'tag', '-a', '-m', 'v1.1.0', 'v1.1.0');
    o.git(o.work, 'push', '--quiet', o.remote, 'v1.1.0');
    expect(o.push('create', 'v1.1.0', sha)).toMatchObject({ code: 0, out: expect.stringContaining('v1.1.0 already points at') });
  });

  it('moves the major tag, and masks the credentials it hands to git', () => {
    const o = origin();
    const first = o.commit('1.0.0');
    expect(o.push('move', 'v1', first).code).toBe(0);
    const second = o.commit('1.1.0');
    const moved = o.push('move', 'v1', second);
    expect(moved).toMatchObject({ code: 0, out: expect.stringContaining(`v1 now points at ${second} (was ${first})`) });
    expect(o.remoteTag('v1')).toBe(second);
    const encoded = Buffer.from('x-access-token:ghs-tag-token').toString('base64');
    expect(moved.out).toContain(`::add-mask::${encoded}`);
    expect(moved.out).not.toContain('ghs-tag-token');
  });
});
