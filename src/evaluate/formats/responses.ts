import { UnreadableResponseError } from '../post';
import { requestBody, requestInputProblem } from './requests';
import { responsesSteps } from './steps';
import { describeBody, responsesItemTypes, responsesText, throwIfError } from './text';
import type { EndpointFormatModule } from './types';

/**
 * OpenAI Responses API and MLflow ResponsesAgent: POST {model?, input: [messages]}, answer in the
 * output_text parts of the output's message items.
 */
export const responses: EndpointFormatModule = {
  url: (configured) => configured,
  inputProblem: (input) => requestInputProblem('input', input),
  body: (input, settings) => ({
    ...(settings.endpoint.model ? { model: settings.endpoint.model } : {}),
    ...requestBody('input', input, settings),
  }),
  text: (response) => {
    const text = responsesText(response);
    if (text !== undefined) return text;
    throwIfError(response);
    const types = responsesItemTypes(response);
    throw new UnreadableResponseError(
      types.length > 0
        ? `agent response has no output_text in its output (items: ${types.join(', ')})`
        : `agent response has no output[].content[] text of type output_text; it is ${describeBody(response)} (is evaluate.endpoint.format right?)`,
    );
  },
  steps: (response) => responsesSteps(response) ?? [],
};
