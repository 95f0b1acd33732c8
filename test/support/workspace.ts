import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface Workspace {
  dir: string;
  write(file: string, content: string): Promise<string>;
  read(file: string): Promise<string>;
  registryFile: string;
  cleanup(): Promise<void>;
}

export async function makeWorkspace(): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-test-'));
  return {
    dir,
    registryFile: path.join(dir, '.agent-release', 'registry.json'),
    async write(file, content) {
      const full = path.join(dir, file);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
      return full;
    },
    read: (file) => readFile(path.join(dir, file), 'utf8'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export const golden = [
  { id: 'refund', input: 'How do I get a refund?', expected: 'refund' },
  { id: 'shipping', input: 'How long does shipping take?', expected: 'shipping' },
  { id: 'password', input: 'I forgot my password', expected: 'password' },
  { id: 'cancel', input: 'Cancel my subscription', expected: 'cancel' },
];

export const goldenJsonl = golden.map((row) => JSON.stringify(row)).join('\n') + '\n';

/** A full config for the slice; `deploy` and `analysis` lines are filled by the test. */
export function sliceConfig(options: { probeUrl?: string; deploy?: string; rollback?: string; extra?: string } = {}): string {
  return `version: 1
model:
  name: support-agent
evaluate:
  dataset: { path: golden.jsonl }
  endpoint: { url: "{{source}}/v1/chat/completions", timeout: 2s, retries: 2 }
  concurrency: 4
  scorers:
    - { type: contains }
    - { type: latency, max_ms: 5000 }
gate:
  thresholds:
    "contains/mean": { min: 0.75 }
    "latency_ms/p95": { max: 5000 }
promote: { alias: champion }
deploy:
  target: command
  strategy: all-at-once
  command:
    deploy: ${JSON.stringify(options.deploy ?? 'node deploy.mjs')}
    rollback: ${JSON.stringify(options.rollback ?? 'node deploy.mjs')}
${options.probeUrl ? `  analysis: { provider: http-probe, url: "${options.probeUrl}", requests: 8, concurrency: 2, limits: { error_rate: 0.1 } }\n` : ''}${options.extra ?? ''}`;
}

/** The deploy command the slice uses: appends what it was asked to do to deployments.log. */
export const deployScript = `import { appendFileSync } from 'node:fs';
const e = process.env;
appendFileSync('deployments.log', JSON.stringify({ version: e.AGENT_RELEASE_VERSION, previous: e.AGENT_RELEASE_PREVIOUS_VERSION, traffic: e.AGENT_RELEASE_TRAFFIC, environment: e.AGENT_RELEASE_ENVIRONMENT }) + '\\n');
if (e.FAIL_DEPLOY === e.AGENT_RELEASE_VERSION) { console.error('deploy exploded'); process.exit(3); }
console.log('now serving version ' + e.AGENT_RELEASE_VERSION);
`;
