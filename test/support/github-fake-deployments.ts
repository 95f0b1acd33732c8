/**
 * The Deployments part of the GitHub fake (test/support/github-fake.ts), with GitHub's documented
 * shapes and rules (docs.github.com/rest/deployments/deployments, …/deployments/statuses):
 *
 * - GET  /repos/{o}/{r}/deployments                       200, filters sha, ref, task, environment; newest first, paged
 * - POST /repos/{o}/{r}/deployments                       201; 422 "No ref found for: …" for an unknown ref
 * - GET  /repos/{o}/{r}/deployments/{id}                  200 or 404
 * - GET  /repos/{o}/{r}/deployments/{id}/statuses         200, newest first, paged
 * - POST /repos/{o}/{r}/deployments/{id}/statuses         201; 422 for an unknown state or a description over 140 characters
 *
 * Writes need a write token (403 with X-Accepted-GitHub-Permissions: deployments=write otherwise).
 * A `success` status with auto_inactive (default true) adds an `inactive` status to every earlier
 * non-transient, non-production deployment of the environment whose latest status was `success`.
 * Not modelled: auto_merge (no branches here) and required_contexts (treated as satisfied).
 */
import type { GitHubUser, Reply, TokenAccess } from './github-fake';

export interface FakeDeployment {
  url: string;
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  original_environment: string;
  environment: string;
  description: string | null;
  creator: GitHubUser;
  created_at: string;
  updated_at: string;
  statuses_url: string;
  repository_url: string;
  transient_environment: boolean;
  production_environment: boolean;
  performed_via_github_app: null;
}

export interface FakeDeploymentStatus {
  url: string;
  id: number;
  node_id: string;
  state: string;
  creator: GitHubUser;
  description: string;
  environment: string;
  target_url: string;
  log_url: string;
  environment_url: string;
  created_at: string;
  updated_at: string;
  deployment_url: string;
  repository_url: string;
  performed_via_github_app: null;
}

export interface SeedDeployment {
  sha: string;
  ref?: string;
  environment: string;
  creator: GitHubUser;
  payload?: Record<string, unknown>;
  production_environment?: boolean;
  /** Statuses in the order they were posted. */
  statuses?: Array<{ state: string; log_url?: string; environment_url?: string; description?: string }>;
}

export interface DeploymentsContext {
  base: () => string;
  nextId: () => number;
  stamp: () => string;
  /** Bot the write token acts as (GITHUB_TOKEN is github-actions[bot]). */
  actor: GitHubUser;
  repositories: ReadonlySet<string>;
  /** Branch or tag names to the commit they point at; a 40-hex ref is a commit itself. */
  commits: Readonly<Record<string, string>>;
  error: (status: number, message: string, documentation: string, extra?: object, headers?: Record<string, string>) => Reply;
  page: <T>(items: T[], url: URL) => Reply;
}

