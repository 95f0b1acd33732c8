import { z } from 'zod';
import type { Clock } from '../clock';
import { ConfigError, InputError, RefusedError } from '../errors';
import { redactUrl } from '../http/client';
import { backoffDelay, type RetryPolicy } from '../http/retry';
import type { Logger } from '../logger';
import { MlflowApiError, mlflowCredentialsHint } from '../mlflow/errors';
import { MlflowRest } from '../mlflow/rest';
import { filterLiteral, isNotFound } from '../mlflow/search';
import { AliasConflictError, type ExpectedHolder, type ModelVersion, type Registry } from './types';
import { lazySchema } from '../config/zod-helpers';
import { randomUuid } from '../random-ids';

/** Basic auth wins over a token when both are configured, as in MLflow's own client. */
export type MlflowAuth = { token: string } | { username: string; password: string };

export interface OssMlflowOptions {
  /** `http(s)://host[:port][/prefix]`; the REST API lives under `<prefix>/api/2.0/mlflow/`. */
  trackingUri: string;
  auth: MlflowAuth | undefined;
  clock: Clock;
  logger?: Logger;
  retryPolicy?: RetryPolicy;
  /** Per request. */
  timeoutMs?: number;
  random?: () => number;
}

interface RegistryTuning {
  /** `max_results` for `model-versions/search`. */
  pageSize?: number;
  /**
   * After a compare-and-set write of an alias, how long to wait before reading the holder a
   * second time (default 500 ms). See `setAlias`.
   */
  aliasSettleMs?: number;
}

/** A registry speaking MLflow's registry API over a given transport: Databricks workspace or Unity Catalog. */
export interface MlflowDialect {
  rest: MlflowRest;
  kind: 'mlflow' | 'unity-catalog';
  /** Below `/api/2.0/`: `mlflow/` or `mlflow/unity-catalog/`. */
  registryPath: string;
  /** Checks a model name before any call (Unity Catalog's three-level names). */
  checkModelName?: (model: string) => void;
  /**
   * Whether `model-versions/search` takes `order_by` (default true). Unity Catalog's
   * SearchModelVersionsRequest has only filter, max_results and page_token, and MLflow's UC
   * client refuses order_by, so there the versions are sorted here after the last page.
   */
  searchOrderBy?: boolean;
}

export type MlflowRegistryOptions = (OssMlflowOptions | MlflowDialect) & RegistryTuning;

/** The transport for an open-source MLflow server, with its conventional auth. */
export function ossMlflowRest(options: OssMlflowOptions, area = 'registry.mlflow'): MlflowRest {
  const trackingUri = checkTrackingUri(options.trackingUri);
  const header = authorizationHeader(options.auth);
  return new MlflowRest({
    baseUrl: trackingUri,
    credentials: header === undefined ? undefined : { description: 'MLflow tracking credentials', authorization: async () => header, invalidate: () => {} },
    secrets: credentialStrings(options.auth, header),
    clock: options.clock,
    area,
    logger: options.logger,
    retryPolicy: options.retryPolicy,
    timeoutMs: options.timeoutMs,
    random: options.random,
    credentialsHint: credentialsHintFor(options.auth),
  });
}

/** What a 401 or 403 means, by what was sent: nothing, a token, or a user and password. */
function credentialsHintFor(auth: MlflowAuth | undefined): string {
  if (!auth) return mlflowCredentialsHint;
  if ('token' in auth) return 'the tracking server rejected the token in MLFLOW_TRACKING_TOKEN: check that it is current and issued for this server';
  return `the tracking server rejected user ${JSON.stringify(auth.username)} (MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD): check the password, and that the user exists on this server`;
}

/**
 * Tag written on every version this client registers, with a value unique to the request, so a
 * create whose answer was lost can be found again instead of being sent twice.
 */
export const registerRequestTag = 'agent_release.register_request_id';

/**
 * Every ModelVersion field is optional in MLflow's protos (the OSS and the Unity Catalog ones).
 * Only `version` is insisted on: without it there is nothing to name. A version without `name`
 * is the model asked for (every call here names it).
 */
