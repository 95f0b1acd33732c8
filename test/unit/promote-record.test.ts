import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decisionSchemaId } from '../../src/contract/decision';
import { RefusedError, RemoteError, UsageError } from '../../src/errors';
import { decisionFileOf, serializeDecision, writeDecisionRecord } from '../../src/gate/decision-record';
import { promote } from '../../src/modes/promote';
import { LocalRegistry } from '../../src/registry/local';
import { tagKeys } from '../../src/registry/tags';
import { registryCommand } from '../../src/shell/registry-command';
import { contextOf } from '../support/context';
import { recordPass } from '../support/decision-record';
import { makeWorkspace, sliceConfig, type Workspace } from '../support/workspace';

let ws: Workspace;
let registry: LocalRegistry;
const model = 'support-agent';
const config = sliceConfig();
const ctx = () => contextOf(config, ws.dir).ctx;
const fileOf = (version: string) => decisionFileOf(ctx(), version);

beforeEach(async () => {
  ws = await makeWorkspace();
  registry = new LocalRegistry(ws.registryFile);
  for (const source of ['http://v1', 'http://v2']) await registry.registerVersion(model, source, {});
});
afterEach(() => ws.cleanup());

/** Each case forges or damages the record of version 2 after a genuine pass of version 1. */
const forgeries: { name: string; forge: () => Promise<void>; refusal: string }[] = [
  {
    name: 'a pass tag set by hand, with no record',
    forge: () => registry.setVersionTags(model, '2', { [tagKeys.gateDecision]: 'pass' }),
    refusal: 'its agent_release.gate.decision tag says pass, but there is no agent_release.gate.decision_sha256 tag naming the decision record',
  },
  {
    name: 'a pass tag set by hand over a failed record',
    forge: async () => {
      const decision = { ...(await recordPass(ctx(), '2')), decision: 'fail' as const };
      await writeDecisionRecord(ctx(), { decision, ...serializeDecision(decision) });
      await registry.setVersionTags(model, '2', { [tagKeys.gateDecision]: 'pass' });
    },
    refusal: 'the gate decision record .agent-release/support-agent/v2/decision.json says fail, although the agent_release.gate.decision tag says pass',
  },
  {
    name: 'a record edited after the gate',
    forge: async () => {
      await recordPass(ctx(), '2');
      const text = await readFile(fileOf('2'), 'utf8');
      await writeFile(fileOf('2'), text.replace('"passed": true', '"passed": true '));
    },
    refusal: 'the gate decision record does not match the agent_release.gate.decision_sha256 tag',
  },
  {
    name: "another version's record and tags, copied",
    forge: async () => {
      await mkdir(path.dirname(fileOf('2')), { recursive: true });
      await copyFile(fileOf('1'), fileOf('2'));
      const v1 = await registry.getVersion(model, '1');
      await registry.setVersionTags(model, '2', { [tagKeys.gateDecision]: 'pass', [tagKeys.gateDecisionDigest]: v1?.tags[tagKeys.gateDecisionDigest] ?? '' });
    },
    refusal: 'is the decision on support-agent version 1, not on this release',
  },
  {
    name: 'a record that is gone',
    forge: async () => {
      await recordPass(ctx(), '2');
      await rm(fileOf('2'));
    },
    refusal: 'its gate decision record is neither at .agent-release/support-agent/v2/decision.json nor in MLflow',
  },
  {
    name: 'a file that is not a decision, with its own digest on the tag',
    forge: async () => {
      const text = '{"decision":"pass"}\n';
      await mkdir(path.dirname(fileOf('2')), { recursive: true });
      await writeFile(fileOf('2'), text);
      const { createHash } = await import('node:crypto');
      await registry.setVersionTags(model, '2', { [tagKeys.gateDecision]: 'pass', [tagKeys.gateDecisionDigest]: createHash('sha256').update(text).digest('hex') });
    },
    refusal: 'the gate decision record .agent-release/support-agent/v2/decision.json is not a decision',
  },
  {
    name: 'a gate run that never finished',
    forge: async () => {
      await recordPass(ctx(), '2');
      const { withdrawDecision } = await import('../../src/gate/decision-record');
      await withdrawDecision(ctx(), model, '2');
    },
    refusal: 'has no completed gate decision (agent_release.gate.decision = error',
  },
];

describe('promote verifies the gate decision record', () => {
  it.each(forgeries)('refuses $name by name and changes nothing', async ({ forge, refusal }) => {
    await recordPass(ctx(), '1');
    await forge();
    const before = await readFile(ws.registryFile);
    const run = promote(ctx(), { modelVersion: '2' });
    await expect(run).rejects.toThrow(RefusedError);
    await expect(run).rejects.toThrow(refusal);
    expect((await readFile(ws.registryFile)).equals(before)).toBe(true);
    // The genuine record of version 1 still promotes: the check is not a blanket refusal.
    await expect(promote(ctx(), { modelVersion: '1' })).resolves.toMatchObject({ version: '1', changed: true });
  });

  it('takes the alias holders from the verified record, not from the tag', async () => {
    await recordPass(ctx(), '1', { champion: '2' });
    await registry.setVersionTags(model, '1', { [tagKeys.gateAliasHolders]: '{}' }); // edited to skip the compare-and-set
    await expect(promote(ctx(), { modelVersion: '1' })).rejects.toThrow('@champion is held by no version, but version 2 was expected (holder when the gate decided)');
  });

  it('accepts the schema id the gate writes', async () => {
    const decision = await recordPass(ctx(), '1');
    expect(JSON.parse(await readFile(fileOf('1'), 'utf8'))).toEqual({ ...decision, schema: decisionSchemaId });
  });
});

