/**
 * The Releases part of the GitHub fake (test/support/github-fake.ts), with GitHub's documented
 * shapes and rules (docs.github.com/rest/releases/releases):
 *
 * - GET   /repos/{o}/{r}/releases                 200, newest first, paged
 * - GET   /repos/{o}/{r}/releases/tags/{tag}      200, or 404 when no release has that tag
 * - POST  /repos/{o}/{r}/releases                 201; 422 without tag_name, or when a release of the tag exists (already_exists)
 * - PATCH /repos/{o}/{r}/releases/{id}            200 with the edited release, or 404
 *
 * Writes need a write token (403 with X-Accepted-GitHub-Permissions: contents=write otherwise).
 * Not modelled: drafts' visibility, generate_release_notes, discussions, assets.
 */
import type { GitHubUser, Reply, TokenAccess } from './github-fake';

export interface FakeRelease {
  url: string;
  html_url: string;
  id: number;
  node_id: string;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  make_latest: string;
  author: GitHubUser;
  created_at: string;
  published_at: string;
}

export interface ReleasesContext {
  base: () => string;
  nextId: () => number;
  stamp: () => string;
  actor: GitHubUser;
  repositories: ReadonlySet<string>;
  error: (status: number, message: string, documentation: string, extra?: object, headers?: Record<string, string>) => Reply;
  page: <T>(items: T[], url: URL) => Reply;
}

const docs = 'https://docs.github.com/rest/releases/releases';
const editable = ['tag_name', 'target_commitish', 'name', 'body', 'draft', 'prerelease', 'make_latest'] as const;

export function releasesService(ctx: ReleasesContext) {
  const releases = new Map<string, FakeRelease[]>();
  const inRepo = (repo: string): FakeRelease[] => {
    let list = releases.get(repo);
    if (!list) releases.set(repo, (list = []));
    return list;
  };

  function route(method: string, url: URL, access: TokenAccess | undefined, body: unknown): Reply | undefined {
    const match = /^\/repos\/([^/]+)\/([^/]+)\/releases(?:\/tags\/([^/]+)|\/(\d+))?$/.exec(url.pathname);
    if (!match) return undefined;
    const [, owner, name, tagText, idText] = match;
    const repo = `${owner}/${name}`;
    const action = method === 'POST' ? 'create-a-release' : method === 'PATCH' ? 'update-a-release' : tagText ? 'get-a-release-by-tag-name' : 'list-releases';
    const documentation = `${docs}#${action}`;
    if (!ctx.repositories.has(repo)) return ctx.error(404, 'Not Found', documentation);
    const list = inRepo(repo);

    if (method === 'GET' && idText === undefined) {
      if (tagText === undefined) return ctx.page([...list].reverse(), url);
      const found = list.find((r) => r.tag_name === decodeURIComponent(tagText));
      return found ? { status: 200, body: found } : ctx.error(404, 'Not Found', documentation);
    }
    const writes = (method === 'POST' && tagText === undefined && idText === undefined) || (method === 'PATCH' && idText !== undefined);
    if (!writes) return ctx.error(404, 'Not Found', documentation);
    if (access === undefined) return ctx.error(401, 'Requires authentication', documentation);
    if (access === 'read') return ctx.error(403, 'Resource not accessible by integration', documentation, {}, { 'x-accepted-github-permissions': 'contents=write' });
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const tagTaken = (tag: unknown, except?: number): Reply | undefined =>
      list.some((r) => r.tag_name === tag && r.id !== except) ? ctx.error(422, 'Validation Failed', documentation, { errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }] }) : undefined;

    if (method === 'POST') {
      if (typeof fields.tag_name !== 'string' || !fields.tag_name) return ctx.error(422, 'Invalid request.\n\n"tag_name" wasn\'t supplied.', documentation);
      const taken = tagTaken(fields.tag_name);
      if (taken) return taken;
      const id = ctx.nextId();
      const now = ctx.stamp();
      const created: FakeRelease = {
        url: `${ctx.base()}/repos/${repo}/releases/${id}`,
        html_url: `https://github.com/${repo}/releases/tag/${fields.tag_name}`,
        id,
        node_id: `RE_kwDO${Buffer.from(String(id)).toString('base64url')}`,
        tag_name: fields.tag_name,
        target_commitish: typeof fields.target_commitish === 'string' ? fields.target_commitish : 'main',
        name: typeof fields.name === 'string' ? fields.name : null,
        body: typeof fields.body === 'string' ? fields.body : null,
        draft: fields.draft === true,
        prerelease: fields.prerelease === true,
        make_latest: typeof fields.make_latest === 'string' ? fields.make_latest : 'true',
        author: ctx.actor,
        created_at: now,
        published_at: now,
      };
      list.push(created);
      return { status: 201, body: created, headers: { location: created.url } };
    }
    const release = list.find((r) => r.id === Number(idText));
    if (!release) return ctx.error(404, 'Not Found', documentation);
    const taken = tagTaken(fields.tag_name, release.id);
    if (taken) return taken;
    for (const key of editable) if (fields[key] !== undefined) Object.assign(release, { [key]: fields[key] });
    return { status: 200, body: release };
  }

  return {
    route,
    /** The releases of "owner/repo", oldest first. */
    releases: (repo: string): FakeRelease[] => inRepo(repo).map((r) => ({ ...r })),
  };
}
