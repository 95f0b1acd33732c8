import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deploymentsService, type FakeDeployment, type FakeDeploymentStatus, type SeedDeployment } from './github-fake-deployments';
import { releasesService, type FakeRelease } from './github-fake-releases';

/**
 * A real HTTP server on loopback implementing the three GitHub REST endpoints the pull-request
 * comment uses, with GitHub's documented shapes (docs.github.com/rest/issues/comments):
 *
 * - GET   /repos/{owner}/{repo}/issues/{issue_number}/comments  200, `per_page` (default 30,
 *   max 100) and `page`, with a Link header (first, prev, next, last) like GitHub's
 * - POST  /repos/{owner}/{repo}/issues/{issue_number}/comments  201 with the new comment
 * - PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}    200 with the edited comment
 *
 * Errors carry GitHub's JSON body `{ message, documentation_url, status }`: 401 for unknown or
 * missing credentials, 403 "Resource not accessible by integration" (with
 * X-Accepted-GitHub-Permissions) when a read-only token writes, 404 for an unknown pull request
 * or comment, 422 "Validation Failed" for a missing body or one over 65,536 characters.
 *
 * It also serves the Deployments endpoints (deployments and their statuses), see
 * test/support/github-fake-deployments.ts, and the Releases endpoints, see
 * test/support/github-fake-releases.ts.
 */
export type TokenAccess = 'write' | 'read';

export interface GitHubUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface FakeComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: GitHubUser;
  created_at: string;
  updated_at: string;
  author_association: string;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** The Authorization header exactly as received, if any. */
  authorization?: string;
  /** The parsed JSON body of a POST or PATCH. */
  body?: unknown;
}

/** A scripted failure for the next matching request, for retry tests. */
export interface Fault {
  status?: number;
  /** Only requests with this method; any method when absent. */
  method?: string;
  /** Only requests whose path and query contain this. */
  pathIncludes?: string;
  /** Never answer (until the server closes), like a hung connection. */
  hangs?: boolean;
  /** Perform the request first and then answer with the error, like a gateway timing out after the write. */
  afterApplying?: boolean;
  headers?: Record<string, string>;
}

export interface GitHubFakeOptions {
  /** Tokens the server accepts and what they may do. */
  tokens?: Record<string, TokenAccess>;
  /** Pull requests that exist, as "owner/repo#number". */
  pullRequests?: string[];
  /** Repositories that exist besides those of pullRequests, as "owner/repo" (for deployments and releases). */
  repositories?: string[];
  /** Branch or tag names a deployment's ref may name, to their commit; a 40-hex ref is a commit itself. */
  commits?: Record<string, string>;
  /** Environment reviews of workflow runs, by "owner/repo#run_id" (GET .../actions/runs/{run_id}/approvals). */
  runReviews?: Record<string, FakeReview[]>;
  /** Tokens whose job lacks `permissions: actions: read`: the review history answers them 403. */
  withoutActionsRead?: string[];
}

/** One entry of a run's review history, as GitHub's EnvironmentApprovals object holds it. */
export interface FakeReview {
  state: 'approved' | 'rejected' | 'pending';
  environments: string[];
  user: GitHubUser;
  comment?: string;
}

export interface GitHubFake {
  /** The API base URL, e.g. http://127.0.0.1:53421 — pass as Octokit's baseUrl. */
  url: string;
  requests: RecordedRequest[];
  /** The comments of a pull request, oldest first. */
  comments(pullRequest: string): FakeComment[];
  /** Adds a comment as someone else, as if posted earlier. */
  seed(pullRequest: string, body: string, user?: GitHubUser): FakeComment;
  /** The deployments of "owner/repo", oldest first, each with its statuses oldest first. */
  deployments(repo: string): Array<FakeDeployment & { statuses: FakeDeploymentStatus[] }>;
  /** Adds a deployment made by someone else, e.g. GitHub Actions for a job that declares `environment:`. */
  seedDeployment(repo: string, init: SeedDeployment): FakeDeployment;
  /** The releases of "owner/repo", oldest first. */
  releases(repo: string): FakeRelease[];
  /** Answers the next matching requests with these failures, in order. */
  failNext(...faults: Fault[]): void;
  close(): Promise<void>;
}