const wireVersion = lazySchema(() => z.object({
  name: z.string().optional(),
  version: z.union([z.string(), z.number()], { error: 'a model version without its version number cannot be named' }).transform(String),
  source: z.string().optional(),
  status: z.string().optional(),
  tags: z.array(z.object({ key: z.string(), value: z.string().optional() })).optional(),
  // Strings in OSS MLflow; Unity Catalog's ModelVersion carries RegisteredModelAlias objects {alias, version}.
  aliases: z.array(z.union([z.string(), z.object({ alias: z.string() }).transform((a) => a.alias)])).optional(),
  creation_timestamp: z.union([z.number(), z.string()]).optional(),
}));
type WireVersion = z.infer<typeof wireVersion>;

const oneVersion = lazySchema(() => z.object({ model_version: wireVersion }));
const versionPage = lazySchema(() => z.object({ model_versions: z.array(wireVersion).optional(), next_page_token: z.string().optional() }));
const registeredModel = lazySchema(() => z.object({
  registered_model: z.object({ name: z.string().optional(), aliases: z.array(z.object({ alias: z.string().optional(), version: z.union([z.string(), z.number()]).transform(String).optional() })).optional() }),
}));
const empty = lazySchema(() => z.object({}));

interface Call<S extends z.ZodType> {
  what: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Below `/api/2.0/mlflow/`. */
  path: string;
  /** Query parameters for GET, a JSON body otherwise. */
  fields: Record<string, unknown>;
  response: S;
  idempotent: boolean;
  /** Instead of the registry's policy (compare-and-set sends each attempt itself). */
  policy?: RetryPolicy;
}

/**
 * The model registry of an MLflow tracking server (OSS or Databricks workspace), over REST API
 * 2.0. Every call goes through `send` (retries with backoff, Retry-After, a deadline); failures
 * become `MlflowApiError`s that name the operation, the model and version, MLflow's error code
 * and message. Credentials go into the Authorization header only and are never logged.
 */
export class MlflowRegistry implements Registry {
  readonly kind: 'mlflow' | 'unity-catalog';
  readonly trackingUri: string;
  private readonly rest: MlflowRest;
  private readonly registryPath: string;
  private readonly checkModelName: (model: string) => void;
  private readonly searchOrderBy: boolean;
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  private readonly logger: Logger | undefined;
  private readonly pageSize: number;
  private readonly aliasSettleMs: number;

