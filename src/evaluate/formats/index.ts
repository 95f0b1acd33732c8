import { formatRequests, type EndpointConfig, type EndpointFormat } from '../../config/evaluate-schema';
import { databricks } from './databricks';
import { mlflowPyfunc } from './mlflow-pyfunc';
import { openaiChat } from './openai-chat';
import { responses } from './responses';
import type { EndpointFormatModule, FormatSettings } from './types';

export { databricksInvocationsUrl } from './databricks';
export type { AgentInput, EndpointFormatModule, FormatSettings } from './types';

/** Every endpoint format, by its `evaluate.endpoint.format` name. */
export const endpointFormatModules: Record<EndpointFormat, EndpointFormatModule> = {
  'openai-chat': openaiChat,
  responses,
  databricks,
  'mlflow-pyfunc': mlflowPyfunc,
};

/** The format's module and its settings for this endpoint, with the defaults filled in. */
export function resolveFormat(endpoint: EndpointConfig, datasetInputColumn: string): { module: EndpointFormatModule; settings: FormatSettings } {
  return {
    module: endpointFormatModules[endpoint.format],
    settings: { endpoint, request: endpoint.request ?? formatRequests[endpoint.format][0], inputField: endpoint.input_field ?? datasetInputColumn },
  };
}
