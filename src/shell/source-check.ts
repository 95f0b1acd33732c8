import type { LoadedConfig } from '../config/load';
import { UsageError } from '../errors';
import { TemplateError, endpointUrl } from '../template';

/**
 * When evaluate.endpoint.url is built from the version's source ({{source}}), a source that does
 * not make an http(s) URL would be accepted now and fail at evaluate, after the release has
 * started. Refuse it at registration instead. Other configs store any source (a model URI, a path).
 */
export function checkSourceForEndpoint(loaded: LoadedConfig, source: string, model: string): void {
  if (source !== source.trim()) throw new UsageError(`--source ${JSON.stringify(source)} has spaces around it; give the URI alone`);
  const template = loaded.config.evaluate?.endpoint?.url;
  if (!template || !/\{\{\s*source\s*\}\}/.test(template)) return;
  let url: string;
  try {
    url = endpointUrl(template, { source, model, version: '1' }, `${loaded.file}: evaluate.endpoint.url`);
  } catch (error) {
    if (error instanceof TemplateError) return; // evaluate reports a bad template with its own message
    throw error;
  }
  // When the template starts with the source, the source is the agent's base URL and must be one
  // itself: "http://" alone would make http:/v1/… which parses, as a request to a host named v1.
  const checked = /^\s*\{\{\s*source\s*\}\}/.test(template) ? source : url;
  if (isHttpUrl(checked) && isHttpUrl(url)) return;
  throw new UsageError(
    `--source ${JSON.stringify(source)} cannot be registered: evaluate.endpoint.url in ${loaded.file} is "${template}", which makes ${JSON.stringify(url)}, not an http(s) URL. Give the agent's base URL, e.g. --source http://127.0.0.1:8080`,
  );
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol, hostname } = new URL(text);
    return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
  } catch {
    return false;
  }
}
