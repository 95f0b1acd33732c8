import { RefusedError, UsageError } from '../errors';
import type { ModelVersion, Registry } from '../registry/types';
import type { ModeInputs } from './context';

/**
 * Registries number versions 1, 2, 3... MLflow reads "01" as version 1 while files and records
 * would name it "01", so only the canonical number is taken.
 */
export function checkVersionNumber(input: string, value: string, alternative = ''): void {
  if (/^[1-9]\d*$/.test(value)) return;
  const meant = /^\d+$/.test(value) && Number(value) > 0 ? ` (did you mean ${Number(value)}?)` : '';
  throw new UsageError(`${input} "${value}" is not a version; registries number versions 1, 2, 3...${alternative}${meant}`);
}

export function requireVersionInput(mode: string, inputs: ModeInputs): string {
  const version = inputs.modelVersion?.trim();
  if (!version) throw new UsageError(`${mode} needs a model version: set the model-version input (CLI: --model-version)`);
  checkVersionNumber('model-version', version);
  return version;
}

export async function requireVersion(registry: Registry, model: string, version: string): Promise<ModelVersion> {
  const found = await registry.getVersion(model, version);
  if (!found) throw await noSuchVersion(registry, model, version);
  if (found.status !== 'READY') throw new RefusedError(`${model} version ${version} is ${found.status}, not READY; wait for registration to finish`);
  return found;
}

/** The version the mode acts on: the input, else the holder of the alias. */
export async function versionOrHolder(mode: string, inputs: ModeInputs, registry: Registry, model: string, alias: string): Promise<string> {
  if (inputs.modelVersion?.trim()) return requireVersionInput(mode, inputs);
  const holder = await registry.getAlias(model, alias);
  if (holder === null) throw new RefusedError(`${mode}: no model-version given and no version holds @${alias} on ${model}; promote one first or pass model-version`);
  return holder;
}

/** The refusal for a version the registry lacks, listing the versions it has. */
export async function noSuchVersion(registry: Registry, model: string, version: string): Promise<RefusedError> {
  const known = (await registry.listVersions(model)).map((v) => v.version);
  if (known.length === 0 && !(await registry.modelExists(model))) return new RefusedError(`the ${registry.kind} registry has no model named ${JSON.stringify(model)}, so no version ${version}; check model.name in the config`);
  return new RefusedError(`${model} has no version ${version} in the ${registry.kind} registry${known.length ? ` (versions: ${known.join(', ')})` : ' (no versions registered)'}`);
}
