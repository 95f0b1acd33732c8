import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, parseConfig } from '../../src/config/load';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';
import { ConfigError } from '../../src/errors';
import { sectionsUsed } from '../../src/modes';

const base = `version: 1
model:
  name: support-agent
gate:
  thresholds:
    "relevance/mean": { min: 0.7 }
`;

function load(text: string, options: { environment?: string; env?: Record<string, string> } = {}) {
  return parseConfig(text, { file: '.github/agent-release.yml', workdir: '/ws', environment: options.environment, env: options.env ?? {}, checkJsonSchema: jsonSchemaProblem });
}

function errorOf(text: string, options: { environment?: string; env?: Record<string, string> } = {}): string {
  try {
    load(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config: valid files', () => {
  it('fills defaults and keeps the values given', () => {
    const { config } = load(base);
    expect(config.model).toEqual({ name: 'support-agent', registry: 'local', path: '.agent-release/registry.json' });
    expect(config.promote.alias).toBe('champion');
    expect(config.gate?.missing_metric).toBe('fail');
    expect(config.gate?.thresholds['relevance/mean']).toEqual({ min: 0.7 });
  });

  it('interpolates ${VAR}, ${VAR:-default} and keeps $${ literal', () => {
    const text = `${base}evaluate:
  dataset: { path: "\${DATA:-eval/golden.jsonl}" }
  endpoint: { url: "\${AGENT_URL}/v1", headers: { authorization: "Bearer \${AGENT_TOKEN}", x-literal: "$\${NOT_A_VAR}" } }
  scorers: [{ type: contains }]
`;
    const loaded = load(text, { env: { AGENT_URL: 'http://agent', AGENT_TOKEN: 'sk-secret-1' } });
    expect(loaded.config.evaluate?.endpoint?.url).toBe('http://agent/v1');
    expect(loaded.config.evaluate?.dataset?.path).toBe('eval/golden.jsonl');
    expect(loaded.config.evaluate?.endpoint?.headers).toEqual({ authorization: 'Bearer sk-secret-1', 'x-literal': '${NOT_A_VAR}' });
    expect(loaded.secrets).toEqual(['sk-secret-1']);
  });

  it('takes a header value as a secret whatever its variable is called', () => {
    const text = `${base}evaluate:
  dataset: { path: d }
  endpoint: { url: "\${AGENT_URL}/v1", headers: { authorization: "Bearer \${AGENT_KEY}", x-team: "\${TEAM:-support}" } }
  scorers: [{ type: contains }]
`;
    const loaded = load(text, { env: { AGENT_URL: 'http://agent', AGENT_KEY: 'key-0123456789' } });
    expect(loaded.secrets).toEqual(['key-0123456789']);
  });

  it('merges the selected environment over the base: maps merge, lists and scalars replace', () => {
    const text = `${base}promote: { alias: staging }
environments:
  production:
    promote: { alias: champion }
    gate: { thresholds: { "safety/mean": { min: 0.9 } } }
`;
    expect(load(text).config.promote.alias).toBe('staging');
    const prod = load(text, { environment: 'production' });
    expect(prod.config.promote.alias).toBe('champion');
    expect(prod.config.gate?.thresholds).toEqual({ 'relevance/mean': { min: 0.7 }, 'safety/mean': { min: 0.9 } });
    expect(prod.environment).toBe('production');
  });

  it('parses durations', () => {
    const text = `${base}evaluate:
  dataset: { path: d.jsonl }
  endpoint: { url: "http://x", timeout: 1.5s }
  scorers: [{ type: latency, max_ms: 100 }]
`;
    expect(load(text).config.evaluate?.endpoint?.timeout).toBe(1500);
  });
});

describe('config: errors name the file, line, path, value and what was expected', () => {
  const cases: [string, string, string][] = [
    ['not YAML', 'version: 1\nmodel: [unclosed\n', '.github/agent-release.yml is not valid YAML:\n.github/agent-release.yml:3:1:'],
    ['a threshold of .nan', 'version: 1\nmodel: { name: a }\ngate:\n  thresholds:\n    contains/mean: { min: .nan }\n', 'gate.thresholds["contains/mean"].min: expected number, got .nan (not a number)'],
    ['a threshold of -.inf', 'version: 1\nmodel: { name: a }\ngate:\n  thresholds:\n    contains/mean: { min: -.inf }\n', 'gate.thresholds["contains/mean"].min: expected number, got -.inf (infinity)'],
    ['duplicate keys', 'version: 1\nversion: 1\n', '.github/agent-release.yml:2:1: version is given twice (first at line 1); keep one'],
    [
      'a key given twice deep in a list',
      'version: 1\nmodel: { name: a }\nevaluate:\n  scorers:\n    - type: contains\n    - type: latency\n      max_ms: 100\n      max_ms: 200\n',
      '.github/agent-release.yml:8:7: evaluate.scorers[1].max_ms is given twice (first at line 7); keep one',
    ],
    [
      'nesting no config needs (once a crash of the whole process)',
      `version: 1\nmodel: { name: a }\nx: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`,
      '.github/agent-release.yml:3: mappings and lists nest more than 64 levels deep (a handful is normal); the file is likely damaged, or written by a tool gone wrong',
    ],
    ['nesting found after composing', `version: 1\nmodel: { name: a }\nx: ${'[a: '.repeat(40)}${']'.repeat(40)}\n`, '.github/agent-release.yml:3: mappings and lists nest more than 64 levels deep'],
    ['compact lists 100 kB deep (yaml\'s parser recurses on them)', `version: 1\nmodel: { name: a }\nx:\n${'- '.repeat(50_000)}y\nz: 1\n`, '.github/agent-release.yml:4: mappings and lists nest more than 64 levels deep'],
    ['an alias that contains itself', 'version: 1\nmodel: { name: a }\nx: &loop [*loop]\n', '.github/agent-release.yml: aliases (*name) make settings nest more than 64 levels deep, or contain themselves; write those settings out'],
    [
      'an alias that nests deeper than the text does',
      `version: 1\nmodel: { name: a }\nx: &deep ${'['.repeat(60)}${']'.repeat(60)}\ny: ${'['.repeat(8)}*deep${']'.repeat(8)}\n`,
      '.github/agent-release.yml: aliases (*name) make settings nest more than 64 levels deep',
    ],
    [
      'aliases that expand exponentially',
      `version: 1\nmodel: { name: a }\n${Array.from({ length: 12 }, (_, i) => (i === 0 ? 'a0: &a0 [x, x, x, x]' : `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`)).join('\n')}\n`,
      '.github/agent-release.yml: Excessive alias count indicates a resource exhaustion attack; use fewer aliases (*name)',
    ],
    ['an empty file', '# nothing yet\n', '.github/agent-release.yml: the file is empty (or only comments); write at least version: 1 and model: { name: ... }'],
    ['a list at the top', '- a\n- b\n', '.github/agent-release.yml: expected a mapping of settings at the top level (version: 1, model: ...), got a list of 2 items'],
    [
      'unknown key with a suggestion',
      `${base}  treshold: 3\n`,
      '.github/agent-release.yml:7: gate: unknown key "treshold" (did you mean "thresholds"?); valid keys: thresholds, metric_aliases, missing_metric',
    ],
    [
      'enum with the valid choices',
      `${base}deploy: { strategy: canery, command: { deploy: a, rollback: b } }\n`,
      '.github/agent-release.yml:7: deploy.strategy: "canery" is not one of all-at-once',
    ],
    ['a misspelled environments', `${base}enviroments: { staging: {} }\n`, '.github/agent-release.yml:7: (top level): unknown key "enviroments" (did you mean "environments"?); valid keys: version, model, experiments, artifacts_dir, evaluate, gate, promote, deploy, notifications, shadow, environments'],
    [
      'a probe URL with a placeholder it cannot fill',
      `${base}deploy: { command: { deploy: a, rollback: b }, analysis: { provider: http-probe, url: "{{source}}/health" } }\n`,
      '.github/agent-release.yml:7: deploy.analysis.url: unknown placeholder {{source}}; available: {{version}}, {{model}}, {{previous_version}}, {{environment}}, {{served_entity}}',
    ],
    ['an endpoint URL with a scheme no HTTP client speaks', `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: "htp:/127.0.0.1:8080/v1" }\n  scorers: [{ type: contains }]\n`, '.github/agent-release.yml:9: evaluate.endpoint.url: must be an http:// or https:// URL, got htp://…'],
    ['a probe URL that is not a URL', `${base}deploy: { command: { deploy: a, rollback: b }, analysis: { provider: http-probe, url: "not a url" } }\n`, '.github/agent-release.yml:7: deploy.analysis.url: not a URL; write it as http://host:port/path or https://host/path'],
    ['a deployment URL that is not a URL', `${base}deploy: { command: { deploy: a, rollback: b }, url: "::nope" }\n`, 'deploy.url: not a URL; write it as http://host:port/path or https://host/path'],
    ['a deployment URL with a placeholder it cannot fill', `${base}deploy: { command: { deploy: a, rollback: b }, url: "https://x/{{versoin}}" }\n`, 'deploy.url: unknown placeholder {{versoin}}; available: {{version}}, {{model}}, {{environment}}'],
    ['an enum given a mapping', `${base}deploy: { strategy: { name: canary }, command: { deploy: a, rollback: b } }\n`, '.github/agent-release.yml:7: deploy.strategy: expected one of all-at-once, canary, blue-green, got a mapping'],
    ['a number below its bound, in words', `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: u }\n  scorers: [{ type: contains }]\n  concurrency: 0\n`, '.github/agent-release.yml:11: evaluate.concurrency: must be at least 1, got 0'],
    ['an empty list where one item is needed, in words', `${base}deploy: { strategy: canary, steps: [], command: { deploy: a, rollback: b, set_traffic: c } }\n`, 'deploy.steps: must list at least one item, got an empty list'],
    ['wrong type shows the value', `version: 1\nmodel: { name: a }\ngate:\n  thresholds:\n    "relevance/mean": { min: high }\n`, '.github/agent-release.yml:5: gate.thresholds["relevance/mean"].min: expected number, got "high"'],
    ['missing required field', 'version: 1\nmodel: { registry: local }\n', '.github/agent-release.yml:2: model.name: required, expected string'],
    ['wrong version', 'version: 2\nmodel: { name: a }\n', '.github/agent-release.yml:1: version: the config format version must be 1'],
    ['threshold without limits', `version: 1\nmodel: { name: a }\ngate:\n  thresholds:\n    "x/mean": {}\n`, '.github/agent-release.yml:5: gate.thresholds["x/mean"]: give min, max or both'],
    ['threshold whose min is above its max', `version: 1\nmodel: { name: a }\ngate:\n  thresholds:\n    "x/mean": { min: 0.5, max: 0.1 }\n`, '.github/agent-release.yml:5: gate.thresholds["x/mean"].min: min 0.5 is above max 0.1; no value could pass'],
    ['bad metric name', `version: 1\nmodel: { name: a }\ngate:\n  thresholds:\n    "has space": { min: 1 }\n`, 'metric names look like "scorer/mean" or "latency_ms/p95"'],
    ['bad duration', `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: u, timeout: soon }\n  scorers: [{ type: contains }]\n`, '.github/agent-release.yml:9: evaluate.endpoint.timeout: "soon" is not a duration; write e.g. 500ms, 30s, 10m or 1h'],
    ['a credential header written in the file', `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: "http://agent/v1", headers: { Authorization: "Bearer sk-proj-0123456789" } }\n  scorers: [{ type: contains }]\n`, '.github/agent-release.yml:9: evaluate.endpoint.headers.Authorization: the Authorization header carries a credential; write it as ${NAME}'],
    ['a timeout of 0', `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: "http://agent/v1", timeout: 0s }\n  scorers: [{ type: contains }]\n`, '.github/agent-release.yml:9: evaluate.endpoint.timeout: must be longer than 0 (a timeout of 0 gives up before the first try); write e.g. 30s'],
    ['a probe timeout of 0', `${base}deploy: { command: { deploy: a, rollback: b }, analysis: { provider: http-probe, url: "http://agent/health", timeout: 0 } }\n`, 'deploy.analysis.timeout: must be longer than 0'],
    ['unknown scorer', `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: u }\n  scorers: [{ type: bleu }]\n`, '.github/agent-release.yml:10: evaluate.scorers[0].type: scorer type must be one of contains, exact_match, latency'],
    ['traces cap of 0', `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: u }\n  scorers: [{ type: contains }]\n  traces: { max: 0 }\n`, '.github/agent-release.yml:11: evaluate.traces.max: at least 1 trace per evaluation (to log none, set enabled: false)'],
    ['unknown traces key', `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: u }\n  scorers: [{ type: contains }]\n  traces: { sample: 0.1 }\n`, '.github/agent-release.yml:11: evaluate.traces: unknown key "sample"'],
    ['command target without commands', `${base}deploy: { target: command }\n`, '.github/agent-release.yml:7: deploy.command: the command target needs command.deploy and command.rollback'],
    ['an unclosed ${', `${base}artifacts_dir: "\${UNSET_AD"\n`, '.github/agent-release.yml:7: artifacts_dir: "${UNSET_AD" has a ${ that does not start a variable: write ${NAME} (letters, digits and _, closed by }) or ${NAME:-default}, or $${ for a literal ${'],
    ['spaces inside ${ }', `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: "http://agent/\${ HOME }/v1" }\n  scorers: [{ type: contains }]\n`, '.github/agent-release.yml:9: evaluate.endpoint.url: "http://agent/${ HOME }/v1" has a ${ that does not start a variable'],
    [
      'unset variable',
      `${base}evaluate:\n  dataset: { path: d }\n  endpoint: { url: "\${AGENT_URL}" }\n  scorers: [{ type: contains }]\n`,
      '.github/agent-release.yml:9: evaluate.endpoint.url refers to ${AGENT_URL}, which is not set; set the environment variable (in GitHub Actions, under env: from a secret or variable) or give a default as ${AGENT_URL:-value}',
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(errorOf(text)).toContain(expected);
  });

  it('reports an unknown environment with the defined ones', () => {
    const text = `${base}environments:\n  staging: {}\n  production: {}\n`;
    expect(errorOf(text, { environment: 'prod' })).toBe(
      '.github/agent-release.yml: environment "prod" is not defined under environments; defined: staging, production',
    );
    expect(errorOf(text, { environment: 'stagin' })).toContain('(did you mean "staging"?)');
  });

  it('points an error in the selected overlay at the overlay line', () => {
    const text = `${base}environments:\n  production:\n    promote: { alias: "not valid!" }\n`;
    expect(errorOf(text, { environment: 'production' })).toBe(
      'invalid configuration in .github/agent-release.yml (with environments.production applied):\n  - .github/agent-release.yml:9: environments.production.promote.alias: an alias is a name like champion or staging, got "not valid!"',
    );
  });

  it('checks overlays that are not selected, so a production typo fails the staging run too', () => {
    const text = `${base}environments:\n  staging: {}\n  production:\n    promte: { alias: champion }\n`;
    expect(errorOf(text, { environment: 'staging' })).toContain('.github/agent-release.yml:10: environments.production: unknown key "promte" (did you mean "promote"?)');
  });

  it('reports a mistake in the base as the base\'s, not as an overlay\'s, when no environment is selected', () => {
    const text = `${base}promote: { alias: "not valid!" }\nenvironments:\n  staging: {}\n`;
    const error = errorOf(text);
    expect(error).toContain('invalid configuration in .github/agent-release.yml:\n');
    expect(error).toContain('promote.alias: an alias is a name like champion or staging, got "not valid!"');
    expect(error).not.toContain('environments.staging');
  });

  it("lists deploy.analysis's own keys (judgement, canary) for an unknown one, with a did-you-mean", () => {
    const deploy = (analysis: string) =>
      `${base}deploy:\n  target: command\n  command: { deploy: d, rollback: r }\n  analysis: ${analysis}\n`;
    const prometheus = errorOf(deploy('{ provider: prometheus, url: "http://p:9090", queries: { x: "up" }, judgment: {} }'));
    expect(prometheus).toContain('unknown key "judgment" (did you mean "judgement"?); valid keys: provider, url, headers, queries, limits, window, timeout, missing, judgement, canary');
    expect(errorOf(deploy('{ provider: http-probe, url: "http://a/health", judgment: {} }'))).toMatch(/unknown key "judgment" \(did you mean "judgement"\?\); valid keys: provider, url, .*, judgement$/m);
  });

  it('does not need variables used only by another environment', () => {
    const text = `${base}environments:\n  staging: {}\n  production:\n    deploy: { command: { deploy: "\${PROD_DEPLOY}", rollback: r } }\n`;
    expect(() => load(text, { environment: 'staging' })).not.toThrow();
    expect(errorOf(text, { environment: 'production' })).toContain('environments.production.deploy.command.deploy refers to ${PROD_DEPLOY}, which is not set');
  });

  it('requires only the variables of the sections a command uses', () => {
    const text = `${base}deploy: { command: { deploy: "\${DEPLOY_TOKEN} go", rollback: r } }\n`;
    const options = { file: 'c.yml', workdir: '/ws', env: {}, sections: ['model', 'gate', 'promote'], checkJsonSchema: jsonSchemaProblem };
    expect(parseConfig(text, options).config.deploy?.command?.deploy).toBe('${DEPLOY_TOKEN} go');
    expect(() => parseConfig(text, { ...options, sections: ['model', 'deploy'] })).toThrow('c.yml:7: deploy.command.deploy refers to ${DEPLOY_TOKEN}, which is not set');
  });

  it('lets a rollback load a config whose analysis needs a variable the rollback job lacks', () => {
    const analysis = 'analysis: { provider: http-probe, url: "${AGENT_URL}/health", headers: { authorization: "Bearer ${AGENT_API_TOKEN}" } }';
    const text = `${base}deploy:\n  command: { deploy: d, rollback: "\${ROLLBACK_CMD}" }\n  ${analysis}\n`;
    const options = { file: 'c.yml', workdir: '/ws', env: { ROLLBACK_CMD: 'undo' }, sections: sectionsUsed.rollback, checkJsonSchema: jsonSchemaProblem };
    const loaded = parseConfig(text, options);
    expect(loaded.config.deploy?.command?.rollback).toBe('undo');
    expect(loaded.config.deploy?.analysis).toMatchObject({ url: '${AGENT_URL}/health' });
    expect(() => parseConfig(text, { ...options, env: {} })).toThrow('deploy.command.rollback refers to ${ROLLBACK_CMD}, which is not set');
    expect(() => parseConfig(text, { ...options, sections: sectionsUsed.deploy })).toThrow('deploy.analysis.url refers to ${AGENT_URL}, which is not set');
    // verify reads the analysis alone: the deploy commands' variables are not its business.
    const verifying = parseConfig(text, { ...options, env: { AGENT_URL: 'http://a', AGENT_API_TOKEN: 't0ken' }, sections: sectionsUsed.verify });
    expect([verifying.config.deploy?.analysis, verifying.config.deploy?.command?.rollback]).toEqual([expect.objectContaining({ url: 'http://a/health' }), '${ROLLBACK_CMD}']);
  });

  describe('a ${VAR} left unset outside the sections a command uses', () => {
    const prometheus = 'analysis: { provider: prometheus, url: "${PROM_URL}", queries: { error_rate: "sum(x)" }, window: "${WINDOW}" }';
    const withPrometheus = `${base}deploy:\n  command: { deploy: d, rollback: r }\n  ${prometheus}\n`;
    const judge = 'shadow:\n  requests: { path: r.jsonl }\n  judge: { url: "${JUDGE_URL}", model: m }\n';
    const options = { file: 'c.yml', workdir: '/ws', env: {}, checkJsonSchema: jsonSchemaProblem };

    it('is not checked as a URL or a duration: rollback loads without the analysis variables', () => {
      const loaded = parseConfig(withPrometheus, { ...options, sections: sectionsUsed.rollback });
      expect(loaded.config.deploy?.command).toMatchObject({ deploy: 'd', rollback: 'r' });
    });

    it('is not checked in gate --dry-run either (shadow.judge.url)', () => {
      const loaded = parseConfig(`${base}${judge}`, { ...options, sections: sectionsUsed.gate });
      expect(loaded.config.gate?.thresholds).toEqual({ 'relevance/mean': { min: 0.7 } });
    });

    it('is reported as not set, with file, line and field, by a command that uses it', () => {
      expect(() => parseConfig(withPrometheus, { ...options, sections: sectionsUsed.verify })).toThrow('c.yml:9: deploy.analysis.url refers to ${PROM_URL}, which is not set');
      expect(() => parseConfig(`${base}${judge}`, { ...options, sections: sectionsUsed.shadow })).toThrow('c.yml:9: shadow.judge.url refers to ${JUDGE_URL}, which is not set');
    });

    it('still fails the command on a real mistake beside it, without calling the unset value one from the environment', () => {
      const typo = withPrometheus.replace('window:', 'windw:');
      const message = (() => {
        try {
          parseConfig(typo, { ...options, sections: sectionsUsed.rollback });
        } catch (error) {
          return (error as Error).message;
        }
        return 'no error';
      })();
      expect(message).toContain('c.yml:9: deploy.analysis: unknown key "windw" (did you mean "window"?)');
      expect(message).not.toContain('deploy.analysis.url');
      expect(message).not.toContain('a value from the environment');
    });

    it('is checked when set, and a bad value then names the field without echoing it', () => {
      const env = { PROM_URL: 'not a url', WINDOW: '5m' };
      expect(() => parseConfig(withPrometheus, { ...options, env, sections: sectionsUsed.rollback })).toThrow(
        'c.yml:9: deploy.analysis.url: must be an http(s) URL such as http://prometheus:9090, got a value from the environment',
      );
    });

    it('in an environment that is not selected, does not fail the selected one', () => {
      const text = `${base}environments:\n  staging: {}\n  production:\n    deploy:\n      command: { deploy: d, rollback: r }\n      ${prometheus}\n`;
      expect(parseConfig(text, { ...options, environment: 'staging', env: { PROM_URL: 'http://p:9090', WINDOW: '5m' } }).environment).toBe('staging');
      expect(() => parseConfig(text.replace('rollback: r', 'rollbak: r'), { ...options, environment: 'staging' })).toThrow('environments.production.deploy.command: unknown key "rollbak"');
    });

    it('that the config cannot be built without is named as not set', () => {
      // shadow reads evaluate.endpoint, so evaluate stays; its scorers cannot be left out.
      const text = `${base}evaluate:\n  dataset: { path: d.jsonl }\n  endpoint: { url: "http://agent" }\n  scorers: [{ type: "\${SCORER}" }]\n${judge}`;
      expect(() => parseConfig(text, { ...options, env: { JUDGE_URL: 'http://judge' }, sections: sectionsUsed.shadow })).toThrow(
        'c.yml:10: evaluate.scorers[0].type: ${SCORER} is not set',
      );
    });
  });

  it("needs the ${VAR}s of gate.baseline in evaluate, whose summary lists the changes against that champion", () => {
    const text = `${base}  baseline: { max_drop: { "relevance/mean": 0.1 }, summary_path: "\${BASELINE_DIR}/summary.json" }\n`;
    const options = { file: 'c.yml', workdir: '/ws', env: { BASELINE_DIR: 'champion' }, sections: sectionsUsed.evaluate, checkJsonSchema: jsonSchemaProblem };
    expect(parseConfig(text, options).config.gate?.baseline?.summary_path).toBe('champion/summary.json');
    expect(() => parseConfig(text, { ...options, env: {} })).toThrow('c.yml:7: gate.baseline.summary_path refers to ${BASELINE_DIR}, which is not set');
  });

  it('never echoes a value that came from the environment', () => {
    const text = `version: 1\nmodel: { name: a }\ngate:\n  thresholds:\n    "x/mean": { min: 1 }\npromote: { alias: "\${ALIAS_TOKEN}" }\n`;
    const message = errorOf(text, { env: { ALIAS_TOKEN: 'super secret value' } });
    expect(message).toContain('promote.alias');
    expect(message).not.toContain('super secret value');
  });
});

describe('config: a model name of dots only is refused, since it names the folder of its files', () => {
  it.each(['.', '..', '...'])('refuses %s', (name) => {
    expect(errorOf(base.replace('name: support-agent', `name: "${name}"`))).toContain('.github/agent-release.yml:3: model.name: a model name is more than dots; give the name it is registered under');
  });
});

describe('config: deploy commands that a shell would have expanded are refused at load', () => {
  const withCommand = (deploy: string) => `${base}deploy:\n  command:\n    deploy: ${JSON.stringify(deploy)}\n    rollback: ./rollback.sh\n`;

  it('names the variable left unexpanded, and how to pass it', () => {
    expect(errorOf(withCommand('./deploy.sh $AGENT_RELEASE_VERSION'))).toBe(
      `.github/agent-release.yml:9: deploy.command.deploy: \`$AGENT_RELEASE_VERSION\` would reach the program as it is written: commands are split into words like a shell would, but not run through one, so no variable, pipe, ;, &&, redirection or * is applied; let a script read AGENT_RELEASE_VERSION from its environment, or write bash -c '… "$AGENT_RELEASE_VERSION"' (in single quotes, so bash expands it when the command runs)`,
    );
  });

  it.each([
    ['kubectl apply -f k8s && kubectl rollout status deploy/agent', '`&&`'],
    ['./deploy.sh > deploy.log', '`>`'],
    ["echo '$${AGENT_RELEASE_VERSION}' $${AGENT_RELEASE_VERSION}", '`${AGENT_RELEASE_VERSION}`'],
  ])('refuses %s', (line, construct) => expect(errorOf(withCommand(line))).toContain(`deploy.command.deploy: ${construct} would reach the program`));

  it('reads the lines as written: a ${NAME} of the config is its own, whatever its value holds', () => {
    const loaded = load(withCommand('./deploy.sh ${DEPLOY_ARGS}'), { env: { DEPLOY_ARGS: '--token a$b*c' } });
    expect(loaded.config.deploy?.command?.deploy).toBe('./deploy.sh --token a$b*c');
    expect(() => load(withCommand(`bash -c './deploy.sh "$AGENT_RELEASE_VERSION" | tee deploy.log'`))).not.toThrow();
  });

  it('checks the rollback command and overlays that are not selected, and refuses an unclosed quote', () => {
    const overlay = `${base}environments:\n  staging: {}\n  production:\n    deploy: { command: { deploy: ./deploy.sh, rollback: "./rollback.sh $AGENT_RELEASE_PREVIOUS_VERSION" } }\n`;
    expect(errorOf(overlay, { environment: 'staging' })).toContain('.github/agent-release.yml:10: environments.production.deploy.command.rollback: `$AGENT_RELEASE_PREVIOUS_VERSION` would reach');
    expect(errorOf(withCommand(`./deploy.sh 'oops`))).toBe(".github/agent-release.yml:9: deploy.command.deploy: unclosed ' in `./deploy.sh 'oops`; close the quote");
  });

  it('explains a ${AGENT_RELEASE_…} the config cannot fill in, by where it is written', () => {
    expect(errorOf(withCommand('./deploy.sh ${AGENT_RELEASE_VERSION}'))).toBe(
      `.github/agent-release.yml:9: deploy.command.deploy refers to \${AGENT_RELEASE_VERSION}: agent-release sets AGENT_RELEASE_VERSION in the environment of the commands it runs, while \${…} is filled in when the config is read; deploy commands run without a shell, so let a script read AGENT_RELEASE_VERSION from its environment, or write bash -c '… "$AGENT_RELEASE_VERSION"'`,
    );
    const evaluate = `${base}evaluate:\n  runner: command\n  command: { run: "python eval.py --version \${AGENT_RELEASE_VERSION}" }\n`;
    expect(errorOf(evaluate)).toContain('a run written as a string runs under bash, so write $${AGENT_RELEASE_VERSION} to leave it for bash');
    const endpoint = `${base}evaluate:\n  dataset: { path: d.jsonl }\n  endpoint: { url: "http://agent/\${AGENT_RELEASE_VERSION}" }\n  scorers: [{ type: contains }]\n`;
    expect(errorOf(endpoint)).toContain('not for settings agent-release reads itself; where a setting depends on the version it takes placeholders such as {{version}}');
    // A variable of the user's own that merely shares the prefix is an ordinary unset variable.
    expect(errorOf(withCommand('./deploy.sh ${AGENT_RELEASE_TOKEN}'))).toContain('refers to ${AGENT_RELEASE_TOKEN}, which is not set; set the environment variable');
  });
});

describe('config: analysis combinations that could never pass are refused at load', () => {
  const commandTarget = 'target: command\n  command: { deploy: d, set_traffic: t, rollback: r }';
  const prometheus = 'provider: prometheus, url: "http://p:9090", queries: { requests: "sum(x)" }';
  const canaryQueries = 'canary: { requests: "sum(x)", errors: "sum(y)" }';
  const metrics = 'provider: databricks-metrics, endpoint: support-agent';
  const probe = 'provider: http-probe, url: "http://agent/health", stable_url: "http://stable/health"';
  const deployWith = (strategy: string, analysis: string) => `${base}deploy:\n  strategy: ${strategy}\n  ${commandTarget}\n  analysis: { ${analysis} }\n`;
  const line = '.github/agent-release.yml:11: deploy.analysis';

  const refused: [string, string, string][] = [
    [
      'score limits, which no provider measures',
      deployWith('canary', `${probe}, judgement: { limits: { scores: { relevance: { min: 0.7 } } } }`),
      `${line}.judgement.limits.scores: no analysis provider measures per-request scores, so these limits could only be inconclusive and the rollout would fail after its bake extensions; remove judgement.limits.scores and gate scores before release with gate.thresholds`,
    ],
    [
      'a latency comparison with databricks-metrics',
      deployWith('canary', `${metrics}, judgement: { compare: { latency: { max_increase_ratio: 0.1 } } }`),
      `${line}.judgement.compare.latency: comparing latency needs per-request latencies of both versions, and databricks-metrics reads only a p95 per served entity; remove compare.latency (judgement.limits.latency_p95_ms still limits the canary's p95) or use http-probe with stable_url`,
    ],
    [
      'a latency comparison with prometheus canary queries without a histogram',
      deployWith('canary', `${prometheus}, ${canaryQueries}, judgement: { compare: { latency: {} } }`),
      `${line}.judgement.compare.latency: comparing latency needs the latencies of both versions: give canary.latency_histogram, or remove compare.latency`,
    ],
    [
      'a canary p95 limit with prometheus canary queries without a histogram',
      deployWith('canary', `${prometheus}, ${canaryQueries}, judgement: { limits: { latency_p95_ms: 500 } }`),
      `${line}.judgement.limits.latency_p95_ms: the canary's p95 needs canary.latency_histogram; give it, or remove judgement.limits.latency_p95_ms`,
    ],
    [
      'a judgement with prometheus but no per-version queries',
      deployWith('canary', `${prometheus}, judgement: { compare: { latency: {} } }`),
      `${line}.judgement: with provider prometheus the judgement needs per-version counts: give canary.requests and canary.errors (queries with limits are judged without a judgement), or remove judgement`,
    ],
    [
      'blue-green with databricks-metrics',
      deployWith('blue-green', metrics),
      `${line}.provider: strategy blue-green analyses the candidate at 0% of traffic first, where databricks-metrics watches the candidate's served entity in the metrics export and finds none, so the rollout would fail as missing after the deploy and the bake; use http-probe (it reaches the candidate directly through {{served_entity}}), or set analysis.missing: warn to let the 0% look pass with a warning and judge the switch to 100%`,
    ],
    [
      'blue-green with prometheus queries',
      deployWith('blue-green', `${prometheus}, ${canaryQueries}`),
      `${line}.provider: strategy blue-green analyses the candidate at 0% of traffic first, where prometheus watches the candidate's traffic through analysis.queries and finds none, so the rollout would fail as missing after the deploy and the bake; use http-probe (it reaches the candidate directly through {{served_entity}}), or set analysis.missing: warn to let the 0% look pass with a warning and judge the switch to 100%`,
    ],
  ];
  it.each(refused)('refuses %s', (_name, text, expected) => {
    expect(errorOf(text)).toContain(expected);
  });

  it.each([
    ['http-probe comparing latency on blue-green', deployWith('blue-green', `${probe}, judgement: { limits: { latency_p95_ms: 500 }, compare: { latency: {} } }`)],
    ['prometheus comparing latency from a histogram', deployWith('canary', `${prometheus}, canary: { requests: "sum(x)", errors: "sum(y)", latency_histogram: "sum by (le) (z)" }, judgement: { limits: { latency_p95_ms: 500 }, compare: { latency: {} } }`)],
    ['databricks-metrics limiting the p95 on a canary', deployWith('canary', `${metrics}, judgement: { limits: { latency_p95_ms: 500 } }`)],
    ['blue-green with databricks-metrics tolerating the empty 0% look', deployWith('blue-green', `${metrics}, missing: warn`)],
    ['blue-green with prometheus when analysis is skipped', `${base}deploy:\n  strategy: blue-green\n  skip_analysis: true\n  ${commandTarget}\n  analysis: { ${prometheus} }\n`],
  ])('accepts %s', (_name, text) => {
    expect(() => load(text)).not.toThrow();
  });
});

describe('loadConfig: json_schema scorers (Ajv loaded only for them)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'agent-release-config-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const withScorer = (schema: string) => `version: 1
model: { name: m }
evaluate:
  dataset: { path: d.jsonl }
  endpoint: { url: "http://agent" }
  scorers:
    - type: json_schema
      schema: ${schema}
`;
  const loadFile = async (text: string, environment?: string) => {
    await writeFile(path.join(dir, 'c.yml'), text);
    return loadConfig({ file: 'c.yml', workdir: dir, env: {}, environment });
  };

  it('loads a config whose schema compiles', async () => {
    const { config } = await loadFile(withScorer('{ type: object, required: [id] }'));
    expect(config.evaluate?.scorers?.[0]).toMatchObject({ type: 'json_schema', schema: { type: 'object', required: ['id'] } });
  });

  it('refuses a schema that does not compile, with its line', async () => {
    await expect(loadFile(withScorer('{ type: object, requried: [id] }'))).rejects.toThrow(
      'c.yml:8: evaluate.scorers[0].schema: not a usable JSON Schema: strict mode: unknown keyword: "requried"',
    );
  });

  it('refuses a schema that does not compile in an environment that is not selected', async () => {
    const text = `${withScorer('{ type: object }')}environments:
  production:
    evaluate:
      scorers:
        - type: json_schema
          schema: { type: integr }
  staging: {}
`;
    const error = await loadFile(text, 'staging').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/with environments\.production applied\):\n {2}- c\.yml:14: environments\.production\.evaluate\.scorers\[0\]\.schema: not a usable JSON Schema/);
  });

  it('refuses an artifacts_dir that is a file, and a local registry path that is a folder, by their settings', async () => {
    await writeFile(path.join(dir, 'artfile'), 'x');
    await expect(loadFile('version: 1\nmodel: { name: m }\nartifacts_dir: artfile\n')).rejects.toThrow('c.yml: artifacts_dir: artfile is a file; artifacts_dir names the folder');
    await mkdir(path.join(dir, 'registry-folder'));
    await expect(loadFile('version: 1\nmodel: { name: m, path: registry-folder }\n')).rejects.toThrow("c.yml: model.path: registry-folder is a folder; model.path names the local registry's JSON file");
    // Neither there yet: both are created on first use.
    await expect(loadFile('version: 1\nmodel: { name: m, path: new/registry.json }\nartifacts_dir: new/artifacts\n')).resolves.toMatchObject({ config: { artifacts_dir: 'new/artifacts' } });
  });
});