export const actionsBot: GitHubUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
export const octocat: GitHubUser = { login: 'octocat', id: 583231, type: 'User' };

const docs = 'https://docs.github.com/rest/issues/comments';
const commentLimit = 65_536;

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function startGitHubFake(options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const tokens = options.tokens ?? {};
  const threads = new Map<string, FakeComment[]>((options.pullRequests ?? []).map((pr) => [pr, []]));
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  let nextId = 1_000_001;
  let base = '';

  const stamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const thread = (pr: string): FakeComment[] => {
    const comments = threads.get(pr);
    if (!comments) throw new Error(`the fake has no pull request ${pr}; pass it in pullRequests`);
    return comments;
  };
  const newComment = (pr: string, body: string, user: GitHubUser): FakeComment => {
    const [, owner, repo, number] = /^([^/]+)\/([^#]+)#(\d+)$/.exec(pr) ?? [];
    const id = nextId++;
    const now = stamp();
    const comment: FakeComment = {
      id,
      node_id: `IC_kwDO${Buffer.from(String(id)).toString('base64url')}`,
      url: `${base}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${number}#issuecomment-${id}`,
      issue_url: `${base}/repos/${owner}/${repo}/issues/${number}`,
      body,
      user,
      created_at: now,
      updated_at: now,
      author_association: user.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR',
    };
    thread(pr).push(comment);
    return comment;
  };

  const error = (status: number, message: string, documentation = 'https://docs.github.com/rest', extra: object = {}, headers?: Record<string, string>): Reply => ({
    status,
    body: { message, ...extra, documentation_url: documentation, status: String(status) },
    headers,
  });

  const deployments = deploymentsService({
    base: () => base,
    nextId: () => nextId++,
    stamp,
    actor: actionsBot,
    repositories: new Set([...(options.repositories ?? []), ...[...threads.keys()].map((pr) => pr.split('#')[0] ?? '')]),
    commits: options.commits ?? {},
    error,
    page: (items, url) => page(items, url),
  });

  const releases = releasesService({
    base: () => base,
    nextId: () => nextId++,
    stamp,
    actor: actionsBot,
    repositories: new Set(options.repositories ?? []),
    error,
    page: (items, url) => page(items, url),
  });

  function route(method: string, url: URL, authorization: string | undefined, body: unknown): Reply {
    const token = /^(?:token|bearer) +(.+)$/i.exec(authorization ?? '')?.[1];
    const access = token === undefined ? undefined : tokens[token];
    if (token !== undefined && access === undefined) return error(401, 'Bad credentials');
    const deploymentReply = deployments.route(method, url, access, body);
    if (deploymentReply) return deploymentReply;
    const releaseReply = releases.route(method, url, access, body);
    if (releaseReply) return releaseReply;
    const reviews = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/approvals$/.exec(url.pathname);
    if (reviews && method === 'GET') return runReviews(reviews, token, access);
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const edit = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    const pr = list ? `${list[1]}/${list[2]}#${list[3]}` : undefined;

    if (list && method === 'GET') {
      const comments = pr && threads.get(pr);
      if (!comments) return error(404, 'Not Found', `${docs}#list-issue-comments`);
      return page(comments, url);
    }
    if ((list && method === 'POST') || (edit && method === 'PATCH')) {
      const action = list ? 'create-an-issue-comment' : 'update-an-issue-comment';
      if (access === undefined) return error(401, 'Requires authentication', `${docs}#${action}`);
      const target = list ? (pr && threads.get(pr)) : findComment(edit?.[1], edit?.[2], Number(edit?.[3]));
      if (!target) return error(404, 'Not Found', `${docs}#${action}`);
      if (access === 'read') {
        return error(403, 'Resource not accessible by integration', `${docs}#${action}`, {}, { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' });
      }
      const text = (body as { body?: unknown } | undefined)?.body;
      if (typeof text !== 'string') {
        return error(422, 'Invalid request.\n\n"body" wasn\'t supplied.', `${docs}#${action}`);
      }
      if (text.length > commentLimit) {
        return error(422, 'Validation Failed', `${docs}#${action}`, {
          errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${commentLimit} characters)` }],
        });
      }
      if (list && pr) {
        const created = newComment(pr, text, actionsBot);
        return { status: 201, body: created, headers: { location: created.url } };
      }
      const comment = target as FakeComment;
      comment.body = text;
      comment.updated_at = stamp();
      return { status: 200, body: comment };
    }
    return error(404, 'Not Found');
  }

  /** docs.github.com/rest/actions/workflow-runs#get-the-review-history-for-a-workflow-run */
  function runReviews(match: RegExpExecArray, token: string | undefined, access: TokenAccess | undefined): Reply {
    const documentation = 'https://docs.github.com/rest/actions/workflow-runs#get-the-review-history-for-a-workflow-run';
    if (access === undefined) return error(401, 'Requires authentication', documentation);
    if (token !== undefined && options.withoutActionsRead?.includes(token)) {
      return error(403, 'Resource not accessible by integration', documentation, {}, { 'x-accepted-github-permissions': 'actions=read' });
    }
    const history = options.runReviews?.[`${match[1]}/${match[2]}#${match[3]}`];
    if (!history) return error(404, 'Not Found', documentation);
    let environmentId = 161088068;
    return {
      status: 200,
      body: history.map((r) => ({
        state: r.state,
        comment: r.comment ?? '',
        user: { ...r.user, node_id: `U_${r.user.id}`, url: `${base}/users/${r.user.login}`, html_url: `https://github.com/${r.user.login}`, site_admin: false },
        environments: r.environments.map((name) => ({ id: environmentId++, node_id: `EN_${name}`, name, url: `${base}/repos/${match[1]}/${match[2]}/environments/${name}`, html_url: `https://github.com/${match[1]}/${match[2]}/deployments/activity_log?environments_filter=${name}`, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' })),
      })),
    };
  }

  function findComment(owner: string | undefined, repo: string | undefined, id: number): FakeComment | undefined {
    for (const [pr, comments] of threads) {
      if (!pr.startsWith(`${owner}/${repo}#`)) continue;
      const found = comments.find((c) => c.id === id);
      if (found) return found;
    }
    return undefined;
  }

  function page<T>(comments: T[], url: URL): Reply {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const current = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(comments.length / perPage));
    const link = (n: number, rel: string): string => {
      const target = new URL(url.pathname, base);
      target.searchParams.set('per_page', String(perPage));
      target.searchParams.set('page', String(n));
      return `<${target.toString()}>; rel="${rel}"`;
    };
    const links = [
      ...(current > 1 ? [link(current - 1, 'prev')] : []),
      ...(current < last ? [link(current + 1, 'next'), link(last, 'last')] : []),
      ...(current > 1 ? [link(1, 'first')] : []),
    ];
    const slice = comments.slice((current - 1) * perPage, current * perPage);
    return { status: 200, body: slice, headers: links.length ? { link: links.join(', ') } : {} };
  }

  const server = http.createServer((req, res) => {
    // Decode once at the end: a multi-byte character can straddle two chunks.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', base);
      const authorization = req.headers.authorization;
      let body: unknown;
      let reply: Reply;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      requests.push({ method, path: req.url ?? '/', ...(authorization ? { authorization } : {}), ...(body !== undefined ? { body } : {}) });
      const faultAt = faults.findIndex((f) => (!f.method || f.method === method) && (!f.pathIncludes || (req.url ?? '').includes(f.pathIncludes)));
      const fault = faultAt >= 0 ? faults.splice(faultAt, 1)[0] : undefined;
      if (fault?.hangs) return;
      const failure = (f: Fault): Reply => error(f.status ?? 500, f.status === 429 || f.status === 403 ? 'API rate limit exceeded' : 'Server Error', undefined, {}, f.headers);
      if (fault && !fault.afterApplying) reply = failure(fault);
      else {
        reply = raw && body === raw ? error(400, 'Problems parsing JSON') : route(method, url, authorization, body);
        if (fault) reply = failure(fault);
      }
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    comments: (pr) => [...thread(pr)],
    deployments: (repo) => deployments.deployments(repo),
    seedDeployment: (repo, init) => deployments.seedDeployment(repo, init),
    releases: (repo) => releases.releases(repo),
    seed: (pr, body, user = octocat) => newComment(pr, body, user),
    failNext: (...more) => void faults.push(...more),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
