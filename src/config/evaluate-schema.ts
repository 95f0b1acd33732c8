import { z } from 'zod';
import { commandRunnerSchema, databricksJobRunnerSchema, mlflowRunRunnerSchema } from './runner-schemas';
import { deferred, byteSize, oneOf, strictObject, suggestion, workspacePath, lazySchema, timeoutDuration } from './zod-helpers';
import { httpUrlProblem } from '../template';

/**
 * The `evaluate` section: where the examples come from, which agent answers them and how the
 * answers are scored. Each option is described in the README's config reference; the comments
 * here say what the code does with it.
 */

export const runnerKinds = ['dataset', 'command', 'mlflow-run', 'databricks-job'] as const;
export type RunnerKind = (typeof runnerKinds)[number];
export const datasetFormats = ['jsonl', 'csv'] as const;
export const endpointFormats = ['openai-chat', 'responses', 'databricks', 'mlflow-pyfunc'] as const;
export type EndpointFormat = (typeof endpointFormats)[number];

/** The request body shapes; each format accepts some of them (see `formatRequests`). */
export const requestStyles = ['messages', 'input', 'dataframe_records', 'dataframe_split', 'inputs'] as const;
export type RequestStyle = (typeof requestStyles)[number];

/** Request shapes per format, the default first. */
export const formatRequests: Record<EndpointFormat, readonly [RequestStyle, ...RequestStyle[]]> = {
  'openai-chat': ['messages'],
  responses: ['input'],
  databricks: ['messages', 'input', 'dataframe_records', 'dataframe_split', 'inputs'],
  'mlflow-pyfunc': ['dataframe_records', 'dataframe_split', 'inputs', 'messages'],
};

/** Listed in this order in messages; the first three are the original ones. */
export const scorerTypes = ['contains', 'exact_match', 'latency', 'regex', 'json_valid', 'json_schema', 'refusal', 'length', 'llm_judge', 'tool_calls'] as const;

/** How a scorer meets a conversation: each turn on its own, or the conversation as a whole at its final turn. */
export const turnScopes = ['final', 'each'] as const;
export type TurnScope = (typeof turnScopes)[number];

const nonEmpty = lazySchema(() => z.string().min(1, { error: 'must not be empty' }));
const headers = lazySchema(() => z.record(z.string(), z.string()).default({}));
/** Merged into every request body at the top level: temperature, max_tokens, params, custom_inputs… */
const extraBody = lazySchema(() => z.record(z.string(), z.unknown()).default({}));
const maxResponseSize = byteSize.default(10 * 2 ** 20);
const requestsPerSecond = lazySchema(() => z
  .number({ error: 'expected a number of requests per second, e.g. 5 or 0.5' })
  .positive({ error: 'requests_per_second must be above 0 (leave it out for no limit)' })
  .max(10_000)
  .optional());

