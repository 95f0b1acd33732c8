import { UnreadableResponseError } from '../post';
import { requestBody, requestInputProblem } from './requests';
import { chatCompletionSteps } from './steps';
import { chatCompletionText } from './text';
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
    // A gateway that answers 200 with an error object says what went wrong: quote it.
    const error = (response as { error?: { message?: unknown } } | null)?.error;
    if (error && typeof error.message === 'string') throw new UnreadableResponseError(`agent answered with an error instead of choices: ${error.message.slice(0, 300)}`);
    throw new UnreadableResponseError('agent response has no choices[0].message.content text (is evaluate.endpoint.format right?)');
  },
  steps: (response) => chatCompletionSteps(response) ?? [],
};
