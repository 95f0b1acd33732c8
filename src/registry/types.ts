export interface ModelVersion {
  name: string;
  version: string;
  /** Where the version's artifacts or server live (a URI). */
  source: string;
  status: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
  tags: Record<string, string>;
  aliases: string[];
  createdAt: string;
}

/** The alias holder the caller expects: a version, `null` for "unset", undefined for "don't check". */
export type ExpectedHolder = string | null | undefined;

export class AliasConflictError extends Error {
  constructor(
    readonly model: string,
    readonly alias: string,
    readonly expected: string | null,
    readonly actual: string | null,
  ) {
    super(
      `@${alias} on ${model} is held by ${actual === null ? 'no version' : `version ${actual}`}, not ${expected === null ? 'unset' : `version ${expected}`} as expected; someone else moved it since`,
    );
    this.name = 'AliasConflictError';
  }
}

/**
 * What every registry provider implements (local file, MLflow, Unity Catalog). Writes are
 * individually atomic; `setAlias` enforces the expected holder as well as the provider can
 * (atomically for the local registry; re-read, set and verify for remote ones).
 */
export interface Registry {
  readonly kind: string;
  getVersion(model: string, version: string): Promise<ModelVersion | undefined>;
  listVersions(model: string): Promise<ModelVersion[]>;
  /** Whether the registry knows the model at all: one with no versions yet, or a name nobody registered. */
  modelExists(model: string): Promise<boolean>;
  getAlias(model: string, alias: string): Promise<string | null>;
  /** Every alias set on the model, to its version. */
  listAliases(model: string): Promise<Record<string, string>>;
  setAlias(model: string, alias: string, version: string, expected: ExpectedHolder): Promise<void>;
  setVersionTags(model: string, version: string, tags: Record<string, string>): Promise<void>;
  registerVersion(model: string, source: string, tags: Record<string, string>): Promise<ModelVersion>;
}
