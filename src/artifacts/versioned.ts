import { RefusedError } from '../errors';
import type { Logger } from '../logger';
import { safeName, type ArtifactRoot } from './root';

/**
 * Versioned artifacts, as in the release path contract: `<kind>/v<N>/<file>` under a root, with
 * <N> a positive integer that only grows per kind (`deployment_plans/v3/plan.md`). A version,
 * once written, is never overwritten.
 */

/** `v<N>` with N written canonically: v1, v12; not v01, V1 or v1.0. */
const versionDirPattern = /^v(0|[1-9]\d{0,15})$/;

export function parseVersionDir(name: string): number | undefined {
  const match = versionDirPattern.exec(name);
  if (!match) return undefined;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Every version present under `<kind>/`, ascending. Any entry named v<N> counts, finished or not. */
export async function listVersions(root: ArtifactRoot, kind: string): Promise<number[]> {
  const entries = (await root.list(safeName(kind, 'artifact kind'))) ?? [];
  return entries
    .map((e) => parseVersionDir(e.name))
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
}

/** The highest N under `<kind>/`, or 0 when there is none. */
export async function highestVersion(root: ArtifactRoot, kind: string): Promise<number> {
  return (await listVersions(root, kind)).at(-1) ?? 0;
}

export interface WriteNextVersionOptions {
  /** Rounds of "find the highest, claim the next" before giving up; each lost round means another writer won. Default 20. */
  maxAttempts?: number;
  logger?: Logger;
}

export interface WrittenVersion {
  version: number;
  /** Relative to the root: deployment_plans/v4/plan.md */
  path: string;
  /** Where it is, for messages and records: /Volumes/main/agents/releases/deployment_plans/v4/plan.md */
  location: string;
  attempts: number;
}

/**
 * Writes `content` as `<kind>/v<N+1>/<fileName>`, N being the highest version present. The write
 * is create-only: when a concurrent writer claimed v<N+1> first, this one looks again and takes
 * the next free number; it never replaces a file. Gives up after `maxAttempts` lost rounds.
 */
export async function writeNextVersion(
  root: ArtifactRoot,
  kind: string,
  fileName: string,
  content: string,
  options: WriteNextVersionOptions = {},
): Promise<WrittenVersion> {
  safeName(kind, 'artifact kind');
  safeName(fileName, 'file name');
  const maxAttempts = options.maxAttempts ?? 20;
  let lastTaken = 0;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    // Never retry a number already seen taken, even if the listing lags behind.
    const version = Math.max(await highestVersion(root, kind), lastTaken) + 1;
    const relative = `${kind}/v${version}/${fileName}`;
    const outcome = await root.createNew(relative, content);
    if (outcome === 'created') {
      options.logger?.info(`artifacts: wrote ${root.display(relative)}`);
      return { version, path: relative, location: root.display(relative), attempts: attempt };
    }
    options.logger?.debug(`artifacts: ${root.display(relative)} was written by someone else first; trying the next version`);
    lastTaken = version;
  }
  throw new RefusedError(
    `could not write a new version of ${fileName} under ${root.display(kind)}: other writers took v${lastTaken} and every number before it in ${maxAttempts} attempts; nothing was overwritten. Run again, or allow more attempts`,
  );
}
