import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { readFile, stat } from '../fs-async';
import path from 'node:path';
import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { z } from 'zod';
import { notUtf8 } from '../contract/utf8';
import { ConfigError, messageOf } from '../errors';
import { maxNesting, valueNestsBeyond } from '../nesting';
import { checkCommandLines } from './command-lines';
import { duplicateKeyProblem } from './duplicate-keys';
import { interpolate } from './interpolate';
import { notificationSecrets } from './notify-schema';
import { deepMerge, formatPath, getAt, isPlainObject, withoutPaths, type PathSegment } from './paths';
import { configSchema, type Config } from './schema';
import { settingsInUse, unsetReferences, type SettingsInUse } from './sections';
import { nestingAfterCompose, parseDocumentChecked } from './yaml-nesting';
import { describeValue, lazySchema, suggestion } from './zod-helpers';

export interface LoadConfigOptions {
  /** Path of the config file; relative paths resolve against `workdir`. */
  file: string;
  workdir: string;
  environment?: string;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The settings the caller will use: top-level sections or dotted paths ("deploy"), and "!path"
   * for a part of one it does not read ("!deploy.analysis"). ${VAR}s elsewhere may stay unset, so a
   * registry command or an evaluate job does not need the deploy job's secrets. Default: all.
   */
  sections?: readonly string[];
}

export interface LoadedConfig {
  config: Config;
  /** The file as given, for messages. */
  file: string;
  /** Relative paths inside the config resolve against this directory (the workspace). */
  workdir: string;
  environment?: string;
  /** Values to mask in logs (from secret-looking environment variables). */
  secrets: string[];
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const { file, workdir, environment } = options;
  const absolute = path.resolve(workdir, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `config file ${file} not found (looked in ${absolute}); create it (see the README's config reference) or point the config input / --config at it`
        : code === 'EISDIR'
          ? `config file ${file} is a directory; point the config input / --config at the YAML file in it (e.g. ${path.join(file, 'agent-release.yml')})`
          : `cannot read config file ${file}: ${(error as Error).message}`,
    );
  }
  // Decoded regardless, a binary or Latin-1 file would turn into replacement characters and be reported as a string.
  if (!isUtf8(bytes)) throw new ConfigError((await notUtf8(absolute, 'the config', file)).message);
  const text = bytes.toString('utf8');
  const parse = (checkJsonSchema: JsonSchemaCheck): LoadedConfig => parseConfig(text, { ...options, file, workdir, environment, checkJsonSchema });
  // Ajv (about 300 KB, a fifth of the libraries a run loads at start-up) is loaded only when a
  // json_schema scorer (in any environment) has a schema to compile; the file is then parsed again.
  let hasJsonSchemas = false;
  let loaded: LoadedConfig | undefined;
  try {
    loaded = parse(() => {
      hasJsonSchemas = true;
      return undefined;
    });
  } catch (error) {
    if (!hasJsonSchemas) throw error;
  }
  if (hasJsonSchemas) loaded = parse((await import('../evaluate/json-schema')).jsonSchemaProblem);
  await checkLocalPaths(loaded as LoadedConfig);
  return loaded as LoadedConfig;
}

/** A file where a folder belongs, or the other way round, said before a mode trips on it as ENOTDIR or EISDIR. */
async function checkLocalPaths({ config, file, workdir }: LoadedConfig): Promise<void> {
  const kindOf = async (where: string) => (await stat(path.resolve(workdir, where)).catch(() => undefined))?.isDirectory();
  if ((await kindOf(config.artifacts_dir)) === false) {
    throw new ConfigError(`${file}: artifacts_dir: ${config.artifacts_dir} is a file; artifacts_dir names the folder evaluations and decisions are written to (default .agent-release)`);
  }
  if (config.model.registry === 'local' && (await kindOf(config.model.path)) === true) {
    throw new ConfigError(`${file}: model.path: ${config.model.path} is a folder; model.path names the local registry's JSON file (default .agent-release/registry.json)`);
  }
}

/** What is wrong with a json_schema scorer's schema (it must compile), or undefined. */
export type JsonSchemaCheck = (schema: Record<string, unknown>) => string | undefined;

