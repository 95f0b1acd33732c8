import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { oauthM2mCredentials } from '../../src/databricks/auth';
import { InputError, RefusedError } from '../../src/errors';
import { bearerToken } from '../../src/http/credentials';
import type { ModeContext } from '../../src/modes/context';
import { promote } from '../../src/modes/promote';
import { rollback } from '../../src/modes/rollback';
import { tagKeys } from '../../src/registry/tags';
import { AliasConflictError } from '../../src/registry/types';
import { UnityCatalogRegistry } from '../../src/registry/unity-catalog';
import { contextOf, testRun } from '../support/context';
import { passRecordTags } from '../support/decision-record';
import { startDatabricksFake, type DatabricksFake } from '../support/databricks-fake';
import { FakeOAuthService } from '../support/databricks-fake-oauth';
import { FakeUnityCatalogRegistry, type FakeUnityCatalogOptions } from '../support/databricks-fake-uc';
import { fakeClock } from '../support/fake-clock';

const model = 'main.agents.support';
const alias = 'champion';
const readOnlyToken = 'dapi-read-only';
/** Where promote finds the gate's decision records. */
const workdir = mkdtempSync(path.join(os.tmpdir(), 'agent-release-uc-'));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

interface Harness {
  fake: DatabricksFake;
  uc: FakeUnityCatalogRegistry;
  clock: ReturnType<typeof fakeClock>;
  registry: UnityCatalogRegistry;
}

let h: Harness;

async function start(options: FakeUnityCatalogOptions = {}, token = 'dapi-test-token'): Promise<Harness> {
  const clock = fakeClock();
  const uc = new FakeUnityCatalogRegistry({ now: clock.now, ...options });
  const fake = await startDatabricksFake({ services: [uc], tokens: { 'dapi-test-token': 'write', [readOnlyToken]: 'read' } });
  const registry = new UnityCatalogRegistry({ host: fake.url, credentials: bearerToken(token, 'test token'), clock, random: () => 0.5, timeoutMs: 5_000 });
  h = { fake, uc, clock, registry };
  return h;
}

