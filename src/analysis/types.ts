import type { RuleResult } from '../contract/decision';
import type { LookObservation } from './judgement';

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
  /** Counts per side (candidate, stable) for the canary judgement, from providers that measure both. */
  observation?: LookObservation;
}

/** What a provider checked before deploy changes anything; problems refuse the deploy (dry-run prints both). */
export interface AnalysisPreflight {
  problems: string[];
  checks: string[];
}

/** A source of post-deploy measurements, judged by the shared threshold evaluator. */
export interface AnalysisProvider {
  readonly kind: string;
  describe(variables: AnalysisVariables): string;
  run(variables: AnalysisVariables, signal?: AbortSignal): Promise<AnalysisResult>;
  /** Read-only checks that the analysis can work at all (e.g. the metrics export can tell entities apart). */
  preflight?(variables: AnalysisVariables): Promise<AnalysisPreflight>;
}