const docs = 'https://docs.github.com/rest/deployments';
const states = new Set(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']);
const descriptionLimit = 140;

export function deploymentsService(ctx: DeploymentsContext) {
  const deployments = new Map<string, FakeDeployment[]>();
  const statuses = new Map<number, FakeDeploymentStatus[]>();
  const inRepo = (repo: string): FakeDeployment[] => {
    let list = deployments.get(repo);
    if (!list) deployments.set(repo, (list = []));
    return list;
  };
  const newestFirst = <T extends { id: number }>(items: T[]): T[] => [...items].sort((a, b) => b.id - a.id);
  const latestState = (id: number): string | undefined => newestFirst(statuses.get(id) ?? [])[0]?.state;

  function createDeployment(repo: string, init: SeedDeployment & { task?: string; description?: string | null; transient_environment?: boolean }): FakeDeployment {
    const id = ctx.nextId();
    const now = ctx.stamp();
    const repositoryUrl = `${ctx.base()}/repos/${repo}`;
    const deployment: FakeDeployment = {
      url: `${repositoryUrl}/deployments/${id}`,
      id,
      node_id: `DE_kwDO${Buffer.from(String(id)).toString('base64url')}`,
      sha: init.sha,
      ref: init.ref ?? init.sha,
      task: init.task ?? 'deploy',
      payload: init.payload ?? {},
      original_environment: init.environment,
      environment: init.environment,
      description: init.description ?? null,
      creator: init.creator,
      created_at: now,
      updated_at: now,
      statuses_url: `${repositoryUrl}/deployments/${id}/statuses`,
      repository_url: repositoryUrl,
      transient_environment: init.transient_environment ?? false,
      production_environment: init.production_environment ?? init.environment === 'production',
      performed_via_github_app: null,
    };
    inRepo(repo).push(deployment);
    statuses.set(id, []);
    for (const status of init.statuses ?? []) createStatus(repo, deployment, { ...status, auto_inactive: false }, init.creator);
    return deployment;
  }

  function createStatus(repo: string, deployment: FakeDeployment, body: StatusBody, creator: GitHubUser): FakeDeploymentStatus {
    const id = ctx.nextId();
    const now = ctx.stamp();
    const logUrl = body.log_url ?? body.target_url ?? '';
    const status: FakeDeploymentStatus = {
      url: `${deployment.url}/statuses/${id}`,
      id,
      node_id: `DES_kwDO${Buffer.from(String(id)).toString('base64url')}`,
      state: body.state ?? '',
      creator,
      description: body.description ?? '',
      environment: body.environment ?? deployment.environment,
      target_url: logUrl,
      log_url: logUrl,
      environment_url: body.environment_url ?? '',
      created_at: now,
      updated_at: now,
      deployment_url: deployment.url,
      repository_url: deployment.repository_url,
      performed_via_github_app: null,
    };
    statuses.get(deployment.id)?.push(status);
    if (body.environment) deployment.environment = body.environment;
    deployment.updated_at = now;
    if (status.state === 'success' && body.auto_inactive !== false) {
      for (const earlier of inRepo(repo)) {
        const eligible = earlier.id < deployment.id && earlier.environment === deployment.environment && !earlier.transient_environment && !earlier.production_environment;
        if (eligible && latestState(earlier.id) === 'success') createStatus(repo, earlier, { state: 'inactive', auto_inactive: false }, creator);
      }
    }
    return status;
  }

  function route(method: string, url: URL, access: TokenAccess | undefined, body: unknown): Reply | undefined {
    const match = /^\/repos\/([^/]+)\/([^/]+)\/deployments(?:\/(\d+)(\/statuses)?)?$/.exec(url.pathname);
    if (!match) return undefined;
    const [, owner, name, idText, statusesPath] = match;
    const repo = `${owner}/${name}`;
    const action = statusesPath ? (method === 'POST' ? 'statuses#create-a-deployment-status' : 'statuses#list-deployment-statuses') : method === 'POST' ? 'deployments#create-a-deployment' : 'deployments#list-deployments';
    const documentation = `${docs}/${action}`;
    if (!ctx.repositories.has(repo)) return ctx.error(404, 'Not Found', documentation);
    const deployment = idText === undefined ? undefined : inRepo(repo).find((d) => d.id === Number(idText));
    if (idText !== undefined && !deployment) return ctx.error(404, 'Not Found', documentation);

    if (method === 'GET') {
      if (!deployment) {
        const filters = ['sha', 'ref', 'task', 'environment'] as const;
        const matching = inRepo(repo).filter((d) => filters.every((f) => url.searchParams.get(f) === null || url.searchParams.get(f) === d[f]));
        return ctx.page(newestFirst(matching), url);
      }
      return statusesPath ? ctx.page(newestFirst(statuses.get(deployment.id) ?? []), url) : { status: 200, body: deployment };
    }
    if (method !== 'POST' || (deployment && !statusesPath)) return ctx.error(404, 'Not Found', documentation);
    if (access === undefined) return ctx.error(401, 'Requires authentication', documentation);
    if (access === 'read') return ctx.error(403, 'Resource not accessible by integration', documentation, {}, { 'x-accepted-github-permissions': 'deployments=write' });
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;

    if (!deployment) {
      const ref = fields.ref;
      if (typeof ref !== 'string' || !ref) return ctx.error(422, 'Invalid request.\n\n"ref" wasn\'t supplied.', documentation);
      const sha = /^[0-9a-f]{40}$/.test(ref) ? ref : ctx.commits[ref];
      if (!sha) return ctx.error(422, `No ref found for: ${ref}`, documentation);
      const created = createDeployment(repo, {
        sha,
        ref,
        environment: typeof fields.environment === 'string' ? fields.environment : 'production',
        creator: ctx.actor,
        task: typeof fields.task === 'string' ? fields.task : undefined,
        description: typeof fields.description === 'string' ? fields.description : null,
        payload: fields.payload as Record<string, unknown> | undefined,
        transient_environment: fields.transient_environment === true,
        production_environment: typeof fields.production_environment === 'boolean' ? fields.production_environment : undefined,
      });
      return { status: 201, body: created, headers: { location: created.url } };
    }

    const status = fields as StatusBody;
    const invalid = (field: string, message: string): Reply => ctx.error(422, 'Validation Failed', documentation, { errors: [{ resource: 'DeploymentStatus', code: 'custom', field, message }] });
    if (typeof status.state !== 'string' || !states.has(status.state)) return invalid('state', 'state is not included in the list');
    if (typeof status.description === 'string' && status.description.length > descriptionLimit) {
      return invalid('description', `description is too long (maximum is ${descriptionLimit} characters)`);
    }
    const created = createStatus(repo, deployment, status, ctx.actor);
    return { status: 201, body: created, headers: { location: created.url } };
  }

  return {
    route,
    /** The deployments of "owner/repo", oldest first, each with its statuses oldest first. */
    deployments: (repo: string) => inRepo(repo).map((d) => ({ ...d, statuses: [...(statuses.get(d.id) ?? [])] })),
    /** Adds a deployment as someone else made it, e.g. GitHub Actions for a job with `environment:`. */
    seedDeployment: (repo: string, init: SeedDeployment) => createDeployment(repo, init),
  };
}

interface StatusBody {
  state?: string;
  description?: string;
  log_url?: string;
  target_url?: string;
  environment_url?: string;
  environment?: string;
  auto_inactive?: boolean;
}
