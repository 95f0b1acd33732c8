import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { repoRoot } from '../support/run-bundle';
import { actionContractProblems, callableInterface, reusableCallProblems, unpinnedUses } from '../support/workflow-checks';

const workflowDir = path.join(repoRoot, '.github', 'workflows');
const templateDir = path.join(repoRoot, 'workflows-templates');
const workflows = readdirSync(workflowDir).filter((f) => f.endsWith('.yml')).map((f) => path.join(workflowDir, f));
const templates = readdirSync(templateDir).filter((f) => f.endsWith('.yml')).map((f) => path.join(templateDir, f));
const everything = [...workflows, ...templates];
const relative = (file: string): string => path.relative(repoRoot, file);
const text = (file: string): string => readFileSync(file, 'utf8');

const action = parse(text(path.join(repoRoot, 'action.yml'))) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
const contract = { inputs: Object.keys(action.inputs), outputs: Object.keys(action.outputs) };

/** The validators are installed by scripts/install-workflow-tools.sh; a missing one fails, never skips. */
function tools(): { actionlint: string; zizmor: string } {
  const out = execFileSync('bash', [path.join(repoRoot, 'scripts', 'install-workflow-tools.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [actionlint, zizmor] = out.trim().split('\n').slice(-2);
  if (!actionlint || !zizmor) throw new Error(`install-workflow-tools.sh printed no tool paths: ${out}`);
  return { actionlint, zizmor };
}

describe('workflow files', () => {
  it('ships the reusable workflows and templates', () => {
    expect(workflows.map(relative).sort()).toEqual(expect.arrayContaining(['.github/workflows/release.yml', '.github/workflows/pr-evaluate.yml', '.github/workflows/rollback.yml', '.github/workflows/ci.yml']));
    expect(templates.length).toBeGreaterThanOrEqual(4);
  });

  it('pass actionlint with no findings', () => {
    const run = spawnSync(tools().actionlint, ['-no-color', ...everything], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('pass zizmor at its default persona with no findings', () => {
    const run = spawnSync(tools().zizmor, ['--offline', '--no-progress', '--config', path.join(repoRoot, '.github', 'zizmor.yml'), ...everything], { encoding: 'utf8', cwd: repoRoot });
    expect([run.status, run.stdout]).toEqual([0, expect.stringContaining('No findings to report')]);
    // Handed a folder, zizmor collects only .github/workflows: every file, templates included, must be audited by name.
    for (const file of everything) expect(run.stderr).toContain(`completed ${file}`);
  });

  it.each(everything.map(relative))('GitHub’s parser accepts %s', async (file) => {
    const result = parseWorkflow({ name: file, content: text(path.join(repoRoot, file)) }, new NoOperationTraceWriter());
    if (result.value) await convertWorkflowTemplate(result.context, result.value);
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  it.each(everything.map(relative))('%s pins every third-party action by full commit SHA with a version comment', (file) => {
    expect(unpinnedUses(text(path.join(repoRoot, file)))).toEqual([]);
  });

  it.each(everything.map(relative))('%s passes only declared inputs and reads only declared outputs of the action', (file) => {
    expect(actionContractProblems(text(path.join(repoRoot, file)), contract)).toEqual([]);
  });

  it.each(templates.map(relative))('%s calls the reusable workflows with inputs and secrets they declare', (file) => {
    const shipped = Object.fromEntries(workflows.map((w) => [path.basename(w), callableInterface(text(w))]));
    expect(reusableCallProblems(text(path.join(repoRoot, file)), shipped)).toEqual([]);
  });

  it.each(templates.map(relative))('%s has starter-workflow properties', (file) => {
    const properties = JSON.parse(text(file.replace(/^/, `${repoRoot}/`).replace(/\.yml$/, '.properties.json'))) as Record<string, unknown>;
    expect(properties).toEqual({ name: expect.any(String), description: expect.any(String), iconName: 'agent-release', categories: expect.any(Array), filePatterns: expect.any(Array) });
    expect(readdirSync(templateDir)).toContain(`${properties.iconName as string}.svg`);
  });

  it('never inherits secrets and never uses pull_request_target', () => {
    for (const file of everything) {
      expect([relative(file), /secrets:\s*inherit/.test(text(file))]).toEqual([relative(file), false]);
      const triggers = (parse(text(file)) as { on: Record<string, unknown> | string[] | string }).on;
      const events = typeof triggers === 'string' ? [triggers] : Array.isArray(triggers) ? triggers : Object.keys(triggers);
      expect([relative(file), events.includes('pull_request_target')]).toEqual([relative(file), false]);
    }
  });
});

interface Step { id?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string }
interface Job { environment?: { name?: string } | string; steps?: Step[]; uses?: string; env?: Record<string, string>; permissions?: Record<string, string>; concurrency?: { group: string } }
interface Workflow { env?: Record<string, string>; jobs: Record<string, Job>; concurrency?: { group: string; 'cancel-in-progress': boolean } }
const workflowOf = (file: string): Workflow => parse(text(path.join(repoRoot, file))) as Workflow;
const reusable = ['.github/workflows/release.yml', '.github/workflows/pr-evaluate.yml', '.github/workflows/rollback.yml'];
/** Every variable any registry, tracking server or agent reads (README's credentials table). */
const credentials = ['MLFLOW_TRACKING_URI', 'MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_USERNAME', 'MLFLOW_TRACKING_PASSWORD', 'DATABRICKS_HOST', 'DATABRICKS_TOKEN', 'DATABRICKS_CLIENT_ID', 'DATABRICKS_CLIENT_SECRET', 'AGENT_URL', 'AGENT_API_TOKEN'];
const actionSteps = (wf: Workflow): [string, Step][] => Object.entries(wf.jobs).flatMap(([name, job]) => (job.steps ?? []).filter((s) => s.uses === './.agent-release-action').map((s): [string, Step] => [name, s]));

describe('the seams between jobs', () => {
  it.each(reusable)('%s gives every job the same credentials, and no step takes one away', (file) => {
    const wf = workflowOf(file);
    expect(Object.keys(wf.env ?? {}).sort()).toEqual([...credentials].sort());
    // The one exception: release.yml's own rollback steps say why they run, so they are announced as automatic.
    const own = (step: Step): string[] => (file.endsWith('release.yml') && step.id === 'rollback' ? ['AGENT_RELEASE_ROLLBACK_CAUSE'] : []);
    for (const [job, step] of actionSteps(wf)) expect([job, step.id, Object.keys(step.env ?? {})]).toEqual([job, step.id, own(step)]);
  });

  it.each(reusable)('%s grants id-token: write wherever the OIDC token is read (act offers it to every job, so only this check sees a missing one)', (file) => {
    for (const [name, job] of Object.entries(workflowOf(file).jobs)) {
      const readsToken = (job.steps ?? []).some((s) => s.uses === './.agent-release-action' || (s as { run?: string }).run?.includes('ACTIONS_ID_TOKEN_REQUEST_URL'));
      if (readsToken) expect([name, job.permissions?.['id-token']]).toEqual([name, 'write']);
    }
  });

  it('rollback.yml runs with exactly the environment release.yml deploys with', () => {
    expect(workflowOf('.github/workflows/rollback.yml').env).toEqual(workflowOf('.github/workflows/release.yml').env);
  });

  it.each(reusable)("%s runs the action from a checkout of the workflow's own commit, never from a tag", (file) => {
    expect(text(path.join(repoRoot, file))).not.toMatch(/uses:\s*agent-release\/agent-release@/);
    const wf = workflowOf(file);
    expect(actionSteps(wf).length).toBeGreaterThan(0);
    for (const [name, job] of Object.entries(wf.jobs)) {
      const steps = job.steps ?? [];
      const first = steps.findIndex((s) => s.uses === './.agent-release-action');
      if (first < 0) continue;
      const checkout = steps.slice(0, first).find((s) => s.with?.path === '.agent-release-action');
      expect([name, checkout?.uses]).toEqual([name, expect.stringMatching(/^actions\/checkout@[0-9a-f]{40}$/)]);
      expect([name, checkout?.with?.ref, checkout?.with?.repository]).toEqual([name, expect.stringMatching(/[.-]sha \}\}$/), expect.stringMatching(/[.-]repository \}\}$/)]);
    }
  });

  it('no automatic rollback waits for a reviewer: it is a step of the job that changed the environment', () => {
    const wf = workflowOf('.github/workflows/release.yml');
    const rollbacks = Object.entries(wf.jobs).flatMap(([name, job]) => (job.steps ?? []).filter((s) => s.with?.mode === 'rollback').map(() => name));
    expect(rollbacks.sort()).toEqual(['production', 'staging']);
    for (const name of rollbacks) expect(wf.jobs[name]?.steps?.some((s) => s.with?.mode === 'deploy')).toBe(true);
    // The manual rollback declares no GitHub environment unless the caller names a reviewer-free one.
    expect(workflowOf('.github/workflows/rollback.yml').jobs.rollback?.environment).toEqual({ name: '${{ inputs.github-environment }}' });
  });

  it('serialises everything that touches one environment under one group per model and environment', () => {
    const groups = (file: string): string[] => Object.values(workflowOf(file).jobs).flatMap((job) => (job.concurrency ? [job.concurrency.group] : []));
    expect(groups('.github/workflows/release.yml')).toEqual([
      'agent-release-${{ needs.resolve.outputs.model }}-${{ inputs.staging-environment }}',
      'agent-release-${{ needs.resolve.outputs.model }}-${{ inputs.production-environment }}',
    ]);
    expect(groups('.github/workflows/rollback.yml')).toEqual(['agent-release-${{ inputs.model-name }}-${{ inputs.environment }}']);
    for (const file of ['workflows-templates/agent-release.yml', 'workflows-templates/agent-release-detect.yml']) {
      expect([file, workflowOf(file).concurrency]).toEqual([file, { group: 'agent-release-my-model', 'cancel-in-progress': false }]);
    }
  });

  it('takes registry webhooks in the release template, which releases only its own model', () => {
    expect(Object.keys((parse(text(path.join(repoRoot, '.github/workflows/release.yml'))) as { on: object }).on)).toEqual(['workflow_call']);
    const release = parse(text(path.join(repoRoot, 'workflows-templates/agent-release.yml'))) as { on: object; jobs: Record<string, Job & { if?: string; with?: Record<string, string> }> };
    expect(Object.keys(release.on)).toEqual(['workflow_dispatch', 'repository_dispatch']);
    expect(release.jobs.release?.if).toBe("needs.accept.outputs.release == 'true'");
    expect(release.jobs.release?.with?.['model-name']).toBe('${{ needs.accept.outputs.model }}');
  });

  it.each(templates.map(relative))("%s passes the caller's own variables and secrets on to every reusable workflow it calls", (file) => {
    for (const [name, job] of Object.entries(workflowOf(file).jobs)) {
      if (!job.uses) continue;
      const call = job as Job & { with?: Record<string, string>; secrets?: Record<string, string> };
      expect([name, typeof call.with?.['extra-env'], typeof call.secrets?.EXTRA_SECRETS]).toEqual([name, 'string', 'string']);
    }
  });

  it.each(templates.map(relative))('%s passes every credential secret and grants id-token: write', (file) => {
    const wf = workflowOf(file);
    for (const [name, job] of Object.entries(wf.jobs)) {
      const reachesRegistry = job.uses !== undefined || (job.steps ?? []).some((s) => s.uses?.startsWith('agent-release/agent-release@'));
      if (!reachesRegistry) continue;
      expect([name, job.permissions?.['id-token']]).toEqual([name, 'write']);
      const passed = job.uses ? Object.keys((job as { secrets?: Record<string, string> }).secrets ?? {}) : Object.keys(job.steps?.find((s) => s.uses?.startsWith('agent-release/'))?.env ?? {});
      const wanted = credentials.filter((c) => (job.uses ? !/_URI$|_HOST$|_URL$|_CLIENT_ID$/.test(c) : !/^AGENT_/.test(c)));
      expect([name, wanted.filter((c) => !passed.includes(c))]).toEqual([name, []]);
    }
  });
});

describe('the checks can fail', () => {
  it('flags tags, short SHAs and missing version comments, but not local or own-release refs', () => {
    const sample = [
      'steps:',
      '  - uses: actions/checkout@v5',
      '  - uses: actions/checkout@fbc6f39',
      '  - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09',
      '  - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0',
      '  - uses: ./',
      '  - uses: agent-release/agent-release@v1',
    ].join('\n');
    expect(unpinnedUses(sample)).toEqual([
      'line 2: actions/checkout@v5 is not pinned to a full commit SHA',
      'line 3: actions/checkout@fbc6f39 is not pinned to a full commit SHA',
      'line 4: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 has no "# vX.Y.Z" version comment',
    ]);
  });

  it('flags inputs and outputs the action does not declare', () => {
    const sample = `jobs:
  j:
    steps:
      - id: g
        uses: ./
        with: { mode: gate, modle-version: "1" }
      - run: echo "\${{ steps.g.outputs.decison }}"
`;
    expect(actionContractProblems(sample, contract)).toEqual(['j: input "modle-version" is not declared in action.yml', 'j: output "decison" of step g is not declared in action.yml']);
  });

  it('flags undeclared inputs, secrets and inherit on reusable calls', () => {
    const sample = `jobs:
  r:
    uses: agent-release/agent-release/.github/workflows/release.yml@v1
    with: { model-name: m, version: "1" }
    secrets: inherit
`;
    expect(reusableCallProblems(sample, { 'release.yml': { inputs: ['model-name', 'model-version'], secrets: [] } })).toEqual([
      'r: secrets: inherit; list the secrets explicitly',
      'r: input "version" is not declared by release.yml',
    ]);
  });
});
