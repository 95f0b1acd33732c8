import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getOctokit } from '@actions/github';
import { summarySchemaId, type Summary } from '../../src/contract/summary';
import { thresholdRules } from '../../src/gate/rules';
import { githubClient, type GitHubClient } from '../../src/github/client';
import { commentLimit, commentMarker, fitComment, pullRequestWriteHint, upsertPullRequestComment, type UpsertCommentOptions } from '../../src/github/pr-comment';
import { commentOnPullRequest, pullRequestFromEvent } from '../../src/github/pull-request';
import { memoryLogger } from '../../src/logger';
import type { GateResult } from '../../src/modes/gate';
import { markdown } from '../../src/report/render';
import { actionsBot, startGitHubFake, type GitHubFake } from '../support/github-fake';
import { fakeClock } from '../support/fake-clock';

const writeToken = 'ghs_writeTokenForTheFake0001';
const readToken = 'ghs_readOnlyForkToken000002';
const pr = 'acme/agents#7';
const where = { owner: 'acme', repo: 'agents', issueNumber: 7 };
const runUrl = 'https://github.com/acme/agents/actions/runs/42';


function gateResult(model: string, relevance: number): GateResult {
  const summary: Summary = {
    schema: summarySchemaId,
    model: { name: model, version: '3' },
    dataset: { name: 'golden', digest: `sha256:${'a'.repeat(64)}`, rows: 50 },
    metrics: { 'relevance/mean': { value: relevance, n: 50 }, 'latency_ms/p95': { value: 1200, n: 50 } },
    errors: 0,
    run_id: null,
    created_at: '2026-11-23T10:00:00.000Z',
  };
  const rules = thresholdRules({ thresholds: { 'relevance/mean': { min: 0.7 }, 'latency_ms/p95': { max: 4000 } }, metric_aliases: {}, missing_metric: 'fail' }, summary, 'summary.json');
  const passed = rules.every((r) => r.passed);
  return { mode: 'gate', dryRun: false, model, version: '3', decision: passed ? 'pass' : 'fail', rules, summaryPath: 'summary.json', decisionPath: 'decision.json', tags: {} };
}

