import type { Clock } from '../clock';
import type { AnalysisConfig } from '../config/schema';
import type { DatabricksConnection } from '../databricks/auth';
import { ConfigError } from '../errors';
import type { Logger } from '../logger';
import { DatabricksMetricsAnalysis } from './databricks-metrics';
import { HttpProbe } from './http-probe';
import { PrometheusAnalysis } from './prometheus';
import type { AnalysisProvider } from './types';

export interface AnalysisDeps {
  clock: Clock;
  logger: Logger;
  databricks: () => DatabricksConnection;
}

/** The one place analysis providers are chosen. */
export function createAnalysis(config: AnalysisConfig, deps: AnalysisDeps): AnalysisProvider {
  switch (config.provider) {
    case 'http-probe':
      return new HttpProbe(config, { clock: deps.clock });
    case 'prometheus':
      return new PrometheusAnalysis(config, deps);
    case 'databricks-metrics': {
      let workspace: DatabricksConnection;
      try {
        workspace = deps.databricks();
      } catch (error) {
        if (error instanceof ConfigError) throw new ConfigError(`deploy.analysis.provider databricks-metrics needs a Databricks workspace: ${error.message}`);
        throw error;
      }
      return new DatabricksMetricsAnalysis(config, { host: workspace.host, credentials: workspace.credentials, clock: deps.clock, logger: deps.logger });
    }
  }
}
