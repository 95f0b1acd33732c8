import type { Clock } from '../clock';
import { RemoteError } from '../errors';
import type { Logger } from '../logger';
import { pollDelay } from './job-wait';
import { configInputOf, isUpdateInProgress, sameServing, type DatabricksServingClient, type EndpointConfigInput, type ServingEndpoint } from './serving';

/**
 * Waiting on a serving endpoint. `state.ready` is READY only when every actively served entity is;
 * during an update the old config keeps serving, so READY with `config_update: IN_PROGRESS` is
 * normal and not done. Done = READY, not IN_PROGRESS, and (after our own PUT) `config` at least
 * the config version the PUT started. UPDATE_FAILED / UPDATE_CANCELED end the wait with the
 * endpoint's own words: `pending_config.served_entities[].state.deployment_state_message`, else
 * the same field of `config`. Polls back off from 2 s to 30 s (±20 % jitter) because endpoint
 * updates take minutes; each poll is itself retried by the client, so a 429 burst delays a
 * poll rather than failing the wait.
 */
export interface ServingWaitOptions {
  clock: Clock;
  logger: Logger;
  /** Give up this long after the first poll. */
  timeoutMs: number;
  pollInitialMs?: number;
  pollMaxMs?: number;
  random?: () => number;
  signal?: AbortSignal;
}

export const defaultServingPollInitialMs = 2_000;
export const defaultServingPollMaxMs = 30_000;

/** The endpoint's update ended UPDATE_FAILED or UPDATE_CANCELED. */
export class ServingUpdateFailedError extends RemoteError {
  constructor(
    message: string,
    readonly endpoint: ServingEndpoint,
  ) {
    super(message);
  }
}

export class ServingWaitTimeoutError extends RemoteError {
  constructor(
    message: string,
    readonly endpoint: ServingEndpoint,
  ) {
    super(message);
  }
}

/** "READY, IN_PROGRESS to config 4" */
export function describeState(endpoint: ServingEndpoint): string {
  if (endpoint.state.ready === undefined && endpoint.state.config_update === undefined) return 'no state reported';
  const update = endpoint.state.config_update ?? 'NOT_UPDATING';
  const target = endpoint.pending_config?.config_version;
  return `${endpoint.state.ready ?? 'NOT_READY'}, ${update}${update === 'IN_PROGRESS' && target !== undefined ? ` to config ${target}` : ''}`;
}

/** What the entities that are not ready say about themselves, one clause each; undefined when none says anything. */
export function entityMessages(endpoint: ServingEndpoint): string | undefined {
  const entities = [...(endpoint.pending_config?.served_entities ?? []), ...(endpoint.config?.served_entities ?? [])];
  const said = entities
    .filter((e) => e.state?.deployment_state_message && e.state.deployment !== 'DEPLOYMENT_READY')
    .map((e) => `${e.name ?? e.entity_name}: ${e.state?.deployment ?? 'UNKNOWN'}: ${e.state?.deployment_state_message}`);
  return [...new Set(said)].join('; ') || undefined;
}

/**
 * Polls until the endpoint is READY and no update is in progress; with `targetConfigVersion`
 * (from the PUT's `pending_config`), until that config is the one serving.
 */
export async function waitForEndpointReady(client: DatabricksServingClient, name: string, options: ServingWaitOptions & { targetConfigVersion?: number }): Promise<ServingEndpoint> {
  return poll(client, name, options, (endpoint) => {
    const update = endpoint.state.config_update;
    if (update === 'UPDATE_FAILED' || update === 'UPDATE_CANCELED') {
      const verb = update === 'UPDATE_FAILED' ? 'failed' : 'was canceled';
      throw new ServingUpdateFailedError(
        `the update of serving endpoint ${name} ${verb}: ${entityMessages(endpoint) ?? 'the endpoint gave no reason (see its Events tab in the Serving UI)'}. ` +
          `${endpoint.state.ready === 'READY' ? 'The previous config keeps serving' : 'The endpoint is not serving'}; fix the cause before releasing it again`,
        endpoint,
      );
    }
    const served = endpoint.config?.config_version ?? 0;
    return endpoint.state.ready === 'READY' && update !== 'IN_PROGRESS' && (options.targetConfigVersion === undefined || served >= options.targetConfigVersion);
  });
}

/** Polls until no update is in progress, whatever its outcome (someone else's update is not ours to judge). */
export async function waitUntilNotUpdating(client: DatabricksServingClient, name: string, options: ServingWaitOptions): Promise<ServingEndpoint> {
  return poll(client, name, options, (endpoint) => endpoint.state.config_update !== 'IN_PROGRESS');
}

/**
 * PUTs the config, waiting out an update already in flight instead of fighting it: the API
 * refuses a PUT during IN_PROGRESS (409), so on that refusal this waits until the other update
 * ends and tries again, unless the endpoint already serves what we wanted (our own earlier PUT
 * whose answer was lost). Returns the endpoint as the accepted PUT answered it.
 */
export async function updateConfigWhenIdle(client: DatabricksServingClient, name: string, config: EndpointConfigInput, options: ServingWaitOptions): Promise<ServingEndpoint> {
  const deadline = options.clock.now() + options.timeoutMs;
  for (;;) {
    try {
      return await client.updateConfig(name, config);
    } catch (error) {
      if (!isUpdateInProgress(error)) throw error;
      const left = deadline - options.clock.now();
      if (left <= 0) throw error;
      const current = await client.getEndpoint(name);
      const started = current?.pending_config?.start_time;
      options.logger.info(
        `serving endpoint ${name} is already being updated${current?.pending_config?.config_version !== undefined ? ` (to config ${current.pending_config.config_version}${started ? `, started ${new Date(started).toISOString()}` : ''})` : ''}; waiting for that update to finish before applying ours`,
      );
      const settled = await waitUntilNotUpdating(client, name, { ...options, timeoutMs: left });
      if (sameServing(configInputOf(settled.config), config) && settled.state.config_update === 'NOT_UPDATING') return settled;
    }
  }
}

async function poll(client: DatabricksServingClient, name: string, options: ServingWaitOptions, done: (endpoint: ServingEndpoint) => boolean): Promise<ServingEndpoint> {
  const { clock, logger } = options;
  const initial = options.pollInitialMs ?? defaultServingPollInitialMs;
  const max = options.pollMaxMs ?? defaultServingPollMaxMs;
  const random = options.random ?? Math.random;
  const startedAt = clock.now();
  const deadline = startedAt + options.timeoutMs;
  let last = '';
  for (let n = 0; ; n++) {
    const endpoint = await client.getEndpoint(name);
    if (!endpoint) throw new RemoteError(`serving endpoint ${name} disappeared while waiting for it (deleted by someone else?); deploy again to recreate it`);
    const state = describeState(endpoint);
    if (state !== last) logger.info(`serving endpoint ${name}: ${state}`);
    last = state;
    if (done(endpoint)) return endpoint;
    const left = deadline - clock.now();
    if (left <= 0) {
      const detail = entityMessages(endpoint);
      throw new ServingWaitTimeoutError(
        `serving endpoint ${name} is still ${state} after ${formatDuration(clock.now() - startedAt)}${detail ? ` (${detail})` : ''}; ` +
          'nothing was rolled back by the wait itself. Raise deploy.ready_timeout if the model needs longer to load, or check the endpoint in the Serving UI',
        endpoint,
      );
    }
    // The last poll lands on the deadline, so an endpoint that turns READY just in time is seen.
    await clock.sleep(Math.min(pollDelay(n, initial, max, random), left), options.signal);
  }
}

function formatDuration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}