  constructor(options: MlflowRegistryOptions) {
    const dialect: MlflowDialect = 'rest' in options ? options : { rest: ossMlflowRest(options), kind: 'mlflow', registryPath: 'mlflow/' };
    this.rest = dialect.rest;
    this.kind = dialect.kind;
    this.registryPath = dialect.registryPath;
    this.checkModelName = dialect.checkModelName ?? (() => {});
    this.searchOrderBy = dialect.searchOrderBy ?? true;
    this.trackingUri = this.rest.baseUrl;
    this.clock = this.rest.clock;
    this.policy = this.rest.policy;
    this.random = this.rest.random;
    this.logger = this.rest.logger;
    this.aliasSettleMs = options.aliasSettleMs ?? 500;
    this.pageSize = options.pageSize ?? 1_000;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > 200_000) {
      throw new ConfigError(`MLflow search page size must be an integer from 1 to 200000 (got ${this.pageSize})`);
    }
  }

  async getVersion(model: string, version: string): Promise<ModelVersion | undefined> {
    this.checkModelName(model);
    try {
      const res = await this.call({
        what: `read version on ${model} v${version}`,
        method: 'GET',
        path: 'model-versions/get',
        fields: { name: model, version },
        response: oneVersion,
        idempotent: true,
      });
      return this.toModelVersion(res.model_version, model);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * All versions, oldest first. `model-versions/search` pages by offset, so pages are ordered by
   * version number: a version registered meanwhile lands on the last page instead of shifting
   * the others (Unity Catalog's search takes no order_by: a version registered or deleted
   * meanwhile may shift its pages; repeats are dropped here). Search results carry no aliases,
   * so they come from the registered model.
   */
  async modelExists(model: string): Promise<boolean> {
    this.checkModelName(model);
    return (await this.registeredAliases(model, `read registered model ${model}`)) !== undefined;
  }

  async listVersions(model: string): Promise<ModelVersion[]> {
    this.checkModelName(model);
    const what = `list versions on ${model}`;
    const aliases = await this.aliasesByVersion(model, what);
    if (aliases === undefined) return [];
    const found = new Map<string, ModelVersion>();
    const tokens = new Set<string>();
    let pageToken: string | undefined;
    do {
      const page = await this.call({
        what,
        method: 'GET',
        path: 'model-versions/search',
        fields: { filter: `name = ${filterLiteral(model)}`, max_results: this.pageSize, order_by: this.searchOrderBy ? 'version_number ASC' : undefined, page_token: pageToken },
        response: versionPage,
        idempotent: true,
      });
      for (const wire of page.model_versions ?? []) {
        if ((wire.name ?? model) === model) found.set(wire.version, this.toModelVersion(wire, model, aliases.get(wire.version) ?? []));
      }
      pageToken = page.next_page_token || undefined;
      if (pageToken !== undefined) {
        if (tokens.has(pageToken)) throw this.invalidResponse(what, `the server returned page token ${pageToken} twice`);
        tokens.add(pageToken);
      }
    } while (pageToken !== undefined);
    return [...found.values()].sort((a, b) => Number(a.version) - Number(b.version));
  }

  async getAlias(model: string, alias: string): Promise<string | null> {
    this.checkModelName(model);
    checkAlias(alias);
    try {
      const res = await this.call({
        what: `read alias @${alias} on ${model}`,
        method: 'GET',
        path: 'registered-models/alias',
        fields: { name: model, alias },
        response: oneVersion,
        idempotent: true,
      });
      return res.model_version.version;
    } catch (error) {
      // OSS stores answer 400 INVALID_PARAMETER_VALUE "Registered model alias <a> not found." for an
      // unset alias, and 404 RESOURCE_DOES_NOT_EXIST when the model itself does not exist.
      // ASSUMED (Unity Catalog unset alias): no source gives Unity Catalog's answer; it is taken
      // to be one of these two (404 RESOURCE_DOES_NOT_EXIST / NOT_FOUND, or that 400 text).
      if (isNotFound(error)) return null;
      if (error instanceof MlflowApiError && error.status === 400 && /\balias\b.*\bnot found\b/i.test(error.serverMessage)) return null;
      throw error;
    }
  }

  /** Every alias on the model (from `registered-models/get`); empty when the model does not exist. */
  async listAliases(model: string): Promise<Record<string, string>> {
    this.checkModelName(model);
    const aliases = await this.registeredAliases(model, `list aliases on ${model}`);
    return Object.fromEntries((aliases ?? []).map(({ alias, version }) => [alias, version]));
  }

  /**
   * Moves the alias, refusing when it is not held by `expected` (unless it already names
   * `version`, which converges). With `expected` undefined it is a plain set, verified after.
   *
   * MLflow has no server-side compare-and-set for aliases: `registered-models/alias` is a plain
   * upsert. So this client comes as close as a client can (`compareAndWrite`): the holder is read
   * before every attempt of the write, and read again right after it and once more
   * `aliasSettleMs` later. Of two runs that both read the old holder and both write, the one
   * whose write landed first sees the other's version in one of those reads and refuses, naming
   * it; the later one wins. What remains open: a concurrent write that reaches MLflow more than
   * `aliasSettleMs` after ours (its request held up on the way) overwrites a release that has
   * already reported success, and neither run can tell. Serialise releases of one model (the
   * reusable workflow's `concurrency` group) to close it.
   */
  async setAlias(model: string, alias: string, version: string, expected: ExpectedHolder): Promise<void> {
    this.checkModelName(model);
    checkAlias(alias);
    const write: Call<typeof empty> = {
      what: `set alias @${alias} on ${model} v${version}`,
      method: 'POST',
      path: 'registered-models/alias',
      fields: { name: model, alias, version },
      response: empty,
      // An upsert: sending it twice leaves the same state.
      idempotent: true,
    };
    if (expected === undefined) {
      await this.call(write);
      const after = await this.getAlias(model, alias);
      if (after !== version) throw new AliasConflictError(model, alias, version, after);
      return;
    }
    await this.compareAndWrite(model, alias, expected, version, write);
  }

  /** Removes the alias (not part of `Registry`; rollback to "no holder" needs it). Same caveat as `setAlias`. */
  async deleteAlias(model: string, alias: string, expected: ExpectedHolder = undefined): Promise<void> {
    this.checkModelName(model);
    checkAlias(alias);
    const write: Call<typeof empty> = {
      what: `delete alias @${alias} on ${model}`,
      method: 'DELETE',
      path: 'registered-models/alias',
      fields: { name: model, alias },
      response: empty,
      idempotent: true,
    };
    if (expected === undefined) {
      await this.call(write);
      const after = await this.getAlias(model, alias);
      if (after !== null) throw new AliasConflictError(model, alias, null, after);
      return;
    }
    await this.compareAndWrite(model, alias, expected, null, write);
  }

  /**
   * Writes `wanted` (a version, or null for "no holder") only while the alias is held by
   * `expected`. Each attempt is sent once, after a fresh read: a retry sent blindly after a
   * backoff could overwrite a version another run set in the meantime, and an attempt whose
   * answer was lost shows up in the next read as already done.
   */
  private async compareAndWrite(model: string, alias: string, expected: string | null, wanted: string | null, write: Call<typeof empty>): Promise<void> {
    const { clock, random } = this;
    const startedAt = clock.now();
    for (let attempt = 1; ; attempt++) {
      const actual = await this.getAlias(model, alias);
      if (actual === wanted) {
        if (attempt === 1) {
          this.logger?.debug(`registry.mlflow: @${alias} on ${model} already ${wanted === null ? 'is unset' : `names version ${wanted}`}`);
          return;
        }
        // An earlier attempt landed although its answer was lost.
        break;
      }
      if (actual !== expected) throw new AliasConflictError(model, alias, expected, actual);
      try {
        await this.call({ ...write, policy: { ...this.policy, attempts: 1 } });
        break;
      } catch (error) {
        if (!(error instanceof MlflowApiError) || !error.transient) throw error;
        const wait = Math.max(backoffDelay(this.policy, attempt - 1, random), error.retryAfterMs ?? 0);
        const deadline = this.policy.deadlineMs;
        if (attempt >= this.policy.attempts || (deadline !== undefined && clock.now() + wait - startedAt > deadline)) {
          throw new MlflowApiError(write.what, { ...error.facts, attempts: attempt }, this.trackingUri, { cause: error.cause });
        }
        this.logger?.debug(`registry.mlflow: ${write.what}: attempt ${attempt} failed (${error.errorCode}); reading @${alias} again before retrying in ${wait} ms`);
        await clock.sleep(wait);
      }
    }
    await this.confirmHolder(model, alias, wanted);
  }

  /** Reads the holder right after a write and again `aliasSettleMs` later: a concurrent writer shows up in one of them. */
  private async confirmHolder(model: string, alias: string, wanted: string | null): Promise<void> {
    const after = await this.getAlias(model, alias);
    if (after !== wanted) throw new AliasConflictError(model, alias, wanted, after);
    if (this.aliasSettleMs <= 0) return;
    await this.clock.sleep(this.aliasSettleMs);
    const settled = await this.getAlias(model, alias);
    if (settled !== wanted) throw new AliasConflictError(model, alias, wanted, settled);
  }

  /**
   * One `set-tag` call per tag (MLflow has no batch call for version tags). Each is an upsert,
   * so a failure part-way leaves the earlier tags set and re-running converges.
   */
  async setVersionTags(model: string, version: string, tags: Record<string, string>): Promise<void> {
    this.checkModelName(model);
    const entries = Object.entries(tags);
    if (entries.length === 0 && !(await this.getVersion(model, version))) {
      throw new RefusedError(`${model} has no version ${version} in the MLflow registry at ${redactUrl(this.trackingUri)}`);
    }
    for (const [key, value] of entries) {
      await this.call({
        what: `set tag ${key} on ${model} v${version}`,
        method: 'POST',
        path: 'model-versions/set-tag',
        fields: { name: model, version, key, value },
        response: empty,
        idempotent: true,
      });
    }
  }

  /**
   * Creates the registered model if it is missing, then the version. `model-versions/create` is
   * not idempotent: when its outcome is unknown (timeout, reset, gateway error), the version is
   * looked up by the request id tagged on it before the create is sent again.
   */
  async registerVersion(model: string, source: string, tags: Record<string, string>): Promise<ModelVersion> {
    this.checkModelName(model);
    await this.ensureRegisteredModel(model);
    const requestId = randomUuid();
    const what = `register version on ${model}`;
    const body = { name: model, source, tags: Object.entries({ ...tags, [registerRequestTag]: requestId }).map(([key, value]) => ({ key, value })) };
    const random = this.random;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.call({ what, method: 'POST', path: 'model-versions/create', fields: body, response: oneVersion, idempotent: false });
        const created = this.toModelVersion(res.model_version, model);
        if (attempt > 1) await this.warnOnDuplicates(model, requestId, created.version);
        return created;
      } catch (error) {
        if (!(error instanceof MlflowApiError) || !error.outcomeUnknown) throw error;
        // Give a request that is still being processed a moment to land before looking for it.
        await this.clock.sleep(Math.max(backoffDelay(this.policy, attempt - 1, random), 100));
        const landed = await this.findByRequestId(model, requestId);
        if (landed) {
          this.logger?.warn(`registry.mlflow: ${what}: the answer was lost (${error.errorCode}) but version ${landed.version} was created; using it`);
          return landed;
        }
        if (attempt >= this.policy.attempts) {
          throw new MlflowApiError(
            what,
            {
              status: error.status,
              errorCode: error.errorCode,
              message: `${error.serverMessage}; no version tagged ${registerRequestTag}=${requestId} was found after ${attempt} attempts (check with agent-release registry show before registering again)`,
              attempts: 1,
              outcomeUnknown: false,
              transient: false,
            },
            this.trackingUri,
            { cause: error },
          );
        }
        this.logger?.info(`registry.mlflow: ${what}: outcome unknown (${error.errorCode}) and no version was created; sending it again`);
      }
    }
  }

  private async ensureRegisteredModel(model: string): Promise<void> {
    const what = `create registered model on ${model}`;
    if ((await this.registeredAliases(model, what)) !== undefined) return;
    try {
      await this.call({ what, method: 'POST', path: 'registered-models/create', fields: { name: model }, response: z.unknown(), idempotent: true });
    } catch (error) {
      // Someone else created it meanwhile, or a retried create found its own first attempt's work.
      if (error instanceof MlflowApiError && error.errorCode === 'RESOURCE_ALREADY_EXISTS') return;
      throw error;
    }
  }

  /** Version -> aliases; undefined when the model does not exist. */
  private async aliasesByVersion(model: string, what: string): Promise<Map<string, string[]> | undefined> {
    const aliases = await this.registeredAliases(model, what);
    if (aliases === undefined) return undefined;
    const byVersion = new Map<string, string[]>();
    for (const { alias, version } of aliases) byVersion.set(version, [...(byVersion.get(version) ?? []), alias]);
    return byVersion;
  }

  /** The model's aliases from `registered-models/get`; undefined when the model does not exist. */
  private async registeredAliases(model: string, what: string): Promise<{ alias: string; version: string }[] | undefined> {
    try {
      const res = await this.call({ what, method: 'GET', path: 'registered-models/get', fields: { name: model }, response: registeredModel, idempotent: true });
      // An alias entry missing either half names nothing; it is skipped.
      return (res.registered_model.aliases ?? []).flatMap((a) => (a.alias !== undefined && a.version !== undefined ? [{ alias: a.alias, version: a.version }] : []));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async searchByRequestId(model: string, requestId: string): Promise<WireVersion[]> {
    const res = await this.call({
      what: `find the version registered by request ${requestId} on ${model}`,
      method: 'GET',
      path: 'model-versions/search',
      fields: { filter: `name = ${filterLiteral(model)} AND tags.\`${registerRequestTag}\` = '${requestId}'`, order_by: 'version_number ASC' },
      response: versionPage,
      idempotent: true,
    });
    return (res.model_versions ?? []).filter((v) => (v.name ?? model) === model);
  }

  private async findByRequestId(model: string, requestId: string): Promise<ModelVersion | undefined> {
    const [first] = await this.searchByRequestId(model, requestId);
    return first ? ((await this.getVersion(model, first.version)) ?? this.toModelVersion(first, model)) : undefined;
  }

  /** A create retried after an unknown outcome can still race the first attempt; say so if it did. */
  private async warnOnDuplicates(model: string, requestId: string, kept: string): Promise<void> {
    const twins = (await this.searchByRequestId(model, requestId)).map((v) => v.version).filter((v) => v !== kept);
    if (twins.length > 0) {
      this.logger?.warn(
        `registry.mlflow: the first attempt to register ${model} landed late as version ${twins.join(', ')}; version ${kept} is the one in use and the others are duplicates to delete`,
      );
    }
  }

  private call<S extends z.ZodType>(call: Call<S>): Promise<z.infer<S>> {
    return this.rest.call({ ...call, path: `${this.registryPath}${call.path}` });
  }

  private invalidResponse(what: string, message: string): MlflowApiError {
    return this.rest.invalidResponse(what, message);
  }

  private toModelVersion(wire: WireVersion, model: string, aliases?: string[]): ModelVersion {
    const created = Number(wire.creation_timestamp);
    return {
      name: wire.name ?? model,
      version: wire.version,
      source: wire.source ?? '',
      status: this.status(wire),
      tags: Object.fromEntries((wire.tags ?? []).map((t) => [t.key, t.value ?? ''])),
      aliases: wire.aliases ?? aliases ?? [],
      createdAt: Number.isFinite(created) && wire.creation_timestamp !== undefined ? new Date(created).toISOString() : '',
    };
  }

  private status(wire: WireVersion): ModelVersion['status'] {
    switch (wire.status) {
      case undefined:
      case 'READY':
        return 'READY';
      case 'PENDING_REGISTRATION':
      case 'FAILED_REGISTRATION':
        return wire.status;
      default:
        // A status this client does not know is not safe to release: treat it as not ready yet.
        this.logger?.warn(`registry.mlflow: ${wire.name} v${wire.version} has unknown status ${wire.status}; treating it as PENDING_REGISTRATION`);
        return 'PENDING_REGISTRATION';
    }
  }
}

/** Auth from MLflow's conventional variables: username + password (basic) wins over a token. */
export function mlflowAuthFromEnv(env: NodeJS.ProcessEnv): MlflowAuth | undefined {
  const { MLFLOW_TRACKING_USERNAME: username, MLFLOW_TRACKING_PASSWORD: password, MLFLOW_TRACKING_TOKEN: token } = env;
  if (username || password) {
    if (!username || !password) {
      throw new ConfigError(`MLFLOW_TRACKING_${username ? 'PASSWORD' : 'USERNAME'} is not set but MLFLOW_TRACKING_${username ? 'USERNAME' : 'PASSWORD'} is; set both for basic auth, or neither`);
    }
    return { username, password };
  }
  return token ? { token } : undefined;
}

/** Every form in which the credentials could come back: raw, `user:password`, base64 and the header itself. */
function credentialStrings(auth: MlflowAuth | undefined, header: string | undefined): string[] {
  if (!auth || !header) return [];
  const basic = 'token' in auth ? [] : [`${auth.username}:${auth.password}`, Buffer.from(`${auth.username}:${auth.password}`).toString('base64')];
  // A bare value under 4 characters would mask ordinary words (the shells' masker draws the same line); the header and basic forms are always long.
  const bare = ('token' in auth ? auth.token : auth.password).length >= 4 ? ['token' in auth ? auth.token : auth.password] : [];
  // Longest first, so a value that contains another is masked whole.
  return [header, ...basic, ...bare].sort((a, b) => b.length - a.length);
}

function authorizationHeader(auth: MlflowAuth | undefined): string | undefined {
  if (!auth) return undefined;
  if ('username' in auth) {
    if (!auth.username || auth.username.includes(':')) throw new ConfigError('MLflow basic auth needs a non-empty username without ":"');
    if (!auth.password) throw new ConfigError(`MLflow basic auth for user ${auth.username} needs a non-empty password`);
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  }
  if (!auth.token || /\s/.test(auth.token)) throw new ConfigError('the MLflow token is empty or contains whitespace; check MLFLOW_TRACKING_TOKEN');
  return `Bearer ${auth.token}`;
}

function checkTrackingUri(uri: string): string {
  if (/^databricks(-uc)?(:|$)/.test(uri)) {
    throw new ConfigError(`the MLflow tracking URI "${uri}" must be http(s)://host[:port][/prefix]; for Databricks use registry: unity-catalog`);
  }
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw new ConfigError(`the MLflow tracking URI "${uri}" is not a URL; expected http(s)://host[:port][/prefix]`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`the MLflow tracking URI "${uri}" must be http(s)://host[:port][/prefix]`);
  }
  if (parsed.username || parsed.password) {
    throw new ConfigError(`the MLflow tracking URI ${redactUrl(uri)} carries credentials; put them in MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN) instead`);
  }
  if (parsed.search || parsed.hash) throw new ConfigError(`the MLflow tracking URI ${redactUrl(uri)} must not have a query or fragment`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** MLflow's alias rules (`_validate_model_alias_name` and the reserved names), checked before any call. */
function checkAlias(alias: string): void {
  if (!/^[\w-]{1,255}$/.test(alias)) {
    throw new InputError(`alias "${alias}" is not a valid MLflow alias: use 1 to 255 letters, digits, "_" or "-"`);
  }
  if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias)) {
    throw new InputError(`alias "${alias}" is reserved by MLflow ("latest" and version-like names such as "v3" refer to versions); choose another, e.g. "champion"`);
  }
}
