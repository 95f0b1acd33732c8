import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Draft = 'draft-07' | '2019-09' | '2020-12';
const validators = new Map<Draft, Ajv>();

/**
 * One Ajv per draft, made on first use (building one with its formats takes tens of ms).
 * Unknown keywords and formats are errors (a typo must not accept everything); the stricter
 * type and tuple checks, which reject many valid hand-written schemas, are off. Compiled
 * schemas are not registered by $id, so two scorers may share one without colliding.
 */
function validator(draft: Draft): Ajv {
  let ajv = validators.get(draft);
  if (!ajv) {
    const options = { strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: false, addUsedSchema: false };
    ajv = draft === '2020-12' ? new Ajv2020(options) : draft === '2019-09' ? new Ajv2019(options) : new Ajv(options);
    addFormats(ajv);
    validators.set(draft, ajv);
  }
  return ajv;
}

/**
 * JSON Schema validation with Ajv: the schema's own `$schema` picks the draft (2020-12, 2019-09,
 * otherwise draft-07, which also reads draft-06 schemas). A misspelt keyword (`requried`) is a
 * configuration error rather than a schema that accepts everything.
 */
export function compileJsonSchema(schema: Record<string, unknown>): ValidateFunction | string {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (/draft-0[34]\b/.test(declared)) return `JSON Schema ${declared} is not supported; use draft-07, 2019-09 or 2020-12`;
  const ajv = validator(declared.includes('2020-12') ? '2020-12' : declared.includes('2019-09') ? '2019-09' : 'draft-07');
  try {
    return ajv.compile(schema);
  } catch (error) {
    return `not a usable JSON Schema: ${(error as Error).message}`;
  }
}

/** What is wrong with a schema as a scorer would use it, or undefined when it compiles. */
export function jsonSchemaProblem(schema: Record<string, unknown>): string | undefined {
  const compiled = compileJsonSchema(schema);
  return typeof compiled === 'string' ? compiled : undefined;
}

/** The first validation error as one line: `/items/0/price: must be number`. */
export function firstSchemaError(errors: readonly ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'does not match the schema';
  return `${first.instancePath || '(top level)'}: ${first.message ?? 'does not match'}`;
}
