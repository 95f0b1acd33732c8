import type { Clock } from '../clock';
import type { AnalysisConfig } from '../config/schema';
import type { Logger } from '../logger';
import { HttpProbe } from './http-probe';
import { PrometheusAnalysis } from './prometheus';
import type { AnalysisProvider } from './types';

/** The one place analysis providers are chosen. */
export function createAnalysis(config: AnalysisConfig, deps: { clock: Clock; logger: Logger }): AnalysisProvider {
  switch (config.provider) {
    case 'http-probe':
      return new HttpProbe(config);
    case 'prometheus':
      return new PrometheusAnalysis(config, deps);
  }
}
