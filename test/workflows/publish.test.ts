/**
 * publish.yml, the release of agent-release itself. The checks every workflow passes (actionlint,
 * zizmor, GitHub's parser, SHA pins) are in static.test.ts, which reads every file in
 * .github/workflows; here: its triggers and permissions, and its control flow simulated with
 * GitHub's expression engine, so that "move the major tag" provably runs only after every check
 * passed. The runner suite (runner-publish.test.ts) runs it under act.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../src/config/schema';
import { repoRoot } from '../support/run-bundle';
import { jobGraph, simulate, stepRuns, type StepState } from '../support/workflow-sim';

const text = (file: string): string => readFileSync(path.join(repoRoot, file), 'utf8');
interface Step { id?: string; name?: string; uses?: string; if?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> }
interface Job { needs?: string[] | string; if?: string; uses?: string; permissions?: Record<string, string>; steps?: Step[]; outputs?: Record<string, string> }
interface Workflow { on: Record<string, Record<string, string[]> | null>; permissions: Record<string, string>; concurrency: { group: string; 'cancel-in-progress': boolean }; jobs: Record<string, Job> }
const publish = parse(text('.github/workflows/publish.yml')) as Workflow;
const ci = parse(text('.github/workflows/ci.yml')) as Workflow;
const graph = jobGraph(text('.github/workflows/publish.yml'));
const checks = ['plan', 'ci', 'github-release', 'npm'];

describe('publish.yml: triggers, permissions, what it runs', () => {
  it('runs on a version tag, or a push to main that changes CHANGELOG.md (a merged release pull request), one at a time', () => {
    expect(publish.on).toEqual({ push: { tags: ['v*.*.*'], branches: ['main'], paths: ['CHANGELOG.md'] } });
    expect(publish.concurrency).toEqual({ group: 'publish', 'cancel-in-progress': false });
  });

  it('grants nothing by default, and each job only what it uses', () => {
    expect(publish.permissions).toEqual({});
    expect(Object.fromEntries(Object.entries(publish.jobs).map(([name, job]) => [name, job.permissions]))).toEqual({
      plan: { contents: 'read' },
      ci: { contents: 'read' },
      'github-release': { contents: 'write' },
      npm: { contents: 'read', 'id-token': 'write' },
      'major-tag': { contents: 'write' },
    });
  });

  it('runs the whole CI, whose jobs include the dist/ check, the tests and the workflow audit', () => {
    expect(publish.jobs.ci?.uses).toBe('./.github/workflows/ci.yml');
    expect(Object.keys(ci.on)).toContain('workflow_call');
    const runs = (job: string): string[] => (ci.jobs[job]?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));
    expect([runs('check-dist'), runs('test')]).toEqual([expect.arrayContaining(['npm run check-dist']), expect.arrayContaining(['npm test'])]);
    expect(Object.keys(ci.jobs).sort()).toEqual(['check-dist', 'security-audit', 'self-test', 'test']);
    // A release's CI and main's own CI must not share a cancel-in-progress group.
    expect(ci.concurrency.group).toContain('${{ github.workflow }}');
  });

  it('reads the npm token in the npm job only, and publishes with provenance', () => {
    for (const [name, job] of Object.entries(publish.jobs)) {
      const usesToken = JSON.stringify(job).includes('secrets.NPM_TOKEN');
      expect([name, usesToken]).toEqual([name, name === 'npm']);
    }
    const publishStep = publish.jobs.npm?.steps?.find((s) => s.run?.includes('npm publish --'));
    expect(publishStep?.run).toContain('npm publish --provenance --access public');
    const pkg = JSON.parse(text('package.json')) as Record<string, unknown>;
    expect([pkg.private, pkg.publishConfig]).toEqual([undefined, { access: 'public', provenance: true, registry: 'https://registry.npmjs.org/' }]);
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/agent-release/agent-release.git' });
  });

  it('pins only action SHAs the other workflows already pin', () => {
    const pins = (file: string): string[] => [...text(file).matchAll(/uses:\s*([\w-]+\/[\w-]+@[0-9a-f]{40})/g)].map((m) => m[1] as string);
    const elsewhere = new Set(readdirSync(path.join(repoRoot, '.github', 'workflows')).filter((f) => f !== 'publish.yml').flatMap((f) => pins(`.github/workflows/${f}`)));
    expect(pins('.github/workflows/publish.yml').filter((pin) => !elsewhere.has(pin))).toEqual([]);
  });
});

describe('publish.yml control flow', () => {
  const plan = (release: string, majorTag: string) => ({ result: 'success' as const, outputs: { release, 'major-tag': majorTag } });
  const results = ['success', 'failure', 'cancelled'] as const;

  it('releases and moves the major tag when every check passes', () => {
    expect(simulate(graph, { jobs: { plan: plan('true', 'v1') } }).ran).toEqual(['plan', 'ci', 'github-release', 'npm', 'major-tag']);
  });

  it('moves the major tag only when plan, the whole CI, the GitHub release and npm all succeeded: every combination', () => {
    const combinations = (n: number): (typeof results)[number][][] => (n === 0 ? [[]] : combinations(n - 1).flatMap((rest) => results.map((r) => [r, ...rest])));
    for (const [planResult, ciResult, releaseResult, npmResult] of combinations(4)) {
      const { results: got, ran } = simulate(graph, {
        jobs: { plan: { ...plan('true', 'v1'), result: planResult }, ci: { result: ciResult }, 'github-release': { result: releaseResult }, npm: { result: npmResult } },
      });
      const everyCheckPassed = [planResult, ciResult, releaseResult, npmResult].every((r) => r === 'success');
      expect([planResult, ciResult, releaseResult, npmResult, ran.includes('major-tag')]).toEqual([planResult, ciResult, releaseResult, npmResult, everyCheckPassed]);
      // Nothing is released after a failed check either: each later job needs every one before it.
      if (ciResult !== 'success') expect([got['github-release'], got.npm]).toEqual(['skipped', 'skipped']);
    }
  });

  it('the major-tag job needs every other job and its condition adds no status function (GitHub’s implicit success())', () => {
    const needs = publish.jobs['major-tag']?.needs;
    expect([...(Array.isArray(needs) ? needs : [needs])].sort()).toEqual([...checks].sort());
    expect(publish.jobs['major-tag']?.if ?? '').not.toMatch(/always\(|failure\(|cancelled\(|!\s*cancelled/);
  });

  it('releases nothing when the version is already tagged, and moves no major tag for a pre-release or 0.x', () => {
    expect(simulate(graph, { jobs: { plan: plan('false', '') } }).ran).toEqual(['plan']);
    expect(simulate(graph, { jobs: { plan: plan('true', '') } }).ran).toEqual(['plan', 'ci', 'github-release', 'npm']);
  });

  describe('inside the jobs', () => {
    const stepOf = (job: string, match: (s: Step) => boolean): Step => {
      const step = publish.jobs[job]?.steps?.find(match);
      if (!step) throw new Error(`publish.yml: no such step in ${job}`);
      return step;
    };
    const outcomes = ['success', 'failure', 'cancelled', 'skipped'] as const;

    it('the major tag moves as the last step, only when the checkout before it succeeded and the run is not cancelled', () => {
      const steps = publish.jobs['major-tag']?.steps ?? [];
      expect(steps.at(-1)?.id).toBe('move');
      const move = stepOf('major-tag', (s) => s.id === 'move');
      for (const checkout of outcomes) {
        for (const cancelled of [false, true]) {
          const runs = stepRuns(move.if ?? '', { steps: { checkout: { outcome: checkout } } }, cancelled);
          expect([checkout, cancelled, runs]).toEqual([checkout, cancelled, (checkout === 'success' || checkout === 'skipped') && !cancelled]);
        }
      }
    });

    it('npm publish runs only with a token and after every earlier step of its job passed; without one the job succeeds with a notice', () => {
      const publishStep = stepOf('npm', (s) => s.run?.includes('npm publish --') === true);
      const token = stepOf('npm', (s) => s.id === 'token');
      const states = (tokenOutcome: StepState['outcome'], publishValue: string, setup: StepState['outcome'] = 'success') => ({ steps: { setup: { outcome: setup }, token: { outcome: tokenOutcome, outputs: { publish: publishValue } } } });
      expect(stepRuns(publishStep.if ?? '', states('success', 'true'))).toBe(true);
      expect(stepRuns(publishStep.if ?? '', states('success', 'false'))).toBe(false);
      expect(stepRuns(publishStep.if ?? '', states('success', 'true', 'failure'))).toBe(false);
      expect(token.run).toMatch(/::notice title=npm publish skipped::/);
    });

    it('the GitHub release steps tag first and write the release second, each only after the one before passed', () => {
      const steps = publish.jobs['github-release']?.steps ?? [];
      expect(steps.map((s) => s.run ?? s.uses?.replace(/@.*/, ''))).toEqual(['actions/checkout', 'bash scripts/push-tag.sh create "$TAG" "$GITHUB_SHA"', 'bash scripts/github-release.sh']);
      for (const step of steps) expect(step.if).toBeUndefined();
      const failedTag: Record<string, StepState> = { checkout: { outcome: 'success' }, tag: { outcome: 'failure' } };
      expect(stepRuns(steps[2]?.if ?? '', { steps: failedTag })).toBe(false);
    });
  });
});


