import { ConfigError } from '../../errors';
import { UnreadableResponseError } from '../post';
import { anySteps } from './steps';
import { requestBody, requestInputProblem } from './requests';
import { describeBody, predictionText, predictionsOf, throwIfError } from './text';
import type { EndpointFormatModule } from './types';

/**
 * An MLflow model server (`mlflow models serve`, or any pyfunc scoring server): POST
 * /invocations with one record (dataframe_records by default, or dataframe_split, inputs,
 * messages), answer in {predictions: [...]} as a string or an object. A request in an LLM shape
 * (`messages`) is answered with the model's output itself, unwrapped: a served ChatAgent's
 * {messages}, a ChatModel's {choices} (MLflow's scoring server, unwrapped_predictions_to_json).
 */
export const mlflowPyfunc: EndpointFormatModule = {
  url: (configured) => {
    let url: URL;
    try {
      url = new URL(configured);
    } catch {
      throw new ConfigError(`evaluate.endpoint.url "${configured}" is not a URL; an MLflow model server is e.g. http://127.0.0.1:5000`);
    }
    // Scoring servers answer on /invocations; a bare host:port means that path.
    if (url.pathname === '/' || url.pathname === '') url.pathname = '/invocations';
    return url.toString();
  },
  inputProblem: (input, settings) => requestInputProblem(settings.request, input),
  body: (input, settings) => requestBody(settings.request, input, settings),
  text: (response, settings) => {
    const predictions = predictionsOf(response);
    if (!predictions.found) throwIfError(response);
    const prediction = predictions.found ? predictions.value : unwrappedLlmOutput(response);
    if (prediction === undefined) throw new UnreadableResponseError(`agent response has no predictions; it is ${describeBody(response)} (is evaluate.endpoint.format right?)`);
    const read = predictionText(prediction, settings.endpoint.output_field, predictions.found ? 'predictions' : 'the answer');
    if ('problem' in read) throw new UnreadableResponseError(`agent response: ${read.problem}`);
    return read.text;
  },
  steps: anySteps,
};

function unwrappedLlmOutput(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const { messages, choices, output } = body as Record<string, unknown>;
  return [messages, choices, output].some(Array.isArray) ? body : undefined;
}