describe('registry register refuses reserved tags', () => {
  it.each(['agent_release.gate.decision=pass', 'agent_release.champion.previous_version=1', ' agent_release.anything=x'])('refuses --tag %s with exit 2, registering nothing', async (tag) => {
    const before = await readFile(ws.registryFile);
    const run = registryCommand('register', ctx(), { source: 'http://v3', tags: ['team=support', tag] });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(`is reserved: tags under agent_release. are the release record agent-release writes itself`);
    expect((await readFile(ws.registryFile)).equals(before)).toBe(true);
  });

  it('still registers with ordinary tags', async () => {
    const { json } = await registryCommand('register', ctx(), { source: 'http://v3', tags: ['team=support', 'agent_release_note=ok'] });
    expect(json).toMatchObject({ version: '3', tags: { team: 'support', agent_release_note: 'ok' } });
  });
});

describe('a promote that stops part-way says where it stopped and what to run', () => {
  const failingOn = (stop: 'alias' | 'audit') =>
    new (class extends LocalRegistry {
      override async setAlias(...args: Parameters<LocalRegistry['setAlias']>): Promise<void> {
        if (stop === 'alias') throw new RemoteError('set alias: HTTP 503 (injected)');
        return super.setAlias(...args);
      }
      override async setVersionTags(...args: Parameters<LocalRegistry['setVersionTags']>): Promise<void> {
        if (stop === 'audit' && args[2][tagKeys.promotedAt('champion')] !== undefined) throw new RemoteError('set tag: HTTP 503 (injected)');
        return super.setVersionTags(...args);
      }
    })(ws.registryFile);

  it('before the alias moved: it names the holder it stays on', async () => {
    await recordPass(ctx(), '1');
    await expect(promote({ ...ctx(), registry: failingOn('alias') }, { modelVersion: '1' })).rejects.toThrow(
      'promoting support-agent version 1 stopped at moving @champion (held by no version before): set alias: HTTP 503 (injected); re-run: agent-release promote --model-version 1, which moves it, or finishes if it had moved',
    );
    expect(await registry.getAlias(model, 'champion')).toBeNull();
  });

  it('after the alias moved: it says the alias moved, and a re-run writes the audit tags', async () => {
    await recordPass(ctx(), '1');
    await expect(promote({ ...ctx(), registry: failingOn('audit') }, { modelVersion: '1' })).rejects.toThrow(
      "@champion now points at support-agent version 1 (it was on no version), but the promotion's audit tags were not written: set tag: HTTP 503 (injected); re-run: agent-release promote --model-version 1 to write them (the alias stays)",
    );
    expect(await registry.getAlias(model, 'champion')).toBe('1');
    expect(await promote(ctx(), { modelVersion: '1' })).toMatchObject({ changed: false });
    expect((await registry.getVersion(model, '1'))?.tags[tagKeys.promotedAt('champion')]).toBeDefined();
  });
});

describe('a staging promote names the environment it stages for', () => {
  it('refuses, changing nothing, when staging would promote to the alias production promotes to', async () => {
    await recordPass(ctx(), '1');
    const staging = contextOf(config, ws.dir, { environment: 'staging' }).ctx;
    await expect(promote(staging, { modelVersion: '1', stagesFor: { environment: 'production', alias: 'champion' } })).rejects.toThrow(
      'staging and production both promote to @champion, so promoting here would release to production before its reviewers approve; give staging an alias of its own under environments.staging.promote.alias (e.g. alias: staging)',
    );
    expect(await registry.getAlias(model, 'champion')).toBeNull();
  });

  it('goes ahead when staging has an alias of its own', async () => {
    await recordPass(ctx(), '1');
    const withOverlay = `${config}environments:\n  staging: { promote: { alias: staging } }\n`;
    const staging = contextOf(withOverlay, ws.dir, { environment: 'staging' }).ctx;
    expect(await promote(staging, { modelVersion: '1', stagesFor: { environment: 'production', alias: 'champion' } })).toMatchObject({ alias: 'staging', changed: true });
    expect(await registry.getAlias(model, 'staging')).toBe('1');
  });
});

describe('a pass stands only under the gate settings it was decided under', () => {
  const stricter = config.replace(/gate:\n {2}thresholds:\n/, 'gate:\n  thresholds:\n    error_rate: { max: 0 }\n');

  it('is refused, changing nothing, after a threshold was tightened', async () => {
    expect(stricter).not.toBe(config);
    await recordPass(ctx(), '1');
    await expect(promote(contextOf(stricter, ws.dir).ctx, { modelVersion: '1' })).rejects.toThrow(
      /^refusing to promote support-agent version 1 to @champion: version 1 passed the gate under other gate settings than these \(its thresholds, baseline or shadow settings differ from those in \.agent-release\/support-agent\/v1\/decision\.json\); gate it under these settings first: agent-release gate --model-version 1$/,
    );
    expect(await registry.getAlias(model, 'champion')).toBeNull();
  });

  it("is refused for an environment whose overlay gates more strictly, and stands for one that gates as the base does", async () => {
    await recordPass(ctx(), '1');
    const overlays = `${config}environments:\n  production: { gate: { thresholds: { error_rate: { max: 0 } } } }\n  staging: { promote: { alias: staging } }\n`;
    await expect(promote(contextOf(overlays, ws.dir, { environment: 'production' }).ctx, { modelVersion: '1' })).rejects.toThrow(
      "passed the gate under other gate settings than environment production's (its thresholds, baseline or shadow settings, with the production overlay applied, differ from those in .agent-release/support-agent/v1/decision.json); gate it under these settings first: agent-release gate --model-version 1 --environment production",
    );
    expect(await promote(contextOf(overlays, ws.dir, { environment: 'staging' }).ctx, { modelVersion: '1' })).toMatchObject({ alias: 'staging', changed: true });
  });
});
