import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/run-bundle';

/** Runs scripts/workflow-env.sh as a workflow step does: inputs in env, exports to $GITHUB_ENV. */
function exportEnv(extraEnv: string, extraSecrets = '') {
  const githubEnv = path.join(mkdtempSync(path.join(os.tmpdir(), 'workflow-env-')), 'env');
  writeFileSync(githubEnv, '');
  const run = spawnSync('bash', [path.join(repoRoot, 'scripts', 'workflow-env.sh')], {
    env: { PATH: process.env.PATH ?? '', GITHUB_ENV: githubEnv, EXTRA_ENV: extraEnv, EXTRA_SECRETS: extraSecrets },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, exported: readFileSync(githubEnv, 'utf8') };
}

/** $GITHUB_ENV's NAME<<DELIMITER blocks, as the runner reads them. */
function parseGithubEnv(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([A-Za-z_]\w*)<<(\S+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const end = lines.indexOf(match[2] as string, i + 1);
    found[match[1] as string] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return found;
}

describe("scripts/workflow-env.sh: the caller's extra variables and secrets", () => {
  it('exports each NAME=value line, masks the secrets and skips blanks and comments', () => {
    const run = exportEnv('PROMETHEUS_URL=http://prom:9090/a=b\n\n# a comment\nEMPTY=\r\n', 'OPENAI_API_KEY=sk-123\nJUDGE_TOKEN=tok=en');
    expect(run.code).toBe(0);
    expect(parseGithubEnv(run.exported)).toEqual({ PROMETHEUS_URL: 'http://prom:9090/a=b', EMPTY: '', OPENAI_API_KEY: 'sk-123', JUDGE_TOKEN: 'tok=en' });
    expect(run.stdout).toContain('::add-mask::sk-123\n');
    expect(run.stdout).toContain('::add-mask::tok=en\n');
    expect(run.stdout).not.toContain('::add-mask::http');
  });

  it.each([
    ['a line without =', 'OPENAI_API_KEY sk-123', 'EXTRA_SECRETS line 1 is not NAME=value'],
    ['a name with a dash', 'MY-KEY=sk-123', 'EXTRA_SECRETS line 1 is not NAME=value'],
    ['a name the runner owns', 'GITHUB_TOKEN=sk-123', 'EXTRA_SECRETS line 1 sets GITHUB_TOKEN, which the runner or agent-release owns'],
    ['NODE_OPTIONS', 'NODE_OPTIONS=--require=/tmp/x.js', 'EXTRA_SECRETS line 1 sets NODE_OPTIONS'],
  ])('refuses %s, exports nothing and never echoes the value', (_name, secrets, message) => {
    const run = exportEnv('A=1', secrets);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::${message}`);
    expect(run.stdout).not.toContain('sk-123');
    expect(run.exported).toBe('');
  });

  it('ends each value with a delimiter no value can know in advance', () => {
    const delimiters = [exportEnv('A=1'), exportEnv('A=1')].map((run) => /^A<<(\S+)$/m.exec(run.exported)?.[1]);
    expect(delimiters[0]).toMatch(/^agent_release_[0-9a-f]{32}$/);
    expect(delimiters[1]).not.toBe(delimiters[0]);
  });

  it('masks a secret holding % as the runner decodes it', () => {
    const run = exportEnv('', 'TOKEN_X=ab%25cd%0Aef');
    expect(run.stdout).toContain('::add-mask::ab%2525cd%250Aef\n');
    expect(parseGithubEnv(run.exported)).toEqual({ TOKEN_X: 'ab%25cd%0Aef' });
  });
});
