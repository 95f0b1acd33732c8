import { UnreadableResponseError } from '../post';
import { requestBody, requestInputProblem } from './requests';
import { chatCompletionSteps } from './steps';
import { chatCompletionText, throwIfError } from './text';
import type { EndpointFormatModule } from './types';

/** OpenAI chat completions: POST {model?, messages}, answer in choices[0].message.content. */
export const openaiChat: EndpointFormatModule = {
  url: (configured) => configured,
  inputProblem: (input) => requestInputProblem('messages', input),
  body: (input, settings) => ({
    ...(settings.endpoint.model ? { model: settings.endpoint.model } : {}),
    ...requestBody('messages', input, settings),
  }),
  text: (response) => {
    const text = chatCompletionText(response);
    if (text !== undefined) return text;
    throwIfError(response);
    throw new UnreadableResponseError('agent response has no choices[0].message.content text (is evaluate.endpoint.format right?)');
  },
  steps: (response) => chatCompletionSteps(response) ?? [],
};
