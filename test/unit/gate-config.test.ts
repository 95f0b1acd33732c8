import { parseConfig } from '../../src/config/load';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';
import { ConfigError } from '../../src/errors';

const head = 'version: 1\nmodel: { name: support-agent }\n';
const load = (text: string) => parseConfig(text, { file: 'agent-release.yml', workdir: '/ws', env: {}, checkJsonSchema: jsonSchemaProblem });

function errorOf(text: string): string {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('gate.baseline config', () => {
  it('fills the defaults; the alias is left to promote.alias', () => {
    const { config } = load(`${head}gate:\n  baseline: { max_drop: { "contains/mean": 0.03 } }\n`);
    expect(config.gate).toEqual({
      thresholds: {},
      metric_aliases: {},
      missing_metric: 'fail',
      baseline: { max_drop: { 'contains/mean': 0.03 }, confidence: 0.95, inconclusive: 'warn' },
    });
  });

  it('takes a baseline that compares spend alone, without max_drop', () => {
    const { config } = load(`${head}gate:\n  baseline: { max_increase: { "tokens/mean": 0.1 } }\n`);
    expect(config.gate?.baseline).toEqual({ max_drop: {}, max_increase: { 'tokens/mean': 0.1 }, confidence: 0.95, inconclusive: 'warn' });
  });

  it('keeps every field given', () => {
    const text = `${head}gate:
  thresholds: { "contains/mean": { min: 0.7 } }
  baseline:
    alias: prod
    max_drop: { "contains/mean": 0, "judge.v2/mean": 0.5 }
    confidence: 0.9
    inconclusive: fail
    summary_path: baselines/summary.json
    results_path: baselines/results.jsonl
`;
    expect(load(text).config.gate?.baseline).toEqual({
      alias: 'prod',
      max_drop: { 'contains/mean': 0, 'judge.v2/mean': 0.5 },
      confidence: 0.9,
      inconclusive: 'fail',
      summary_path: 'baselines/summary.json',
      results_path: 'baselines/results.jsonl',
    });
  });

  it.each([
    [
      'a latency percentile',
      'baseline: { max_drop: { "latency_ms/p95": 100 } }',
      'agent-release.yml:4: gate.baseline.max_drop["latency_ms/p95"]: only scorer means ("<scorer>/mean", e.g. "contains/mean") can be compared with the champion; gate latency_ms/* and error_rate with gate.thresholds',
    ],
    ['the latency mean', 'baseline: { max_drop: { "latency_ms/mean": 100 } }', 'only scorer means ("<scorer>/mean", e.g. "contains/mean") can be compared with the champion'],
    ['error_rate', 'baseline: { max_drop: { "error_rate": 0.01 } }', 'only scorer means ("<scorer>/mean", e.g. "contains/mean") can be compared with the champion'],
    ['a negative allowance', 'baseline: { max_drop: { "contains/mean": -0.1 } }', 'agent-release.yml:4: gate.baseline.max_drop["contains/mean"]: a drop allowance is ≥ 0 (0 = no drop allowed), got -0.1'],
    ['a text allowance', 'baseline: { max_drop: { "contains/mean": lots } }', 'agent-release.yml:4: gate.baseline.max_drop["contains/mean"]: expected number, got "lots"'],
    ['an infinite allowance', 'baseline: { max_drop: { "contains/mean": .inf } }', 'gate.baseline.max_drop["contains/mean"]: expected number'],
    ['no metrics', 'baseline: { max_drop: {} }', 'agent-release.yml:4: gate.baseline.max_drop: list at least one metric in max_drop (e.g. "contains/mean": 0.03) or in max_increase (e.g. "cost/mean": 0.1)'],
    ['no max_drop or max_increase', 'baseline: { alias: champion }', 'agent-release.yml:4: gate.baseline.max_drop: list at least one metric in max_drop'],
    ['a confidence of 95', 'baseline: { max_drop: { "contains/mean": 0 }, confidence: 95 }', 'gate.baseline.confidence: confidence is strictly between 0 and 1, e.g. 0.95, got 95'],
    ['a confidence of 0', 'baseline: { max_drop: { "contains/mean": 0 }, confidence: 0 }', 'gate.baseline.confidence: confidence is strictly between 0 and 1, e.g. 0.95, got 0'],
    ['an unknown policy', 'baseline: { max_drop: { "contains/mean": 0 }, inconclusive: block }', 'gate.baseline.inconclusive: "block" is not one of warn, fail, pass'],
    ['a bad alias', 'baseline: { max_drop: { "contains/mean": 0 }, alias: "my champion" }', 'gate.baseline.alias: an alias is a name like champion or staging'],
    ['results without a summary', 'baseline: { max_drop: { "contains/mean": 0 }, results_path: r.jsonl }', 'gate.baseline.summary_path: results_path needs summary_path too'],
    [
      'a misspelt key',
      'baseline: { max_drop: { "contains/mean": 0 }, confidance: 0.9 }',
      'unknown key "confidance" (did you mean "confidence"?); valid keys: alias, max_drop, confidence, inconclusive, summary_path, results_path',
    ],
  ])('refuses %s with a clear message', (_name, line, expected) => {
    expect(errorOf(`${head}gate:\n  ${line}\n`)).toContain(expected);
  });

  it('needs thresholds or a baseline', () => {
    expect(errorOf(`${head}gate:\n  missing_metric: warn\n`)).toContain('agent-release.yml:3: gate.thresholds: list at least one metric threshold (or configure a baseline)');
    expect(errorOf(`${head}gate:\n  thresholds: {}\n`)).toContain('gate.thresholds: list at least one metric threshold (or configure a baseline)');
  });

  it('is merged from an environment overlay', () => {
    const text = `${head}gate:\n  baseline: { max_drop: { "contains/mean": 0.05 } }\nenvironments:\n  production:\n    gate: { baseline: { max_drop: { "contains/mean": 0 }, inconclusive: fail } }\n`;
    const production = parseConfig(text, { file: 'c.yml', workdir: '/ws', env: {}, environment: 'production', checkJsonSchema: jsonSchemaProblem });
    expect(production.config.gate?.baseline).toMatchObject({ max_drop: { 'contains/mean': 0 }, inconclusive: 'fail' });
  });
});
