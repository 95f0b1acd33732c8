import { getOctokit } from '@actions/github';
import { deploymentsWriteHint, fitDescription, GitHubDeploymentReporter, linksToRun, type GitHubDeploymentOptions } from '../../src/github/deployments';
import { memoryLogger } from '../../src/logger';
import { actionsBot, octocat, startGitHubFake, type GitHubFake } from '../support/github-fake';
import { fakeClock } from '../support/fake-clock';

const writeToken = 'ghs_deploymentsWriteToken0001';
const readToken = 'ghs_readOnlyToken000000000002';
const repoName = 'acme/agents';
const sha = '3f786850e387550fdab836ed7e6dc881de23001b';
const runUrl = 'https://github.com/acme/agents/actions/runs/42';
const endpointUrl = 'https://adb-1.azuredatabricks.net/serving-endpoints/support-agent/invocations';
const release = { environment: 'staging', model: 'support-agent', version: '3', previousVersion: '2', environmentUrl: endpointUrl };

describe('GitHub deployments reporter', () => {
  let fake: GitHubFake;
  let clock: ReturnType<typeof fakeClock>;
  let logger: ReturnType<typeof memoryLogger>;

  beforeEach(async () => {
    fake = await startGitHubFake({ tokens: { [writeToken]: 'write', [readToken]: 'read' }, repositories: [repoName], commits: { main: sha } });
    clock = fakeClock();
    logger = memoryLogger();
  });
  afterEach(() => fake.close());

  const reporter = (overrides: Partial<GitHubDeploymentOptions> = {}) =>
    new GitHubDeploymentReporter({ octokit: getOctokit(writeToken, { baseUrl: fake.url }), owner: 'acme', repo: 'agents', sha, runUrl, runId: '42', logger, clock, random: () => 0.5, ...overrides });
  const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`);
  const statesOf = (index: number) => fake.deployments(repoName)[index]?.statuses.map((s) => [s.state, s.description]);
  const jobLog = (run: string, job: string) => `https://github.com/acme/agents/actions/runs/${run}/job/${job}`;

  it('creates one deployment for a rollout and walks it through in_progress per step to success', async () => {
    const deployments = reporter();
    await deployments.start(release);
    await deployments.progress('canary step 2 of 3: 50% of traffic to v3, baking 10m');
    await deployments.finish('success', 'v3 serves 100% of staging');

    const [deployment, ...others] = fake.deployments(repoName);
    expect(others).toEqual([]);
    expect(deployment).toMatchObject({ sha, ref: sha, environment: 'staging', creator: actionsBot, description: 'agent-release: support-agent v3 to staging', production_environment: false });
    expect(deployment?.payload).toEqual({ agent_release: { key: `${runUrl}|staging|support-agent|3`, model: 'support-agent', version: '3', previous_version: '2', run_url: runUrl } });
    expect(statesOf(0)).toEqual([
      ['in_progress', 'deploying support-agent v3 (replacing v2)'],
      ['in_progress', 'canary step 2 of 3: 50% of traffic to v3, baking 10m'],
      ['success', 'v3 serves 100% of staging'],
    ]);
    for (const status of deployment?.statuses ?? []) expect(status).toMatchObject({ log_url: runUrl, target_url: runUrl, environment_url: endpointUrl });
    expect(deployments.deployment).toEqual({ id: deployment?.id, source: 'created' });
    expect(calls()).toEqual([
      `GET /repos/acme/agents/deployments?environment=staging&sha=${sha}&per_page=100`,
      'POST /repos/acme/agents/deployments',
      ...Array.from({ length: 3 }, () => `POST /repos/acme/agents/deployments/${deployment?.id}/statuses`),
    ]);
    expect(fake.requests[1]?.body).toMatchObject({ ref: sha, environment: 'staging', auto_merge: false, required_contexts: [] });
    expect(fake.requests.slice(2).map((r) => (r.body as { auto_inactive?: boolean }).auto_inactive)).toEqual([false, false, true]);
    expect(logger.lines).toEqual([`info: GitHub deployment ${deployment?.id} of acme/agents for staging (created)`]);
  });

  it('marks a failed rollout failure and leaves the previous release active', async () => {
    const first = reporter();
    await first.start({ ...release, version: '2', previousVersion: null });
    await first.finish('success', 'v2 serves 100% of staging');
    const second = reporter();
    await second.start(release);
    await second.progress('canary step 1 of 3: 10% of traffic to v3');
    await second.finish('failure', 'analysis failed: error rate 4.1% > 1% at 10%; rolled back to v2', null);

    expect(fake.deployments(repoName)).toHaveLength(2);
    expect(statesOf(0)).toEqual([
      ['in_progress', 'deploying support-agent v2'],
      ['success', 'v2 serves 100% of staging'],
    ]);
    expect(statesOf(1)).toEqual([
      ['in_progress', 'deploying support-agent v3 (replacing v2)'],
      ['in_progress', 'canary step 1 of 3: 10% of traffic to v3'],
      ['failure', 'analysis failed: error rate 4.1% > 1% at 10%; rolled back to v2'],
    ]);
    // The endpoint still serves (the restored version), so the link stays.
    expect(fake.deployments(repoName)[1]?.statuses.at(-1)?.environment_url).toBe(endpointUrl);
  });

  it('marks a release rolled back later inactive, after its success retired the one before', async () => {
    const first = reporter();
    await first.start({ ...release, version: '2', previousVersion: null });
    await first.finish('success', 'v2 serves 100% of staging');
    const second = reporter();
    await second.start(release);
    await second.finish('success', 'v3 serves 100% of staging', 'https://agents.example.com/v3');
    await second.finish('inactive', 'v3 rolled back to v2 by run 43');

    expect(statesOf(0)?.map(([state]) => state)).toEqual(['in_progress', 'success', 'inactive']);
    expect(statesOf(1)).toEqual([
      ['in_progress', 'deploying support-agent v3 (replacing v2)'],
      ['success', 'v3 serves 100% of staging'],
      ['inactive', 'v3 rolled back to v2 by run 43'],
    ]);
    expect(fake.deployments(repoName)[1]?.statuses.slice(1).map((s) => s.environment_url)).toEqual(['https://agents.example.com/v3', 'https://agents.example.com/v3']);
  });

  it("rollback's retire marks the withdrawn release's deployment inactive, not the rollback job's own nor the release serving again", async () => {
    for (const version of ['2', '3']) {
      const deploying = reporter({ reuse: 'never' });
      await deploying.start({ ...release, environment: 'production', version });
      await deploying.finish('success', `v${version} serves 100% of production`);
    }
    const rollbackJob = fake.seedDeployment(repoName, { sha, environment: 'production', creator: actionsBot, statuses: [{ state: 'in_progress', log_url: jobLog('50', '1') }] });
    const rollback = reporter({ runUrl: 'https://github.com/acme/agents/actions/runs/50', runId: '50' });
    await rollback.retire({ environment: 'production', model: 'support-agent', version: '3' }, 'support-agent v3 rolled back in production; v2 serves again');

    // Production deployments are not auto-inactivated by GitHub, so v2's success still stands.
    expect(fake.deployments(repoName).map((d) => d.statuses.at(-1)?.state)).toEqual(['success', 'inactive', 'in_progress']);
    expect(fake.deployments(repoName)[1]?.statuses.at(-1)).toMatchObject({ description: 'support-agent v3 rolled back in production; v2 serves again', log_url: 'https://github.com/acme/agents/actions/runs/50' });
    expect(rollback.deployment).toEqual({ id: fake.deployments(repoName)[1]?.id, source: 'active' });
    expect(fake.deployments(repoName)[2]?.id).toBe(rollbackJob.id);
  });

  it('retires the deployment named with github-deployment-id, such as the job deployment a release reported to', async () => {
    const jobDeployment = fake.seedDeployment(repoName, { sha, environment: 'production', creator: actionsBot, statuses: [{ state: 'success', log_url: jobLog('44', '1') }] });
    const rollback = reporter({ deploymentId: jobDeployment.id, runUrl: 'https://github.com/acme/agents/actions/runs/50', runId: '50' });
    await rollback.retire({ environment: 'production', model: 'support-agent', version: '3' }, 'support-agent v3 rolled back in production; v2 serves again');
    expect(fake.deployments(repoName).find((d) => d.id === jobDeployment.id)?.statuses.at(-1)).toMatchObject({ state: 'inactive', description: 'support-agent v3 rolled back in production; v2 serves again' });
    expect(rollback.deployment).toEqual({ id: jobDeployment.id, source: 'given' });
  });

  it('still writes the final status after the run was cancelled: the reporter takes no cancellation signal', async () => {
    // A caller passing the run's (already tripped) SIGTERM signal must not silence the failure status.
    const cancelled = { signal: AbortSignal.abort(new Error('cancelled (SIGTERM)')) } as Partial<GitHubDeploymentOptions>;
    const deployments = reporter(cancelled);
    await deployments.start(release);
    await deployments.finish('failure', 'cancelled at step 2 of 3; rolled back to v2');
    expect(statesOf(0)?.map(([state]) => state)).toEqual(['in_progress', 'failure']);
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
  });

  it('after an automatic rollback, retiring the failed version leaves the restored release active', async () => {
    const good = reporter({ reuse: 'never' });
    await good.start({ ...release, environment: 'production', version: '2', previousVersion: null });
    await good.finish('success', 'v2 serves 100% of production');
    const failed = reporter({ reuse: 'never' });
    await failed.start({ ...release, environment: 'production' });
    await failed.finish('failure', 'analysis failed at 10%; rolled back to v2');

    const rollback = reporter({ runUrl: 'https://github.com/acme/agents/actions/runs/50', runId: '50' });
    await rollback.finish('inactive', 'without a start this posts nothing');
    await rollback.retire({ environment: 'production', model: 'support-agent', version: '3' }, 'support-agent v3 rolled back in production; v2 serves again');

    expect(fake.deployments(repoName).map((d) => d.statuses.at(-1)?.state)).toEqual(['success', 'failure']);
    expect(rollback.deployment).toBeUndefined();
    expect(logger.lines.at(-1)).toBe('info: no successful GitHub deployment of support-agent v3 in production to mark inactive');
  });

  it('retire touches only a deployment agent-release made for the version, and says when there is none', async () => {
    const v2 = reporter();
    await v2.start({ ...release, version: '2' });
    await v2.finish('success', 'v2 serves');
    const other = fake.seedDeployment(repoName, { sha, environment: 'staging', creator: octocat, statuses: [{ state: 'success' }] });
    await reporter().retire({ environment: 'staging', model: 'support-agent', version: '2' }, 'v2 rolled back');
    expect(fake.deployments(repoName).map((d) => d.statuses.at(-1)?.state)).toEqual(['inactive', 'success']);
    expect(fake.deployments(repoName)[1]?.id).toBe(other.id);

    await reporter().retire({ environment: 'staging', model: 'support-agent', version: '7' }, 'v7 rolled back');
    expect(fake.deployments(repoName).map((d) => d.statuses.at(-1)?.state)).toEqual(['inactive', 'success']);
    expect(logger.lines.at(-1)).toBe('info: no successful GitHub deployment of support-agent v7 in staging to mark inactive');
  });

  it("posts to the deployment GitHub Actions made for the job's environment instead of creating another", async () => {
    const earlierRun = fake.seedDeployment(repoName, { sha, ref: 'main', environment: 'staging', creator: actionsBot, statuses: [{ state: 'in_progress', log_url: jobLog('41', '7') }, { state: 'success', log_url: jobLog('41', '7') }] });
    const job = fake.seedDeployment(repoName, { sha, ref: 'main', environment: 'staging', creator: actionsBot, statuses: [{ state: 'queued', log_url: jobLog('42', '9') }, { state: 'in_progress', log_url: jobLog('42', '9') }] });
    const concurrentRun = fake.seedDeployment(repoName, { sha, ref: 'main', environment: 'staging', creator: actionsBot, statuses: [{ state: 'in_progress', log_url: jobLog('44', '3') }] });
    const byPerson = fake.seedDeployment(repoName, { sha, environment: 'staging', creator: octocat, statuses: [{ state: 'in_progress' }] });

    const deployments = reporter();
    await deployments.start(release);
    await deployments.progress('canary step 2 of 3');
    await deployments.finish('success', 'v3 serves 100% of staging');

    expect(fake.deployments(repoName).map((d) => d.id)).toEqual([earlierRun.id, job.id, concurrentRun.id, byPerson.id]);
    expect(fake.deployments(repoName)[1]?.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'in_progress', 'in_progress', 'success']);
    expect(fake.deployments(repoName)[1]?.statuses.slice(2).map((s) => s.log_url)).toEqual([runUrl, runUrl, runUrl]);
    expect(calls().filter((c) => c === 'POST /repos/acme/agents/deployments')).toEqual([]);
    expect(calls().filter((c) => c.startsWith('GET') && c.includes('/statuses')).map((c) => Number(/deployments\/(\d+)/.exec(c)?.[1]))).toEqual([concurrentRun.id, job.id, earlierRun.id]);
    expect(deployments.deployment).toEqual({ id: job.id, source: 'job' });
    expect(logger.lines[0]).toBe(`info: GitHub deployment ${job.id} of acme/agents for staging (the job's own, made by GitHub Actions)`);
  });

  it('without a run id takes the only unfinished Actions deployment; with two candidates it creates its own', async () => {
    const job = fake.seedDeployment(repoName, { sha, environment: 'staging', creator: actionsBot, statuses: [{ state: 'in_progress', log_url: jobLog('42', '9') }] });
    const alone = reporter({ runId: undefined });
    await alone.start(release);
    expect(alone.deployment).toEqual({ id: job.id, source: 'job' });

    const matrixTwin = fake.seedDeployment(repoName, { sha, environment: 'staging', creator: actionsBot, statuses: [{ state: 'in_progress', log_url: jobLog('42', '10') }] });
    const ambiguous = reporter({ runUrl: `${runUrl}/attempts/2` });
    await ambiguous.start(release);
    expect(ambiguous.deployment?.source).toBe('created');
    expect(fake.deployments(repoName)).toHaveLength(3);
    expect(logger.lines).toContain(`info: 2 unfinished GitHub Actions deployments for staging at 3f78685 could be this job's (${matrixTwin.id}, ${job.id}); creating a separate one rather than guessing`);
  });

  it('takes a lone unfinished Actions deployment whose log URL does not name the run (another URL format)', async () => {
    const job = fake.seedDeployment(repoName, { sha, environment: 'staging', creator: actionsBot, statuses: [{ state: 'in_progress', log_url: 'https://github.com/acme/agents/runs/987654' }] });
    const deployments = reporter();
    await deployments.start(release);
    expect(deployments.deployment).toEqual({ id: job.id, source: 'job' });
    expect(fake.deployments(repoName)).toHaveLength(1);
  });

  it('uses a given deployment id without looking, and creates when reuse is never', async () => {
    const job = fake.seedDeployment(repoName, { sha, environment: 'staging', creator: actionsBot, statuses: [{ state: 'in_progress', log_url: jobLog('42', '9') }] });
    const given = reporter({ deploymentId: job.id });
    await given.start(release);
    expect(calls()).toEqual([`POST /repos/acme/agents/deployments/${job.id}/statuses`]);

    const separate = reporter({ reuse: 'never' });
    await separate.start(release);
    expect(separate.deployment?.source).toBe('created');
    expect(calls().slice(1, 3)).toEqual([`GET /repos/acme/agents/deployments?environment=staging&sha=${sha}&per_page=100`, 'POST /repos/acme/agents/deployments']);
  });

  it('warns once, naming the permission, when the token cannot write deployments; the release goes on', async () => {
    const deployments = reporter({ octokit: getOctokit(readToken, { baseUrl: fake.url }) });
    await expect(deployments.start(release)).resolves.toBeUndefined();
    await deployments.progress('canary step 2 of 3');
    await deployments.finish('success', 'v3 serves 100% of staging');

    const warning =
      'GitHub answered 403 (Resource not accessible by integration - https://docs.github.com/rest/deployments/deployments#create-a-deployment) to finding or creating the GitHub deployment of acme/agents for environment staging: ' +
      'the release goes on without GitHub deployment statuses. To record deployments, give the job `permissions: deployments: write` (GitHub accepts: deployments=write).';
    expect(logger.lines).toEqual([`warn: ${warning}`]);
    expect(warning).toContain(deploymentsWriteHint);
    expect(calls()).toEqual([`GET /repos/acme/agents/deployments?environment=staging&sha=${sha}&per_page=100`, 'POST /repos/acme/agents/deployments']);
    expect(fake.deployments(repoName)).toEqual([]);
    expect(clock.sleeps).toEqual([]);
    expect(logger.lines.join('\n')).not.toContain(readToken);
  });

  it('stops after a 404 for a deployment id that does not exist, saying so', async () => {
    const deployments = reporter({ deploymentId: 999 });
    await deployments.start(release);
    await deployments.finish('failure', 'rolled back');
    expect(calls()).toEqual(['POST /repos/acme/agents/deployments/999/statuses']);
    expect(logger.lines.at(-1)).toBe(
      'warn: GitHub answered 404 (Not Found - https://docs.github.com/rest/deployments/statuses#create-a-deployment-status) to marking GitHub deployment 999 of acme/agents in_progress: ' +
        'the release goes on without GitHub deployment statuses. To record deployments, give the job `permissions: deployments: write` ' +
        '(GitHub also answers 404 for a deployment that does not exist, e.g. a wrong github-deployment-id).',
    );
  });

  it('truncates a long description to 140 characters, which the API would refuse', async () => {
    const reasons = Array.from({ length: 8 }, (_, i) => `check ${i}: p95 latency 4,${i}00 ms over the 4,000 ms limit`).join('; ');
    const deployments = reporter();
    await deployments.start(release);
    await deployments.finish('failure', `analysis failed:\n${reasons}`);
    const stored = fake.deployments(repoName)[0]?.statuses.at(-1);
    expect(stored?.state).toBe('failure');
    expect(stored?.description).toHaveLength(140);
    expect(stored?.description).toBe(`${`analysis failed: ${reasons}`.slice(0, 139).trimEnd()}…`);
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
  });

  it('the fake itself refuses an oversize description and an unknown state, as GitHub does', async () => {
    const octokit = getOctokit(writeToken, { baseUrl: fake.url });
    const { data } = await octokit.rest.repos.createDeployment({ owner: 'acme', repo: 'agents', ref: 'main', environment: 'staging', auto_merge: false, required_contexts: [] });
    const id = 'id' in data ? data.id : -1;
    await expect(octokit.rest.repos.createDeploymentStatus({ owner: 'acme', repo: 'agents', deployment_id: id, state: 'success', description: 'x'.repeat(141) })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Validation Failed', errors: [{ field: 'description', message: 'description is too long (maximum is 140 characters)' }] } },
    });
    // Octokit's types know the states, so an unknown one goes through a plain request.
    await expect(octokit.request(`POST /repos/acme/agents/deployments/${id}/statuses`, { state: 'done' })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ field: 'state', message: 'state is not included in the list' }] } },
    });
    await expect(octokit.rest.repos.createDeployment({ owner: 'acme', repo: 'agents', ref: 'no-such-branch' })).rejects.toMatchObject({ status: 422, message: expect.stringContaining('No ref found for: no-such-branch') });
    expect(fake.deployments(repoName)[0]).toMatchObject({ ref: 'main', sha, statuses: [] });
  });

  it('retries transient failures, and a create whose answer was lost is found, not made twice', async () => {
    fake.failNext({ status: 502, method: 'POST', pathIncludes: '/deployments', afterApplying: true }, { status: 503, method: 'POST', pathIncludes: '/statuses' });
    const deployments = reporter();
    await deployments.start(release);
    expect(fake.deployments(repoName)).toHaveLength(1);
    expect(statesOf(0)?.map(([state]) => state)).toEqual(['in_progress']);
    expect(calls().map((c) => c.replace(/\d{7,}/, 'ID'))).toEqual([
      `GET /repos/acme/agents/deployments?environment=staging&sha=${sha}&per_page=100`,
      'POST /repos/acme/agents/deployments',
      `GET /repos/acme/agents/deployments?environment=staging&sha=${sha}&per_page=100`,
      'POST /repos/acme/agents/deployments/ID/statuses',
      'POST /repos/acme/agents/deployments/ID/statuses',
    ]);
    expect(clock.sleeps).toEqual([250, 250]);
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
  });

  it('degrades to a warning when GitHub keeps failing, and the next status still goes out', async () => {
    const deployments = reporter();
    await deployments.start(release);
    fake.failNext(...Array.from({ length: 4 }, () => ({ status: 500, pathIncludes: '/statuses' })));
    await deployments.progress('canary step 2 of 3');
    await deployments.finish('success', 'v3 serves 100% of staging');
    const id = fake.deployments(repoName)[0]?.id;
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([
      `warn: marking GitHub deployment ${id} of acme/agents in_progress: gave up after 4 attempts: Server Error - https://docs.github.com/rest; the release goes on, its GitHub deployment status may be out of date`,
    ]);
    expect(statesOf(0)?.map(([state]) => state)).toEqual(['in_progress', 'success']);
  });

  it('warns about a ref GitHub does not know and then stays quiet', async () => {
    const deployments = reporter({ sha: 'not-a-commit' });
    await deployments.start(release);
    await deployments.finish('success', 'v3 serves 100% of staging');
    expect(logger.lines).toEqual([
      'warn: finding or creating the GitHub deployment of acme/agents for environment staging failed: No ref found for: not-a-commit - https://docs.github.com/rest/deployments/deployments#create-a-deployment; the release goes on, its GitHub deployment status may be out of date',
      'debug: no GitHub deployment to mark success: "v3 serves 100% of staging"',
    ]);
  });
});

describe('deployment helpers', () => {
  it.each<[string, number, string]>([
    ['short', 140, 'short'],
    ['  folds\n\twhitespace  ', 140, 'folds whitespace'],
    ['abcdefghij', 6, 'abcde…'],
    ['abcd 😀😀', 6, 'abcd…'],
  ])('fits %j into %d characters', (text, limit, expected) => {
    expect(fitDescription(text, limit)).toBe(expected);
  });

  it.each<[string | null, boolean]>([
    ['https://github.com/acme/agents/actions/runs/42/job/9', true],
    ['https://github.com/acme/agents/actions/runs/42', true],
    ['https://github.com/acme/agents/actions/runs/420/job/9', false],
    ['https://github.com/acme/agents/runs/42', false],
    ['not a url', false],
    [null, false],
  ])('knows whether %s is a page of run 42', (url, expected) => {
    expect(linksToRun(url, '42')).toBe(expected);
  });
});
