import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../support/run-bundle';

const release = parse(readFileSync(path.join(repoRoot, '.github/workflows/release.yml'), 'utf8')) as { jobs: { resolve: { steps: { run: string }[] } } };
const script = release.jobs.resolve.steps[0]?.run as string;

/** Runs release.yml's resolve step with its inputs as the runner would pass them (env). */
function resolve(inputs: Partial<Record<'MODEL' | 'VERSION' | 'CONFIG' | 'DRY_RUN' | 'SHARDS', string>>) {
  const output = path.join(mkdtempSync(path.join(os.tmpdir(), 'resolve-')), 'output');
  writeFileSync(output, '');
  const env = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, INPUT_MODEL: 'support-agent', INPUT_VERSION: '7', INPUT_CONFIG: '.github/agent-release.yml', INPUT_DRY_RUN: 'false', INPUT_SHARDS: '1' };
  for (const [key, value] of Object.entries(inputs)) env[`INPUT_${key}` as keyof typeof env] = value;
  const run = spawnSync('bash', ['-e', '-c', script], { env, encoding: 'utf8' });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { code: run.status, stdout: run.stdout, outputs };
}

describe("release.yml's resolve step", () => {
  it('passes plain inputs through and lists the shards', () => {
    expect(resolve({ SHARDS: '3' })).toEqual({
      code: 0,
      stdout: '',
      outputs: { shards: '[1,2,3]', 'shard-count': '3', model: 'support-agent', version: '7', config: '.github/agent-release.yml', 'dry-run': 'false' },
    });
    expect(resolve({}).outputs.shards).toBe('[1]');
  });

  it.each([
    ['a model name with shell syntax', { MODEL: 'agent$(touch /tmp/pwned)' }, '::error::model name is missing or not a plain name'],
    ['a missing version', { VERSION: '' }, '::error::model version is missing or not a version'],
    ['a version with a newline', { VERSION: '7\nevil=1' }, 'is missing or not a version'],
    ['a config path that climbs out', { CONFIG: '../../etc/passwd' }, "::error::config path '../../etc/passwd' is not a plain relative path"],
    ['zero shards', { SHARDS: '0' }, "::error::evaluation-shards must be 1 to 32, got '0'"],
    ['too many shards', { SHARDS: '33' }, "::error::evaluation-shards must be 1 to 32, got '33'"],
  ])('refuses %s and writes no output', (_name, inputs, message) => {
    const run = resolve(inputs);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(message);
    expect(run.outputs).toEqual({});
  });
});
