import type { ServingConfig } from '../config/serving-schema';
import { DatabricksApiError } from '../databricks/files';
import { agentGatewaySettings, configInputOf, isAgentEndpoint, unsendableCredentials, type DatabricksServingClient, type ServingEndpoint } from '../databricks/serving';
import { entityMessages } from '../databricks/serving-wait';
import { messageOf } from '../errors';
import type { Registry } from '../registry/types';
import type { StepPlan } from './serving-plan';
import type { DeployRequest, PreflightResult } from './types';

export interface ServingPreflightDeps {
  client: DatabricksServingClient;
  registry: Registry;
  config: ServingConfig;
  /** The step's plan over the endpoint as read (throws on an impossible traffic split). */
  plan(current: ServingEndpoint | undefined): StepPlan;
}

const credentialVariables =
  'set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (oauth-m2m), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (github-oidc), for the workspace in DATABRICKS_HOST';

/**
 * Everything deploy needs, checked with reads only and reported all at once: the credentials
 * (one authenticated GET of the endpoint), the version in the registry (exists, READY), the
 * endpoint idle, and the caller's permission on it. `permission_level` is the SDK's "permission
 * level of the principal making the request" on ServingEndpointDetailed (CAN_MANAGE | CAN_QUERY |
 * CAN_VIEW in the Go, Java and JS SDKs), so it costs no extra call. That a config update needs
 * CAN_MANAGE is not stated in a source checked here, but it is the only level above querying, so a
 * lower one is a problem; an absent field is a check marked assumed. Whether
 * the caller may create endpoints cannot be read beforehand, so a missing endpoint is a check.
 */
export async function servingPreflight(request: DeployRequest, deps: ServingPreflightDeps): Promise<PreflightResult> {
  const { client, registry, config } = deps;
  const name = config.endpoint;
  const problems: string[] = [];
  const checks: string[] = [];
  const [read, version] = await Promise.allSettled([client.getEndpoint(name), registry.getVersion(request.model, request.version)]);

  let current: ServingEndpoint | undefined;
  if (read.status === 'rejected') {
    const error: unknown = read.reason;
    if (error instanceof DatabricksApiError && error.status === 401) {
      problems.push(`Databricks credentials were rejected by ${client.host} (${error.what}: ${error.errorCode}: ${error.serverMessage}); ${credentialVariables}`);
    } else problems.push(messageOf(error));
  } else if (read.value === undefined) {
    checks.push(`serving endpoint ${name} does not exist yet; deploy creates it (the permission to create endpoints cannot be checked beforehand)`);
    const unsupported = agentUnsupported(config);
    if (unsupported.length) checks.push(`deploy.serving.ai_gateway sets ${unsupported.join(', ')}, which an agent endpoint does not support (only ${agentGatewaySettings.join(', ')}); if ${request.model} is an agent, applying the gateway will fail after the endpoint is READY`);
  } else {
    current = read.value;
    checks.push(`credentials accepted by ${client.host}`);
    endpointChecks(current, config, problems, checks);
  }

  if (version.status === 'rejected') {
    problems.push(`could not read ${request.model} version ${request.version} from the ${registry.kind} registry: ${messageOf(version.reason)}`);
  } else if (version.value === undefined) {
    problems.push(`${request.model} version ${request.version} does not exist in the ${registry.kind} registry; register it, or deploy a version that exists`);
  } else if (version.value.status !== 'READY') {
    const fix = version.value.status === 'PENDING_REGISTRATION' ? 'wait for its registration to finish and deploy again' : 'register the model again and deploy the new version';
    problems.push(`${request.model} version ${request.version} is ${version.value.status}, not READY, so the endpoint could not load it; ${fix}`);
  } else {
    checks.push(`${request.model} version ${request.version} is READY in the ${registry.kind} registry`);
  }

  try {
    const plan = deps.plan(current);
    checks.push(`traffic split is valid: ${(plan.config.traffic_config?.routes ?? []).map((r) => `${r.served_entity_name} ${r.traffic_percentage}%`).join(', ')}`);
  } catch (error) {
    problems.push(messageOf(error));
  }
  return { problems, checks };
}

function endpointChecks(endpoint: ServingEndpoint, config: ServingConfig, problems: string[], checks: string[]): void {
  const name = endpoint.name;
  const level = typeof endpoint.permission_level === 'string' ? endpoint.permission_level : undefined;
  if (level === 'CAN_MANAGE') checks.push(`the credentials have CAN_MANAGE on serving endpoint ${name}`);
  else if (level !== undefined) {
    problems.push(`the credentials have ${level} on serving endpoint ${name}, but changing its config needs CAN_MANAGE; grant CAN MANAGE on the endpoint (Serving UI > Permissions) to the identity deploy runs as`);
  } else checks.push(`serving endpoint ${name} did not report the caller's permission level; CAN_MANAGE is assumed, not checked`);

  const update = endpoint.state.config_update;
  if (update === 'IN_PROGRESS') {
    const pending = endpoint.pending_config;
    const started = pending?.start_time !== undefined ? `, started ${new Date(pending.start_time).toISOString()}` : '';
    const what = `serving endpoint ${name} is being updated by another change (to config ${pending?.config_version ?? '?'}${started})`;
    if (config.wait_for_idle) checks.push(`${what}; deploy waits for it to finish (deploy.serving.wait_for_idle)`);
    else problems.push(`${what}; wait for it to finish, or set deploy.serving.wait_for_idle: true to let deploy wait`);
  } else if (update === 'UPDATE_FAILED' || update === 'UPDATE_CANCELED') {
    checks.push(`serving endpoint ${name}: its last update ended ${update}${entityMessages(endpoint) ? ` (${entityMessages(endpoint)})` : ''}; ${endpoint.state.ready === 'READY' ? 'the previous config serves, and deploy replaces the failed one' : 'it is not serving'}`);
  } else if (endpoint.state.ready === undefined && update === undefined) {
    checks.push(`serving endpoint ${name} reported no state; deploy waits until it reports READY`);
  } else {
    checks.push(`serving endpoint ${name} is ${endpoint.state.ready ?? 'NOT_READY'} and not being updated`);
  }

  const unsupported = agentUnsupported(config);
  if (isAgentEndpoint(endpoint) && unsupported.length) {
    problems.push(
      `serving endpoint ${name} serves an agent (task ${String(endpoint.task)}), and agent endpoints support only ${agentGatewaySettings.join(', ')} in the AI Gateway; deploy.serving.ai_gateway also sets ${unsupported.join(', ')}. Remove ${unsupported.length === 1 ? 'it' : 'them'} from deploy.serving.ai_gateway (apply rate limits or guardrails elsewhere)`,
    );
  }
  // A rollback PUTs the snapshot back; an entity that cannot be sent back would be lost then.
  for (const entity of configInputOf(endpoint.config)?.served_entities ?? []) {
    const lost = unsendableCredentials(entity);
    if (lost) problems.push(`${lost} (until then a rollback could not restore serving endpoint ${name})`);
  }
}

/** The configured AI Gateway settings an agent endpoint does not take. */
function agentUnsupported(config: ServingConfig): string[] {
  return Object.keys(config.ai_gateway ?? {}).filter((key) => !agentGatewaySettings.includes(key));
}
