import { existsSync, mkdirSync, utimesSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, RefusedError } from '../../src/errors';
import { LocalRegistry } from '../../src/registry/local';
import { AliasConflictError } from '../../src/registry/types';
import { runCli } from '../support/run-bundle';
import { makeWorkspace, type Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

describe('embedded registry', () => {
  it('numbers versions, keeps tags and reports aliases per version', async () => {
    const registry = new LocalRegistry(ws.registryFile);
    expect((await registry.registerVersion('m', 'http://a', { team: 'support' })).version).toBe('1');
    expect((await registry.registerVersion('m', 'http://b', {})).version).toBe('2');
    await registry.setAlias('m', 'champion', '1', null);
    await registry.setVersionTags('m', '1', { k: 'v' });
    const v1 = await registry.getVersion('m', '1');
    expect(v1).toMatchObject({ version: '1', source: 'http://a', status: 'READY', tags: { team: 'support', k: 'v' }, aliases: ['champion'] });
    expect((await registry.listVersions('m')).map((v) => v.version)).toEqual(['1', '2']);
    expect(await registry.getAlias('m', 'champion')).toBe('1');
    expect(await registry.getAlias('m', 'staging')).toBeNull();
    expect(await registry.getAlias('other', 'champion')).toBeNull();
  });

  it('compare-and-set refuses when the alias moved, and changes nothing', async () => {
    const registry = new LocalRegistry(ws.registryFile);
    for (const source of ['a', 'b', 'c']) await registry.registerVersion('m', source, {});
    await registry.setAlias('m', 'champion', '1', null);
    const before = await readFile(ws.registryFile);
    await expect(registry.setAlias('m', 'champion', '3', '2')).rejects.toThrow(AliasConflictError);
    await expect(registry.setAlias('m', 'champion', '3', null)).rejects.toThrow('@champion on m is held by version 1, not unset as expected');
    expect((await readFile(ws.registryFile)).equals(before)).toBe(true);
    await registry.setAlias('m', 'champion', '3', '1');
    expect(await registry.getAlias('m', 'champion')).toBe('3');
    // Setting the alias to the version that already holds it converges whatever was expected.
    await registry.setAlias('m', 'champion', '3', '1');
    expect(await registry.getAlias('m', 'champion')).toBe('3');
  });

  it('refuses unknown versions with the versions it knows', async () => {
    const registry = new LocalRegistry(ws.registryFile);
    await registry.registerVersion('m', 'a', {});
    await expect(registry.setAlias('m', 'champion', '7', undefined)).rejects.toThrow(RefusedError);
    await expect(registry.setVersionTags('m', '7', {})).rejects.toThrow('m has no version 7 in');
    await expect(registry.setVersionTags('m', '7', {})).rejects.toThrow('(versions: 1)');
  });

  it('names a corrupt registry file instead of overwriting it', async () => {
    await ws.write('.agent-release/registry.json', '{"schema": "agent-release.registry/v1", "models": {');
    const registry = new LocalRegistry(ws.registryFile);
    await expect(registry.getAlias('m', 'champion')).rejects.toThrow(InputError);
    await expect(registry.registerVersion('m', 'a', {})).rejects.toThrow(/registry file .*registry.json:1 is not valid JSON/);
    expect(await ws.read('.agent-release/registry.json')).toBe('{"schema": "agent-release.registry/v1", "models": {');
    await ws.write('.agent-release/registry.json', '{\n  "schema": "agent-release.registry/v1",\n  "models": {,}\n}\n');
    await expect(registry.getAlias('m', 'champion')).rejects.toThrow(/registry file .*registry\.json:3 is not valid JSON/);
    await ws.write('.agent-release/registry.json', '{"schema": "agent-release.registry/v1", "models": {');
    await writeFile(ws.registryFile, JSON.stringify({ schema: 'agent-release.registry/v1', models: { m: { versions: { x: {} }, aliases: {} } } }));
    await expect(registry.listVersions('m')).rejects.toThrow('is not an agent-release registry: models.m.versions.x');
  });

  it('refuses, naming the lock and changing nothing, when another process keeps the registry locked', async () => {
    const registry = new LocalRegistry(ws.registryFile, undefined, { staleMs: 10_000, retries: 2, minWaitMs: 1, maxWaitMs: 2, factor: 2 });
    await registry.registerVersion('m', 'src-1', {});
    const before = await readFile(ws.registryFile, 'utf8');
    mkdirSync(`${ws.registryFile}.lock`);
    const refused = registry.registerVersion('m', 'src-2', {});
    await expect(refused).rejects.toThrow(RefusedError);
    await expect(refused).rejects.toThrow(`stayed locked by another agent-release process (${ws.registryFile}.lock)`);
    expect(await readFile(ws.registryFile, 'utf8')).toBe(before);
  });

  it('takes over the lock of a process that died holding it', async () => {
    await ws.write('.github/agent-release.yml', 'version: 1\nmodel: { name: m }\n');
    mkdirSync(path.dirname(ws.registryFile), { recursive: true });
    mkdirSync(`${ws.registryFile}.lock`);
    const deadSince = new Date(Date.now() - 60_000);
    utimesSync(`${ws.registryFile}.lock`, deadSince, deadSince);
    const run = await runCli(['registry', 'register', '--source', 'src-1', '--json'], { cwd: ws.dir });
    expect(run.code).toBe(0);
    expect(existsSync(`${ws.registryFile}.lock`)).toBe(false);
    expect((await new LocalRegistry(ws.registryFile).getVersion('m', '1'))?.source).toBe('src-1');
  });

  it('loses no write when separate processes register and tag at the same time', async () => {
    await ws.write('.github/agent-release.yml', 'version: 1\nmodel: { name: m }\n');
    const writers = 12;
    const runs = await Promise.all(
      Array.from({ length: writers }, (_, i) => runCli(['registry', 'register', '--source', `src-${i}`, '--tag', `writer=${i}`, '--json'], { cwd: ws.dir })),
    );
    for (const run of runs) expect(run.code).toBe(0);
    const registry = new LocalRegistry(ws.registryFile);
    const versions = await registry.listVersions('m');
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: writers }, (_, i) => String(i + 1)));
    expect(new Set(versions.map((v) => v.source)).size).toBe(writers);
    // Each process got the version number it reported, and the tag it wrote is on that version.
    for (const run of runs) {
      const created = JSON.parse(run.stdout) as { version: string; source: string };
      expect((await registry.getVersion('m', created.version))?.source).toBe(created.source);
    }
    expect(JSON.parse(await ws.read('.agent-release/registry.json'))).toBeTruthy();
  });
});
