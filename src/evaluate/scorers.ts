import { systemClock } from '../clock';
import type { ScorerConfig } from '../config/evaluate-schema';
import { jsonSchemaScorer, jsonValidScorer } from './scorer-json';
import { llmJudgeScorer } from './scorer-llm-judge';
import { refusalScorer } from './scorer-refusal';
import { containsScorer, exactMatchScorer, latencyScorer, lengthScorer, regexScorer } from './scorer-text';
import { toolCallsScorer } from './scorer-tool-calls';
import type { Scorer, ScorerRuntime } from './scorer-types';

export { ScoringError, type ScoreInput, type ScoreOutcome, type Scorer, type ScorerRuntime } from './scorer-types';

/** A scorer from its configuration, on the system clock (names and kinds are known without calling anything). */
export function createScorer(config: ScorerConfig): Scorer {
  return buildScorer(config, { clock: systemClock });
}

/** Every scorer type, in one place. */
export function buildScorer(config: ScorerConfig, runtime: ScorerRuntime): Scorer {
  const name = config.name ?? (config.type === 'llm_judge' ? config.template : undefined) ?? config.type;
  switch (config.type) {
    case 'contains':
      return containsScorer(config, name);
    case 'exact_match':
      return exactMatchScorer(config, name);
    case 'latency':
      return latencyScorer(config, name);
    case 'regex':
      return regexScorer(config, name);
    case 'length':
      return lengthScorer(config, name);
    case 'json_valid':
      return jsonValidScorer(config, name);
    case 'json_schema':
      return jsonSchemaScorer(config, name);
    case 'refusal':
      return refusalScorer(config, name);
    case 'llm_judge':
      return llmJudgeScorer(config, name, runtime);
    case 'tool_calls':
      return toolCallsScorer(config, name);
  }
}

/** Scorer names become metric names; two with the same name would silently merge. */
export function uniqueScorerNames(scorers: readonly Scorer[]): string | undefined {
  const seen = new Set<string>();
  for (const name of scorers.flatMap((s) => [s.name, ...(s.parts ?? []).map((p) => p.name)])) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
