import { parseConfig } from '../../src/config/load';
import { ConfigError, RefusedError, RemoteError } from '../../src/errors';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';
import { githubApprovals } from '../../src/github/approvals';
import { githubClient } from '../../src/github/client';
import { bearerToken } from '../../src/http/credentials';
import type { ModeContext } from '../../src/modes/context';
import { gate } from '../../src/modes/gate';
import { promote } from '../../src/modes/promote';
import { tagKeys } from '../../src/registry/tags';
import { UnityCatalogRegistry } from '../../src/registry/unity-catalog';
import { contextOf } from '../support/context';
import { passRecordTags } from '../support/decision-record';
import { startDatabricksFake, type DatabricksFake } from '../support/databricks-fake';
import { FakeUnityCatalogRegistry } from '../support/databricks-fake-uc';
import { fakeClock } from '../support/fake-clock';
import { octocat, startGitHubFake, type GitHubFake } from '../support/github-fake';
import { makeWorkspace, type Workspace } from '../support/workspace';
import { passFail, writeEvaluation } from './gate-fixtures';

const model = 'main.agents.support';
const tag = 'Approval_Check';
const hubot = { login: 'hubot', id: 480938, type: 'User' as const };

let ws: Workspace;
let databricks: DatabricksFake;
let github: GitHubFake | undefined;
let uc: FakeUnityCatalogRegistry;
let registry: UnityCatalogRegistry;
const clock = fakeClock();

beforeEach(async () => {
  ws = await makeWorkspace();
  uc = new FakeUnityCatalogRegistry({ now: clock.now });
  databricks = await startDatabricksFake({ services: [uc], tokens: { 'dapi-test-token': 'write' } });
  registry = new UnityCatalogRegistry({ host: databricks.url, credentials: bearerToken('dapi-test-token', 'test token'), clock, random: () => 0.5, timeoutMs: 5_000 });
});
afterEach(async () => {
  await databricks.close();
  await github?.close();
  github = undefined;
  await ws.cleanup();
});

const config = (extra: { gate?: string; promote?: string } = {}) => `version: 1
model: { name: ${model} }
gate:
  thresholds: { "contains/mean": { min: 0.5 } }
${extra.gate ?? ''}promote:
  alias: champion
${extra.promote ?? ''}environments:
  production: {}
`;

function context(text: string, overrides: Partial<ModeContext> = {}): ModeContext {
  const { ctx } = contextOf(text, ws.dir, { environment: 'production' });
  return { ...ctx, registry, tracking: undefined, clock, run: { ...ctx.run, runUrl: 'https://github.com/acme/agent/actions/runs/77' }, ...overrides };
}

