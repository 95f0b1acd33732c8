import { InputError } from '../errors';
import { readExamples, type Example, type ReadExamplesOptions } from './dataset';
import type { Scorer } from './scorer-types';

/** For conversation rows: the scorers that meet every turn and those that meet the conversation at its end. */
export interface ScorerChecks {
  perTurn: readonly Scorer[];
  atEnd: readonly Scorer[];
}

/** Why a scorer cannot score this example (a missing column it reads), with the file and line; undefined when all can. */
export function exampleProblem(file: string, example: Example, scorers: readonly Scorer[], checks?: ScorerChecks): InputError | undefined {
  const turns = example.turns;
  const whole = checks && turns ? checks.atEnd : scorers;
  for (const scorer of whole) {
    const problem = scorer.checkExample?.(example);
    if (problem) return new InputError(`${file}:${example.line}: ${problem}`);
  }
  if (!checks || !turns) return undefined;
  for (const [i, turn] of turns.entries()) {
    const asExample: Example = { id: example.id, line: example.line, input: turn.input, messages: turn.messages, expected: turn.expected, fields: turn.fields };
    for (const scorer of checks.perTurn) {
      const problem = scorer.checkExample?.(asExample);
      if (problem) return new InputError(`${file}:${example.line}: turn ${i + 1}: ${problem}`);
    }
  }
  return undefined;
}

/**
 * Reads the whole dataset once before the first request, with every check the run makes (JSON
 * or CSV syntax, UTF-8, unique ids, a usable input, what each scorer needs), so a bad last line
 * is refused before any request is paid for. It streams like the run itself: memory stays a few
 * bytes per row (the id hashes). Returns the rows read.
 */
export async function checkDataset(file: string, options: ReadExamplesOptions, scorers: readonly Scorer[], checks?: ScorerChecks): Promise<number> {
  let rows = 0;
  // Scorers no row has given anything to score yet: one left at the end would score nothing, and its metric would be missing at the gate.
  const unscored = new Set(scorers.filter((scorer) => scorer.scores));
  for await (const example of readExamples(file, options)) {
    const problem = exampleProblem(file, example, scorers, checks);
    if (problem) throw problem;
    if (unscored.size > 0) for (const scorer of unscored) if (scoredIn(scorer, example)) unscored.delete(scorer);
    rows++;
  }
  const idle = [...unscored];
  if (rows > 0 && idle.length > 0) {
    const what = idle.map((scorer) => `scorer ${scorer.name} reads ${scorer.scores?.reads}`).join('; ');
    throw new InputError(`${file}: no row gives ${idle.length === 1 ? 'this scorer' : 'these scorers'} anything to score (${what}), so ${idle.length === 1 ? 'its metric' : 'their metrics'} would be missing; add the field to the rows (a column of that name in a CSV), or remove the scorer`);
  }
  return rows;
}

function scoredIn(scorer: Scorer, example: Example): boolean {
  const when = scorer.scores?.when;
  if (!when) return true;
  if (when(example)) return true;
  // A conversation's expected answers sit on its turns, whichever of them a scorer meets.
  return (example.turns ?? []).some((turn) => when({ id: example.id, line: example.line, input: turn.input, messages: turn.messages, expected: turn.expected, fields: turn.fields }));
}
