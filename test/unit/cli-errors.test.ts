import os from 'node:os';
import { runCli } from '../../src/shell/cli';

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(args, { stdout: () => {}, stderr: (t) => (stderr += t), env: { PATH: process.env.PATH }, cwd: os.tmpdir() });
  return { code, stderr };
}

describe('what the CLI adds to an error', () => {
  it('points at --help only when the command line was mistyped, not when a file is wrong', async () => {
    const stray = await cli(['detect', 'now']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('run agent-release --help for usage');

    const missing = await cli(['gate', '--model-version', '1', '--config', 'missing-config.yml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('config file missing-config.yml not found');
    expect(missing.stderr).not.toContain('--help for usage');
  });
});

describe('--json with a command line that does not parse', () => {
  it('still answers with the error as JSON on stdout', async () => {
    for (const args of [['gate', '--json', '--foo'], ['gate', '--json', '--model-version'], ['gate', '--model-version', '1', '--json=true']]) {
      let stdout = '';
      const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: () => {}, env: { PATH: process.env.PATH }, cwd: os.tmpdir() });
      expect([args, code]).toEqual([args, 2]);
      const answer = JSON.parse(stdout) as { error: string; exitCode: number };
      expect([args, answer.exitCode, typeof answer.error, answer.error.length > 0]).toEqual([args, 2, 'string', true]);
    }
  });
});
