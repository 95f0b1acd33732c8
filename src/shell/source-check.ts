import type { LoadedConfig } from '../config/load';
import { UsageError } from '../errors';
import { TemplateError, endpointUrl } from '../template';

/**
 * When evaluate.endpoint.url is built from the version's source ({{source}}), a source that does
 * not make an http(s) URL would be accepted now and fail at evaluate, after the release has
 * started. Refuse it at registration instead. Other configs store any source (a model URI, a path).
 */
export function checkSourceForEndpoint(loaded: LoadedConfig, source: string, model: string): void {
  const template = loaded.config.evaluate?.endpoint?.url;
  if (!template || !/\{\{\s*source\s*\}\}/.test(template)) return;
  let url: string;
  try {
    url = endpointUrl(template, { source, model, version: '1' }, `${loaded.file}: evaluate.endpoint.url`);
  } catch (error) {
    if (error instanceof TemplateError) return; // evaluate reports a bad template with its own message
    throw error;
  }
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // not a URL at all
  }
  if (protocol === 'http:' || protocol === 'https:') return;
  throw new UsageError(
    `--source ${JSON.stringify(source)} cannot be registered: evaluate.endpoint.url in ${loaded.file} is "${template}", which makes ${JSON.stringify(url)}, not an http(s) URL. Give the agent's base URL, e.g. --source http://127.0.0.1:8080`,
  );
}
