import { InputError } from '../errors';
import { MlflowApiError } from './errors';

/**
 * A string literal for MLflow's search filter. The parser has no escape sequence: a value is
 * quoted with whichever quote it does not contain.
 */
export function filterLiteral(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new InputError(`${value} contains both ' and ", which MLflow's search filter cannot express`);
}

/** A 404 for a missing model, version, run, experiment or artifact (MLflow and Databricks codes). */
export function isNotFound(error: unknown): boolean {
  return error instanceof MlflowApiError && error.status === 404 && (error.errorCode === 'RESOURCE_DOES_NOT_EXIST' || error.errorCode === 'NOT_FOUND');
}