/** loadConfig without the file read; `checkJsonSchema` is jsonSchemaProblem from evaluate/json-schema. */
export function parseConfig(text: string, options: LoadConfigOptions & { checkJsonSchema: JsonSchemaCheck }): LoadedConfig {
  const { file, environment, checkJsonSchema } = options;
  const parsed = parseDocumentChecked(text, { uniqueKeys: true });
  if ('tooDeep' in parsed) throw new ConfigError(`${file}:${parsed.tooDeep.line}: ${parsed.tooDeep.message}`);
  const { doc, lines } = parsed;
  if (doc.errors.length > 0) {
    const messages = doc.errors.map((e) => {
      const at = lines.linePos(e.pos[0]);
      const duplicate = e.code === 'DUPLICATE_KEY' ? duplicateKeyProblem(doc, lines, e.pos[0]) : undefined;
      return `${file}:${at.line}:${at.col}: ${duplicate ?? e.message.split('\n')[0] ?? ''}`;
    });
    throw new ConfigError(`${file} is not valid YAML:\n${messages.join('\n')}`);
  }
  const deepDoc = nestingAfterCompose(doc, lines);
  if (deepDoc) throw new ConfigError(`${file}:${deepDoc.line}: ${deepDoc.message}`);
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (error) {
    // yaml refuses aliases that expand too far (a "billion laughs").
    throw new ConfigError(`${file}: ${messageOf(error)}; use fewer aliases (*name)`);
  }
  if (valueNestsBeyond(raw, maxNesting)) throw new ConfigError(`${file}: aliases (*name) make settings nest more than ${maxNesting} levels deep, or contain themselves; write those settings out`);
  if (raw === null || raw === undefined) throw new ConfigError(`${file}: the file is empty (or only comments); write at least version: 1 and model: { name: ... }`);
  if (!isPlainObject(raw)) throw new ConfigError(`${file}: expected a mapping of settings at the top level (version: 1, model: ...), got ${describeValue(raw)}`);

  const { environments = {}, ...base } = raw;
  if (!isPlainObject(environments)) throw new ConfigError(`${at(doc, lines, file, ['environments'])}: environments: expected a mapping of environment name to overrides`);
  const names = Object.keys(environments);
  for (const name of names) {
    if (!isPlainObject(environments[name])) {
      throw new ConfigError(`${at(doc, lines, file, ['environments', name])}: environments.${name}: expected a mapping of overrides, got ${describeValue(environments[name])}`);
    }
  }
  if (environment && names.length > 0 && !names.includes(environment)) {
    const hint = suggestion(environment, names);
    throw new ConfigError(`${file}: environment "${environment}" is not defined under environments${hint ? ` (${hint})` : ''}; defined: ${names.join(', ')}`);
  }

  const overlay = environment && names.includes(environment) ? { name: environment, value: environments[environment] } : undefined;
  const merged = overlay ? deepMerge(base, overlay.value) : base;
  const locate = (p: PathSegment[]): string => {
    const shownPath = sourcePath(p, overlay);
    return `${at(doc, lines, file, shownPath)}: ${formatPath(shownPath)}`;
  };
  const settings = settingsInUse(options.sections);
  const interpolated = interpolate(merged, options.env, locate, settings.has);
  const unsetAt = (p: PathSegment[]): string[] => writtenReferences(merged, p, options.env);
  const config = validate(interpolated.value, { doc, lines, file, overlay, hidden: interpolated.fromEnvironment, unsetAt, settings, checkJsonSchema });
  checkCommandLines(merged, locate);
  checkWebhookSecretsFromEnvironment(config, interpolated.fromEnvironment, locate);
  checkCredentialHeadersFromEnvironment(interpolated.value, interpolated.fromEnvironment, locate);
  // Every overlay is checked, selected or not, so a typo in production fails in the staging run too;
  // after the settings in use, so a mistake in the base is reported as the base's, not an overlay's.
  // Their ${VAR}s are not filled in, so no value holding one is checked.
  for (const name of names.filter((n) => n !== environment)) {
    const value = deepMerge(base, environments[name]);
    const unsetAt = (p: PathSegment[]): string[] => writtenReferences(value, p);
    const other = { name, value: environments[name] };
    validate(value, { doc, lines, file, overlay: other, hidden: new Set(), unsetAt, settings: settingsInUse([]), checkJsonSchema });
    checkCommandLines(value, (p) => {
      const shownPath = sourcePath(p, other);
      return `${at(doc, lines, file, shownPath)}: ${formatPath(shownPath)}`;
    });
  }
  return { config, file, workdir: options.workdir, environment: environment || undefined, secrets: [...interpolated.secrets, ...notificationSecrets(config.notifications)] };
}

/** Anyone who can read the repository could post with a webhook URL or signing secret written in the file. */
function checkWebhookSecretsFromEnvironment(config: Config, fromEnvironment: ReadonlySet<string>, locate: (p: PathSegment[]) => string): void {
  (config.notifications ?? []).forEach((notifier, i) => {
    for (const key of notifier.type === 'webhook' ? ['url', 'secret'] : ['url']) {
      const at: PathSegment[] = ['notifications', i, key];
      if (!fromEnvironment.has(formatPath(at))) {
        throw new ConfigError(`${locate(at)}: a webhook ${key} is a secret; write it as \${NAME} and set NAME from a repository or environment secret, never in the file`);
      }
    }
  });
}

