import { z } from 'zod';
import type { ToolCallsConfig } from '../config/evaluate-schema';
import type { Example } from './dataset';
import type { Scorer } from './scorer-types';
import { judgeTrajectory, type ExpectedCall, type TrajectoryRules } from './trajectory';
import { lazySchema } from '../config/zod-helpers';

const expectedCallsSchema = lazySchema(() => z.array(z.strictObject({ name: z.string().min(1), arguments: z.unknown().optional() })));

/**
 * The example's expected calls, or undefined when the row has none; `problem` when they are
 * malformed. A conversation judged at its end without its own list expects its turns' lists in
 * order, as its `expected` falls back to the last turn's.
 */
function expectedCalls(example: Example, column: string): { calls?: ExpectedCall[]; problem?: string } {
  const own = expectedCallsIn(example.fields[column], column);
  if (own.calls !== undefined || own.problem !== undefined || example.turns === undefined) return own;
  let calls: ExpectedCall[] | undefined;
  for (const [i, turn] of example.turns.entries()) {
    const inTurn = expectedCallsIn(turn.fields[column], column);
    if (inTurn.problem !== undefined) return { problem: `turn ${i + 1}: ${inTurn.problem}` };
    if (inTurn.calls !== undefined) calls = [...(calls ?? []), ...inTurn.calls];
  }
  return calls === undefined ? {} : { calls };
}

function expectedCallsIn(raw: unknown, column: string): { calls?: ExpectedCall[]; problem?: string } {
  if (raw === undefined || raw === null || raw === '') return {};
  let value: unknown = raw;
  if (typeof raw === 'string') {
    // A CSV cell holds the list as JSON text.
    try {
      value = JSON.parse(raw);
    } catch {
      return { problem: `field "${column}" is not a JSON list of {name, arguments} calls` };
    }
  }
  const parsed = expectedCallsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [index, ...rest] = issue?.path ?? [];
    const where = typeof index === 'number' ? ` item ${index + 1}${rest.length > 0 ? ` "${rest.join('.')}"` : ''}` : '';
    const said = (issue?.message ?? 'invalid').replace(/^Invalid input: /, '');
    return { problem: `field "${column}"${where}: ${said}; write a list of calls like [{"name": "search", "arguments": {"q": "..."}}] (arguments may be left out)` };
  }
  return { calls: parsed.data };
}

/**
 * The agent's tool calls against the row's expected ones (see trajectory.ts): pass/fail, plus
 * per-example precision, recall and F1 as their own scores (`<name>.precision` …), so the summary
 * has `<name>.f1/mean` and the gate compares it with the champion like any mean. A row without
 * expected calls is judged on forbidden tools and the call budget alone, when those are set.
 */
export function toolCallsScorer(config: ToolCallsConfig, name: string): Scorer {
  const rules: TrajectoryRules = {
    mode: config.mode,
    argumentsFor: (tool) => config.tools[tool]?.arguments ?? config.arguments,
    forbidden: new Set(config.forbidden),
    ...(config.max_calls !== undefined ? { maxCalls: config.max_calls } : {}),
  };
  const judgesWithoutExpectations = config.forbidden.length > 0 || config.max_calls !== undefined;
  const parts = ['precision', 'recall', 'f1'].map((part) => ({ name: `${name}.${part}`, binary: false }));
  return {
    name,
    binary: true,
    parts,
    checkExample: (example) => expectedCalls(example, config.column).problem,
    score: ({ example, toolCalls }) => {
      const { calls, problem } = expectedCalls(example, config.column);
      if (problem) throw new Error(problem);
      const none = { [`${name}.precision`]: null, [`${name}.recall`]: null, [`${name}.f1`]: null };
      if (calls === undefined && !judgesWithoutExpectations) return { score: null, parts: none };
      const verdict = judgeTrajectory(toolCalls ?? [], calls, rules);
      const measured = calls === undefined ? none : { [`${name}.precision`]: verdict.precision, [`${name}.recall`]: verdict.recall, [`${name}.f1`]: verdict.f1 };
      return { score: verdict.passed ? 1 : 0, parts: measured, ...(verdict.problems.length > 0 ? { reason: verdict.problems.join('; ') } : {}) };
    },
  };
}
