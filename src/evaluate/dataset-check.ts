import { InputError } from '../errors';
import { readExamples, type Example, type ReadExamplesOptions } from './dataset';
import type { Scorer } from './scorer-types';

/** Why a scorer cannot score this example (a missing column it reads), with the file and line; undefined when all can. */
export function exampleProblem(file: string, example: Example, scorers: readonly Scorer[]): InputError | undefined {
  for (const scorer of scorers) {
    const problem = scorer.checkExample?.(example);
    if (problem) return new InputError(`${file}:${example.line}: ${problem}`);
  }
  return undefined;
}

/**
 * Reads the whole dataset once before the first request, with every check the run makes (JSON
 * or CSV syntax, UTF-8, unique ids, a usable input, what each scorer needs), so a bad last line
 * is refused before any request is paid for. It streams like the run itself: memory stays a few
 * bytes per row (the id hashes). Returns the rows read.
 */
export async function checkDataset(file: string, options: ReadExamplesOptions, scorers: readonly Scorer[]): Promise<number> {
  let rows = 0;
  for await (const example of readExamples(file, options)) {
    const problem = exampleProblem(file, example, scorers);
    if (problem) throw problem;
    rows++;
  }
  return rows;
}