describe('pull request comment', () => {
  let fake: GitHubFake;
  let octokit: GitHubClient;
  let clock: ReturnType<typeof fakeClock>;
  let logger: ReturnType<typeof memoryLogger>;

  beforeEach(async () => {
    fake = await startGitHubFake({ tokens: { [writeToken]: 'write', [readToken]: 'read' }, pullRequests: [pr, 'acme/agents#8'] });
    octokit = getOctokit(writeToken, { baseUrl: fake.url });
    clock = fakeClock();
    logger = memoryLogger();
  });
  afterEach(() => fake.close());

  const upsert = (overrides: Partial<UpsertCommentOptions> = {}) =>
    upsertPullRequestComment({ octokit, ...where, marker: commentMarker('gate', 'support-agent'), body: markdown(gateResult('support-agent', 0.9)), logger, clock, random: () => 0.5, ...overrides });
  const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`);

  it('creates the comment once, then edits that same comment in place', async () => {
    const first = await upsert();
    expect(first).toEqual({ action: 'created', id: expect.any(Number), url: `https://github.com/acme/agents/pull/7#issuecomment-${fake.comments(pr)[0]?.id}` });
    const failing = markdown(gateResult('support-agent', 0.5));
    const second = await upsert({ body: failing });
    expect(second).toEqual({ action: 'updated', id: first.action === 'created' ? first.id : -1, url: first.action === 'created' ? first.url : '' });

    const comments = fake.comments(pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.user).toEqual(actionsBot);
    expect(comments[0]?.body).toBe(`<!-- agent-release:gate:support-agent -->\n${failing}`);
    expect(comments[0]?.body).toContain('| Metric | Threshold | Candidate | Verdict | Why |');
    expect(comments[0]?.body).toContain('gate failed for support-agent v3');
    expect(calls()).toEqual([
      'GET /repos/acme/agents/issues/7/comments?per_page=100',
      'POST /repos/acme/agents/issues/7/comments',
      'GET /repos/acme/agents/issues/7/comments?per_page=100',
      `PATCH /repos/acme/agents/issues/comments/${comments[0]?.id}`,
    ]);
    expect(logger.lines).toEqual([`info: commented on pull request #7 of acme/agents: ${first.action === 'created' && first.url}`, `info: updated the agent-release comment on pull request #7 of acme/agents: ${comments[0]?.html_url}`]);
  });

  it('follows the Link header to find its comment on a later page, and stops there', async () => {
    for (let i = 0; i < 130; i++) fake.seed(pr, `looks good ${i}`);
    const ours = fake.seed(pr, `${commentMarker('gate', 'support-agent')}\nold report`, actionsBot);
    for (let i = 0; i < 120; i++) fake.seed(pr, `later ${i}`);

    await expect(upsert()).resolves.toEqual({ action: 'updated', id: ours.id, url: ours.html_url });
    expect(calls()).toEqual([
      'GET /repos/acme/agents/issues/7/comments?per_page=100',
      'GET /repos/acme/agents/issues/7/comments?per_page=100&page=2',
      `PATCH /repos/acme/agents/issues/comments/${ours.id}`,
    ]);
    expect(fake.comments(pr)).toHaveLength(251);
    expect(fake.comments(pr).find((c) => c.id === ours.id)?.body).toContain('gate passed for support-agent v3');
  });

  it("never rewrites a person's comment that quotes the marker", async () => {
    const quoted = fake.seed(pr, `Why does the bot post \`${commentMarker('gate', 'support-agent')}\` here?`);
    expect((await upsert()).action).toBe('created');
    expect(fake.comments(pr)[0]).toEqual(quoted);
    expect(fake.comments(pr)).toHaveLength(2);
  });

  it("leaves other models' comments alone, even a model whose name is a prefix of ours", async () => {
    const other = fake.seed(pr, `${commentMarker('gate', 'support')}\nthe other model's report`, actionsBot);
    const result = await upsert();
    expect(result.action).toBe('created');
    expect(fake.comments(pr).map((c) => c.body.split('\n')[0])).toEqual(['<!-- agent-release:gate:support -->', '<!-- agent-release:gate:support-agent -->']);
    expect(fake.comments(pr)[0]).toEqual(other);
  });

  it('encodes model names so they cannot close the hidden marker early', () => {
    expect(commentMarker('gate', 'main.agents.support-bot')).toBe('<!-- agent-release:gate:main.agents.support-bot -->');
    expect(commentMarker('gate', 'a --> b')).toBe('<!-- agent-release:gate:a%20--%3E%20b -->');
  });

  it('skips with a warning naming the permission when the token is read-only (a fork), and never throws', async () => {
    octokit = getOctokit(readToken, { baseUrl: fake.url });
    const result = await upsert();
    const reason =
      'GitHub answered 403 (Resource not accessible by integration - https://docs.github.com/rest/issues/comments#create-an-issue-comment) to commenting on pull request #7 of acme/agents: ' +
      'no comment was written; the gate result stands and is in the job summary. ' +
      'To get the comment, give the job `permissions: pull-requests: write` (GitHub accepts: issues=write; pull_requests=write). ' +
      'A pull request from a fork gets a read-only token, so it gets no comment.';
    expect(result).toEqual({ action: 'skipped', status: 403, reason });
    expect(logger.lines).toEqual([`warn: ${reason}`]);
    expect(reason).toContain(pullRequestWriteHint);
    expect(calls()).toEqual(['GET /repos/acme/agents/issues/7/comments?per_page=100', 'POST /repos/acme/agents/issues/7/comments']);
    expect(fake.comments(pr)).toEqual([]);
    expect(clock.sleeps).toEqual([]);
  });

  it('skips an unknown pull request (404) the same way', async () => {
    const result = await upsert({ issueNumber: 404 });
    expect(result).toMatchObject({ action: 'skipped', status: 404 });
    expect(result.action === 'skipped' && result.reason).toMatch(/^GitHub answered 404 \(Not Found - .*\) to commenting on pull request #404 of acme\/agents: .*give the job `permissions: pull-requests: write`/);
    expect(calls()).toHaveLength(1);
  });

  it('retries transient failures, and a create whose answer was lost edits rather than posts twice', async () => {
    fake.failNext({ status: 502, method: 'GET' }, { status: 502, method: 'POST', afterApplying: true });
    await expect(upsert()).resolves.toMatchObject({ action: 'updated' });
    expect(fake.comments(pr)).toHaveLength(1);
    expect(calls().map((c) => c.split(' ')[0])).toEqual(['GET', 'GET', 'POST', 'GET', 'PATCH']);
    expect(clock.sleeps).toHaveLength(2);
    expect(logger.lines.filter((l) => l.startsWith('debug:'))).toEqual([
      'debug: commenting on pull request #7 of acme/agents: attempt 1 failed (Server Error - https://docs.github.com/rest); retrying in 250 ms',
      'debug: commenting on pull request #7 of acme/agents: attempt 2 failed (Server Error - https://docs.github.com/rest); retrying in 500 ms',
    ]);
  });

  it('waits out a rate limit answered as 403 instead of calling it a missing permission', async () => {
    fake.failNext({ status: 403, method: 'POST', headers: { 'retry-after': '7', 'x-ratelimit-remaining': '0' } });
    await expect(upsert()).resolves.toMatchObject({ action: 'created' });
    expect(clock.sleeps).toEqual([7_000]);
  });

  it('degrades to a warning when GitHub keeps failing', async () => {
    fake.failNext(...Array.from({ length: 4 }, () => ({ status: 500 })));
    const result = await upsert();
    expect(result).toEqual({
      action: 'skipped',
      status: 500,
      reason: 'commenting on pull request #7 of acme/agents: gave up after 4 attempts: Server Error - https://docs.github.com/rest; no comment was written; the gate result stands and is in the job summary',
    });
    expect(logger.lines.at(-1)).toBe(`warn: ${result.action === 'skipped' && result.reason}`);
  });

  it('gives up on a hung listing page after the per-attempt timeout and tries again', async () => {
    for (let i = 0; i < 150; i++) fake.seed(pr, `comment ${i}`);
    fake.failNext({ hangs: true, pathIncludes: 'page=2' });
    // Long enough for every other answer on a loaded machine (the suite runs files side by side): only the hung page reaches it.
    await expect(upsert({ timeoutMs: 2_000 })).resolves.toMatchObject({ action: 'created' });
    expect(calls().filter((c) => c.includes('page=2'))).toHaveLength(2);
    // Octokit names the timeout only when the DOMException is an `instanceof Error` in its realm,
    // which Jest's VM modules break; outside Jest it reads "The operation was aborted due to timeout".
    expect(logger.lines[0]).toMatch(/^debug: commenting on pull request #7 of acme\/agents: attempt 1 failed \((The operation was aborted due to timeout|Unknown Error)\); retrying in 250 ms$/);
  });

  it('truncates an oversize report under the limit at a line break, with a note pointing at the run', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `| rule ${i} | relevance/mean | 0.9 | ≥ 0.7 | 50 | 0.85 – 0.95 (95%) | ✅ pass | fine |`);
    const body = ['### agent-release gate: support-agent', '', '| Rule | Metric |', '| --- | --- |', ...rows].join('\n');
    expect(body.length).toBeGreaterThan(2 * commentLimit);

    await expect(upsert({ body, detailsUrl: runUrl })).resolves.toMatchObject({ action: 'created' });
    const stored = fake.comments(pr)[0]?.body ?? '';
    expect(stored.length).toBeLessThanOrEqual(commentLimit);
    expect(stored.length).toBeGreaterThan(commentLimit - 200);
    expect(stored.startsWith('<!-- agent-release:gate:support-agent -->\n### agent-release gate')).toBe(true);
    const [kept, note] = stored.split('\n\n---\n');
    expect(kept?.split('\n').at(-1)).toMatch(/^\| rule \d+ .* \| fine \|$/);
    const omitted = body.length + '<!-- agent-release:gate:support-agent -->\n'.length - (kept?.length ?? 0);
    expect(note).toBe(
      `**Truncated:** ${omitted.toLocaleString('en-US')} characters were left out to stay under GitHub's 65,536-character limit for comments. The full report is in the [job summary of this run](${runUrl}).\n`,
    );
  });

  it('fits text without breaking a surrogate pair, and leaves short text alone', () => {
    expect(fitComment('short', { limit: 10 })).toBe('short');
    const emoji = '😀'.repeat(400);
    const fitted = fitComment(emoji, { limit: 500 });
    expect(fitted.length).toBeLessThanOrEqual(500);
    expect(fitted.split('\n')[0]).toMatch(/^(😀)+$/u);
    expect(() => fitComment('x'.repeat(100), { limit: 20 })).toThrow('a comment limit of 20 leaves no room for the truncation note');
  });

  it('sends the token as an Authorization header and never logs it', async () => {
    await upsert();
    octokit = getOctokit(readToken, { baseUrl: fake.url });
    const skipped = await upsert();
    octokit = getOctokit('ghs_revokedToken00000003', { baseUrl: fake.url });
    const refused = await upsert();

    expect(fake.requests.map((r) => r.authorization)).toEqual([
      `token ${writeToken}`,
      `token ${writeToken}`,
      `token ${readToken}`,
      `token ${readToken}`,
      'token ghs_revokedToken00000003',
    ]);
    expect(refused).toMatchObject({ action: 'skipped', status: 401, reason: expect.stringMatching(/^could not comment on pull request #7 of acme\/agents: Bad credentials/) });
    const everything = [...logger.lines, JSON.stringify([skipped, refused])].join('\n');
    for (const token of [writeToken, readToken, 'ghs_revokedToken00000003']) expect(everything).not.toContain(token);
  });
});

describe('pull request from the event', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-event-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const eventFile = async (payload: unknown): Promise<string> => {
    const file = path.join(dir, 'event.json');
    await writeFile(file, JSON.stringify(payload));
    return file;
  };

  it.each(['push', 'workflow_dispatch', 'pull_request_review', 'schedule', undefined])('is undefined for a %s event without reading anything', async (name) => {
    await expect(pullRequestFromEvent({ name, path: path.join(dir, 'missing.json'), repository: 'acme/agents' })).resolves.toBeUndefined();
  });

  it("reads the number and the base repository from a pull_request payload", async () => {
    const file = await eventFile({ action: 'synchronize', number: 7, pull_request: { number: 7, head: { repo: { full_name: 'fork/agents' } } }, repository: { name: 'agents', owner: { login: 'acme' } } });
    await expect(pullRequestFromEvent({ name: 'pull_request', path: file, repository: 'acme/agents' })).resolves.toEqual(where);
  });

  it('falls back to GITHUB_REPOSITORY when the payload does not name the repository', async () => {
    const file = await eventFile({ pull_request: { number: 12 } });
    await expect(pullRequestFromEvent({ name: 'pull_request', path: file, repository: 'acme/agents' })).resolves.toEqual({ ...where, issueNumber: 12 });
  });

  it.each<[{ path?: string; payload?: unknown; repository?: string }, string]>([
    [{ path: '' }, 'the event is pull_request but no event payload file was given (GITHUB_EVENT_PATH is empty)'],
    [{ payload: { number: 7 } }, 'is not a pull_request event payload: it has no pull_request.number'],
    [{ payload: { pull_request: { number: 7 } }, repository: 'agents' }, 'does not name its repository and GITHUB_REPOSITORY ("agents") is not owner/repo'],
  ])('refuses a broken pull_request event: %j', async (setup, message) => {
    const file = setup.payload === undefined ? (setup.path ?? '') : await eventFile(setup.payload);
    await expect(pullRequestFromEvent({ name: 'pull_request', path: file, repository: setup.repository ?? 'acme/agents' })).rejects.toThrow(message);
  });

  describe('commenting from the event', () => {
    let fake: GitHubFake;
    beforeEach(async () => (fake = await startGitHubFake({ tokens: { [writeToken]: 'write' }, pullRequests: [pr] })));
    afterEach(() => fake.close());

    it('makes no client and no call outside pull_request events', async () => {
      const logger = memoryLogger();
      let clients = 0;
      const client = () => (clients++, githubClient(writeToken, fake.url));
      const result = await commentOnPullRequest({ event: { name: 'push', path: await eventFile({ ref: 'refs/heads/main' }), repository: 'acme/agents' }, client, marker: commentMarker('gate', 'm'), body: 'x', logger });
      expect(result).toBeUndefined();
      expect(clients).toBe(0);
      expect(fake.requests).toEqual([]);
      expect(logger.lines).toEqual(['debug: no pull request comment: the event is push, not pull_request']);
    });

    it('comments on the pull request the event names, through a client for the configured API URL', async () => {
      const file = await eventFile({ pull_request: { number: 7 }, repository: { name: 'agents', owner: { login: 'acme' } } });
      const result = await commentOnPullRequest({ event: { name: 'pull_request', path: file }, client: () => githubClient(writeToken, `${fake.url}/`), marker: commentMarker('gate', 'm'), body: 'report', logger: memoryLogger() });
      expect(result).toMatchObject({ action: 'created' });
      expect(fake.comments(pr).map((c) => c.body)).toEqual(['<!-- agent-release:gate:m -->\nreport']);
    });

    it('warns instead of throwing for an unreadable event or an empty token', async () => {
      const logger = memoryLogger();
      const marker = commentMarker('gate', 'm');
      const file = await eventFile({ pull_request: { number: 7 } });
      await expect(commentOnPullRequest({ event: { name: 'pull_request', path: path.join(dir, 'gone.json') }, client: () => githubClient(writeToken, fake.url), marker, body: 'x', logger })).resolves.toMatchObject({ action: 'skipped' });
      await expect(commentOnPullRequest({ event: { name: 'pull_request', path: file, repository: 'acme/agents' }, client: () => githubClient('', fake.url), marker, body: 'x', logger })).resolves.toEqual({
        action: 'skipped',
        reason: 'no pull request comment: the github-token input is empty; leave it at its default (${{ github.token }}) or pass a token',
      });
      expect(logger.lines).toEqual([
        expect.stringMatching(/^warn: no pull request comment: cannot read the pull_request event payload .*gone\.json: (Error: )?ENOENT/),
        'warn: no pull request comment: the github-token input is empty; leave it at its default (${{ github.token }}) or pass a token',
      ]);
      expect(fake.requests).toEqual([]);
    });
  });
});
