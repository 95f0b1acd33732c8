import { z } from 'zod';
import { InputError } from '../errors';
import { aiGatewaySchema } from '../databricks/ai-gateway';
import { configInputOf, endpointConfigInputSchema, endpointTagSchema, unsendableCredentials, type EndpointConfigInput, type ServedEntityInput, type ServingEndpoint } from '../databricks/serving';
import { lazySchema } from '../config/zod-helpers';

/**
 * Pure planning for the databricks-serving target: which served entities and routes one rollout
 * step PUTs, the snapshot that lets rollback restore the endpoint exactly, and the dry-run diff.
 * Served entity names are `<last part of the model name>-<version>` so routes, metrics labels
 * and probes can name an entity without reading the endpoint first.
 */
export interface StepInput {
  /** The endpoint as it is now; undefined when it does not exist. */
  current: ServingEndpoint | undefined;
  /** Registered model name, e.g. main.agents.support_agent. */
  entityName: string;
  /** The version serving now, or null on a first release. */
  stableVersion: string | null;
  candidateVersion: string;
  /** Percent of traffic for the candidate, 0-100 (0: blue-green, deployed but idle). */
  candidatePercent: number;
  workloadSize: string;
  scaleToZero: boolean;
  workloadType?: string;
  /**
   * At 100%: keep the stable entity at 0% traffic (warm, for an instant switch back while the
   * last step is analysed) unless true, which removes it (after the rollout succeeded).
   */
  retireStable?: boolean;
}

export interface StepPlan {
  config: EndpointConfigInput;
  /** Served entity name of the candidate. */
  candidateEntity: string;
  /** Served entity name of the stable version, when it keeps serving. */
  stableEntity: string | null;
  /** Things the plan decided that a reader should know ("no stable version: …"). */
  notes: string[];
}

export const servingSnapshotSchema = lazySchema(() => z.object({
  schema: z.literal('agent-release/serving-snapshot@1'),
  endpoint: z.string(),
  /**
   * Whether the endpoint existed before the change. Absent in snapshots written before it was
   * recorded: then a null config is ambiguous and rollback refuses rather than delete.
   */
  existed: z.boolean().optional(),
  /** The serving config before the change; null when the endpoint did not exist or served no entities we can read back. */
  config: endpointConfigInputSchema.nullable(),
  /** The AI Gateway settings before the change; absent when there were none (rollback clears them). */
  aiGateway: aiGatewaySchema.optional(),
  /** The endpoint's tags before the change; absent in snapshots written before they were recorded (rollback then leaves tags alone). */
  tags: z.array(endpointTagSchema).optional(),
}));
export type ServingSnapshot = z.infer<typeof servingSnapshotSchema>;

export function servedEntityName(entityName: string, version: string): string {
  const base = (entityName.split('.').pop() ?? entityName).replace(/[^A-Za-z0-9_-]/g, '_');
  const suffix = `-${version}`;
  return `${base.slice(0, 63 - suffix.length)}${suffix}`;
}

export function snapshotOf(name: string, endpoint: ServingEndpoint | undefined): ServingSnapshot {
  return {
    schema: 'agent-release/serving-snapshot@1',
    endpoint: name,
    existed: endpoint !== undefined,
    config: endpoint ? (configInputOf(endpoint.config) ?? null) : null,
    ...(endpoint?.ai_gateway ? { aiGateway: endpoint.ai_gateway } : {}),
    ...(endpoint ? { tags: endpoint.tags ?? [] } : {}),
  };
}

export type RestorePlan = { action: 'put-config'; config: EndpointConfigInput } | { action: 'delete' } | { action: 'refuse'; reason: string };

/**
 * What rollback does with a snapshot: PUT its config back, delete an endpoint the rollout created,
 * or refuse when the endpoint existed but its config could not be recorded (still being created,
 * failed creation, legacy served_models): deleting it would destroy what the rollout did not make.
 */
export function restorePlan(snapshot: ServingSnapshot): RestorePlan {
  const lost = snapshot.config?.served_entities.map(unsendableCredentials).find((why) => why !== undefined);
  if (lost) return { action: 'refuse', reason: `${lost}. Restore the endpoint by hand in the Serving UI` };
  if (snapshot.config) return { action: 'put-config', config: snapshot.config };
  if (snapshot.existed === false) return { action: 'delete' };
  const why = snapshot.existed
    ? 'it existed before the rollout but had no served entities the snapshot could record (it was being created, had failed creation, or serves legacy served_models)'
    : 'the snapshot predates recording whether the endpoint existed, so it cannot tell a created endpoint from one that served nothing readable';
  return { action: 'refuse', reason: `${why}; deleting it could destroy what this release did not create. Restore it by hand in the Serving UI, or delete it there if the rollout created it` };
}