const endpoint = lazySchema(() => strictObject({
  /**
   * May use {{version}}, {{model}} and {{source}}. With `serving_endpoint` it is the workspace
   * URL (https://<workspace-host>); mlflow-pyfunc adds /invocations when the URL has no path.
   */
  url: nonEmpty,
  format: oneOf(endpointFormats).default('openai-chat'),
  /** Sent as the request's `model` field (openai-chat, responses) for servers that need one. */
  model: nonEmpty.optional(),
  headers,
  timeout: timeoutDuration.default(30_000),
  retries: z.number().int().min(0).max(10).default(3),
  /** A longer answer is that example's error, and reading stops there: a runaway agent cannot exhaust memory. */
  max_response_size: maxResponseSize,
  extra_body: extraBody,
  /** The request body shape; default: the format's first entry in `formatRequests`. */
  request: oneOf(requestStyles).optional(),
  /** databricks: the serving endpoint's name; the URL becomes {url}/serving-endpoints/{name}/invocations. */
  serving_endpoint: z.string().regex(/^[\w-]{1,63}$/, { error: 'a serving endpoint name is 1-63 letters, digits, - or _' }).optional(),
  /** databricks: one served entity of that endpoint, e.g. the canary: .../served-models/{entity}/invocations. */
  served_entity: nonEmpty.optional(),
  /** dataframe_* and inputs requests: the column a string input is sent as; default: dataset.columns.input. */
  input_field: nonEmpty.optional(),
  /** mlflow-pyfunc and databricks: the key holding the answer when a prediction is an object. */
  output_field: nonEmpty.optional(),
}).superRefine((e, ctx) => {
  const urlProblem = httpUrlProblem(e.url);
  if (urlProblem) ctx.addIssue({ code: 'custom', path: ['url'], message: urlProblem });
  const allowed = formatRequests[e.format];
  if (e.request !== undefined && !allowed.includes(e.request)) {
    ctx.addIssue({ code: 'custom', path: ['request'], message: `format ${e.format} sends ${allowed.join(' or ')} requests, not ${e.request}` });
  }
  if (e.format !== 'databricks') {
    for (const key of ['serving_endpoint', 'served_entity'] as const) {
      if (e[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies to format: databricks only` });
    }
  }
  if (e.served_entity !== undefined && e.serving_endpoint === undefined) {
    ctx.addIssue({ code: 'custom', path: ['served_entity'], message: 'served_entity needs serving_endpoint (the endpoint that serves it)' });
  }
  if (e.output_field !== undefined && e.format !== 'databricks' && e.format !== 'mlflow-pyfunc') {
    ctx.addIssue({ code: 'custom', path: ['output_field'], message: 'output_field applies to formats databricks and mlflow-pyfunc only' });
  }
  const request = e.request ?? allowed[0];
  if (e.input_field !== undefined && (request === 'messages' || request === 'input')) {
    ctx.addIssue({ code: 'custom', path: ['input_field'], message: `input_field applies to dataframe_records, dataframe_split and inputs requests, not ${request}` });
  }
}));
export type EndpointConfig = z.infer<typeof endpoint>;

const dataset = lazySchema(() => strictObject({
  path: workspacePath(),
  name: nonEmpty.optional(),
  /** Default: csv for a .csv file, jsonl otherwise. CSV files start with a header row. */
  format: oneOf(datasetFormats).optional(),
  /** Which field (JSONL) or header column (CSV) of each row holds the input, the expected answer and the id. */
  columns: strictObject({
    input: nonEmpty.default('input'),
    expected: nonEmpty.default('expected'),
    id: nonEmpty.default('id'),
  }).default({ input: 'input', expected: 'expected', id: 'id' }),
}));
export type DatasetConfig = z.infer<typeof dataset>;

const scorerName = lazySchema(() => z.string().regex(/^[\w.-]+$/, { error: 'scorer names are letters, digits, _, . and - (they become metric names)' }));
const scorerBase = { name: scorerName.optional() };
/** A scorer's options, then the options every scorer has; `turns` is listed last in messages, after the scorer's own. */
function scorerObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return strictObject({
    ...shape,
    /** Conversations only: score every turn (`each`) or the conversation at its final turn; default: evaluate.conversation.turns. */
    turns: oneOf(turnScopes).optional(),
  });
}
/** `g` and `y` make a RegExp stateful between tests, so one answer's score would depend on the last. */
const regexFlags = lazySchema(() => z.string().regex(/^(?:([imsuv])(?!.*\1))*$/, { error: 'flags are some of i, m, s, u, v (each once); g and y are not allowed' }));

const contains = deferred(() =>
  scorerObject({
    ...scorerBase,
    type: z.literal('contains'),
    /** Keywords that must all appear; without them, the example's `expected` (a string or list) must appear. */
    keywords: z.array(nonEmpty).optional(),
    case_sensitive: z.boolean().default(false),
  }), { key: 'type', value: 'contains' });

const exactMatch = deferred(() =>
  scorerObject({ ...scorerBase, type: z.literal('exact_match'), case_sensitive: z.boolean().default(false), trim: z.boolean().default(true) }), { key: 'type', value: 'exact_match' });

const latency = deferred(() =>
  scorerObject({ ...scorerBase, type: z.literal('latency'), max_ms: z.number().positive() }), { key: 'type', value: 'latency' });

const regex = deferred(() =>
  scorerObject({
    ...scorerBase,
    type: z.literal('regex'),
    pattern: nonEmpty,
    flags: regexFlags.default(''),
    /** Pass when the pattern does NOT match (e.g. no card numbers in answers). */
    negate: z.boolean().default(false),
  }).superRefine((r, ctx) => {
    try {
      new RegExp(r.pattern, r.flags);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a valid regular expression: ${(error as Error).message}` });
    }
  }), { key: 'type', value: 'regex' });

/** Agents often wrap JSON in a ```json fence; strict by default, because a client parsing the answer would not strip it. */
const stripCodeFences = lazySchema(() => z.boolean().default(false));

const jsonValid = deferred(() =>
  scorerObject({ ...scorerBase, type: z.literal('json_valid'), strip_code_fences: stripCodeFences }), { key: 'type', value: 'json_valid' });

const jsonSchema = deferred(() =>
  scorerObject({
    ...scorerBase,
    type: z.literal('json_schema'),
    /**
     * A JSON Schema (draft-07 by default; draft 2019-09 or 2020-12 when its $schema says so).
     * The config loader compiles it (see checkJsonSchema in load.ts), so Ajv is loaded only by
     * configs that use this scorer.
     */
    schema: z.record(z.string(), z.unknown()),
    strip_code_fences: stripCodeFences,
  }), { key: 'type', value: 'json_schema' });

const refusal = deferred(() =>
  scorerObject({
    ...scorerBase,
    type: z.literal('refusal'),
    /** The row field (CSV column) saying whether the agent should refuse: true/false, yes/no, 1/0. */
    column: nonEmpty.default('should_refuse'),
    /** Extra refusal patterns (regular expressions, matched case-insensitively), added to the built-in phrases. */
    patterns: z.array(nonEmpty).default([]),
    /** Set false to detect refusals with `patterns` only. */
    default_phrases: z.boolean().default(true),
  }).superRefine((r, ctx) => {
    r.patterns.forEach((pattern, i) => {
      try {
        new RegExp(pattern, 'iu');
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['patterns', i], message: `not a valid regular expression: ${(error as Error).message}` });
      }
    });
    if (!r.default_phrases && r.patterns.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['patterns'], message: 'with default_phrases: false, list at least one pattern' });
    }
  }), { key: 'type', value: 'refusal' });

