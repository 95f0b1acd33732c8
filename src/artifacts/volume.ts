import { checkVolumePath, isAlreadyExists, isNotFound, type DatabricksApiError, type DatabricksFilesClient } from '../databricks/files';
import { RemoteError } from '../errors';
import { FileTooLargeError, safeRelativePath, type ArtifactEntry, type ArtifactRoot } from './root';

/**
 * A Unity Catalog Volume (or a folder in one) as an artifact root, through the Files API. A
 * new file is written with `overwrite=false`, which the service refuses with 409 when the file
 * exists: the create-only write. Volumes have no symlinks; relative paths are checked as for
 * local roots, so nothing outside the root is reached.
 */
export class VolumeArtifactRoot implements ArtifactRoot {
  readonly kind = 'volume';
  readonly location: string;

  constructor(
    private readonly client: DatabricksFilesClient,
    location: string,
    /** How often an ambiguous create (no answer) is re-checked and re-sent before giving up. */
    private readonly ambiguousRetries = 3,
  ) {
    this.location = checkVolumePath(location);
  }

  display(relative: string): string {
    return `${this.location}/${safeRelativePath(relative).join('/')}`;
  }

  async list(dir: string): Promise<ArtifactEntry[] | undefined> {
    try {
      const entries = await this.client.listDirectory(this.display(dir));
      return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async read(file: string, maxBytes: number): Promise<Uint8Array | undefined> {
    const full = this.display(file);
    let text: string;
    try {
      text = await this.client.download(full);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > maxBytes) throw new FileTooLargeError(full, bytes.length, maxBytes);
    return bytes;
  }

  /**
   * PUT with overwrite=false. When no answer came back (a gateway error or a timeout after the
   * request was sent), the file is read back: our own bytes mean our write landed; other bytes
   * mean another writer got there first; nothing means it did not land, and it is sent again.
   */
  async createNew(file: string, content: string): Promise<'created' | 'exists'> {
    const full = this.display(file);
    const parent = full.slice(0, full.lastIndexOf('/'));
    await this.client.createDirectory(parent);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.upload(full, content, { overwrite: false });
        return 'created';
      } catch (error) {
        if (isAlreadyExists(error)) return 'exists';
        if (!(error as DatabricksApiError).outcomeUnknown) throw error;
        let found: string | undefined;
        try {
          found = await this.client.download(full);
        } catch (readError) {
          if (!isNotFound(readError)) throw readError;
        }
        if (found !== undefined) return found === content ? 'created' : 'exists';
        if (attempt > this.ambiguousRetries) {
          throw new RemoteError(`create ${full}: no answer from the Files API after ${attempt} attempts and the file is not there; try again later`, {
            cause: error,
          });
        }
      }
    }
  }
}
