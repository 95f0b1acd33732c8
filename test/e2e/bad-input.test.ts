/**
 * Bad input to every mode, through the bundled CLI, in a copy of one released workspace (embedded
 * registry, real loopback agents). Each case asserts the exit code (README: 0 ok, 1 failed or
 * refused, 2 usage, configuration or input error), a phrase naming the cause, and what the run
 * left behind: by default every file and folder of the workspace byte-identical, registry
 * included. A gate run is the exception by design: it withdraws the previous decision first, so
 * a gate that cannot decide leaves an `error` record (and one that fails a `fail` record) that
 * promote then refuses (issue 15).
 */
import {
  buildReleasedWorkspace,
  changedPaths,
  copyWorkspace,
  fingerprint,
  model,
  registryFile,
  releaseConfig,
  sha256Hex,
  startAgents,
  swap,
  versions,
  type Agents,
  type CaseWorkspace,
} from '../support/bad-input';
import type { ProcessRun } from '../support/run-bundle';
import { rm } from 'node:fs/promises';

type Effect =
  /** Nothing under the workspace changes. */
  | { kind: 'none' }
  /** Only paths matching `paths` may be added or changed. */
  | { kind: 'writes'; paths: RegExp }
  /** The gate's record of `version` now says `decision`, nothing else changed, and promote refuses the version. */
  | { kind: 'gate-record'; version: string; decision: 'error' | 'fail' };

interface Case {
  name: string;
  args: string[];
  setup?: (ws: CaseWorkspace) => Promise<void>;
  env?: Record<string, string>;
  code: 0 | 1 | 2;
  /** Phrases that must appear on stderr. */
  says: string[];
  /** Phrases that must appear on stdout (the mode's report). */
  reports?: string[];
  effect?: Effect;
  check?: (ws: CaseWorkspace, run: ProcessRun) => Promise<void>;
}

let agents: Agents;
let template: string;
let base: string;

beforeAll(async () => {
  agents = await startAgents();
  template = await buildReleasedWorkspace(agents);
  base = releaseConfig(agents.ok.url);
}, 60_000);

afterAll(async () => {
  await agents?.close();
  if (template) await rm(template, { recursive: true, force: true });
});

/** Writes case.yml: the base config with `edit` applied. Pass `...withCase` to the mode. */
const config =
  (edit: (yml: string) => string) =>
  async (ws: CaseWorkspace): Promise<void> =>
    ws.write('case.yml', edit(base));
const withCase = ['--config', 'case.yml'];

/** A dataset file next to case.yml, which points evaluate.dataset.path at it. */
const dataset =
  (file: string, content: string | Buffer) =>
  async (ws: CaseWorkspace): Promise<void> => {
    await ws.write(file, content);
    await ws.write('case.yml', swap(base, 'path: golden.jsonl', `path: ${file}`));
  };
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const bom = '\uFEFF';

const summaryOf = (version: string): string => `.agent-release/${model}/v${version}/summary.json`;
const decisionOf = (version: string): string => `.agent-release/${model}/v${version}/decision.json`;

/** A copy of version 2's summary with `edit` applied, written to `file` for --summary-path. */
const summaryVariant =
  (file: string, edit: (summary: Record<string, unknown> & { metrics: Record<string, unknown>; model: { version: string } }) => void) =>
  async (ws: CaseWorkspace): Promise<void> => {
    const summary = await ws.readJson<Parameters<typeof edit>[0]>(summaryOf(versions.passed));
    edit(summary);
    await ws.write(file, JSON.stringify(summary, null, 2));
  };

const signoff = (text: string) => async (ws: CaseWorkspace): Promise<void> => {
  await ws.write('case.yml', swap(base, 'promote: { alias: champion }', '  signoff: { path: "signoffs/v{N}/decision.md" }\npromote: { alias: champion }'));
  if (text) await ws.write(`signoffs/v${versions.passed}/decision.md`, text);
};

const unusedAgent = async (): Promise<void> => {
  expect(agents.sentinel.requests).toBe(0);
};

const usage: Case[] = [
  { name: 'an unknown mode', args: ['frobnicate'], code: 2, says: ['unknown command "frobnicate"; expected one of evaluate, gate, promote, deploy, verify, rollback, detect, merge, shadow or registry'] },
  { name: 'a misspelled mode', args: ['evalute', '--model-version', '2'], code: 2, says: ['unknown command "evalute"', '(did you mean "evaluate"?)'] },
  { name: 'a misspelled flag', args: ['gate', '--model-versoin', '2'], code: 2, says: ['unknown option --model-versoin (did you mean --model-version?)'] },
  { name: 'a misspelled promote flag', args: ['promote', '--model-version', '2', '--expected-verison', '1'], code: 2, says: ['unknown option --expected-verison (did you mean --expected-version?)'] },
  { name: 'a flag without its value', args: ['gate', '--model-version'], code: 2, says: ['--model-version needs a value (--model-version V)'] },
  { name: "a flag the mode does not read", args: ['gate', '--model-version', '2', '--to-version', '1'], code: 2, says: ['--to-version is not an option of gate (it is for rollback)'] },
  { name: 'a flag given twice', args: ['gate', '--model-version', '2', '--model-version', '3'], code: 2, says: ['--model-version is given twice ("2", then "3"); give it once'] },
  { name: 'a version given to detect', args: ['detect', '--model-version', '2'], code: 2, says: ['--model-version is not an option of detect'] },
  // MLflow would read 01 as version 1 while files and records named it 01.
  { name: 'a version with a leading zero', args: ['gate', '--model-version', '02'], code: 2, says: ['model-version "02" is not a version; registries number versions 1, 2, 3... (did you mean 2?)'] },
  { name: 'a version with a decimal point', args: ['evaluate', '--model-version', '2.0'], code: 2, says: ['model-version "2.0" is not a version; registries number versions 1, 2, 3...'] },
  { name: 'an expected version with a leading zero', args: ['promote', '--model-version', '2', '--expected-version', '01'], code: 2, says: ['expected-version "01" is not a version; registries number versions 1, 2, 3..., or "none" (did you mean 1?)'] },
  { name: 'a version to show with a leading zero', args: ['registry', 'show', '--model-version', '01'], code: 2, says: ['model-version "01" is not a version; registries number versions 1, 2, 3... (did you mean 1?)'] },
  { name: 'a rollback target with a leading zero', args: ['rollback', '--to-version', '01'], code: 2, says: ['to-version "01" is not a version; registries number versions 1, 2, 3... (did you mean 1?)'] },
  { name: 'a value given to a switch', args: ['gate', '--model-version', '2', '--dry-run=yes'], code: 2, says: ['--dry-run takes no value'] },
  { name: 'a stray argument', args: ['detect', 'now'], code: 2, says: ['unexpected argument "now" after detect'] },
  { name: 'no mode at all', args: [], code: 2, says: ['usage: agent-release <mode> [options]'] },
  { name: 'evaluate without a version', args: ['evaluate'], code: 2, says: ['evaluate needs a model version: set the model-version input (CLI: --model-version)'] },
  { name: 'gate without a version', args: ['gate'], code: 2, says: ['gate needs a model version'] },
  { name: 'promote without a version', args: ['promote'], code: 2, says: ['promote needs a model version'] },
  { name: 'merge without a version', args: ['merge'], code: 2, says: ['merge needs a model version'] },
  { name: 'a config path that is a directory', setup: async (ws) => ws.write('configs/README.md', 'configs live here'), args: ['gate', '--model-version', '2', '--config', 'configs'], code: 2, says: ['config file configs is a directory; point the config input / --config at the YAML file in it (e.g. configs/agent-release.yml)'] },
  { name: 'a config file that does not exist', args: ['gate', '--model-version', '2', '--config', 'missing.yml'], code: 2, says: ['config file missing.yml not found'] },
  { name: 'a shard out of range', args: ['evaluate', '--model-version', '2', '--shard', '3/2'], code: 2, says: ['shard "3/2" is out of range'] },
  { name: 'a shard that is not i/n', args: ['evaluate', '--model-version', '2', '--shard', 'half'], code: 2, says: ['shard "half" is not of the form i/n'] },
];

