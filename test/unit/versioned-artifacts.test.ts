import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import YAML from 'yaml';
import { openArtifactRoot, renderDeploymentPlan } from '../../src/artifacts/index';
import { LocalArtifactRoot } from '../../src/artifacts/local';
import { PathEscapeError, safeRelativePath, type ArtifactRoot } from '../../src/artifacts/root';
import { highestVersion, listVersions, parseVersionDir, writeNextVersion } from '../../src/artifacts/versioned';
import { VolumeArtifactRoot } from '../../src/artifacts/volume';
import { DatabricksApiError, DatabricksFilesClient, checkVolumePath } from '../../src/databricks/files';
import { decisionSchemaId, type Decision } from '../../src/contract/decision';
import { ConfigError, InputError, RefusedError } from '../../src/errors';
import { bearerToken, type Credentials } from '../../src/http/credentials';
import { judgeSignoff } from '../../src/gate/signoff';
import { startDatabricksFake, type DatabricksFake } from '../support/databricks-fake';
import { fakeClock } from '../support/fake-clock';
import { makeWorkspace, type Workspace } from '../support/workspace';

const run = promisify(execFile);
const plan = (who: string): string => `# Deployment plan\n\nwritten by ${who}\n`;

describe('paths inside a root', () => {
  it.each([
    ['', 'is empty'],
    ['/etc/passwd', 'is absolute'],
    ['C:/x', 'is absolute'],
    ['..', 'climbs out with ".."'],
    ['plans/../../x', 'climbs out with ".."'],
    ['plans/../plans/x', 'climbs out with ".."'],
    ['plans\\x', 'contains a backslash'],
    ['a\u0000b', 'contains a control character'],
    ['./.', 'names the root itself'],
  ])('refuses %j', (relative, why) => {
    expect(() => safeRelativePath(relative)).toThrow(new PathEscapeError(`path ${JSON.stringify(relative)} ${why}; give a path relative to the artifact root, without ".."`));
  });

  it('drops "." and repeated slashes', () => {
    expect(safeRelativePath('./deployment_plans//v1/plan.md')).toEqual(['deployment_plans', 'v1', 'plan.md']);
  });

  it('reads only canonical v<N> names', () => {
    expect(['v1', 'v12', 'v0', 'v01', 'V1', 'v1.0', 'v', 'v-1', 'v99999999999999999'].map(parseVersionDir)).toEqual([1, 12, 0, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('a local artifact root', () => {
  let ws: Workspace;
  let root: LocalArtifactRoot;
  beforeEach(async () => {
    ws = await makeWorkspace();
    root = await LocalArtifactRoot.open('artifacts', { workdir: ws.dir });
  });
  afterEach(() => ws.cleanup());

  it('finds the highest version, counting every v<N> entry and nothing else', async () => {
    expect(await highestVersion(root, 'deployment_plans')).toBe(0);
    for (const dir of ['v1', 'v3', 'v10', 'v02', 'vx', 'notes']) await mkdir(path.join(root.location, 'deployment_plans', dir), { recursive: true });
    await writeFile(path.join(root.location, 'deployment_plans', 'v11'), 'a stray file still takes the number');
    expect(await listVersions(root, 'deployment_plans')).toEqual([1, 3, 10, 11]);
    expect(await highestVersion(root, 'deployment_plans')).toBe(11);
  });

  it('writes v<N+1> and never replaces an existing version', async () => {
    await ws.write('artifacts/deployment_plans/v3/plan.md', 'the third plan');
    const written = await writeNextVersion(root, 'deployment_plans', 'plan.md', plan('me'));
    expect(written).toEqual({
      version: 4,
      path: 'deployment_plans/v4/plan.md',
      location: path.join(root.location, 'deployment_plans', 'v4', 'plan.md'),
      attempts: 1,
    });
    expect(await ws.read('artifacts/deployment_plans/v4/plan.md')).toBe(plan('me'));
    expect(await ws.read('artifacts/deployment_plans/v3/plan.md')).toBe('the third plan');
    expect(await root.createNew('deployment_plans/v3/plan.md', 'replacement')).toBe('exists');
    expect(await ws.read('artifacts/deployment_plans/v3/plan.md')).toBe('the third plan');
    expect((await readdir(path.join(root.location, 'deployment_plans', 'v4'))).sort()).toEqual(['plan.md']);
  });

  it('takes the next number when another writer got there after it looked', async () => {
    await ws.write('artifacts/deployment_plans/v1/plan.md', 'first');
    await ws.write('artifacts/deployment_plans/v2/plan.md', 'second');
    // A listing that lags behind: it never shows v1 or v2, as if they appeared after the look.
    const stale: ArtifactRoot = { ...bind(root), list: async () => [] };
    const written = await writeNextVersion(stale, 'deployment_plans', 'plan.md', plan('late'));
    expect(written).toMatchObject({ version: 3, attempts: 3 });
    expect(await ws.read('artifacts/deployment_plans/v1/plan.md')).toBe('first');
    expect(await ws.read('artifacts/deployment_plans/v2/plan.md')).toBe('second');
    await expect(writeNextVersion(stale, 'deployment_plans', 'plan.md', plan('later'), { maxAttempts: 2 })).rejects.toThrow(
      new RefusedError(
        `could not write a new version of plan.md under ${path.join(root.location, 'deployment_plans')}: other writers took v2 and every number before it in 2 attempts; nothing was overwritten. Run again, or allow more attempts`,
      ),
    );
  });

  it('gives many concurrent writers distinct versions, and nobody overwrites anybody', async () => {
    const writers = 40;
    const results = await Promise.all(
      Array.from({ length: writers }, (_, i) => writeNextVersion(root, 'deployment_plans', 'plan.md', plan(`writer ${i}`), { maxAttempts: writers })),
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
    for (const [i, r] of results.entries()) expect(await readFile(r.location, 'utf8')).toBe(plan(`writer ${i}`));
    expect(results.some((r) => r.attempts > 1)).toBe(true);
    const leftovers = (await readdir(path.join(root.location, 'deployment_plans'), { recursive: true })).filter((f) => String(f).endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('gives writers in separate processes distinct versions', async () => {
    const modules = await compileForNode(path.join(ws.dir, 'compiled'));
    const child = path.join(ws.dir, 'compiled', 'writer.mjs');
    await writeFile(
      child,
      `import { LocalArtifactRoot } from '${modules}/artifacts/local.mjs';
import { writeNextVersion } from '${modules}/artifacts/versioned.mjs';
const [dir, id, count] = process.argv.slice(2);
const root = await LocalArtifactRoot.open(dir);
const jobs = Array.from({ length: Number(count) }, (_, j) => writeNextVersion(root, 'deployment_plans', 'plan.md', '# plan from process ' + id + ' job ' + j + '\\n', { maxAttempts: 100 }));
console.log(JSON.stringify((await Promise.all(jobs)).map((r, j) => ({ version: r.version, job: j }))));
`,
    );
    const processes = 6;
    const perProcess = 5;
    const outputs = await Promise.all(Array.from({ length: processes }, (_, id) => run(process.execPath, [child, root.location, String(id), String(perProcess)])));
    const claims = outputs.flatMap((o, id) => (JSON.parse(o.stdout) as { version: number; job: number }[]).map((c) => ({ ...c, id })));
    expect(claims.map((c) => c.version).sort((a, b) => a - b)).toEqual(Array.from({ length: processes * perProcess }, (_, i) => i + 1));
    for (const c of claims) {
      expect(await ws.read(`artifacts/deployment_plans/v${c.version}/plan.md`)).toBe(`# plan from process ${c.id} job ${c.job}\n`);
    }
  });

  it('refuses paths that escape the root: "..", absolute paths and symlinks', async () => {
    await expect(writeNextVersion(root, '..', 'plan.md', 'x')).rejects.toThrow(PathEscapeError);
    await expect(writeNextVersion(root, 'deployment_plans', '../plan.md', 'x')).rejects.toThrow('file name "../plan.md" climbs out with ".."');
    await expect(writeNextVersion(root, 'deployment_plans', 'v1/plan.md', 'x')).rejects.toThrow('file name "v1/plan.md" must be a single name without "/"');
    await expect(root.createNew('/tmp/plan.md', 'x')).rejects.toThrow('file "/tmp/plan.md" is absolute');
    await expect(root.read('../../etc/passwd', 100)).rejects.toThrow(PathEscapeError);

    const outside = path.join(ws.dir, 'outside');
    await mkdir(outside);
    await symlink(outside, path.join(root.location, 'deployment_plans'));
    await expect(writeNextVersion(root, 'deployment_plans', 'plan.md', 'x')).rejects.toThrow(
      `refusing "deployment_plans" under artifact root ${root.location}: ${path.join(root.location, 'deployment_plans')} is a symbolic link, and links could lead outside the root; replace it with a real folder or file`,
    );
    await expect(root.createNew('deployment_plans/v1/plan.md', 'x')).rejects.toThrow(PathEscapeError);
    expect(await readdir(outside)).toEqual([]);

    await mkdir(path.join(root.location, 'signoffs', 'v1'), { recursive: true });
    await writeFile(path.join(outside, 'decision.md'), 'secret');
    await symlink(path.join(outside, 'decision.md'), path.join(root.location, 'signoffs', 'v1', 'decision.md'));
    await expect(root.read('signoffs/v1/decision.md', 100)).rejects.toThrow(PathEscapeError);
  });

  it('may itself be reached through a symlink, and refuses files over the limit', async () => {
    await symlink(root.location, path.join(ws.dir, 'link-to-artifacts'));
    const viaLink = await LocalArtifactRoot.open('link-to-artifacts', { workdir: ws.dir });
    expect(viaLink.location).toBe(root.location);
    await viaLink.createNew('signoffs/v1/decision.md', 'x'.repeat(100));
    expect(await viaLink.read('signoffs/v1/decision.md', 100)).toHaveLength(100);
    await expect(viaLink.read('signoffs/v1/decision.md', 99)).rejects.toThrow(`${path.join(root.location, 'signoffs', 'v1', 'decision.md')} is 100 bytes, over the 99 bytes limit; is this the right file?`);
    expect(await viaLink.read('signoffs/v2/decision.md', 100)).toBeUndefined();
    expect(await viaLink.list('nothing/here')).toBeUndefined();
  });
});

describe('a Unity Catalog Volume through the Files API (against the Databricks fake)', () => {
  let fake: DatabricksFake;
  const clock = fakeClock();
  const client = (options: { token?: string; pageSize?: number } = {}): DatabricksFilesClient =>
    new DatabricksFilesClient({ host: fake.url, credentials: bearerToken(options.token ?? fake.token, 'a test token'), clock, random: () => 0.5, pageSize: options.pageSize });
  const volume = '/Volumes/main/agents/releases';

  beforeEach(async () => {
    fake = await startDatabricksFake({ tokens: { 'dapi-write': 'write', 'dapi-read': 'read' }, maxPageSize: 1000 });
  });
  afterEach(() => fake.close());

  it('implements the Files API contract the client relies on', async () => {
    const files = client();
    const file = `${volume}/notes/a plan ü.md`;
    await files.upload(file, 'one', { overwrite: false });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/2.0/fs/files/Volumes/main/agents/releases/notes/a%20plan%20%C3%BC.md?overwrite=false', contentType: 'application/octet-stream', status: 204 });
    expect(await files.download(file)).toBe('one');
    const exists = await files.upload(file, 'two', { overwrite: false }).catch((e: unknown) => e);
    expect(exists).toBeInstanceOf(DatabricksApiError);
    expect(exists).toMatchObject({ status: 409, errorCode: 'ALREADY_EXISTS', message: `upload ${file}: ALREADY_EXISTS: The file being created already exists.` });
    await files.upload(file, 'two', { overwrite: true });
    expect(await files.download(file)).toBe('two');
    expect(await files.listDirectory(`${volume}/notes`)).toEqual([{ path: file, name: 'a plan ü.md', isDirectory: false, fileSize: 3, lastModified: expect.any(Number) }]);
    await expect(files.download(`${volume}/nope.md`)).rejects.toMatchObject({ status: 404, errorCode: 'NOT_FOUND' });
    await expect(files.listDirectory(`${volume}/nope`)).rejects.toMatchObject({ status: 404 });
    await files.createDirectory(`${volume}/empty/deeper`);
    await files.createDirectory(`${volume}/empty/deeper`);
    expect(await files.listDirectory(`${volume}/empty/deeper`)).toEqual([]);
    await expect(files.deleteDirectory(`${volume}/notes`)).rejects.toMatchObject({ status: 400, errorCode: 'BAD_REQUEST' });
    await files.deleteFile(file);
    await files.deleteDirectory(`${volume}/notes`);
    await expect(files.createDirectory(`/Volumes/main/agents/other/x`)).rejects.toMatchObject({ status: 404 });

    const head = await fetch(`${fake.url}/api/2.0/fs/files${volume}/empty`, { method: 'HEAD', headers: { authorization: `Bearer ${fake.token}` } });
    expect(head.status).toBe(404);
    await files.upload(`${volume}/h.md`, 'hello', { overwrite: false });
    // The CLI escapes the whole path, slashes included.
    const headFile = await fetch(`${fake.url}/api/2.0/fs/files/${encodeURIComponent(`${volume.slice(1)}/h.md`)}`, { method: 'HEAD', headers: { authorization: `Bearer ${fake.token}` } });
    expect([headFile.status, headFile.headers.get('content-length'), await headFile.text()]).toEqual([200, '5', '']);
  });

  it('names listing entries that leave out path or name (both optional in the SDK)', async () => {
    await fake.close();
    fake = await startDatabricksFake({ tokens: { 'dapi-write': 'write', 'dapi-read': 'read' }, sparseListing: true });
    const files = client();
    await files.upload(`${volume}/notes/a.md`, 'one', { overwrite: false });
    await files.createDirectory(`${volume}/notes/sub`);
    expect(await files.listDirectory(`${volume}/notes`)).toEqual([
      { path: `${volume}/notes/a.md`, name: 'a.md', isDirectory: false, fileSize: 3, lastModified: expect.any(Number) },
      { path: `${volume}/notes/sub`, name: 'sub', isDirectory: true },
    ]);
  });

  it('answers bad and read-only credentials with the Databricks envelope, and the client says what to do', async () => {
    await expect(client({ token: 'wrong' }).listDirectory(volume)).rejects.toThrow(
      `list directory ${volume}: UNAUTHENTICATED: Invalid access token.; the workspace ${fake.url}/ rejected the credentials: set DATABRICKS_TOKEN, or configure OAuth (DATABRICKS_CLIENT_ID with a secret or GitHub OIDC)`,
    );
    const readOnly = client({ token: 'dapi-read' });
    expect(await readOnly.listDirectory(volume)).toEqual([]);
    await expect(readOnly.upload(`${volume}/x.md`, 'x', { overwrite: false })).rejects.toMatchObject({ status: 403, errorCode: 'PERMISSION_DENIED', message: expect.stringContaining('grant READ VOLUME and WRITE VOLUME') });
    const anonymous = await fetch(`${fake.url}/api/2.0/fs/directories${volume}`);
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { error_code: 'UNAUTHENTICATED', message: 'Credential was not sent or was of an unsupported type for this API.' }]);
  });

  it('fetches a fresh token once when the workspace refuses one (a revoked or early-expired OAuth token)', async () => {
    const refused: string[] = [];
    let current = 'Bearer dapi-revoked';
    const rotating: Credentials = {
      description: 'a rotating test token',
      authorization: async () => current,
      invalidate: (sent) => {
        refused.push(sent ?? '');
        current = `Bearer ${fake.token}`;
      },
    };
    const files = new DatabricksFilesClient({ host: fake.url, credentials: rotating, clock, random: () => 0.5 });
    await files.upload(`${volume}/fresh.md`, 'fresh', { overwrite: false });
    expect(await files.download(`${volume}/fresh.md`)).toBe('fresh');
    expect(refused).toEqual(['Bearer dapi-revoked']);
    // A token refused again after the refresh is a clear error, not a loop.
    const neverValid: Credentials = { description: 'a revoked token', authorization: async () => 'Bearer dapi-revoked', invalidate: () => refused.push('again') };
    await expect(new DatabricksFilesClient({ host: fake.url, credentials: neverValid, clock }).download(`${volume}/fresh.md`)).rejects.toMatchObject({ status: 401 });
    expect(refused).toEqual(['Bearer dapi-revoked', 'again']);
  });

  it('refuses paths outside a volume and roots that are not volumes', async () => {
    const root = new VolumeArtifactRoot(client(), `${volume}/`);
    expect(root.location).toBe(volume);
    expect(() => root.display('../other/plan.md')).toThrow(PathEscapeError);
    expect(() => root.display('/Volumes/main/agents/other/plan.md')).toThrow(PathEscapeError);
    for (const bad of ['/Volumes/main/agents', '/tmp/plans', '/Volumes/main/agents/releases/../other', 'Volumes/main/agents/releases', '/Volumes/main//agents/x']) {
      expect(() => checkVolumePath(bad)).toThrow(InputError);
    }
    await expect(client().upload('/Volumes/main/agents/releases/../../x', 'x', { overwrite: true })).rejects.toThrow('has an empty, "." or ".." segment');
    expect(fake.requests).toEqual([]);
    await expect(openArtifactRoot(volume, { workdir: '/' })).rejects.toThrow(ConfigError);
    expect((await openArtifactRoot(volume, { workdir: '/', filesClient: async () => client() })).kind).toBe('volume');
    expect(() => new DatabricksFilesClient({ host: 'https://user:pw@example.com', credentials: bearerToken('t', 'a test token'), clock })).toThrow(ConfigError);
    expect(() => new DatabricksFilesClient({ host: 'https://example.com/api', credentials: bearerToken('t', 'a test token'), clock })).toThrow('must be the workspace URL alone');
  });

  it('finds the highest version across listing pages and writes the next one create-only', async () => {
    await fake.close();
    fake = await startDatabricksFake({ maxPageSize: 2 });
    for (const n of [1, 2, 3, 5, 7]) fake.files.writeFile(`${volume}/deployment_plans/v${n}/plan.md`, `plan ${n}`);
    fake.files.writeFile(`${volume}/deployment_plans/README.md`, 'not a version');
    const root = new VolumeArtifactRoot(client(), volume);
    expect(await listVersions(root, 'deployment_plans')).toEqual([1, 2, 3, 5, 7]);
    expect(fake.requests.filter((r) => r.path.includes('page_token=')).length).toBe(2);
    const written = await writeNextVersion(root, 'deployment_plans', 'plan.md', plan('ci'));
    expect(written).toEqual({ version: 8, path: 'deployment_plans/v8/plan.md', location: `${volume}/deployment_plans/v8/plan.md`, attempts: 1 });
    expect(fake.files.readFile(`${volume}/deployment_plans/v8/plan.md`)).toBe(plan('ci'));
    for (const n of [1, 2, 3, 5, 7]) expect(fake.files.readFile(`${volume}/deployment_plans/v${n}/plan.md`)).toBe(`plan ${n}`);
    expect(await highestVersion(new VolumeArtifactRoot(client(), `${volume}/elsewhere`), 'deployment_plans')).toBe(0);
  });

  it('gives many concurrent writers distinct versions, and nobody overwrites anybody', async () => {
    await fake.close();
    fake = await startDatabricksFake({ jitterMs: 5 });
    const writers = 25;
    const results = await Promise.all(
      Array.from({ length: writers }, (_, i) => writeNextVersion(new VolumeArtifactRoot(client(), volume), 'deployment_plans', 'plan.md', plan(`writer ${i}`), { maxAttempts: writers })),
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
    for (const [i, r] of results.entries()) expect(fake.files.readFile(r.location)).toBe(plan(`writer ${i}`));
    expect(fake.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/api/2.0/fs/files') && r.status === 409).length).toBeGreaterThan(0);
    expect(fake.files.allFiles()).toHaveLength(writers);
  });

  it('retries 429 (honouring Retry-After) and 503, and reads back a create whose answer was lost', async () => {
    const root = new VolumeArtifactRoot(client(), volume);
    clock.sleeps.length = 0;
    fake.failNext(
      { status: 429, method: 'GET', pathIncludes: '/fs/directories', retryAfter: '2' },
      { status: 503, method: 'PUT', pathIncludes: '/fs/files' },
      { status: 429, method: 'PUT', pathIncludes: '/fs/files', retryAfter: '1' },
    );
    expect(await writeNextVersion(root, 'deployment_plans', 'plan.md', plan('one'))).toMatchObject({ version: 1 });
    expect(clock.sleeps).toEqual([2000, 125, 1000]);

    // The PUT lands but its answer is lost (a gateway error, then a dropped connection).
    fake.failNext({ status: 502, method: 'PUT', pathIncludes: '/fs/files', afterApplying: true });
    expect(await writeNextVersion(root, 'deployment_plans', 'plan.md', plan('two'))).toMatchObject({ version: 2, attempts: 1 });
    fake.failNext({ destroy: true, method: 'PUT', pathIncludes: '/fs/files', afterApplying: true });
    expect(await writeNextVersion(root, 'deployment_plans', 'plan.md', plan('three'))).toMatchObject({ version: 3, attempts: 1 });
    // Lost before it landed: sent again.
    fake.failNext({ status: 504, method: 'PUT', pathIncludes: '/fs/files' });
    expect(await writeNextVersion(root, 'deployment_plans', 'plan.md', plan('four'))).toMatchObject({ version: 4, attempts: 1 });
    const puts = (n: number): number => fake.requests.filter((r) => r.method === 'PUT' && r.path.startsWith(`/api/2.0/fs/files${volume}/deployment_plans/v${n}/`)).length;
    const reads = (n: number): number => fake.requests.filter((r) => r.method === 'GET' && r.path === `/api/2.0/fs/files${volume}/deployment_plans/v${n}/plan.md`).length;
    expect([1, 2, 3, 4].map(puts)).toEqual([3, 1, 1, 2]);
    expect([1, 2, 3, 4].map(reads)).toEqual([0, 1, 1, 1]);
    expect(fake.files.allFiles()).toEqual([1, 2, 3, 4].map((n) => `${volume}/deployment_plans/v${n}/plan.md`));
    expect([1, 2, 3, 4].map((n) => fake.files.readFile(`${volume}/deployment_plans/v${n}/plan.md`))).toEqual([plan('one'), plan('two'), plan('three'), plan('four')]);
  });

  it('gives up on a listing that keeps failing, saying how often it tried', async () => {
    fake.failNext(...Array.from({ length: 4 }, () => ({ status: 503, method: 'GET' })));
    await expect(writeNextVersion(new VolumeArtifactRoot(client(), volume), 'deployment_plans', 'plan.md', 'x')).rejects.toThrow(
      `list directory ${volume}/deployment_plans: TEMPORARILY_UNAVAILABLE: Injected fault (503).; gave up after 4 attempts`,
    );
    expect(fake.files.allFiles()).toEqual([]);
  });
});

describe('the deployment plan', () => {
  it('records the decision it rests on in front matter, and shows overrides loudly', async () => {
    const signoff = judgeSignoff(
      '---\nengineering_signoff: { decision: REJECTED }\nstakeholder_signoff: { decision: APPROVED }\nstate_override:\n  by: carol\n  reason: VP approved | see ticket\n  original: { engineering_signoff: { decision: REJECTED }, stakeholder_signoff: { decision: APPROVED } }\n---\n',
      'signoffs/v8/decision.md',
      8,
    );
    const decision: Decision = {
      schema: decisionSchemaId,
      model: { name: 'main.agents.support', version: '8' },
      decision: 'pass',
      rules: [{ rule: 'threshold', metric: 'relevance/mean', passed: true, warning: false, reason: 'relevance/mean = 0.8 is within >= 0.7', inputs: {} }, signoff],
      inputs: { 'signoffs/v8/decision.md': String(signoff.inputs.digest) },
      aliases: { champion: '7' },
      decided_at: '2026-05-01T10:00:00.000Z',
      run: { actor: 'ci', url: 'https://github.com/acme/agent/actions/runs/9', sha: 'abc' },
    };
    const text = renderDeploymentPlan({ decision, decisionDigest: `sha256:${'b'.repeat(64)}`, alias: 'champion', rollout: { target: 'databricks-serving', steps: [10, 50, 100] } });
    const [, front, body] = text.split(/^---$/m);
    expect(YAML.parse(front ?? '')).toEqual({
      schema: 'agent-release.deployment-plan/v1',
      model: 'main.agents.support',
      version: '8',
      alias: 'champion',
      previous: '7',
      decision: 'pass',
      decision_digest: `sha256:${'b'.repeat(64)}`,
      decided_at: '2026-05-01T10:00:00.000Z',
      run: 'https://github.com/acme/agent/actions/runs/9',
      inputs: decision.inputs,
      overrides: [signoff.inputs.override],
      rollout: { target: 'databricks-serving', steps: [10, 50, 100] },
    });
    expect(body).toContain('**A signoff override was used:** OVERRIDE: signoffs/v8/decision.md:4:');
    expect(body).toContain('| signoff | pass (warning) | OVERRIDE: signoffs/v8/decision.md:4: engineering_signoff REJECTED, stakeholder_signoff APPROVED let through by a state_override from carol: VP approved \\| see ticket |');
  });
});

/** The root's methods bound to it, to build a wrapper that overrides one. */
function bind(root: ArtifactRoot): ArtifactRoot {
  return {
    kind: root.kind,
    location: root.location,
    display: (p) => root.display(p),
    list: (d) => root.list(d),
    read: (f, m) => root.read(f, m),
    createNew: (f, c) => root.createNew(f, c),
  };
}

/**
 * Compiles the modules a writer process needs to plain ES modules (Node 20 cannot run
 * TypeScript), so separate processes run the very code under test. Returns the folder.
 */
async function compileForNode(out: string): Promise<string> {
  const sources = ['errors.ts', 'fs-async.ts', 'random-ids.ts', 'artifacts/root.ts', 'artifacts/local.ts', 'artifacts/versioned.ts'];
  const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
  for (const source of sources) {
    const text = await readFile(path.join(srcDir, source), 'utf8');
    const { outputText } = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false } });
    const target = path.join(out, 'src', source.replace(/\.ts$/, '.mjs'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, outputText.replace(/from '(\.{1,2}\/[^']+)'/g, "from '$1.mjs'"));
  }
  return path.join(out, 'src');
}