/** A header that carries a credential by its name: authorization, x-api-key, a token, a secret. */
const credentialHeader = /^(proxy-)?authorization$|api[-_]?key|token|secret|password/i;

/**
 * A credential header written in the file is readable by anyone who can read the repository, and
 * nothing masks it: an agent that echoes its request printed it whole (README: secrets never live
 * in the file). Any `headers` mapping, wherever it is (endpoint, judge, probe).
 */
function checkCredentialHeadersFromEnvironment(value: unknown, fromEnvironment: ReadonlySet<string>, locate: (p: PathSegment[]) => string): void {
  const walk = (node: unknown, at: PathSegment[]): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...at, i]));
    if (!isPlainObject(node)) return;
    for (const [key, item] of Object.entries(node)) {
      const here = [...at, key];
      if (at.at(-1) === 'headers' && typeof item === 'string' && credentialHeader.test(key) && !fromEnvironment.has(formatPath(here))) {
        throw new ConfigError(`${locate(here)}: the ${key} header carries a credential; write it as \${NAME} (e.g. "Bearer \${AGENT_TOKEN}") and set NAME from a repository or environment secret, never in the file`);
      }
      walk(item, here);
    }
  };
  walk(value, []);
}

/**
 * Only the settings that say where a version's gate record lives (model, experiments,
 * artifacts_dir), read on their own: when the rest of the config is broken, a gate run can still
 * withdraw the version's earlier decision instead of leaving it standing. Undefined when even
 * these cannot be read.
 */
export async function loadRecordSettings(options: Omit<LoadConfigOptions, 'sections'>): Promise<LoadedConfig | undefined> {
  try {
    const text = readFileSync(path.resolve(options.workdir, options.file), 'utf8');
    const checked = parseDocumentChecked(text, { uniqueKeys: true });
    if ('tooDeep' in checked || checked.doc.errors.length > 0) return undefined;
    const raw: unknown = checked.doc.toJS();
    if (!isPlainObject(raw)) return undefined;
    const overlays = isPlainObject(raw.environments) ? raw.environments : {};
    const overlay = options.environment ? overlays[options.environment] : undefined;
    const merged = isPlainObject(overlay) ? deepMerge(raw, overlay) : raw;
    if (!isPlainObject(merged)) return undefined;
    const picked = { version: merged.version, model: merged.model, experiments: merged.experiments, artifacts_dir: merged.artifacts_dir };
    const { value, secrets } = interpolate(picked, options.env, () => options.file);
    const parsed = recordSettingsSchema.safeParse(value, { jitless: true });
    if (!parsed.success) return undefined;
    const config: Config = { ...parsed.data, promote: { alias: 'champion' } };
    return { config, file: options.file, workdir: options.workdir, environment: options.environment || undefined, secrets };
  } catch {
    return undefined;
  }
}

const recordSettingsSchema = lazySchema(() => configSchema.unwrap().pick({ version: true, model: true, experiments: true, artifacts_dir: true }));

/** The ${VAR}s the value at `p`, as written, still holds after interpolation with `env` (see unsetReferences). */
function writtenReferences(value: unknown, p: readonly PathSegment[], env?: Readonly<Record<string, string | undefined>>): string[] {
  const written = getAt(value, p);
  return typeof written === 'string' ? unsetReferences(written, env) : [];
}

interface ValidationContext {
  doc: Document;
  lines: LineCounter;
  file: string;
  overlay: { name: string; value: unknown } | undefined;
  hidden: Set<string>;
  /** The variables still written as ${NAME} in the value at a path. */
  unsetAt: (p: PathSegment[]) => string[];
  settings: SettingsInUse;
  checkJsonSchema: JsonSchemaCheck;
}

function validate(value: unknown, ctx: ValidationContext): Config {
  // jitless: each config is parsed once, so zod's generated fast path would cost more to build than it saves.
  const parsed = configSchema.safeParse(value, { reportInput: true, jitless: true });
  let config = parsed.success ? parsed.data : undefined;
  let issues = parsed.success ? [] : parsed.error.issues;
  // A ${VAR} left as written, in a setting the command does not read, is no URL or duration; it is
  // not this command's to check, and the command is not to stop for want of another job's secret.
  const unread = issues.filter((issue) => !ctx.settings.has(pathOf(issue)) && ctx.unsetAt(pathOf(issue)).length > 0);
  if (unread.length === issues.length && unread.length > 0) {
    config = withoutUnread(value, unread.map(pathOf), ctx.settings);
    if (config) issues = [];
  } else {
    issues = issues.filter((issue) => !unread.includes(issue));
  }
  if (config) issues = jsonSchemaIssues(config, ctx.checkJsonSchema);
  if (config && issues.length === 0) return config;
  const messages = issues.map((issue) => {
    const issuePath = pathOf(issue);
    const shownPath = sourcePath(issuePath, ctx.overlay, issue);
    // An unknown key is reported on the mapping that holds it, but its own line is the useful one.
    const linePath = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...shownPath, issue.keys[0]] : shownPath;
    const unset = ctx.unsetAt(issuePath);
    const problem = unset.length > 0 ? notSet(unset) : explain(issue, ctx.hidden.has(formatPath(issuePath)));
    return `${at(ctx.doc, ctx.lines, ctx.file, linePath)}: ${formatPath(shownPath)}: ${problem}`;
  });
  const where = ctx.overlay ? ` (with environments.${ctx.overlay.name} applied)` : '';
  throw new ConfigError(`invalid configuration in ${ctx.file}${where}:\n${messages.map((m) => `  - ${m}`).join('\n')}`);
}