export function planStep(input: StepInput): StepPlan {
  const percent = input.candidatePercent;
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new InputError(`candidate traffic must be a whole percentage from 0 to 100 (got ${percent})`);
  const notes: string[] = [];
  const serving = configInputOf(input.current?.config);
  const existing = serving?.served_entities ?? [];
  const entityFor = (version: string): ServedEntityInput => {
    const kept = existing.find((e) => e.entity_name === input.entityName && e.entity_version === version);
    const lost = kept && unsendableCredentials(kept);
    if (lost) throw new InputError(lost);
    // An entity already serving keeps its settings exactly (its input fields as read back); changing them would restart it.
    if (kept) return { ...kept, name: kept.name ?? servedEntityName(input.entityName, version) };
    return {
      name: servedEntityName(input.entityName, version),
      entity_name: input.entityName,
      entity_version: version,
      workload_size: input.workloadSize,
      scale_to_zero_enabled: input.scaleToZero,
      ...(input.workloadType ? { workload_type: input.workloadType } : {}),
    };
  };
  const candidate = entityFor(input.candidateVersion);
  const candidateName = candidate.name ?? servedEntityName(input.entityName, input.candidateVersion);
  let stable: ServedEntityInput | undefined;
  if (input.stableVersion !== null && input.stableVersion !== input.candidateVersion && (percent < 100 || !input.retireStable)) stable = entityFor(input.stableVersion);
  if (input.stableVersion === null && percent < 100) notes.push(`no stable version is serving, so ${candidateName} takes all traffic instead of ${percent}%`);
  const entities = stable ? [stable, candidate] : [candidate];
  const dropped = existing.filter((e) => !entities.some((kept) => kept.name === e.name)).map((e) => e.name ?? `${e.entity_name} v${e.entity_version}`);
  if (dropped.length > 0) notes.push(`removes served entit${dropped.length === 1 ? 'y' : 'ies'} ${dropped.join(', ')}`);
  const stableName = stable ? (stable.name ?? servedEntityName(input.entityName, input.stableVersion ?? '')) : null;
  const routes = stableName
    ? [
        { served_entity_name: stableName, traffic_percentage: 100 - percent },
        { served_entity_name: candidateName, traffic_percentage: percent },
      ]
    : [{ served_entity_name: candidateName, traffic_percentage: 100 }];
  // Legacy inference tables stay as they are: a PUT without them may turn payload logging off.
  const capture = serving?.auto_capture_config ? { auto_capture_config: serving.auto_capture_config } : {};
  return { config: { served_entities: entities, traffic_config: { routes }, ...capture }, candidateEntity: candidateName, stableEntity: stableName, notes };
}

/** A dry-run diff, one line per change: `+`/`-`/`~` served entities, then the traffic split. */
export function describeChange(before: EndpointConfigInput | undefined | null, after: EndpointConfigInput | null): string[] {
  const old = before?.served_entities ?? [];
  const next = after?.served_entities ?? [];
  const lines: string[] = [];
  for (const e of next) {
    const was = old.find((o) => o.name === e.name);
    if (!was) lines.push(`+ served entity ${describeEntity(e)}`);
    else {
      const [from, to] = [was as Record<string, unknown>, e as Record<string, unknown>];
      const changed = Object.keys({ ...from, ...to }).filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]));
      if (changed.length > 0) lines.push(`~ served entity ${e.name}: ${changed.map((k) => `${k} ${JSON.stringify(from[k])} -> ${JSON.stringify(to[k])}`).join(', ')}`);
    }
  }
  for (const o of old) if (!next.some((e) => e.name === o.name)) lines.push(`- served entity ${describeEntity(o)}`);
  const split = (c: EndpointConfigInput | undefined | null): Map<string, number> => new Map((c?.traffic_config?.routes ?? []).map((r) => [r.served_entity_name ?? '?', r.traffic_percentage]));
  const [from, to] = [split(before), split(after)];
  const names = [...new Set([...from.keys(), ...to.keys()])];
  const moves = names.filter((n) => from.get(n) !== to.get(n)).map((n) => `${n} ${from.get(n) ?? 0}% -> ${to.get(n) ?? 0}%`);
  if (moves.length > 0) lines.push(`traffic: ${moves.join(', ')}`);
  return lines.length > 0 ? lines : ['no change'];
}

function describeEntity(e: ServedEntityInput): string {
  const sizing = [e.workload_size, e.workload_type, e.scale_to_zero_enabled ? 'scale-to-zero' : undefined].filter(Boolean).join(', ');
  return `${e.name} (${e.entity_name} v${e.entity_version}${sizing ? `, ${sizing}` : ''})`;
}
