import type { AnalysisConfig } from '../config/schema';
import { HttpProbe } from './http-probe';
import type { AnalysisProvider } from './types';

/** The one place analysis providers are chosen. */
export function createAnalysis(config: AnalysisConfig): AnalysisProvider {
  switch (config.provider) {
    case 'http-probe':
      return new HttpProbe(config);
  }
}