const length = deferred(() =>
  scorerObject({
    ...scorerBase,
    type: z.literal('length'),
    unit: oneOf(['chars', 'words'] as const).default('chars'),
    min: z.number().int().nonnegative().optional(),
    max: z.number().int().nonnegative().optional(),
  }).superRefine((l, ctx) => {
    if (l.min === undefined && l.max === undefined) ctx.addIssue({ code: 'custom', path: ['max'], message: 'give min, max or both' });
    if (l.min !== undefined && l.max !== undefined && l.min > l.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `min ${l.min} is above max ${l.max}` });
  }), { key: 'type', value: 'length' });

const judgeEndpoint = lazySchema(() => strictObject({
  /** An OpenAI-compatible chat completions URL, e.g. https://api.openai.com/v1/chat/completions. */
  url: nonEmpty,
  model: nonEmpty.optional(),
  headers,
  timeout: timeoutDuration.default(60_000),
  retries: z.number().int().min(0).max(10).default(3),
  max_response_size: maxResponseSize,
  /** e.g. { temperature: 0 } or { response_format: { type: json_object } } where the server supports them. */
  extra_body: extraBody,
}).superRefine((j, ctx) => {
  const urlProblem = httpUrlProblem(j.url);
  if (urlProblem) ctx.addIssue({ code: 'custom', path: ['url'], message: urlProblem });
}));

/** Built-in judge prompts (evaluate/judge-templates.ts), matching MLflow's built-in judges in intent. */
export const judgeTemplates = ['correctness', 'relevance', 'groundedness', 'safety', 'guidelines'] as const;
export type JudgeTemplate = (typeof judgeTemplates)[number];

const numericScale = lazySchema(() => strictObject({ type: z.literal('numeric'), min: z.number(), max: z.number() }).refine((s) => s.min < s.max, {
  error: 'a numeric scale needs min below max, e.g. { type: numeric, min: 1, max: 5 }',
}));
const judgeScale = lazySchema(() => z.union([z.literal('pass_fail'), numericScale], {
  error: 'scale is pass_fail or { type: numeric, min: 1, max: 5 }',
}));
export type JudgeScale = z.infer<typeof judgeScale>;

const llmJudge = deferred(() =>
  scorerObject({
    ...scorerBase,
    type: z.literal('llm_judge'),
    endpoint: judgeEndpoint,
    /** A built-in prompt (see judge-templates.ts); the scorer is named after it unless `name` is given. */
    template: oneOf(judgeTemplates).optional(),
    /** What a good answer is; the judge sees it with the question, the expected answer (if any) and the answer. With a template, extra criteria. */
    rubric: nonEmpty.optional(),
    /** template: guidelines — the rules every answer must follow. */
    guidelines: z.array(nonEmpty).min(1, { error: 'list at least one guideline' }).optional(),
    /** template: groundedness — the row field (CSV column) holding the context; default `context`. */
    context_field: nonEmpty.optional(),
    scale: judgeScale.default('pass_fail'),
    /** Judge calls in flight at once, across all examples. */
    concurrency: z.number().int().min(1).max(256).default(4),
    requests_per_second: requestsPerSecond,
  }).superRefine((j, ctx) => {
    if (j.template === undefined && j.rubric === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rubric'], message: `required: write a rubric, or pick a template (${judgeTemplates.join(', ')})` });
    }
    if (j.template === 'guidelines' && j.guidelines === undefined) ctx.addIssue({ code: 'custom', path: ['guidelines'], message: 'template: guidelines needs guidelines (a list of rules the answer must follow)' });
    if (j.template !== 'guidelines' && j.guidelines !== undefined) ctx.addIssue({ code: 'custom', path: ['guidelines'], message: 'guidelines applies to template: guidelines only' });
    if (j.template !== 'groundedness' && j.context_field !== undefined) ctx.addIssue({ code: 'custom', path: ['context_field'], message: 'context_field applies to template: groundedness only' });
  }), { key: 'type', value: 'llm_judge' });

