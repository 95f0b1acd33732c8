import { parseConfig } from '../../src/config/load';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';
import { ConfigError } from '../../src/errors';

const file = '.github/agent-release.yml';
const load = (text: string, environment?: string) => parseConfig(text, { file, workdir: '/ws', environment, env: {}, checkJsonSchema: jsonSchemaProblem });

function evaluateConfig({ dataset = 'eval/golden.jsonl', artifacts = '.agent-release', endpoint = '' } = {}): string {
  return `version: 1
model: { name: support-agent }
artifacts_dir: ${JSON.stringify(artifacts)}
evaluate:
  dataset: { path: ${JSON.stringify(dataset)} }
  endpoint: { url: "{{source}}/v1/chat/completions"${endpoint} }
  scorers: [{ type: contains }]
`;
}

function errorOf(text: string, environment?: string): string {
  try {
    load(text, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const leaves = 'leaves the workspace: the path is relative to the workspace (the repository root), not to the config file; write it from the root, or as an absolute path for a place outside the workspace';

describe('paths outside the workspace', () => {
  it.each([
    ['a dataset one folder up', { dataset: '../x.jsonl' }, `${file}:5: evaluate.dataset.path: "../x.jsonl" ${leaves}`],
    ['a dataset that climbs out after going in', { dataset: 'eval/../../x.jsonl' }, `${file}:5: evaluate.dataset.path: "eval/../../x.jsonl" ${leaves}`],
    ['an artifacts_dir three folders up', { artifacts: '../../..' }, `${file}:3: artifacts_dir: "../../.." ${leaves}`],
    ['an artifacts_dir of ..', { artifacts: '..' }, `${file}:3: artifacts_dir: ".." ${leaves}`],
  ])('refuses %s, naming the field and line', (_name, paths, message) => {
    expect(errorOf(evaluateConfig(paths))).toContain(message);
  });

  it('refuses a gate.artifact_root one folder up, and takes a Volume path as written', () => {
    const withRoot = (root: string) => `${evaluateConfig()}gate:\n  thresholds: { "contains/mean": { min: 0.5 } }\n  artifact_root: ${JSON.stringify(root)}\n`;
    expect(errorOf(withRoot('../records'))).toContain(`${file}:10: gate.artifact_root: "../records" ${leaves}`);
    expect(load(withRoot('/Volumes/main/agents/records')).config.gate?.artifact_root).toBe('/Volumes/main/agents/records');
  });

  it('refuses a local registry file or a fixed baseline one folder up', () => {
    const registry = evaluateConfig().replace('model: { name: support-agent }', 'model: { name: support-agent, path: ../registry.json }');
    expect(errorOf(registry)).toContain(`${file}:2: model.path: "../registry.json" ${leaves}`);
    const baseline = `${evaluateConfig()}gate:\n  baseline: { max_drop: { "contains/mean": 0.05 }, summary_path: ../base/summary.json }\n`;
    expect(errorOf(baseline)).toContain(`${file}:9: gate.baseline.summary_path: "../base/summary.json" ${leaves}`);
  });

  it('refuses one in an environment overlay too', () => {
    const text = `${evaluateConfig()}environments:\n  staging: { artifacts_dir: ../shared }\n`;
    expect(errorOf(text, 'staging')).toContain(`environments.staging.artifacts_dir: "../shared" ${leaves}`);
  });

  it.each([
    ['paths inside the workspace', { dataset: 'eval/../data/golden.jsonl', artifacts: './out/..x' }],
    ['absolute paths, taken as written (e.g. ${RUNNER_TEMP}/...)', { dataset: '/data/golden.jsonl', artifacts: '/tmp/agent-release' }],
  ])('accepts %s', (_name, paths) => {
    const { config } = load(evaluateConfig(paths));
    expect([config.evaluate?.dataset?.path, config.artifacts_dir]).toEqual([paths.dataset, paths.artifacts]);
  });
});

describe('evaluate.endpoint.max_response_size', () => {
  it.each([
    ['', 10 * 2 ** 20],
    [', max_response_size: 512KiB', 512 * 1024],
    [', max_response_size: 2MB', 2_000_000],
    [', max_response_size: 1.5 GiB', 1.5 * 2 ** 30],
    [', max_response_size: 4096', 4096],
  ])('reads %j as a number of bytes', (endpoint, bytes) => {
    expect(load(evaluateConfig({ endpoint })).config.evaluate?.endpoint?.max_response_size).toBe(bytes);
  });

  it.each([
    [', max_response_size: 10 megs', '"10 megs" is not a size; write e.g. 512KiB, 10MiB or 1GB, or a number of bytes'],
    [', max_response_size: 0', 'evaluate.endpoint.max_response_size:'],
  ])('refuses %j', (endpoint, message) => {
    expect(errorOf(evaluateConfig({ endpoint }))).toContain(message);
  });
});