const configuration: Case[] = [
  {
    name: 'YAML that does not parse',
    setup: config((y) => swap(y, 'concurrency: 4', 'concurrency: 4: 5')),
    args: ['evaluate', '--model-version', '2', ...withCase],
    code: 2,
    says: ['case.yml is not valid YAML:\ncase.yml:10:16: Nested mappings are not allowed in compact mappings'],
  },
  {
    name: 'a config saved as Latin-1',
    setup: async (ws) => ws.write('case.yml', latin1(swap(base, '  name: ', '  # the modèle everyone calls it by\n  name: '))),
    args: ['evaluate', '--model-version', '2', ...withCase],
    code: 2,
    says: ['case.yml:3: the config is not valid UTF-8 (byte 0xE8 at character 12); save it as UTF-8'],
  },
  { name: 'a config that is a binary file', setup: async (ws) => ws.write('case.yml', Buffer.from([0x76, 0x3a, 0x20, 0xff, 0xfe, 0x00, 0x0a])), args: ['gate', '--model-version', '2', ...withCase], code: 2, says: ['case.yml:1: the config is not valid UTF-8 (byte 0xFF at character 4)'] },
  { name: 'a tab used for indentation', setup: config(() => 'version: 1\nmodel:\n\tname: x\n'), args: ['detect', ...withCase], code: 2, says: ['case.yml:3:1: Tabs are not allowed as indentation'] },
  { name: 'a key written twice', setup: config((y) => `${y}promote: { alias: stable }\n`), args: ['promote', '--model-version', '2', ...withCase], code: 2, says: ['case.yml:26:1: promote is given twice (first at line'] },
  {
    name: 'an unknown nested key',
    setup: config((y) => swap(y, 'concurrency: 4', 'concurency: 4')),
    args: ['evaluate', '--model-version', '2', ...withCase],
    code: 2,
    says: ['case.yml:10: evaluate: unknown key "concurency" (did you mean "concurrency"?); valid keys: runner, dataset, endpoint, concurrency'],
  },
  {
    name: 'an unknown top-level key',
    setup: config((y) => swap(y, 'promote: {', 'promot: {')),
    args: ['promote', '--model-version', '2', ...withCase],
    code: 2,
    says: ['case.yml:18: (top level): unknown key "promot" (did you mean "promote"?)'],
  },
  {
    name: 'a typo in an environment overlay the run does not use',
    setup: config((y) => `${y}environments:\n  production: { deploy: { strategy: canary, analyis: {} } }\n`),
    args: ['detect', ...withCase],
    code: 2,
    says: ['case.yml:27: environments.production.deploy: unknown key "analyis" (did you mean "analysis"?)'],
  },
  {
    name: 'an environment the config does not define',
    setup: config((y) => `${y}environments:\n  production: { promote: { alias: champion } }\n`),
    args: ['deploy', '--environment', 'prodution', ...withCase],
    code: 2,
    says: ['environment "prodution" is not defined under environments (did you mean "production"?); defined: production'],
  },
  { name: 'a word where a number goes', setup: config((y) => swap(y, 'concurrency: 4', 'concurrency: four')), args: ['evaluate', '--model-version', '2', ...withCase], code: 2, says: ['case.yml:10: evaluate.concurrency: expected number, got "four"'] },
  {
    name: 'a duration without a unit it knows',
    setup: config((y) => swap(y, 'timeout: 5s', 'timeout: 5 parsecs')),
    args: ['evaluate', '--model-version', '2', ...withCase],
    code: 2,
    says: ['case.yml:9: evaluate.endpoint.timeout: "5 parsecs" is not a duration'],
  },
  {
    name: 'a misspelled scorer type',
    setup: config((y) => swap(y, 'type: contains', 'type: containz')),
    args: ['evaluate', '--model-version', '2', ...withCase],
    code: 2,
    says: ['case.yml:12: evaluate.scorers[0].type: scorer type must be one of', '(did you mean "contains"?)'],
  },
  { name: 'a misspelled registry', setup: config((y) => swap(y, 'registry: local', 'registry: mlfow')), args: ['detect', ...withCase], code: 2, says: ['case.yml:4: model.registry: "mlfow" is not one of local, mlflow, unity-catalog (did you mean "mlflow"?)'] },
  {
    name: 'a misspelled deploy strategy',
    setup: config((y) => swap(y, 'strategy: all-at-once', 'strategy: all_at_once')),
    args: ['deploy', ...withCase],
    code: 2,
    says: ['case.yml:21: deploy.strategy: "all_at_once" is not one of all-at-once, canary, blue-green (did you mean "all-at-once"?)'],
  },
  {
    name: 'a misspelled analysis provider',
    setup: config((y) => swap(y, 'provider: http-probe', 'provider: http-prob')),
    args: ['verify', ...withCase],
    code: 2,
    says: ['case.yml:25: deploy.analysis.provider: provider must be one of http-probe, prometheus, databricks-metrics (did you mean "http-probe"?)'],
  },
  {
    name: 'an unset ${VAR}',
    setup: config((y) => swap(y, 'retries: 0 }', 'retries: 0, headers: { authorization: "Bearer ${AGENT_RELEASE_BAD_INPUT_UNSET_TOKEN}" } }')),
    args: ['evaluate', '--model-version', '2', ...withCase],
    code: 2,
    says: ['case.yml:9: evaluate.endpoint.headers.authorization refers to ${AGENT_RELEASE_BAD_INPUT_UNSET_TOKEN}, which is not set'],
  },
  {
    name: 'an unset ${VAR} in the analysis URL does not stop a rollback, which does not analyse',
    setup: config((y) => y.replace(/^ {2}analysis:.*\n/m, '  analysis: { provider: prometheus, url: "${AGENT_RELEASE_BAD_INPUT_PROM_URL}", queries: { error_rate: "sum(x)" } }\n')),
    args: ['rollback', '--model-version', '99', ...withCase],
    code: 1,
    says: ['cannot roll back support-agent version 99: the registry has no such version'],
  },
  {
    name: 'an unset ${VAR} in the analysis URL stops a deploy, which analyses',
    setup: config((y) => y.replace(/^ {2}analysis:.*\n/m, '  analysis: { provider: prometheus, url: "${AGENT_RELEASE_BAD_INPUT_PROM_URL}", queries: { error_rate: "sum(x)" } }\n')),
    args: ['deploy', ...withCase],
    code: 2,
    says: ['case.yml:25: deploy.analysis.url refers to ${AGENT_RELEASE_BAD_INPUT_PROM_URL}, which is not set'],
  },
  {
    // Split without a shell, the command would have been given the text "$AGENT_RELEASE_VERSION" and reported success.
    name: 'a deploy command that relies on a shell to expand the version',
    setup: config((y) => swap(y, 'deploy: "node deploy.mjs"', 'deploy: "node deploy.mjs $AGENT_RELEASE_VERSION"')),
    args: ['deploy', ...withCase],
    code: 2,
    says: ['case.yml:23: deploy.command.deploy: `$AGENT_RELEASE_VERSION` would reach the program as it is written', `write bash -c '… "$AGENT_RELEASE_VERSION"'`],
  },
  {
    name: "an unset ${VAR} in the shadow judge's URL does not stop a gate dry run",
    setup: config((y) => `${y}shadow:\n  requests: { path: requests.jsonl }\n  judge: { url: "\${AGENT_RELEASE_BAD_INPUT_JUDGE_URL}" }\n`),
    args: ['gate', '--model-version', versions.passed, '--dry-run', ...withCase],
    code: 0,
    says: [],
    reports: ['Decision: **PASS**'],
  },
  { name: 'config format version 2', setup: config((y) => swap(y, 'version: 1', 'version: 2')), args: ['deploy', ...withCase], code: 2, says: ['case.yml:1: version: the config format version must be 1'] },
  { name: 'an empty config file', setup: config(() => ''), args: ['detect', ...withCase], code: 2, says: ['case.yml: the file is empty (or only comments); write at least version: 1'] },
  { name: 'a config that is a list', setup: config(() => '- version: 1\n'), args: ['rollback', ...withCase], code: 2, says: ['case.yml: expected a mapping of settings at the top level', 'got a list'] },
  {
    name: 'flow collections nested too deep',
    setup: config((y) => `${y}junk: ${'['.repeat(100)}${']'.repeat(100)}\n`),
    args: ['registry', 'register', '--source', 'http://127.0.0.1:9', ...withCase],
    code: 2,
    says: ['case.yml:26: mappings and lists nest more than 64 levels deep'],
  },
  {
    name: 'block mappings nested too deep',
    setup: config((y) => `${y}junk:\n${Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`),
    args: ['verify', ...withCase],
    code: 2,
    says: ['mappings and lists nest more than 64 levels deep'],
  },
];