describe('marketplace readiness', () => {
  const action = parse(text('action.yml')) as { name: string; description: string; author: string; branding: { icon: string; color: string } };

  it('action.yml has a name, a description under 125 characters, an author and branding', () => {
    expect(action.name).toBe('agent-release');
    expect(action.description.length).toBeLessThan(125);
    expect([action.author, action.branding]).toEqual([expect.any(String), { icon: expect.any(String), color: expect.any(String) }]);
  });

  // actionlint holds GitHub's lists of branding icons (Feather's, less a few) and colours, and checks
  // them in action.yml wherever a workflow runs it as `uses: ./`, as ci.yml's self-test does.
  it('actionlint accepts its branding through ci.yml, and would refuse an icon or colour GitHub does not offer', () => {
    const actionlint = execFileSync('bash', [path.join(repoRoot, 'scripts', 'install-workflow-tools.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').at(-2) as string;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'agent-release-branding-'));
    try {
      // actionlint finds the project, and so `./`, by its git repository.
      execFileSync('git', ['init', '--quiet', dir]);
      mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
      cpSync(path.join(repoRoot, 'dist'), path.join(dir, 'dist'), { recursive: true });
      cpSync(path.join(repoRoot, '.github', 'workflows', 'ci.yml'), path.join(dir, '.github', 'workflows', 'ci.yml'));
      const lint = (icon: string, color: string): string => {
        writeFileSync(path.join(dir, 'action.yml'), text('action.yml').replace(/icon: \S+/, `icon: ${icon}`).replace(/color: \S+/, `color: ${color}`));
        const run = spawnSync(actionlint, ['-no-color', '.github/workflows/ci.yml'], { cwd: dir, encoding: 'utf8' });
        return run.stdout + run.stderr;
      };
      expect(lint(action.branding.icon, action.branding.color)).toBe('');
      expect(lint('robot-face', 'pink')).toMatch(/incorrect color "pink"[\s\S]*incorrect icon name "robot-face"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('README starts with what it is, the CI badge and a 30-second example', () => {
    const readme = text('README.md');
    const top = readme.slice(0, readme.indexOf('\n## ', readme.indexOf('## In 30 seconds') + 1));
    expect(top).toMatch(/^# agent-release\n\n\[!\[ci\]\(https:\/\/github\.com\/agent-release\/agent-release\/actions\/workflows\/ci\.yml\/badge\.svg\?branch=main\)\]/);
    expect(top).toContain('A GitHub Action and CLI that');
    expect(top).toMatch(/## In 30 seconds[\s\S]*uses: agent-release\/agent-release@v1/);
    const config = /## In 30 seconds[\s\S]*?```yaml\n([\s\S]*?)```/.exec(top)?.[1] ?? '';
    expect(configSchema.safeParse(parse(config)).error?.issues).toBeUndefined();
  });
});
