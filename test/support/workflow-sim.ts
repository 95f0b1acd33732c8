import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { parse } from 'yaml';

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';

interface JobSpec {
  needs: string[];
  if: string;
}

export interface Scenario {
  /** What a job that runs ends with, and the outputs it sets. Default: success, no outputs. */
  jobs?: Record<string, { result?: Exclude<JobResult, 'skipped'>; outputs?: Record<string, string> }>;
  /** Jobs whose environment approval is rejected: they never run and count as failed. */
  rejected?: string[];
  /** Judge a job's result from its needs instead of the scenario (the aggregate check job). */
  aggregate?: Record<string, (needs: Record<string, JobResult>) => Exclude<JobResult, 'skipped'>>;
}

export interface Simulation {
  results: Record<string, JobResult>;
  ran: string[];
}

const statusFunction = /\b(success|failure|cancelled|always)\s*\(/;

/** Jobs and their `needs`/`if:` from a workflow file, with GitHub's implicit `success()`. */
export function jobGraph(workflowText: string): Map<string, JobSpec> {
  const doc = parse(workflowText) as { jobs: Record<string, { needs?: string | string[]; if?: string | boolean }> };
  const graph = new Map<string, JobSpec>();
  for (const [name, job] of Object.entries(doc.jobs)) {
    const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
    const raw = job.if === undefined ? '' : String(job.if).replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
    // As GitHub does: a job `if:` without a status function is `success() && (...)`.
    const condition = raw === '' ? 'success()' : statusFunction.test(raw) ? raw : `success() && (${raw})`;
    graph.set(name, { needs, if: condition });
  }
  return graph;
}

/**
 * Runs the graph the way GitHub schedules jobs: in dependency order, each job's `if:` evaluated
 * with `needs` (direct needs' results and outputs) and the status functions over all ancestors:
 * success() = every ancestor succeeded and the run is not cancelled; failure() = an ancestor
 * failed; cancelled() = the run was cancelled; always() = true. A job whose `if:` is false is
 * skipped, and a skipped job counts as not succeeded for the jobs after it.
 */
export function simulate(graph: Map<string, JobSpec>, scenario: Scenario = {}): Simulation {
  const results: Record<string, JobResult> = {};
  const outputs: Record<string, Record<string, string>> = {};
  const ran: string[] = [];
  let cancelled = false;
  for (const name of topologicalOrder(graph)) {
    const job = graph.get(name) as JobSpec;
    const ancestors = ancestorsOf(graph, name);
    const needs = Object.fromEntries(job.needs.map((n) => [n, { result: results[n], outputs: outputs[n] ?? {} }]));
    const runs = evaluateCondition(job.if, { needs }, { ancestors: ancestors.map((a) => results[a] as JobResult), cancelled });
    if (!runs) {
      results[name] = 'skipped';
      continue;
    }
    if (scenario.rejected?.includes(name)) {
      results[name] = 'failure';
      continue;
    }
    ran.push(name);
    const planned = scenario.jobs?.[name];
    const judge = scenario.aggregate?.[name];
    results[name] = judge ? judge(Object.fromEntries(job.needs.map((n) => [n, results[n] as JobResult]))) : (planned?.result ?? 'success');
    outputs[name] = planned?.outputs ?? {};
    if (results[name] === 'cancelled') cancelled = true;
  }
  return { results, ran };
}

export interface StepState {
  outcome: 'success' | 'failure' | 'cancelled' | 'skipped';
  outputs?: Record<string, string>;
}

/**
 * Whether a step runs: its `if:` (with GitHub's implicit `success()`) evaluated with `steps` (the
 * earlier steps' outcomes and outputs) and `needs`; success() = no earlier step failed and the
 * job is not cancelled, failure() = an earlier step failed, cancelled() = the job was cancelled.
 */
export function stepRuns(condition: string, context: { steps: Record<string, StepState>; needs?: Record<string, unknown> }, cancelled = false): boolean {
  const raw = condition.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  const expression = raw === '' ? 'success()' : statusFunction.test(raw) ? raw : `success() && (${raw})`;
  const outcomes = Object.values(context.steps).map((s) => (s.outcome === 'skipped' ? 'success' : s.outcome));
  return evaluateCondition(expression, { steps: context.steps, needs: context.needs ?? {} }, { ancestors: outcomes, cancelled });
}

/** A value expression (`${{ ... }}`, an output's value) with `steps`, `needs` and `jobs`, coerced to the string GitHub sets. */
export function expressionValue(text: string, context: { steps?: Record<string, StepState>; needs?: Record<string, unknown>; jobs?: Record<string, unknown> }): string {
  const raw = text.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  const tokens = new Lexer(raw).lex().tokens;
  const ast = new Parser(tokens, ['github', 'inputs', 'vars', 'needs', 'steps', 'jobs'], []).parse();
  return new Evaluator(ast, toData({ github: {}, inputs: {}, vars: {}, steps: {}, needs: {}, jobs: {}, ...context }) as data.Dictionary, new Map()).evaluate().coerceString();
}

function evaluateCondition(expression: string, context: Record<string, unknown>, status: { ancestors: string[]; cancelled: boolean }): boolean {
  const judges: Record<string, () => boolean> = {
    success: () => !status.cancelled && status.ancestors.every((r) => r === 'success'),
    failure: () => status.ancestors.some((r) => r === 'failure'),
    cancelled: () => status.cancelled,
    always: () => true,
  };
  const functions = new Map(Object.entries(judges).map(([name, judge]) => [name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(judge()) }]));
  const tokens = new Lexer(expression).lex().tokens;
  const ast = new Parser(tokens, ['github', 'inputs', 'vars', 'needs', 'steps'], [...functions.values()]).parse();
  const value = new Evaluator(ast, toData({ github: {}, inputs: {}, vars: {}, ...context }) as data.Dictionary, functions).evaluate();
  return truthy(value);
}

function toData(value: unknown): data.ExpressionData {
  if (value === null || value === undefined) return new data.Null();
  if (typeof value === 'boolean') return new data.BooleanData(value);
  if (typeof value === 'number') return new data.NumberData(value);
  if (typeof value === 'string') return new data.StringData(value);
  if (Array.isArray(value)) {
    const array = new data.Array();
    for (const item of value) array.add(toData(item));
    return array;
  }
  return new data.Dictionary(...Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: toData(v) })));
}

function truthy(value: data.ExpressionData): boolean {
  switch (value.kind) {
    case data.Kind.Null:
      return false;
    case data.Kind.Boolean:
      return (value as data.BooleanData).value;
    case data.Kind.Number: {
      const n = (value as data.NumberData).value;
      return n !== 0 && !Number.isNaN(n);
    }
    case data.Kind.String:
      return (value as data.StringData).value.length > 0;
    default:
      return true;
  }
}

function topologicalOrder(graph: Map<string, JobSpec>): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (order.includes(name)) return;
    if (visiting.has(name)) throw new Error(`needs cycle through ${name}`);
    const job = graph.get(name);
    if (!job) throw new Error(`unknown job ${name} in needs`);
    visiting.add(name);
    job.needs.forEach(visit);
    visiting.delete(name);
    order.push(name);
  };
  [...graph.keys()].forEach(visit);
  return order;
}

function ancestorsOf(graph: Map<string, JobSpec>, name: string): string[] {
  const found = new Set<string>();
  const walk = (job: string): void => {
    for (const need of graph.get(job)?.needs ?? []) {
      if (!found.has(need)) {
        found.add(need);
        walk(need);
      }
    }
  };
  walk(name);
  return [...found];
}