const datasets: Case[] = [
  {
    name: 'a dataset file that does not exist',
    setup: config((y) => swap(y, 'path: golden.jsonl', 'path: eval/missing.jsonl')),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['cannot read dataset', 'eval/missing.jsonl: file not found (evaluate.dataset.path is relative to the workspace)'],
    check: unusedAgent,
  },
  {
    name: 'a line that is not JSON',
    setup: dataset('ds.jsonl', '{"id":"a","input":"refund?","expected":"refund"}\n{"id":"b","input":"x" "expected":"x"}\n'),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.jsonl:2: dataset line is not valid JSON', 'each line must be one JSON object'],
    check: unusedAgent,
  },
  {
    name: 'a truncated last line',
    setup: dataset('ds.jsonl', `${'{"id":"a","input":"refund?","expected":"refund"}\n{"id":"b","input":"x","expected":"x"}\n'}{"id":"c","input":`),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.jsonl:3: dataset line is not valid JSON'],
    check: unusedAgent,
  },
  {
    name: 'an id used twice',
    setup: dataset('ds.jsonl', '{"id":"a","input":"p","expected":"p"}\n{"id":"b","input":"q","expected":"q"}\n{"id":"a","input":"r","expected":"r"}\n'),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.jsonl:3: id "a" appears twice (lines 1 and 3); example ids must be unique'],
    check: unusedAgent,
  },
  {
    name: 'a Latin-1 JSONL file',
    setup: dataset('ds.jsonl', latin1('{"id":"a","input":"refund?","expected":"refund"}\n{"id":"b","input":"café","expected":"café"}\n')),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.jsonl:2: dataset is not valid UTF-8 (byte 0xE9', 'save it as UTF-8'],
    check: unusedAgent,
  },
  {
    name: 'a Latin-1 CSV file',
    setup: dataset('ds.csv', latin1('id,input,expected\na,café,café\n')),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.csv:2: dataset is not valid UTF-8 (byte 0xE9'],
    check: unusedAgent,
  },
  {
    name: 'a CSV without the input column',
    setup: dataset('ds.csv', 'id,question,expected\na,refund?,refund\n'),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.csv:2: missing column "input" (the input column); columns present: id, question, expected. Set evaluate.dataset.columns.input'],
    check: unusedAgent,
  },
  {
    name: 'a CSV row with a field missing',
    setup: dataset('ds.csv', 'id,input,expected\na,refund?\n'),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.csv:2: dataset is not valid CSV: the row has 2 fields but the header has 3'],
    check: unusedAgent,
  },
  {
    name: 'a JSONL line without the input field',
    setup: dataset('ds.jsonl', '{"id":"a","expected":"refund"}\n'),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.jsonl:1: missing field "input" (the input column); fields present: id, expected'],
    check: unusedAgent,
  },
  {
    name: 'a JSONL line that is not an object',
    setup: dataset('ds.jsonl', '[1,2]\n'),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.jsonl:1: dataset line: (top level): expected a JSON object'],
    check: unusedAgent,
  },
  {
    name: 'an empty JSONL file',
    setup: dataset('ds.jsonl', ''),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.jsonl is empty; it needs one JSON object per line'],
    check: unusedAgent,
  },
  {
    name: 'a JSONL file of blank lines',
    setup: dataset('ds.jsonl', '\n   \n\n'),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.jsonl is empty'],
    check: unusedAgent,
  },
  {
    name: 'a CSV with a header only',
    setup: dataset('ds.csv', 'id,input,expected\n'),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['ds.csv is empty; a CSV dataset needs a header row and one row per example'],
    check: unusedAgent,
  },
  {
    name: 'a dataset path that leaves the workspace (../x)',
    setup: config((y) => swap(y, 'path: golden.jsonl', 'path: ../golden.jsonl')),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['case.yml:8: evaluate.dataset.path: "../golden.jsonl" leaves the workspace', 'write it from the root, or as an absolute path'],
    check: unusedAgent,
  },
  {
    name: 'a dataset path that leaves the workspace on the way (eval/../../x)',
    setup: config((y) => swap(y, 'path: golden.jsonl', 'path: eval/../../golden.jsonl')),
    args: ['evaluate', '--model-version', versions.sentinel, ...withCase],
    code: 2,
    says: ['evaluate.dataset.path: "eval/../../golden.jsonl" leaves the workspace'],
    check: unusedAgent,
  },
  {
    name: 'a JSONL file with a byte order mark (accepted)',
    setup: dataset('ds.jsonl', `${bom}{"id":"refund","input":"How do I get a refund?","expected":"refund"}\n`),
    args: ['evaluate', '--model-version', versions.passed, ...withCase],
    code: 0,
    says: [],
    // Version 2 passed the gate on its earlier evaluation: the new one withdraws that decision.
    effect: { kind: 'writes', paths: /^\.agent-release\/(registry\.json|support-agent\/v2\/(summary\.json|results\.jsonl|decision(\.withdrawn)?\.json))$/ },
    check: async (ws) => {
      const summary = await ws.readJson<{ dataset: { rows: number }; metrics: Record<string, { value: number }> }>(summaryOf(versions.passed));
      expect([summary.dataset.rows, summary.metrics['contains/mean']?.value]).toEqual([1, 1]);
    },
  },
  {
    name: 'a CSV file with a byte order mark (accepted)',
    setup: dataset('ds.csv', `${bom}id,input,expected\nrefund,How do I get a refund?,refund\n`),
    args: ['evaluate', '--model-version', versions.passed, ...withCase],
    code: 0,
    says: [],
    // Version 2 passed the gate on its earlier evaluation: the new one withdraws that decision.
    effect: { kind: 'writes', paths: /^\.agent-release\/(registry\.json|support-agent\/v2\/(summary\.json|results\.jsonl|decision(\.withdrawn)?\.json))$/ },
    check: async (ws) => expect((await ws.readJson<{ dataset: { rows: number } }>(summaryOf(versions.passed))).dataset.rows).toBe(1),
  },
];

/** Evaluate fails when no example is answered; results.jsonl.partial keeps each example's error. */
const partialOf = (version: string): Effect => ({ kind: 'writes', paths: new RegExp(`^\\.agent-release/support-agent/v${version}/results\\.jsonl\\.partial$`) });
const partialKept = (version: string) => async (ws: CaseWorkspace): Promise<void> => {
  const rows = (await ws.read(`.agent-release/${model}/v${version}/results.jsonl.partial`)).trim().split('\n');
  expect(rows).toHaveLength(4);
};

const endpoints: Case[] = [
  {
    name: 'an agent that answers 500',
    args: ['evaluate', '--model-version', versions.serverError],
    code: 1,
    says: ['did not answer any of the 4 examples', 'HTTP 500: {"error":"boom"}" (×4)', 'results.jsonl.partial (kept for you'],
    effect: partialOf(versions.serverError),
    check: partialKept(versions.serverError),
  },
  {
    name: 'an agent that answers an HTML page',
    args: ['evaluate', '--model-version', versions.html],
    code: 1,
    says: ['did not answer any of the 4 examples', 'answered HTTP 200 with a body that is not JSON: (HTML error page)'],
    effect: partialOf(versions.html),
    check: partialKept(versions.html),
  },
  {
    name: 'an agent that answers JSON of the wrong shape',
    args: ['evaluate', '--model-version', versions.wrongShape],
    code: 1,
    says: ['agent response has no choices[0].message.content text (is evaluate.endpoint.format right?)'],
    effect: partialOf(versions.wrongShape),
    check: partialKept(versions.wrongShape),
  },
  {
    name: 'an agent that is down',
    args: ['evaluate', '--model-version', versions.down],
    code: 1,
    says: ['is unreachable: the first 4 requests all failed', 'ECONNREFUSED', 'check evaluate.endpoint.url and that the agent is running'],
  },
  {
    name: 'a failed re-evaluation keeps the earlier summary and results',
    setup: async (ws) => {
      await config((y) => swap(y, '"{{source}}/v1/chat/completions"', `"${agents.serverError.url}/v1/chat/completions"`))(ws);
    },
    args: ['evaluate', '--model-version', versions.champion, ...withCase],
    code: 1,
    says: ['did not answer any of the 4 examples'],
    effect: partialOf(versions.champion),
  },
];

const errorRecord = (version: string = versions.passed): Effect => ({ kind: 'gate-record', version, decision: 'error' });
const failRecord = (version: string = versions.passed): Effect => ({ kind: 'gate-record', version, decision: 'fail' });

const gates: Case[] = [
  {
    name: 'a summary that does not exist',
    args: ['gate', '--model-version', versions.passed, '--summary-path', 'eval/summary.json'],
    code: 2,
    says: ['cannot read evaluation summary', 'eval/summary.json: file not found; run evaluate first or pass its summary-path'],
    effect: errorRecord(),
  },
  {
    name: 'a summary path that is the folder holding it',
    args: ['gate', '--model-version', versions.passed, '--summary-path', `.agent-release/${model}/v2`],
    code: 2,
    says: [`/.agent-release/${model}/v2 is a folder; pass the summary.json evaluate wrote (e.g. `, `/.agent-release/${model}/v2/summary.json)`],
    effect: errorRecord(),
  },
  {
    name: 'a summary path that is the results file',
    args: ['gate', '--model-version', versions.passed, '--summary-path', `.agent-release/${model}/v2/results.jsonl`],
    code: 2,
    says: [`/.agent-release/${model}/v2/results.jsonl:2 is not valid JSON: `, 'it holds one JSON value per line, like results.jsonl or a dataset: pass the summary.json beside them'],
    effect: errorRecord(),
  },
  {
    name: 'a version never evaluated',
    args: ['gate', '--model-version', versions.serverError],
    code: 2,
    says: ['cannot read evaluation summary', `v${versions.serverError}/summary.json: file not found`],
    effect: errorRecord(versions.serverError),
  },
  {
    name: 'a summary cut short',
    setup: async (ws) => ws.write('short.json', '{"schema": "agent-release.summary/v1", "model": '),
    args: ['gate', '--model-version', versions.passed, '--summary-path', 'short.json'],
    code: 2,
    says: ['short.json is not valid JSON'],
    effect: errorRecord(),
  },
  {
    name: 'a summary of another schema',
    setup: summaryVariant('other.json', (s) => void (s.schema = 'someone-else.summary/v9')),
    args: ['gate', '--model-version', versions.passed, '--summary-path', 'other.json'],
    code: 2,
    says: ['other.json is not an agent-release.summary/v1 evaluation summary', 'schema:'],
    effect: errorRecord(),
  },
  {
    name: "a metric whose value is null",
    setup: summaryVariant('null-value.json', (s) => void ((s.metrics['contains/mean'] as { value: unknown }).value = null)),
    args: ['gate', '--model-version', versions.passed, '--summary-path', 'null-value.json'],
    code: 2,
    says: ['null-value.json is not an agent-release.summary/v1 evaluation summary', 'metrics["contains/mean"].value: Invalid input: expected number, received null'],
    effect: errorRecord(),
  },
  {
    name: 'a metric that is null',
    setup: summaryVariant('null-metric.json', (s) => void (s.metrics['contains/mean'] = null)),
    args: ['gate', '--model-version', versions.passed, '--summary-path', 'null-metric.json'],
    code: 2,
    says: ['metrics["contains/mean"]: Invalid input: expected number, received null'],
    effect: errorRecord(),
  },
  {
    name: 'the summary of another version',
    setup: summaryVariant('v1.json', (s) => void (s.model.version = '1')),
    args: ['gate', '--model-version', versions.passed, '--summary-path', 'v1.json'],
    code: 2,
    says: ['v1.json is the evaluation of support-agent version 1, but the gate was asked to decide support-agent version 2'],
    effect: errorRecord(),
  },
  {
    name: "one shard's summary",
    args: ['gate', '--model-version', versions.passed, '--summary-path', `.agent-release/${model}/v2/shard-1-of-2/summary.json`],
    code: 2,
    says: ['is shard 1/2 of a sharded evaluation', 'run merge over all 2 shards and gate the merged summary'],
    effect: errorRecord(),
  },
  {
    name: 'a config without a gate section',
    setup: config((y) => y.replace(/^gate:\n(?: {2}.*\n)+/m, '')),
    args: ['gate', '--model-version', versions.passed, ...withCase],
    code: 2,
    says: ['case.yml: gate mode needs a gate section with thresholds or a baseline'],
    effect: errorRecord(),
  },
  {
    name: 'a metric the summary does not have',
    setup: summaryVariant('no-metric.json', (s) => void delete s.metrics['contains/mean']),
    args: ['gate', '--model-version', versions.passed, '--summary-path', 'no-metric.json'],
    code: 1,
    reports: ['metric contains/mean is missing from no-metric.json; metrics present: error_rate', 'Map the name with gate.metric_aliases', 'Decision: **FAIL**'],
    says: [],
    effect: failRecord(),
  },
  {
    name: 'a signoff that is missing',
    setup: signoff(''),
    args: ['gate', '--model-version', versions.passed, ...withCase],
    code: 1,
    reports: ['signoffs/v2/decision.md: not found; the signoff for version 2 must be recorded there'],
    says: [],
    effect: failRecord(),
  },
  {
    name: 'a signoff in lower case',
    setup: signoff('---\nengineering_signoff:\n  decision: approved\nstakeholder_signoff:\n  decision: APPROVED\n---\n'),
    args: ['gate', '--model-version', versions.passed, ...withCase],
    code: 1,
    reports: ['signoffs/v2/decision.md:3: engineering_signoff.decision is "approved", not APPROVED or APPROVED_WITH_CONDITIONS (did you mean "APPROVED"?'],
    says: [],
    effect: failRecord(),
  },
  {
    name: 'a signoff whose front matter is not YAML',
    setup: signoff('---\nengineering_signoff:\n  decision: APPROVED\n  stakeholder_signoff: [\n---\n'),
    args: ['gate', '--model-version', versions.passed, ...withCase],
    code: 1,
    reports: ['signoffs/v2/decision.md:4: front matter is not valid YAML'],
    says: [],
    effect: failRecord(),
  },
  {
    name: 'a signoff for another version',
    setup: signoff('---\nversion: 3\nengineering_signoff:\n  decision: APPROVED\nstakeholder_signoff:\n  decision: APPROVED\n---\n'),
    args: ['gate', '--model-version', versions.passed, ...withCase],
    code: 1,
    reports: ['signoffs/v2/decision.md:2: says version 3, but the file is under v2/'],
    says: [],
    effect: failRecord(),
  },
  {
    name: 'a version the registry does not have',
    args: ['gate', '--model-version', '99'],
    code: 1,
    says: ['support-agent has no version 99 in the local registry (versions: 1, 2, 3, 4, 5, 6, 7, 8)'],
  },
  {
    // Refused while the config loads: the model settings still say where the record lives, so the
    // earlier pass is withdrawn, and promote refuses even with the config that was fine before.
    name: 'a gate threshold of the wrong type',
    setup: config((y) => swap(y, '{ min: 0.75 }', '{ min: "high" }')),
    args: ['gate', '--model-version', versions.passed, ...withCase],
    code: 2,
    says: ['case.yml:16: gate.thresholds["contains/mean"].min: expected number, got "high"'],
    effect: errorRecord(),
    check: async (ws) => {
      const promoted = await ws.cli(['promote', '--model-version', versions.passed]);
      expect(promoted.code).toBe(1);
      expect((await ws.registry()).models[model]?.aliases.champion).toBe(versions.champion);
    },
  },
  {
    // Nothing can stand for a version the registry does not have: no record, no stray file, no warning about one.
    name: 'a gate threshold of the wrong type, for a version the registry does not have',
    setup: config((y) => swap(y, '{ min: 0.75 }', '{ min: "high" }')),
    args: ['gate', '--model-version', '99', ...withCase],
    code: 2,
    says: ['case.yml:16: gate.thresholds["contains/mean"].min: expected number, got "high"'],
    check: async (_ws, run) => expect(run.stderr).not.toMatch(/withdraw|still stands/),
  },
];

const promotes: Case[] = [
  { name: 'a version without a gate decision', args: ['promote', '--model-version', versions.serverError], code: 1, says: ['support-agent version 4 has no gate decision; only a version that passed the gate can be promoted to @champion'] },
  { name: 'a version that failed the gate', args: ['promote', '--model-version', versions.failed], code: 1, says: ['support-agent version 3 has a failed gate decision (agent_release.gate.decision = fail)'] },
  { name: 'a version the registry does not have', args: ['promote', '--model-version', '99'], code: 1, says: ['support-agent has no version 99 in the local registry'] },
  {
    name: 'a pass tag set by hand on a version never gated',
    setup: async (ws) => ws.editRegistry((r) => void (r.models[model]!.versions[versions.serverError]!.tags['agent_release.gate.decision'] = 'pass')),
    args: ['promote', '--model-version', versions.serverError],
    code: 1,
    says: ['refusing to promote support-agent version 4 to @champion: its agent_release.gate.decision tag says pass, but there is no agent_release.gate.decision_sha256 tag'],
  },
  {
    name: 'a pass tag set by hand over a failed record',
    setup: async (ws) => ws.editRegistry((r) => void (r.models[model]!.versions[versions.failed]!.tags['agent_release.gate.decision'] = 'pass')),
    args: ['promote', '--model-version', versions.failed],
    code: 1,
    says: ['the gate decision record .agent-release/support-agent/v3/decision.json says fail, although the agent_release.gate.decision tag says pass'],
  },
  {
    name: 'a decision record edited after the gate',
    setup: async (ws) => ws.write(decisionOf(versions.passed), (await ws.read(decisionOf(versions.passed))).replace('"pass"', '"pass" ')),
    args: ['promote', '--model-version', versions.passed],
    code: 1,
    says: ['the gate decision record does not match the agent_release.gate.decision_sha256 tag', 'The record or the tag was changed after the gate decided'],
  },
  {
    name: 'a decision record that is gone',
    setup: async (ws) => ws.remove(decisionOf(versions.passed)),
    args: ['promote', '--model-version', versions.passed],
    code: 1,
    says: ['its gate decision record is neither at .agent-release/support-agent/v2/decision.json nor in MLflow'],
  },
  {
    name: "another version's passing record and tags copied over",
    setup: async (ws) => {
      await ws.write(decisionOf(versions.serverError), await ws.read(decisionOf(versions.passed)));
      await ws.editRegistry((r) => {
        const { versions: all } = r.models[model]!;
        for (const [key, value] of Object.entries(all[versions.passed]!.tags)) if (key.startsWith('agent_release.gate.')) all[versions.serverError]!.tags[key] = value;
      });
    },
    args: ['promote', '--model-version', versions.serverError],
    code: 1,
    says: ['decision.json is the decision on support-agent version 2, not on this release; re-run the gate for version 4'],
  },
  {
    name: 'an alias moved since the gate decided',
    setup: async (ws) => ws.editRegistry((r) => void (r.models[model]!.aliases.champion = versions.failed)),
    args: ['promote', '--model-version', versions.passed],
    code: 1,
    says: ['@champion is held by version 3, but version 1 was expected (holder when the gate decided). Someone else released since'],
  },
  { name: 'an expected version that does not hold the alias', args: ['promote', '--model-version', versions.passed, '--expected-version', '3'], code: 1, says: ['@champion is held by version 1, but version 3 was expected (expected-version input)'] },
  { name: 'an unset alias expected where one is set', args: ['promote', '--model-version', versions.passed, '--expected-version', 'none'], code: 1, says: ['@champion is held by version 1, but no version was expected (expected-version input)'] },
];

const rollouts: Case[] = [
  { name: 'deploy without a deploy section', setup: config((y) => y.slice(0, y.indexOf('deploy:\n'))), args: ['deploy', ...withCase], code: 2, says: ['case.yml: deploy mode needs a deploy section (target, strategy, command)'] },
  { name: 'deploy of a version the registry does not have', args: ['deploy', '--model-version', '99'], code: 1, says: ['refusing to deploy support-agent version 99 to default; nothing was changed: the local registry has no version 99'] },
  { name: 'deploy of a version that does not hold the alias', args: ['deploy', '--model-version', versions.passed], code: 1, says: ['refusing to deploy support-agent version 2: it does not hold @champion (version 1 does); promote it first'] },
  {
    name: 'a deploy command that fails rolls back',
    setup: async (ws) => {
      const promoted = await ws.cli(['promote', '--model-version', versions.passed]);
      expect(promoted.code).toBe(0);
    },
    env: { FAIL_DEPLOY: versions.passed },
    args: ['deploy'],
    code: 1,
    says: ['deploy exploded'],
    reports: ['**Rolled back** after deploy failed: deploy command `node deploy.mjs` exited with code 3'],
    effect: { kind: 'writes', paths: /^(deployments\.log|\.agent-release\/registry\.json|\.agent-release\/support-agent\/rollouts\/default\.json)$/ },
    check: async (ws) => {
      expect((await ws.registry()).models[model]?.aliases.champion).toBe(versions.champion);
      const log = (await ws.read('deployments.log')).trim().split('\n').map((line) => JSON.parse(line) as { version: string });
      expect(log.slice(-2).map((entry) => entry.version)).toEqual([versions.passed, versions.champion]);
    },
  },
  {
    name: 'a deploy command that is not installed',
    setup: async (ws) => {
      expect((await ws.cli(['promote', '--model-version', versions.passed])).code).toBe(0);
      await config((y) => swap(y, 'deploy: "node deploy.mjs"', 'deploy: "./no-such-deploy.sh"'))(ws);
    },
    args: ['deploy', ...withCase],
    code: 1,
    reports: ['deploy command `./no-such-deploy.sh` could not start', 'check that ./no-such-deploy.sh is installed and on PATH'],
    says: [],
    effect: { kind: 'writes', paths: /^(deployments\.log|\.agent-release\/registry\.json|\.agent-release\/support-agent\/rollouts\/default\.json)$/ },
  },
  { name: 'verify without deploy.analysis', setup: config((y) => y.replace(/^ {2}analysis:.*\n/m, '')), args: ['verify', ...withCase], code: 2, says: ['case.yml: verify mode runs deploy.analysis, which is not configured'] },
  { name: 'verify of a version the registry does not have', args: ['verify', '--model-version', '99'], code: 1, says: ['support-agent has no version 99 in the local registry'] },
  {
    name: 'verify against an endpoint that is down',
    setup: config((y) => swap(y, `url: "${agents.ok.url}/health"`, `url: "${agents.downUrl}/health"`)),
    args: ['verify', ...withCase],
    code: 1,
    says: [],
    reports: ['error_rate = 1 is above the maximum 0.1 (4 of 4 requests failed: 4 × connection refused)'],
  },
  { name: 'rollback of a version the registry does not have', args: ['rollback', '--model-version', '99'], code: 1, says: ['cannot roll back support-agent version 99: the registry has no such version'] },
  { name: 'rollback to a version that never held the alias', args: ['rollback', '--to-version', versions.failed], code: 1, says: ['cannot roll back to support-agent version 3: it never held @champion, so it is not a known-good release'] },
  { name: 'rollback to a version the registry does not have', args: ['rollback', '--to-version', '99'], code: 1, says: ['cannot roll back to support-agent version 99: the registry has no such version'] },
];

const registry: Case[] = [
  {
    name: 'a reserved agent_release.* tag',
    args: ['registry', 'register', '--source', 'http://127.0.0.1:9', '--tag', 'agent_release.gate.decision=pass'],
    code: 2,
    says: ['--tag "agent_release.gate.decision" is reserved: tags under agent_release. are the release record agent-release writes itself'],
  },
  { name: 'a reserved tag behind a space', args: ['registry', 'register', '--source', 'http://127.0.0.1:9', '--tag', ' agent_release.champion.promoted_by=me'], code: 2, says: ['is reserved'] },
  { name: 'a tag without =', args: ['registry', 'register', '--source', 'http://127.0.0.1:9', '--tag', 'team'], code: 2, says: ['--tag "team" must look like key=value'] },
  {
    name: 'a --source that makes no URL for {{source}}',
    args: ['registry', 'register', '--source', 'not a url'],
    code: 2,
    says: ['--source "not a url" cannot be registered: evaluate.endpoint.url in .github/agent-release.yml is "{{source}}/v1/chat/completions", which makes "not a url/v1/chat/completions", not an http(s) URL'],
  },
  { name: 'a --source that is not http(s)', args: ['registry', 'register', '--source', 'ftp://agents.example.com'], code: 2, says: ['which makes "ftp://agents.example.com/v1/chat/completions", not an http(s) URL'] },
  { name: 'a --source without a host', args: ['registry', 'register', '--source', 'http://'], code: 2, says: ['--source "http://" cannot be registered', 'not an http(s) URL'] },
  { name: 'a --source with spaces around it', args: ['registry', 'register', '--source', ' http://127.0.0.1:9'], code: 2, says: ['--source " http://127.0.0.1:9" has spaces around it; give the URI alone'] },
  { name: 'register without --source', args: ['registry', 'register'], code: 2, says: ['registry register needs --source URI'] },
  { name: 'register given a version', args: ['registry', 'register', '--source', 'http://127.0.0.1:9', '--model-version', '9'], code: 2, says: ['--model-version is for registry show; registry register numbers the new version itself'] },
  {
    name: 'a tag named like an object property, given once (accepted)',
    args: ['registry', 'register', '--source', 'http://127.0.0.1:9', '--tag', 'toString=x', '--tag', 'constructor=y'],
    code: 0,
    says: [],
    effect: { kind: 'writes', paths: /^\.agent-release\/registry\.json$/ },
  },
  { name: 'a tag key given twice', args: ['registry', 'register', '--source', 'http://127.0.0.1:9', '--tag', 'team=a', '--tag', 'team=b'], code: 2, says: ['--tag "team" is given twice; give each key once'] },
  { name: 'show given a source', args: ['registry', 'show', '--source', 'http://127.0.0.1:9'], code: 2, says: ['--source is for registry register; registry show reads the registry only'] },
  { name: 'a misspelled registry subcommand', args: ['registry', 'regster'], code: 2, says: ['registry needs a subcommand: register or show (got "regster"; did you mean "register"?)'] },
  { name: 'registry without a subcommand', args: ['registry'], code: 2, says: ['registry needs a subcommand: register or show'] },
  { name: 'show of a version the registry does not have', args: ['registry', 'show', '--model-version', '99'], code: 1, says: ['support-agent has no version 99 in the local registry (versions: 1,'] },
  {
    name: 'a registry file that is not JSON',
    setup: async (ws) => ws.write(registryFile, '{"schema": "agent-release.registry/v1", "models": {'),
    args: ['registry', 'register', '--source', 'http://127.0.0.1:9'],
    code: 2,
    says: ['.agent-release/registry.json:1 is not valid JSON', 'restore it from version control or a backup'],
  },
  { name: 'detect over a registry file that is not JSON', setup: async (ws) => ws.write(registryFile, '{'), args: ['detect'], code: 2, says: ['registry file', 'registry.json:1 is not valid JSON'] },
  {
    name: 'a registry file of another schema',
    setup: async (ws) => ws.write(registryFile, '{"schema": "someone-else/v1"}\n'),
    args: ['promote', '--model-version', versions.passed],
    code: 2,
    says: ['registry.json is not an agent-release registry: schema'],
  },
];

const merges: Case[] = [
  { name: 'a version without shards', args: ['merge', '--model-version', versions.champion], code: 2, says: ['no shard summaries (summary.json) under .agent-release/support-agent/v1'] },
  {
    name: 'a shard missing',
    setup: async (ws) => ws.remove(`.agent-release/${model}/v2/shard-2-of-2`),
    args: ['merge', '--model-version', versions.passed],
    code: 2,
    says: ['shard 2/2 is missing (found 1/2); re-run the missing shard\'s job'],
  },
  {
    name: 'a shard downloaded twice',
    setup: async (ws) => {
      await ws.write('dup/shard-1-of-2/summary.json', await ws.read(`.agent-release/${model}/v2/shard-1-of-2/summary.json`));
      await ws.write('dup/shard-1-of-2/results.jsonl', await ws.read(`.agent-release/${model}/v2/shard-1-of-2/results.jsonl`));
    },
    args: ['merge', '--model-version', versions.passed, '--shards-path', `.agent-release/${model}/v2`, '--shards-path', 'dup'],
    code: 2,
    says: ['shard 1/2 appears 2 times', 'dup/shard-1-of-2/summary.json; keep one'],
  },
  { name: 'a shards path that does not exist', args: ['merge', '--model-version', '99'], code: 2, says: ['shards path .agent-release/support-agent/v99 does not exist'] },
  {
    name: 'a summary that is not a shard',
    args: ['merge', '--model-version', versions.passed, '--shards-path', summaryOf(versions.passed)],
    code: 2,
    says: ['summary.json is not a shard summary (it has no shard field)'],
  },
];

const artifactEscape = (mode: string[]): Case => ({
  name: `artifacts_dir: ../../.. (${mode[0]})`,
  setup: config((y) => swap(y, 'artifacts_dir: .agent-release', 'artifacts_dir: ../../..')),
  args: [...mode, ...withCase],
  code: 2,
  says: ['case.yml:6: artifacts_dir: "../../.." leaves the workspace: the path is relative to the workspace (the repository root), not to the config file'],
});

const escapes: Case[] = [
  artifactEscape(['evaluate', '--model-version', versions.passed]),
  artifactEscape(['promote', '--model-version', versions.passed]),
  artifactEscape(['merge', '--model-version', versions.passed]),
];

const table: [string, Case][] = Object.entries({ usage, configuration, datasets, endpoints, gates, promotes, rollouts, registry, merges, escapes }).flatMap(([group, cases]) =>
  cases.map((c): [string, Case] => [`${group}: ${c.name}`, c]),
);

it('has at least 60 cases across every mode', () => {
  const modes = new Set(table.map(([, c]) => (c.args[0] === 'registry' ? `registry ${c.args[1] ?? ''}` : c.args[0])));
  for (const mode of ['evaluate', 'merge', 'gate', 'promote', 'deploy', 'verify', 'rollback', 'detect', 'registry register']) expect(modes).toContain(mode);
  expect(table.length).toBeGreaterThanOrEqual(60);
});

it.concurrent.each(table)('%s', async (_name, c) => {
  const ws = await copyWorkspace(template);
  try {
    await c.setup?.(ws);
    const before = await fingerprint(ws.dir);
    const run = await ws.cli(c.args, c.env);
    const context = `agent-release ${c.args.join(' ')}\nexit ${run.code}\nstderr:\n${run.stderr}\nstdout:\n${run.stdout}`;
    expect({ code: run.code, context }).toEqual({ code: c.code, context });
    for (const phrase of c.says) expect(run.stderr).toContain(phrase);
    for (const phrase of c.reports ?? []) expect(run.stdout).toContain(phrase);
    if (c.code === 2 && c.args.length) expect(run.stderr).toMatch(/^agent-release: /m);
    await expectEffect(ws, c.effect ?? { kind: 'none' }, before);
    await c.check?.(ws, run);
  } finally {
    await ws.cleanup();
  }
});

async function expectEffect(ws: CaseWorkspace, effect: Effect, before: Map<string, string>): Promise<void> {
  const changed = changedPaths(before, await fingerprint(ws.dir));
  if (effect.kind === 'none') return expect(changed).toEqual([]);
  if (effect.kind === 'writes') return expect(changed.filter((file) => !effect.paths.test(file))).toEqual([]);
  const record = decisionOf(effect.version);
  // The decided record a withdrawal replaces is kept beside it, for an audit.
  const withdrawn = record.replace(/decision\.json$/, 'decision.withdrawn.json');
  expect(changed.filter((file) => file !== registryFile && file !== record && file !== withdrawn)).toEqual([]);
  if (changed.includes(withdrawn)) expect(['pass', 'fail']).toContain((JSON.parse(await ws.read(withdrawn)) as { decision: string }).decision);
  const text = await ws.read(record);
  const decision = JSON.parse(text) as { decision: string; model: { name: string; version: string } };
  expect([decision.decision, decision.model]).toEqual([effect.decision, { name: model, version: effect.version }]);
  const tags = (await ws.registry()).models[model]?.versions[effect.version]?.tags ?? {};
  expect([tags['agent_release.gate.decision'], tags['agent_release.gate.decision_sha256']]).toEqual([effect.decision, sha256Hex(text)]);
  // Whatever the version held before, promote now refuses it and changes nothing.
  const beforePromote = await fingerprint(ws.dir);
  const promoted = await ws.cli(['promote', '--model-version', effect.version]);
  expect(promoted.code).toBe(1);
  expect(promoted.stderr).toContain(
    effect.decision === 'fail' ? `version ${effect.version} has a failed gate decision` : `version ${effect.version} has no completed gate decision (agent_release.gate.decision = error`,
  );
  expect(changedPaths(beforePromote, await fingerprint(ws.dir))).toEqual([]);
}

