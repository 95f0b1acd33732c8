import { UnreadableResponseError } from '../post';
import { anySteps } from './steps';
import { requestBody, requestInputProblem } from './requests';
import { chatAgentText, chatCompletionText, describeBody, predictionText, predictionsOf, responsesText, throwIfError } from './text';
import type { EndpointFormatModule } from './types';

/**
 * The invocations URL of a Databricks serving endpoint, or of one served entity behind it (to
 * probe a canary or the stable version directly, whatever the traffic split). The entity is the
 * served entity's `name` in the endpoint config.
 */
export function databricksInvocationsUrl(workspaceUrl: string, endpointName: string, servedEntity?: string): string {
  const base = workspaceUrl.replace(/\/+$/, '');
  const entity = servedEntity === undefined ? '' : `/served-models/${encodeURIComponent(servedEntity)}`;
  return `${base}/serving-endpoints/${encodeURIComponent(endpointName)}${entity}/invocations`;
}

/**
 * Databricks Model Serving invocations: agent and chat endpoints take {messages} (or {input} for
 * a ResponsesAgent), custom models a dataframe or inputs record. The answer may come back in
 * the chat-completions, Responses, ChatAgent or {predictions} shape, whichever the model uses.
 */
export const databricks: EndpointFormatModule = {
  url: (configured, settings) => {
    const { serving_endpoint: name, served_entity: entity } = settings.endpoint;
    return name === undefined ? configured : databricksInvocationsUrl(configured, name, entity);
  },
  inputProblem: (input, settings) => requestInputProblem(settings.request, input),
  body: (input, settings) => ({ ...requestBody(settings.request, input, settings) }),
  text: (response, settings) => {
    const shaped = chatCompletionText(response) ?? responsesText(response) ?? chatAgentText(response);
    if (shaped !== undefined) return shaped;
    const predictions = predictionsOf(response);
    if (predictions.found) {
      const read = predictionText(predictions.value, settings.endpoint.output_field, 'predictions');
      if ('problem' in read) throw new UnreadableResponseError(`agent response: ${read.problem}`);
      return read.text;
    }
    throwIfError(response);
    throw new UnreadableResponseError(
      `agent response has no choices, output, messages or predictions to read text from; it is ${describeBody(response)} (is evaluate.endpoint.format right?)`,
    );
  },
  steps: anySteps,
};
