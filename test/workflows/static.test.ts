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
    const run = spawnSync(tools().zizmor, ['--offline', '--no-progress', '--config', path.join(repoRoot, '.github', 'zizmor.yml'), ...everything], { encoding: 'utf8' });
    expect([run.status, run.stdout]).toEqual([0, expect.stringContaining('No findings to report')]);
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