export const trajectoryModes = ['strict', 'unordered', 'subset', 'superset'] as const;
export type TrajectoryMode = (typeof trajectoryModes)[number];
export const argumentMatches = ['exact', 'subset', 'ignore'] as const;
export type ArgumentMatch = (typeof argumentMatches)[number];
const toolName = lazySchema(() => z.string().min(1, { error: 'a tool name must not be empty' }));

const toolCalls = deferred(() =>
  scorerObject({
    ...scorerBase,
    type: z.literal('tool_calls'),
    /**
     * strict: the same calls in the same order; unordered: the same calls in any order; subset:
     * every call made is expected (some may be missing); superset: every expected call is made
     * (extra ones allowed).
     */
    mode: oneOf(trajectoryModes).default('strict'),
    /** exact: equal arguments; subset: the expected arguments appear in the call's (more allowed); ignore: names only. */
    arguments: oneOf(argumentMatches).default('exact'),
    /** Per tool overrides of `arguments`. */
    tools: z.record(toolName, strictObject({ arguments: oneOf(argumentMatches) })).default({}),
    /** Tools that fail the example wherever they are called, expected or not. */
    forbidden: z.array(toolName).default([]),
    /** Most calls an example may make (a conversation: over all its turns). */
    max_calls: z.number().int().nonnegative().optional(),
    /** The row field (CSV column) listing the expected calls: [{name, arguments?}]; arguments left out are not checked. */
    column: nonEmpty.default('expected_tool_calls'),
  }), { key: 'type', value: 'tool_calls' });
export type ToolCallsConfig = z.infer<typeof toolCalls>;

const scorer = lazySchema(() => z.discriminatedUnion('type', [contains, exactMatch, latency, regex, jsonValid, jsonSchema, refusal, length, llmJudge, toolCalls], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const given = (issue.input as { type?: unknown } | undefined)?.type;
    const hint = typeof given === 'string' ? suggestion(given, scorerTypes) : '';
    return `scorer type must be one of ${scorerTypes.join(', ')}${hint ? ` (${hint})` : ''}`;
  },
}));
export type ScorerConfig = z.infer<typeof scorer>;
export type LlmJudgeConfig = z.infer<typeof llmJudge>;

/**
 * MLflow traces of the evaluated requests (registry mlflow or unity-catalog), linked to the
 * evaluation run. Bounded: above `max` rows, a stable sample (by a hash of the example id, so
 * two versions' traces show the same examples).
 */
const traces = lazySchema(() => strictObject({
  enabled: z.boolean().default(true),
  max: z.number().int().min(1, { error: 'at least 1 trace per evaluation (to log none, set enabled: false)' }).max(100_000).default(200),
  /** Trace writes in flight at once. */
  concurrency: z.number().int().min(1).max(32).default(4),
}));
export type TracesConfig = z.infer<typeof traces>;
const tracesDefault = { enabled: true, max: 200, concurrency: 4 };
/** Rows that hold a whole conversation, played turn by turn with the agent's replies fed back. */
const conversation = deferred(() =>
  strictObject({
    /** The row field holding the turns: [{input, expected?, expected_tool_calls?, tool_results?, ...}]. */
    column: nonEmpty.default('turns'),
    /** The row or turn field giving tool results by tool name ({"search": "3 hits"}), answered to calls the agent leaves pending. */
    tool_results_column: nonEmpty.default('tool_results'),
    /** Rounds of tool results fed back within one turn before its reply is taken as it is. */
    max_tool_rounds: z.number().int().min(1).max(50).default(5),
    /** The default of each scorer's `turns`. */
    turns: oneOf(turnScopes).default('final'),
  }));
export type ConversationConfig = z.infer<typeof conversation>;