afterEach(async () => {
  await h?.fake.close();
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

const paths = (): string[] => h.fake.requests.map((r) => `${r.method} ${r.path.replace('/api/2.0/mlflow/unity-catalog/', '').replace(/\?.*$/, '')}`);

/** v1 holds @champion; v2..n passed a gate that saw v1 holding it. */
async function released(n: number): Promise<void> {
  h.uc.addVersion(model, { tags: { [tagKeys.promotedAt(alias)]: '2023-01-01T00:00:00.000Z' } });
  h.uc.setAliasDirectly(model, alias, '1');
  for (let v = 2; v <= n; v++) h.uc.addVersion(model, { tags: await passRecordTags(modeContext(), String(v), { [alias]: '1' }) });
}

function modeContext(): ModeContext {
  const { ctx } = contextOf(`version: 1\nmodel: { name: ${model} }\npromote: { alias: ${alias} }\n`, workdir);
  return { ...ctx, registry: h.registry, clock: h.clock };
}

describe('three-level names', () => {
  beforeEach(() => start());

  it.each([
    ['getVersion', () => h.registry.getVersion('support', '1')],
    ['listVersions', () => h.registry.listVersions('agents.support')],
    ['getAlias', () => h.registry.getAlias('main..support', alias)],
    ['listAliases', () => h.registry.listAliases('main.agents.support.v2')],
    ['setAlias', () => h.registry.setAlias('main.agents. support', alias, '1', null)],
    ['setVersionTags', () => h.registry.setVersionTags('support', '1', { a: 'b' })],
    ['registerVersion', () => h.registry.registerVersion('support', 's3://x', {})],
  ])('%s refuses a name that is not catalog.schema.model before any request', async (_op, run) => {
    const error = await failure(run());
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^model\.name must be catalog\.schema\.model for registry: unity-catalog, got "/);
    expect(h.fake.requests).toEqual([]);
  });

  it('quotes the name it got', async () => {
    expect((await failure(h.registry.getVersion('support', '1'))).message).toBe('model.name must be catalog.schema.model for registry: unity-catalog, got "support"');
  });
});

describe('reading', () => {
  beforeEach(() => start({ maxPageSize: 2 }));

  it('reads a version with its tags and aliases (UC sends aliases as objects)', async () => {
    h.uc.addVersion(model, { source: 'runs:/abc/agent', tags: { team: 'support' } });
    h.uc.setAliasDirectly(model, alias, '1');
    expect(await h.registry.getVersion(model, '1')).toEqual({
      name: model,
      version: '1',
      source: 'runs:/abc/agent',
      status: 'READY',
      tags: { team: 'support' },
      aliases: [alias],
      createdAt: new Date(h.clock.now()).toISOString(),
    });
    expect(await h.registry.getVersion(model, '9')).toBeUndefined();
    expect(await h.registry.getVersion('main.agents.nothing', '1')).toBeUndefined();
  });

  it('reads versions and aliases from answers that leave out name (optional in the protos)', async () => {
    await h.fake.close();
    await start({ sparse: true });
    h.uc.addVersion(model);
    h.uc.addVersion(model);
    h.uc.setAliasDirectly(model, alias, '2');
    expect(await h.registry.getVersion(model, '2')).toMatchObject({ name: model, version: '2', aliases: [alias] });
    expect((await h.registry.listVersions(model)).map((v) => [v.name, v.version])).toEqual([
      [model, '1'],
      [model, '2'],
    ]);
    expect(await h.registry.listAliases(model)).toEqual({ champion: '2' });
  });

  it('lists every version oldest first across pages, without order_by, with tags read per version', async () => {
    for (let v = 1; v <= 5; v++) h.uc.addVersion(model, { tags: { n: String(v) } });
    h.uc.setAliasDirectly(model, alias, '4');
    const versions = await h.registry.listVersions(model);
    expect(versions.map((v) => [v.version, v.tags.n, v.aliases])).toEqual([
      ['1', '1', []],
      ['2', '2', []],
      ['3', '3', []],
      ['4', '4', [alias]],
      ['5', '5', []],
    ]);
    const searches = h.fake.requests.filter((r) => r.path.includes('model-versions/search'));
    expect(searches).toHaveLength(3);
    expect(searches.every((r) => !r.path.includes('order_by'))).toBe(true);
    const queries = searches.map((r) => new URL(r.path, 'http://fake').searchParams);
    expect(queries.map((q) => [q.get('filter'), q.get('page_token')])).toEqual([
      [`name = '${model}'`, null],
      [`name = '${model}'`, '2'],
      [`name = '${model}'`, '4'],
    ]);
    expect(await h.registry.listVersions('main.agents.nothing')).toEqual([]);
  });

  it.each(['not-found', 'invalid-parameter'] as const)('reads aliases; an unset alias (answered %s) is null', async (missingAlias) => {
    await h.fake.close();
    await start({ missingAlias });
    h.uc.addVersion(model);
    h.uc.addVersion(model);
    h.uc.setAliasDirectly(model, alias, '2');
    h.uc.setAliasDirectly(model, 'challenger', '1');
    expect(await h.registry.getAlias(model, alias)).toBe('2');
    expect(await h.registry.getAlias(model, 'staging')).toBeNull();
    expect(await h.registry.getAlias('main.agents.nothing', alias)).toBeNull();
    expect(await h.registry.listAliases(model)).toEqual({ champion: '2', challenger: '1' });
    expect(await h.registry.listAliases('main.agents.nothing')).toEqual({});
  });

  it('waits out a 429 with Retry-After and 5xx answers on reads', async () => {
    h.uc.addVersion(model);
    h.fake.failNext({ status: 429, retryAfter: '3', pathIncludes: 'model-versions/get' }, { status: 503, pathIncludes: 'model-versions/get' });
    expect((await h.registry.getVersion(model, '1'))?.version).toBe('1');
    expect(h.clock.sleeps[0]).toBe(3_000);
    expect(h.fake.requests.map((r) => r.status)).toEqual([429, 503, 200]);
  });

  it('gives up on a read that keeps failing, naming the call, the code and the attempts', async () => {
    h.uc.addVersion(model);
    h.fake.failNext(...Array.from({ length: 4 }, () => ({ status: 500, pathIncludes: 'model-versions/get' })));
    expect((await failure(h.registry.getVersion(model, '1'))).message).toBe('read version on main.agents.support v1: INTERNAL_ERROR: Injected fault (500).; gave up after 4 attempts');
  });
});

describe('writing', () => {
  beforeEach(() => start());

  it('moves an alias only from the expected holder, and converges when it is already there', async () => {
    await released(3);
    await h.registry.setAlias(model, alias, '2', '1');
    expect(h.uc.aliasesOf(model)).toEqual({ champion: '2' });
    const conflict = await failure(h.registry.setAlias(model, alias, '3', '1'));
    expect(conflict).toBeInstanceOf(AliasConflictError);
    expect(conflict.message).toBe('@champion on main.agents.support is held by version 2, not version 1 as expected; someone else moved it since');
    const before = h.fake.requests.length;
    await h.registry.setAlias(model, alias, '2', '1');
    expect(paths().slice(before)).toEqual(['GET registered-models/alias']);
  });

  it('deletes an alias', async () => {
    await released(1);
    await h.registry.deleteAlias(model, alias, '1');
    expect(h.uc.aliasesOf(model)).toEqual({});
  });

  it('sets version tags through model-versions/set-tag, as the proto (SetModelVersionTag) has it', async () => {
    await released(2);
    await h.registry.setVersionTags(model, '2', { a: '1', b: '2' });
    expect(h.uc.tagsOf(model, '2')).toMatchObject({ a: '1', b: '2' });
    expect(paths()).toEqual(['POST model-versions/set-tag', 'POST model-versions/set-tag']);
  });

  it('refuses to register a version, naming the MLflow Python call that does', async () => {
    const error = await failure(h.registry.registerVersion(model, 'runs:/abc/agent', {}));
    expect(error).toBeInstanceOf(RefusedError);
    expect(error.message).toBe(
      'cannot register runs:/abc/agent as a new version of main.agents.support in Unity Catalog from agent-release: a Unity Catalog version is created, uploaded to cloud storage with temporary credentials, then finalized. Register it with the MLflow Python client instead: mlflow.register_model("runs:/abc/agent", "main.agents.support", registry_uri="databricks-uc") (or mlflow.set_registry_uri("databricks-uc") first)',
    );
    expect(h.fake.requests).toEqual([]);
  });
});

describe('permissions and credentials', () => {
  it('names the Unity Catalog privileges when a read-only principal moves an alias', async () => {
    await start({}, readOnlyToken);
    for (let v = 1; v <= 7; v++) h.uc.addVersion(model);
    const error = await failure(h.registry.setAlias(model, alias, '7', null));
    expect(error.message).toBe(
      'set alias @champion on main.agents.support v7: PERMISSION_DENIED: The token may read but not write (unity-catalog-models: POST needs write access).; the credentials are valid but lack a Unity Catalog privilege on main.agents.support: moving or deleting an alias needs ownership of the registered model, reading needs EXECUTE on it, and both need USE_CATALOG on main and USE_SCHEMA on main.agents',
    );
    expect(h.uc.aliasesOf(model)).toEqual({});
  });

  it('names the Databricks credential variables when the token is refused', async () => {
    await start({}, 'dapi-revoked');
    const error = await failure(h.registry.getAlias(model, alias));
    expect(error.message).toBe(
      'read alias @champion on main.agents.support: UNAUTHENTICATED: Invalid access token.; the Databricks workspace rejected the credentials: set DATABRICKS_TOKEN (personal access token), DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (oauth-m2m), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (github-oidc)',
    );
    expect(error.message).not.toContain('dapi-revoked');
  });

  it('fetches a new OAuth token once when the workspace says the cached one expired, and succeeds', async () => {
    const clock = fakeClock();
    // The workspace's clock runs an hour ahead of the client's: the token the client still trusts has expired there.
    let skewMs = 0;
    const oauth = new FakeOAuthService({ now: () => clock.now() + skewMs, clients: { 'sp-id': 'sp-secret-0123456789' } });
    const uc = new FakeUnityCatalogRegistry({ now: clock.now });
    const fake = await startDatabricksFake({ services: [oauth, uc] });
    const secrets: string[] = [];
    const credentials = oauthM2mCredentials(fake.url, 'sp-id', 'sp-secret-0123456789', { clock, onSecret: (s) => secrets.push(s), random: () => 0.5 });
    const registry = new UnityCatalogRegistry({ host: fake.url, credentials, clock, random: () => 0.5 });
    h = { fake, uc, clock, registry };
    uc.addVersion(model);
    uc.setAliasDirectly(model, alias, '1');
    expect(await registry.getAlias(model, alias)).toBe('1');
    skewMs = 3_600_000;
    expect(await registry.getAlias(model, alias)).toBe('1');
    expect(oauth.grants.map((g) => g.grantType)).toEqual(['client_credentials', 'client_credentials']);
    expect(fake.requests.map((r) => `${r.status} ${r.path.replace(/\?.*$/, '')}`)).toEqual([
      '200 /oidc/v1/token',
      '200 /api/2.0/mlflow/unity-catalog/registered-models/alias',
      '401 /api/2.0/mlflow/unity-catalog/registered-models/alias',
      '200 /oidc/v1/token',
      '200 /api/2.0/mlflow/unity-catalog/registered-models/alias',
    ]);
  });
});

describe('promote and rollback modes on a Unity Catalog model', () => {
  beforeEach(() => start());

  it('promotes with audit tags, and a re-run changes nothing', async () => {
    await released(2);
    const result = await promote(modeContext(), { modelVersion: '2' });
    expect(result).toEqual({ mode: 'promote', dryRun: false, model, alias, version: '2', previousVersion: '1', changed: true });
    const at = new Date(h.clock.now()).toISOString();
    expect(h.uc.aliasesOf(model)).toEqual({ champion: '2' });
    expect(h.uc.tagsOf(model, '2')).toMatchObject({
      [tagKeys.previousHolder(alias)]: '1',
      [tagKeys.promotedBy(alias)]: testRun.actor,
      [tagKeys.promotedRun(alias)]: testRun.runUrl,
      [tagKeys.promotedSha(alias)]: testRun.sha,
    });
    expect(h.uc.tagsOf(model, '2')[tagKeys.promotedAt(alias)]! <= at).toBe(true);
    const before = h.fake.requests.length;
    const again = await promote(modeContext(), { modelVersion: '2' });
    expect(again).toMatchObject({ changed: false, previousVersion: '1' });
    expect(h.fake.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('refuses when someone else released since the gate, naming the winner, and changes nothing', async () => {
    await released(3);
    h.uc.setAliasDirectly(model, alias, '2');
    const error = await failure(promote(modeContext(), { modelVersion: '3' }));
    expect(error).toBeInstanceOf(RefusedError);
    expect(error.message).toBe(
      'refusing to promote main.agents.support version 3: @champion is held by version 2, but version 1 was expected (holder when the gate decided). Someone else released since; re-run the gate against the new holder',
    );
    expect(h.uc.aliasesOf(model)).toEqual({ champion: '2' });
    expect(h.uc.tagsOf(model, '3')[tagKeys.previousHolder(alias)]).toBeUndefined();
  });

  it('converges when the answer to the alias write is lost after it was applied', async () => {
    await released(2);
    h.fake.failNext({ status: 503, method: 'POST', pathIncludes: 'registered-models/alias', afterApplying: true });
    const result = await promote(modeContext(), { modelVersion: '2' });
    expect(result).toMatchObject({ changed: true, previousVersion: '1' });
    expect(h.uc.aliasesOf(model)).toEqual({ champion: '2' });
    const aliasWrites = h.fake.requests.filter((r) => r.method === 'POST' && r.path.includes('registered-models/alias'));
    expect(aliasWrites.map((r) => r.status)).toEqual([503]);
    expect(h.uc.tagsOf(model, '2')[tagKeys.promotedAt(alias)]).toBeDefined();
  });

  it('rolls back to the previous holder and tags the withdrawn version', async () => {
    await released(2);
    await promote(modeContext(), { modelVersion: '2' });
    const result = await rollback(modeContext(), {});
    expect(result).toMatchObject({ version: '1', restoredFrom: '2', resumed: false });
    expect(h.uc.aliasesOf(model)).toEqual({ champion: '1' });
    expect(h.uc.tagsOf(model, '2')).toMatchObject({ [tagKeys.rolledBackBy(alias)]: testRun.actor, [tagKeys.deployStatus('default')]: 'rolled_back' });
    const again = await rollback(modeContext(), { modelVersion: '2' });
    expect(again).toMatchObject({ version: '1', resumed: true });
    expect(h.uc.aliasesOf(model)).toEqual({ champion: '1' });
  });
});
