import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from '../fs-async';
import path from 'node:path';
import { z } from 'zod';
import { jsonErrorLine } from '../contract/summary';
import { formatPath } from '../config/paths';
import { InputError, RefusedError, RemoteError } from '../errors';
import { AliasConflictError, type ExpectedHolder, type ModelVersion, type Registry } from './types';
import { lazySchema } from '../config/zod-helpers';
import { acquireFileLock, LockHeldError, LockLostError, type FileLockOptions } from './file-lock';
import { uniqueHex } from '../random-ids';

const versionSchema = lazySchema(() => z.strictObject({
  source: z.string(),
  status: z.enum(['READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION']),
  created_at: z.string(),
  tags: z.record(z.string(), z.string()),
}));
const fileSchema = lazySchema(() => z.strictObject({
  schema: z.literal('agent-release.registry/v1'),
  models: z.record(
    z.string(),
    z.strictObject({
      versions: z.record(z.string().regex(/^\d+$/), versionSchema),
      aliases: z.record(z.string(), z.string()),
    }),
  ),
}));
type RegistryFile = z.infer<typeof fileSchema>;

/** About 20 s of waits for a process that holds the lock and refreshes it. */
const registryLockOptions: FileLockOptions = { staleMs: 10_000, retries: 200, minWaitMs: 5, maxWaitMs: 100, factor: 1.3 };

const emptyFile = (): RegistryFile => ({ schema: 'agent-release.registry/v1', models: {} });

/**
 * The embedded registry: one JSON file. Every write takes a lock file, re-reads, changes and
 * replaces the file by rename, so concurrent processes neither corrupt it nor lose a write,
 * and readers always see a whole file.
 */
export class LocalRegistry implements Registry {
  readonly kind = 'local';

  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
    private readonly lockOptions: FileLockOptions = registryLockOptions,
  ) {}

  async getVersion(model: string, version: string): Promise<ModelVersion | undefined> {
    const data = await this.read();
    const entry = data.models[model];
    const found = entry?.versions[version];
    return found && entry ? toModelVersion(model, version, found, entry.aliases) : undefined;
  }

  async listVersions(model: string): Promise<ModelVersion[]> {
    const entry = (await this.read()).models[model];
    if (!entry) return [];
    return Object.entries(entry.versions)
      .map(([v, found]) => toModelVersion(model, v, found, entry.aliases))
      .sort((a, b) => Number(a.version) - Number(b.version));
  }

  async modelExists(model: string): Promise<boolean> {
    return (await this.read()).models[model] !== undefined;
  }

  async getAlias(model: string, alias: string): Promise<string | null> {
    return (await this.read()).models[model]?.aliases[alias] ?? null;
  }

  async listAliases(model: string): Promise<Record<string, string>> {
    return { ...(await this.read()).models[model]?.aliases };
  }

  async setAlias(model: string, alias: string, version: string, expected: ExpectedHolder): Promise<void> {
    await this.update((data) => {
      const entry = requireVersion(data, model, version, this.file);
      const actual = entry.aliases[alias] ?? null;
      if (expected !== undefined && actual !== expected && actual !== version) {
        throw new AliasConflictError(model, alias, expected, actual);
      }
      entry.aliases[alias] = version;
    });
  }

  async setVersionTags(model: string, version: string, tags: Record<string, string>): Promise<void> {
    await this.update((data) => {
      const found = requireVersion(data, model, version, this.file).versions[version];
      if (found) Object.assign(found.tags, tags);
    });
  }

  async registerVersion(model: string, source: string, tags: Record<string, string>): Promise<ModelVersion> {
    let created: ModelVersion | undefined;
    await this.update((data) => {
      const entry = (data.models[model] ??= { versions: {}, aliases: {} });
      const next = String(Math.max(0, ...Object.keys(entry.versions).map(Number)) + 1);
      const record = { source, status: 'READY' as const, created_at: this.now().toISOString(), tags: { ...tags } };
      entry.versions[next] = record;
      created = toModelVersion(model, next, record, entry.aliases);
    });
    return created as ModelVersion;
  }

  private async read(): Promise<RegistryFile> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyFile();
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const at = jsonErrorLine(text, (error as Error).message);
      throw new InputError(`registry file ${this.file}${at === undefined ? '' : `:${at}`} is not valid JSON (${(error as Error).message}); restore it from version control or a backup`);
    }
    const parsed = fileSchema.safeParse(json, { jitless: true }); // read once or twice a run: not worth zod's generated fast path
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? formatPath(issue.path.filter((s): s is string | number => typeof s !== 'symbol')) : '';
      throw new InputError(`registry file ${this.file} is not an agent-release registry: ${where}: ${issue?.message}`);
    }
    return parsed.data;
  }

  private async update(change: (data: RegistryFile) => void): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const lockPath = `${this.file}.lock`;
    const lock = await acquireFileLock(lockPath, this.lockOptions).catch((error: unknown) => {
      if (!(error instanceof LockHeldError)) throw error;
      // A crashed holder's lock goes stale after 10 s and is taken over; this one is still being refreshed.
      throw new RefusedError(`the local registry ${this.file} stayed locked by another agent-release process (${lockPath}) for about 20 s, so this change was not made. Let that run finish and run this again; if none is running, delete ${lockPath}`);
    });
    try {
      const data = await this.read();
      change(data);
      // A holder that stalled past the lock's staleness lost it: replacing the file now would undo the next holder's change.
      await writeAtomically(this.file, `${JSON.stringify(data, null, 2)}\n`, () => {
        try {
          lock.assertHeld();
        } catch (error) {
          if (error instanceof LockLostError) throw new RemoteError(`the local registry ${this.file} was not changed: ${error.message}; run this again`);
          throw error;
        }
      });
    } finally {
      lock.release();
    }
  }
}

function requireVersion(data: RegistryFile, model: string, version: string, file: string) {
  const entry = data.models[model];
  if (!entry?.versions[version]) {
    const known = entry ? Object.keys(entry.versions).join(', ') : '';
    throw new RefusedError(
      `${model} has no version ${version} in ${file}${known ? ` (versions: ${known})` : ' (no versions registered)'}; register it with: agent-release registry register --source <uri>`,
    );
  }
  return entry;
}

function toModelVersion(model: string, version: string, record: z.infer<typeof versionSchema>, aliases: Record<string, string>): ModelVersion {
  return {
    name: model,
    version,
    source: record.source,
    status: record.status,
    tags: { ...record.tags },
    aliases: Object.entries(aliases)
      .filter(([, holder]) => holder === version)
      .map(([alias]) => alias),
    createdAt: record.created_at,
  };
}

/**
 * Temp file in the same directory, fsync, rename: readers see the old file or the new, never half.
 * `beforeRename` runs last before the file is replaced and may refuse by throwing; the temp file goes.
 */
export async function writeAtomically(file: string, content: string, beforeRename: () => void = () => {}): Promise<void> {
  const temp = `${file}.${process.pid}.${uniqueHex(4)}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    beforeRename();
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
