import { ConfigError, InputError, RefusedError } from '../../src/errors';
import type { Config } from '../../src/config/schema';
import type { DatabricksConnection } from '../../src/databricks/auth';
import { bearerToken } from '../../src/http/credentials';
import { silentLogger } from '../../src/logger';
import { createRegistry, type RegistryDeps } from '../../src/registry';
import { DatabricksWorkspaceRegistry } from '../../src/registry/databricks';
import { UnityCatalogRegistry } from '../../src/registry/unity-catalog';
import { startDatabricksFake, type DatabricksFake } from '../support/databricks-fake';
import { FakeUnityCatalogRegistry } from '../support/databricks-fake-uc';
import { fakeClock } from '../support/fake-clock';

let fake: DatabricksFake;
let workspace: FakeUnityCatalogRegistry;
let connections: number;

beforeEach(async () => {
  workspace = new FakeUnityCatalogRegistry({ api: 'workspace', maxPageSize: 2 });
  fake = await startDatabricksFake({ services: [workspace] });
  connections = 0;
});
afterEach(() => fake.close());

/** A config as the schema will parse it once it knows the new values (the schema is not this module's). */
function config(model: Record<string, string>): Config {
  return { version: 1, model: { path: '.agent-release/registry.json', ...model } } as unknown as Config;
}

function deps(withDatabricks = true): RegistryDeps {
  const databricks = (): DatabricksConnection => {
    connections++;
    return { host: fake.url, credentials: bearerToken(fake.token, 'test token') };
  };
  return { workdir: '/tmp', env: {}, clock: fakeClock(), logger: silentLogger, ...(withDatabricks ? { databricks } : {}) };
}

describe('createRegistry', () => {
  it('builds the Unity Catalog registry on the Databricks connection', () => {
    const registry = createRegistry(config({ name: 'main.agents.support', registry: 'unity-catalog' }), deps());
    expect(registry).toBeInstanceOf(UnityCatalogRegistry);
    expect(registry.kind).toBe('unity-catalog');
    expect(connections).toBe(1);
  });

  it('refuses a two-level Unity Catalog name before connecting', () => {
    expect(() => createRegistry(config({ name: 'agents.support', registry: 'unity-catalog' }), deps())).toThrow(
      new InputError('model.name must be catalog.schema.model for registry: unity-catalog, got "agents.support"'),
    );
    expect(connections).toBe(0);
  });

  it('builds the workspace registry for tracking_uri: databricks', () => {
    expect(createRegistry(config({ name: 'support', registry: 'mlflow', tracking_uri: 'databricks' }), deps())).toBeInstanceOf(DatabricksWorkspaceRegistry);
  });

  it.each([
    [{ name: 'main.agents.support', registry: 'unity-catalog' }, 'model.registry is unity-catalog, but this run was given no Databricks connection (set DATABRICKS_HOST and Databricks credentials)'],
    [{ name: 'support', registry: 'mlflow', tracking_uri: 'databricks' }, 'model.tracking_uri is databricks, but this run was given no Databricks connection (set DATABRICKS_HOST and Databricks credentials)'],
    [
      { name: 'support', registry: 'mlflow', tracking_uri: 'databricks://prod' },
      'model.tracking_uri "databricks://prod" names a Databricks CLI profile, which agent-release does not read; use tracking_uri: databricks with DATABRICKS_HOST and credentials in the environment',
    ],
    [{ name: 'support', registry: 'sagemaker' }, 'model.registry "sagemaker" is not a registry agent-release knows; use one of local, mlflow, unity-catalog'],
  ])('refuses %j', (model, message) => {
    expect(() => createRegistry(config(model), deps(false))).toThrow(new ConfigError(message));
  });
});

describe('Databricks Workspace Model Registry', () => {
  const model = 'support-agent';
  const registry = (): DatabricksWorkspaceRegistry => createRegistry(config({ name: model, registry: 'mlflow', tracking_uri: 'databricks' }), deps()) as DatabricksWorkspaceRegistry;

  it('reads and tags versions through the OSS paths on the workspace host, with the bearer token', async () => {
    for (let v = 1; v <= 3; v++) workspace.addVersion(model, { tags: { n: String(v) } });
    const reg = registry();
    expect((await reg.listVersions(model)).map((v) => [v.version, v.tags.n])).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['3', '3'],
    ]);
    await reg.setVersionTags(model, '2', { verdict: 'pass' });
    expect(workspace.tagsOf(model, '2')).toEqual({ n: '2', verdict: 'pass' });
    expect(fake.requests.every((r) => r.authorization === `Bearer ${fake.token}` && r.path.startsWith('/api/2.0/mlflow/') && !r.path.includes('unity-catalog'))).toBe(true);
    expect(fake.requests.at(-1)?.path).toBe('/api/2.0/mlflow/model-versions/set-tag');
  });

  it.each([
    ['getAlias', (r: DatabricksWorkspaceRegistry) => r.getAlias(model, 'champion'), 'read'],
    ['setAlias', (r: DatabricksWorkspaceRegistry) => r.setAlias(model, 'champion', '2', '1'), 'move to version 2'],
    ['deleteAlias', (r: DatabricksWorkspaceRegistry) => r.deleteAlias(model, 'champion'), 'delete'],
  ])('%s refuses: the workspace registry has no aliases', async (_op, run, action) => {
    await expect(run(registry())).rejects.toThrow(
      new RefusedError(
        `cannot ${action} @champion on support-agent: the Databricks Workspace Model Registry (tracking_uri: databricks) has no aliases. Register the model in Unity Catalog (catalog.schema.model) and set model.registry: unity-catalog`,
      ),
    );
    expect(fake.requests).toEqual([]);
  });

  it('lists no aliases, so a gate can still record its decision', async () => {
    workspace.addVersion(model);
    expect(await registry().listAliases(model)).toEqual({});
  });
});
