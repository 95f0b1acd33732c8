import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { baseConfigShape } from '../../src/config/schema';
import { shellConstructIn, splitCommandLine } from '../../src/deploy/command-line';
import { CommandTarget } from '../../src/deploy/command-target';
import type { DeployRequest } from '../../src/deploy/types';
import { RemoteError } from '../../src/errors';
import { memoryLogger } from '../../src/logger';
import { manualClock } from '../support/fake-clock';

/** Resolves once the logger has a line containing `text` (the child says it is running). */
async function untilLogged(logger: ReturnType<typeof memoryLogger>, text: string): Promise<void> {
  while (!logger.lines.some((l) => l.includes(text))) await new Promise((resolve) => setTimeout(resolve, 10));
}

const request: DeployRequest = { model: 'support-agent', version: '2', previousVersion: '1', traffic: 100, environment: 'staging' };

function setup(commands: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'command-target-'));
  // Records its arguments and AGENT_RELEASE_VERSION, then waits for a `release` file when asked to hang.
  writeFileSync(
    path.join(dir, 'step.mjs'),
    `import { appendFileSync, existsSync } from 'node:fs';
appendFileSync('calls.log', JSON.stringify({ args: process.argv.slice(2), version: process.env.AGENT_RELEASE_VERSION }) + '\\n');
if (process.argv[2] === 'hang') { console.log('hanging'); setInterval(() => { if (existsSync('release')) process.exit(0); }, 20); }`,
  );
  const clock = manualClock();
  const logger = memoryLogger();
  const config = baseConfigShape.deploy.parse({ command: commands })?.command;
  if (!config) throw new Error('no command config');
  const target = new CommandTarget(config, dir, { PATH: process.env.PATH }, logger, clock);
  const calls = () => readFileSync(path.join(dir, 'calls.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { args: string[]; version: string });
  return { dir, clock, logger, target, calls };
}

describe('command deploy target', () => {
  it('splits the command line like a shell, quotes included, and passes the AGENT_RELEASE_* environment', async () => {
    const h = setup({ deploy: `node step.mjs "two words" 'single quoted' plain\\ escaped`, rollback: 'node step.mjs rollback' });
    expect(h.target.describeDeploy(request)).toBe(
      'run `node step.mjs "two words" \'single quoted\' plain\\ escaped` with AGENT_RELEASE_MODEL=support-agent AGENT_RELEASE_VERSION=2 AGENT_RELEASE_PREVIOUS_VERSION=1 AGENT_RELEASE_TRAFFIC=100 AGENT_RELEASE_ENVIRONMENT=staging',
    );
    await h.target.deploy(request);
    expect(h.calls()).toEqual([{ args: ['two words', 'single quoted', 'plain escaped'], version: '2' }]);
  });

  it('stops a deploy command that outlives deploy.command.timeout and says which setting to raise', async () => {
    const h = setup({ deploy: 'node step.mjs hang', rollback: 'node step.mjs rollback', timeout: '5m' });
    const running = h.target.deploy(request).catch((e: unknown) => e);
    await untilLogged(h.logger, '[deploy] hanging');
    h.clock.fire(5 * 60_000);
    const failure = await running;
    expect(failure).toBeInstanceOf(RemoteError);
    expect((failure as Error).message).toBe(
      'deploy command `node step.mjs hang` did not finish within 5 min and was stopped (SIGTERM); raise deploy.command.timeout if it needs longer (its output is in the log above)',
    );
  });

  it('stops a running deploy on cancellation, starts none after it, but runs rollback to its end', async () => {
    const h = setup({ deploy: 'node step.mjs hang', rollback: 'node step.mjs rollback' });
    const cancel = new AbortController();
    const running = h.target.deploy({ ...request, signal: cancel.signal }).catch((e: unknown) => e);
    await untilLogged(h.logger, '[deploy] hanging');
    cancel.abort(new Error('cancelled (SIGTERM)'));
    expect((await running as Error).message).toBe('deploy command `node step.mjs hang` was stopped (SIGTERM) because the run was cancelled: cancelled (SIGTERM)');
    await expect(h.target.deploy({ ...request, signal: cancel.signal })).rejects.toThrow('deploy command `node step.mjs hang` was not started: the run was cancelled (cancelled (SIGTERM))');
    await h.target.rollback({ model: 'support-agent', restoreVersion: '1', fromVersion: '2', environment: 'staging' });
    expect(h.calls()).toEqual([{ args: ['hang'], version: '2' }, { args: ['rollback'], version: '1' }]);
  });
});

describe('splitCommandLine', () => {
  it.each([
    ['node deploy.mjs', ['node', 'deploy.mjs']],
    [`bash -c 'kubectl apply -f - | tee out'`, ['bash', '-c', 'kubectl apply -f - | tee out']],
    ['say "a \\"quoted\\" word"  ""', ['say', 'a "quoted" word', '']],
  ])('splits %s', (line, words) => expect(splitCommandLine(line)).toEqual(words));

  it('refuses an unclosed quote', () => expect(() => splitCommandLine(`echo 'oops`)).toThrow("unclosed ' in `echo 'oops`"));
});

describe('shellConstructIn', () => {
  it.each([
    ['./deploy.sh $AGENT_RELEASE_VERSION', '$AGENT_RELEASE_VERSION'],
    ['./deploy.sh "${AGENT_RELEASE_VERSION}"', '${AGENT_RELEASE_VERSION}'],
    ['helm upgrade agent ./chart --set tag=$(cat VERSION)', '$('],
    ['echo `date`', '`'],
    ['./deploy.sh >> deploy.log', '>>'],
    ['kubectl apply -f k8s && kubectl rollout status deploy/agent', '&&'],
    ['./a.sh; ./b.sh', ';'],
    ['cat plan | ./apply.sh', '|'],
    ['kubectl apply -f k8s/*.yaml', '*'],
    ['./deploy.sh $$', '$$'],
    ['./deploy.sh >log', '>'],
    ['./a.sh; ./b.sh', ';'],
    ['./a.sh & wait', '&'],
  ])('finds what a shell would act on in %s', (line, construct) => expect(shellConstructIn(line)).toBe(construct));

  it.each([
    `bash -c './deploy.sh "$AGENT_RELEASE_VERSION" | tee out'`,
    './deploy.sh \\$HOME "a | b; c && d > e *"',
    'curl -fsS https://agents.example.com/health?ready=1',
    'echo costs 5$ each',
    'node deploy.mjs --traffic=50',
    'curl -fsS -X POST https://hooks.example.com/deploy?model=agent&stage=prod',
    'helm upgrade agent ./chart --set canary.weight=*',
  ])('finds nothing in %s', (line) => expect(shellConstructIn(line)).toBeUndefined());
});
