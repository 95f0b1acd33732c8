import type { ValidateFunction } from 'ajv';
import type { ScorerConfig } from '../config/evaluate-schema';
import { maxNesting, valueNestsBeyond } from '../nesting';
import { ScoringError, type Scorer } from './scorer-types';

type Config<T extends ScorerConfig['type']> = Extract<ScorerConfig, { type: T }>;

const fenced = /^\s*```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/;

/** The answer as JSON, or undefined when it is not JSON (after removing one surrounding ``` fence, if asked). */
export function parseAnswerJson(answer: string, stripCodeFences: boolean): { value: unknown } | undefined {
  const text = stripCodeFences ? (fenced.exec(answer)?.[1] ?? answer) : answer;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

export function jsonValidScorer(config: Config<'json_valid'>, name: string): Scorer {
  return { name, binary: true, score: ({ answer }) => ({ score: parseAnswerJson(answer, config.strip_code_fences) ? 1 : 0 }) };
}

/**
 * 1 when the answer is JSON that the schema accepts; 0 when it is not JSON or does not match.
 * The schema is compiled on the first answer, so Ajv is loaded only by runs that score with it
 * (the config loader has already compiled it once, with the file and line in its message).
 */
export function jsonSchemaScorer(config: Config<'json_schema'>, name: string): Scorer {
  let validator: Promise<ValidateFunction> | undefined;
  const compiled = (): Promise<ValidateFunction> =>
    (validator ??= import('./json-schema').then(({ compileJsonSchema }) => {
      const validate = compileJsonSchema(config.schema);
      if (typeof validate === 'string') throw new Error(`schema: ${validate}`);
      return validate;
    }));
  return {
    name,
    binary: true,
    score: async ({ answer }) => {
      const validate = await compiled();
      const parsed = parseAnswerJson(answer, config.strip_code_fences);
      // Ajv recurses with the data under a recursive schema; at the end of the stack V8 may abort.
      if (parsed && valueNestsBeyond(parsed.value, maxNesting)) throw new ScoringError(`the answer is JSON nested more than ${maxNesting} levels deep; not validated against the schema`);
      return { score: parsed && validate(parsed.value) ? 1 : 0 };
    },
  };
}