describe('gate rule uc_approval, against the Unity Catalog fake', () => {
  const gated = config({ gate: `  uc_approval: { tag: ${tag} }\n` });

  async function decideOn(tags: Record<string, string>) {
    const version = uc.addVersion(model, { tags });
    await writeEvaluation(ws, { version, model, scores: { contains: passFail(10, 9) } }, `.agent-release/${model}/v${version}`);
    return gate(context(gated), { modelVersion: version });
  }

  it.each([
    ['Approved', true],
    ['approved', true],
    ['APPROVED', true],
    [' Approved', false],
    ['Rejected', false],
    ['', false],
  ])('the tag %j on the version: passed = %s (compared as the approval task does, case-insensitively)', async (value, passed) => {
    const result = await decideOn({ [tag]: value });
    const rule = result.rules.find((r) => r.rule === 'uc_approval');
    expect(rule?.passed).toBe(passed);
    expect(result.decision).toBe(passed ? 'pass' : 'fail');
    if (!passed) expect(rule?.reason).toBe(`version 1 is not approved in Unity Catalog: its ${tag} tag is ${JSON.stringify(value)}, not Approved; approve it in Unity Catalog (the deployment job's ${tag} approval task, or set the tag ${tag}=Approved on the version in Catalog Explorer)`);
  });

  it('fails a version without the tag, saying how to approve; a tag of another task does not count', async () => {
    const result = await decideOn({ Other_Approval: 'Approved' });
    expect(result.decision).toBe('fail');
    expect(result.rules.find((r) => r.rule === 'uc_approval')).toMatchObject({
      passed: false,
      reason: `version 1 has no Unity Catalog approval: its ${tag} tag is not set; approve it in Unity Catalog (the deployment job's ${tag} approval task, or set the tag ${tag}=Approved on the version in Catalog Explorer)`,
      inputs: { tag, expected: 'Approved', value: null },
    });
  });

  it('with promote.uc_approval writing the same tag, says the two are alternatives instead of how to approve', async () => {
    const both = config({ gate: `  uc_approval: { tag: ${tag} }\n`, promote: `  uc_approval: { tag: ${tag} }\n` });
    const version = uc.addVersion(model);
    await writeEvaluation(ws, { version, model, scores: { contains: passFail(10, 9) } }, `.agent-release/${model}/v${version}`);
    const result = await gate(context(both), { modelVersion: version });
    expect(result.decision).toBe('fail');
    expect(result.rules.find((r) => r.rule === 'uc_approval')).toMatchObject({
      passed: false,
      reason: `version 1 has no Unity Catalog approval: its ${tag} tag is not set; promote.uc_approval writes this tag only after the gate has passed, so this rule cannot wait for it: keep gate.uc_approval (governance approves in Unity Catalog before the gate) or promote.uc_approval (the environment's reviewers approve, promote records it), not both`,
      inputs: { tag, value: null, written_by_promote: true },
    });
    // Governance approving first still passes: the rule reads the tag, whoever wrote it.
    await registry.setVersionTags(model, version, { [tag]: 'Approved' });
    expect((await gate(context(both), { modelVersion: version })).decision).toBe('pass');
  });

  it('names who approved when agent-release recorded it', async () => {
    const result = await decideOn({ [tag]: 'Approved', [tagKeys.ucApprovedBy]: 'octocat' });
    expect(result.rules.find((r) => r.rule === 'uc_approval')?.reason).toBe(`Unity Catalog approval: ${tag} = Approved on version 1 (approved by octocat)`);
  });

  it.each([
    ['a name with a dot', '{ tag: "approval.check" }', "the approval task's name (task_key)"],
    ['an empty value', '{ tag: Approval_Check, value: "" }', 'uc_approval.value'],
    ['an unknown key', '{ tag: Approval_Check, approvers: 2 }', 'unknown key "approvers"'],
  ])('refuses %s in the config', (_what, setting, message) => {
    const load = () => parseConfig(config({ gate: `  uc_approval: ${setting}\n` }), { file: 'agent-release.yml', workdir: ws.dir, env: {}, checkJsonSchema: jsonSchemaProblem });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });
});

