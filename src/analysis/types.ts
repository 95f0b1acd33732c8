import type { RuleResult } from '../contract/decision';

export interface AnalysisVariables {
  model: string;
  version: string;
  previousVersion: string | null;
  environment: string;
}

export interface AnalysisResult {
  provider: string;
  passed: boolean;
  metrics: Record<string, number>;
  checks: RuleResult[];
}

/** A source of post-deploy measurements, judged by the shared threshold evaluator. */
export interface AnalysisProvider {
  readonly kind: string;
  describe(variables: AnalysisVariables): string;
  run(variables: AnalysisVariables, signal?: AbortSignal): Promise<AnalysisResult>;
}