/** Per model: price per million prompt and completion tokens, in one currency of your choice. */
const price = lazySchema(() => strictObject({
  prompt_per_million: z.number().nonnegative(),
  completion_per_million: z.number().nonnegative(),
}));
const cost = deferred(() =>
  strictObject({
    /** By model name as the response reports it (`model`), or as `model` below names it. */
    prices: z.record(nonEmpty, price).refine((p) => Object.keys(p).length > 0, { error: 'list at least one model, e.g. gpt-4o-mini: { prompt_per_million: 0.15, completion_per_million: 0.6 }' }),
    /** The price used when a response names no model of the table; default: endpoint.model. */
    model: nonEmpty.optional(),
  }));
export type CostConfig = z.infer<typeof cost>;

/** The section each runner reads its own options from. */
const runnerSections = { command: 'command', 'mlflow-run': 'mlflow_run', 'databricks-job': 'databricks_job' } as const;

export const evaluateSchema = lazySchema(() => strictObject({
  runner: oneOf(runnerKinds).default('dataset'),
  /** runner: dataset — the examples; for the other runners, only passed on (command: AGENT_RELEASE_DATASET_PATH). */
  dataset: dataset.optional(),
  endpoint: endpoint.optional(),
  /** Agent requests in flight at once. */
  concurrency: z.number().int().min(1).max(1024).default(8),
  /** Caps agent requests (every attempt, retries included) at this rate; default: no cap. */
  requests_per_second: requestsPerSecond,
  /** Runs of every example; each run is a results row with the same id and `repeat: 1..k`. */
  repeat: z.number().int().min(1).max(100).default(1),
  scorers: z.array(scorer).min(1, { error: 'list at least one scorer' }).optional(),
  /** runner: dataset with a tracking server: each evaluated request as an MLflow trace. */
  traces: traces.default(tracesDefault),
  conversation: conversation.optional(),
  /** Prices per model: each example's cost from its token usage (`cost/mean`, `cost/total`). */
  cost: cost.optional(),
  command: commandRunnerSchema.optional(),
  databricks_job: databricksJobRunnerSchema.optional(),
  mlflow_run: mlflowRunRunnerSchema.optional(),
}).superRefine((e, ctx) => {
  if (e.runner === 'dataset') {
    for (const key of ['dataset', 'endpoint', 'scorers'] as const) {
      if (e[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `runner: dataset needs ${key}${key === 'scorers' ? ' (at least one)' : ''}` });
    }
  }
  for (const [runner, section] of Object.entries(runnerSections)) {
    if (e.runner === runner && e[section] === undefined) ctx.addIssue({ code: 'custom', path: [section], message: `runner: ${runner} needs a ${section} section` });
    if (e.runner !== runner && e[section] !== undefined) ctx.addIssue({ code: 'custom', path: [section], message: `${section} applies to runner: ${runner} only (runner is ${e.runner})` });
  }
  for (const key of ['conversation', 'cost'] as const) {
    if (e.runner !== 'dataset' && e[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies to runner: dataset only (runner is ${e.runner})` });
  }
  if (e.conversation && e.endpoint) {
    const request = e.endpoint.request ?? formatRequests[e.endpoint.format][0];
    if (request !== 'messages' && request !== 'input') {
      ctx.addIssue({ code: 'custom', path: ['conversation'], message: `a conversation is sent as its history, which only messages and input requests carry; evaluate.endpoint sends ${request} (set endpoint.request: messages)` });
    }
  }
  e.scorers?.forEach((s, i) => {
    const name = s.name ?? s.type;
    if (name === 'tokens' || name === 'cost') ctx.addIssue({ code: 'custom', path: ['scorers', i, 'name'], message: `"${name}" is taken by the ${name}/* metrics; name the scorer differently` });
    if (s.turns !== undefined && !e.conversation) ctx.addIssue({ code: 'custom', path: ['scorers', i, 'turns'], message: 'turns applies to conversations: add an evaluate.conversation section' });
  });
  const priced = e.cost?.model ?? e.endpoint?.model;
  if (e.cost && priced !== undefined && !(priced in e.cost.prices)) {
    ctx.addIssue({ code: 'custom', path: ['cost', 'model'], message: `no price for model "${priced}" in cost.prices (models priced: ${Object.keys(e.cost.prices).join(', ')})` });
  }
}));
export type EvaluateSection = z.infer<typeof evaluateSchema>;
/** What the built-in dataset runner reads: the section with its three required parts present. */
export type EvaluateConfig = EvaluateSection & { dataset: DatasetConfig; endpoint: EndpointConfig; scorers: ScorerConfig[] };