describe('promote.uc_approval: the GitHub environment approval, written to Unity Catalog', () => {
  const mirrored = config({ promote: `  uc_approval: { tag: ${tag} }\n` });

  /** v1 holds @champion; v2 passed a gate that saw it. */
  async function released(): Promise<void> {
    uc.addVersion(model);
    uc.setAliasDirectly(model, 'champion', '1');
    uc.addVersion(model, { tags: await passRecordTags(context(mirrored), '2', { champion: '1' }) });
  }

  async function reviews(history: Parameters<typeof startGitHubFake>[0] extends infer O ? O extends { runReviews?: infer R } ? R : never : never, withoutActionsRead: string[] = []) {
    github = await startGitHubFake({ tokens: { 'ghs-token': 'read' }, repositories: ['acme/agent'], runReviews: history, withoutActionsRead });
    return githubApprovals({ client: () => githubClient('ghs-token', github?.url), owner: 'acme', repo: 'agent', runId: 77, clock });
  }

  it("writes the approval tag with who approved and the run before the alias moves; the gate rule then sees the same decision", async () => {
    await released();
    const approvals = await reviews({
      'acme/agent#77': [
        { state: 'rejected', environments: ['staging'], user: hubot },
        { state: 'approved', environments: ['production'], user: octocat, comment: 'ship it' },
        { state: 'approved', environments: ['production'], user: hubot },
      ],
    });
    const result = await promote(context(mirrored, { approvals }), { modelVersion: '2' });
    expect(result).toMatchObject({ changed: true, version: '2' });
    const tags = uc.tagsOf(model, '2');
    expect(tags).toMatchObject({
      [tag]: 'Approved',
      [tagKeys.ucApprovedBy]: 'octocat, hubot',
      [tagKeys.ucApprovalRun]: 'https://github.com/acme/agent/actions/runs/77',
      [tagKeys.ucApprovalEnvironment]: 'production',
    });
    expect(tags[tagKeys.ucApprovedAt]).toBe(tags[tagKeys.promotionStartedAt('champion')]);
    // What the deployment job's approval notebook checks: the tag named after the task, lower-cased, equals "approved".
    expect(tags[tag]?.toLowerCase()).toBe('approved');
    // The approval was written before the alias moved: its five tags and the two promotion-start tags, then the alias.
    const writes = databricks.requests.filter((r) => r.method === 'POST').map((r) => (r.path.includes('model-versions/set-tag') ? 'tag' : r.path.includes('registered-models/alias') ? 'alias' : r.path));
    expect(writes.slice(0, 8)).toEqual([...Array(7).fill('tag'), 'alias']);
    expect(uc.aliasesOf(model)).toEqual({ champion: '2' });
    const rule = await import('../../src/gate/uc-approval').then(({ ucApprovalRule }) => ucApprovalRule(registry, model, '2', { tag, value: 'Approved' }));
    expect(rule).toMatchObject({ passed: true, reason: `Unity Catalog approval: ${tag} = Approved on version 2 (approved by octocat, hubot)` });
  });

  it('refuses, changing nothing, when nobody approved this environment in the run', async () => {
    await released();
    const approvals = await reviews({ 'acme/agent#77': [{ state: 'approved', environments: ['staging'], user: octocat }, { state: 'rejected', environments: ['production'], user: hubot }] });
    const before = databricks.requests.length;
    const error = await promote(context(mirrored, { approvals }), { modelVersion: '2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as Error).message).toBe(
      `refusing to promote ${model} version 2: promote.uc_approval records the GitHub environment's approval as the Unity Catalog tag ${tag}, but no reviewer approved the production environment in this workflow run; give the environment required reviewers (Settings → Environments), or remove promote.uc_approval for it; nothing was changed`,
    );
    expect(databricks.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(uc.aliasesOf(model)).toEqual({ champion: '1' });
  });

  it("says to grant actions: read when the token cannot read the review history, and changes nothing", async () => {
    await released();
    const approvals = await reviews({ 'acme/agent#77': [] }, ['ghs-token']);
    const error = await promote(context(mirrored, { approvals }), { modelVersion: '2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as Error).message).toMatch(/^could not read who approved the production environment for run 77 of acme\/agent: Resource not accessible by integration.*; grant the job `permissions: actions: read` so the token can read who approved$/);
    expect(uc.tagsOf(model, '2')[tag]).toBeUndefined();
    expect(uc.aliasesOf(model)).toEqual({ champion: '1' });
  });

  it('outside Actions takes the approvers from --approved-by, and without either refuses', async () => {
    await released();
    await expect(promote(context(mirrored), { modelVersion: '2' })).rejects.toThrow('no reviewer approval can be read here: in GitHub Actions give the job `permissions: actions: read` and a github-token; elsewhere pass --approved-by <name>');
    // Named approvers approve an environment too: without one there is nothing to attribute it to.
    const { ctx: noEnvironment } = contextOf(mirrored, ws.dir);
    await expect(promote({ ...noEnvironment, registry, tracking: undefined, clock }, { modelVersion: '2', approvedBy: 'alice' })).rejects.toThrow('but no environment is set (the environment input, --environment), so there is no environment approval to record; nothing was changed');
    await promote(context(mirrored), { modelVersion: '2', approvedBy: 'alice, bob' });
    expect(uc.tagsOf(model, '2')).toMatchObject({ [tag]: 'Approved', [tagKeys.ucApprovedBy]: 'alice, bob' });
  });

  it('a dry run says what it would write and writes nothing', async () => {
    await released();
    const { ctx, logger } = contextOf(mirrored, ws.dir, { environment: 'production', dryRun: true });
    const before = databricks.requests.length;
    await promote({ ...ctx, registry, tracking: undefined, clock }, { modelVersion: '2' });
    expect(logger.lines).toContain(`info: dry run: would record the production environment's approval on version 2 as the Unity Catalog tag ${tag}=Approved`);
    expect(databricks.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