function pathOf(issue: z.core.$ZodIssue): PathSegment[] {
  return issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
}

/**
 * The config without the unread values holding unset ${VAR}s: each left out, or, where the schema
 * requires it, the smallest part above it (never one the command reads) that can be left out.
 */
function withoutUnread(value: unknown, paths: PathSegment[][], settings: SettingsInUse): Config | undefined {
  const roots = paths.map((p) => settings.unusedRoot(p) ?? p);
  const levels = Math.max(...paths.map((p, i) => p.length - (roots[i] as PathSegment[]).length));
  for (let up = 0; up <= levels; up++) {
    const cut = paths.map((p, i) => p.slice(0, Math.max((roots[i] as PathSegment[]).length, p.length - up)));
    const parsed = configSchema.safeParse(withoutPaths(value, cut), { jitless: true });
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

function notSet(names: string[]): string {
  const listed = names.map((name) => `\${${name}}`).join(', ');
  const example = names[0] as string;
  return `${listed} ${names.length > 1 ? 'are' : 'is'} not set; this command does not use the setting, but cannot read the config without it: set the variable (in GitHub Actions, under env: from a secret or variable) or give a default as \${${example}:-value}`;
}

function jsonSchemaIssues(config: Config, check: JsonSchemaCheck): z.core.$ZodIssue[] {
  return (config.evaluate?.scorers ?? []).flatMap((scorer, i) => {
    const problem = scorer.type === 'json_schema' ? check(scorer.schema) : undefined;
    return problem === undefined ? [] : [{ code: 'custom' as const, path: ['evaluate', 'scorers', i, 'schema'], message: problem }];
  });
}

/** A merged path points into the overlay when the overlay set that value (or the offending key). */
function sourcePath(p: PathSegment[], overlay: ValidationContext['overlay'], issue?: z.core.$ZodIssue): PathSegment[] {
  if (!overlay) return p;
  const inOverlay =
    getAt(overlay.value, p) !== undefined &&
    (issue?.code !== 'unrecognized_keys' || issue.keys.some((k) => getAt(overlay.value, [...p, k]) !== undefined));
  return inOverlay ? ['environments', overlay.name, ...p] : p;
}

function explain(issue: z.core.$ZodIssue, hideValue: boolean): string {
  const input = 'input' in issue ? issue.input : undefined;
  const shown = hideValue ? 'a value from the environment' : describeValue(input);
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? `required, expected ${issue.expected}` : `expected ${issue.expected}, got ${shown}`;
    case 'invalid_key':
      return issue.issues[0]?.message ?? issue.message;
    case 'too_small':
    case 'too_big':
      return `${boundMessage(issue)}, got ${shown}`;
    case 'invalid_format':
      return `${issue.message}, got ${shown}`;
    default:
      return issue.message;
  }
}

/**
 * A bound the schema gave no words for, in ours: zod's default reads "Too small: expected number
 * to be >=1".
 */
function boundMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  if (!/^Too (small|big):/.test(issue.message)) return issue.message;
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && bound === 1) return 'must not be empty';
      return `must be ${small ? 'at least' : 'at most'} ${bound} characters long`;
    case 'array':
    case 'set':
      if (small && bound === 1) return 'must list at least one item';
      return `must list ${small ? 'at least' : 'at most'} ${bound} items`;
    default:
      return `must be ${small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${bound}`;
  }
}

/** file:line of the closest existing key (or list item) on the path. */
function at(doc: Document, lines: LineCounter, file: string, p: PathSegment[]): string {
  for (let depth = p.length; depth > 0; depth--) {
    const parent = doc.getIn(p.slice(0, depth - 1), true);
    const last = p[depth - 1];
    let offset: number | undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === last);
      offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
    } else if (isSeq(parent) && typeof last === 'number') {
      const item = parent.items[last] as { range?: [number, number, number] } | undefined;
      offset = item?.range?.[0];
    }
    if (offset !== undefined) return `${file}:${lines.linePos(offset).line}`;
  }
  return file;
}

