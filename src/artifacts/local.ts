import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, realpath, rm } from '../fs-async';
import path from 'node:path';
import { InputError } from '../errors';
import { FileTooLargeError, PathEscapeError, safeRelativePath, type ArtifactEntry, type ArtifactRoot } from './root';
import { uniqueHex } from '../random-ids';

/**
 * A local folder as an artifact root. The root itself may be a symlink (it is resolved once);
 * below it, no path component may be a symlink, so nothing written or read through the root can
 * land outside it. A new file is written under a temporary name, flushed, and published with
 * link(2), which fails if the name exists: create-only, and readers never see half a file.
 */
export class LocalArtifactRoot implements ArtifactRoot {
  readonly kind = 'local';

  private constructor(readonly location: string) {}

  /** Opens (and with `create`, makes) the folder; `dir` is resolved against `workdir`. */
  static async open(dir: string, options: { workdir?: string; create?: boolean } = {}): Promise<LocalArtifactRoot> {
    const absolute = path.resolve(options.workdir ?? process.cwd(), dir);
    if (options.create ?? true) await mkdir(absolute, { recursive: true });
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      throw new InputError(`artifact root ${absolute} cannot be opened: ${codeOf(error) === 'ENOENT' ? 'no such folder' : (error as Error).message}`);
    }
    if (!(await lstat(real)).isDirectory()) throw new InputError(`artifact root ${absolute} is not a folder`);
    return new LocalArtifactRoot(real);
  }

  display(relative: string): string {
    return path.join(this.location, ...safeRelativePath(relative));
  }

  async list(dir: string): Promise<ArtifactEntry[] | undefined> {
    const segments = safeRelativePath(dir, 'directory');
    if (!(await this.checkChain(segments, dir))) return undefined;
    try {
      const entries = await readdir(path.join(this.location, ...segments), { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return undefined;
      if (codeOf(error) === 'ENOTDIR') throw new InputError(`${this.display(dir)} is a file, not a folder`);
      throw error;
    }
  }

  async read(file: string, maxBytes: number): Promise<Uint8Array | undefined> {
    const segments = safeRelativePath(file, 'file');
    if (!(await this.checkChain(segments, file))) return undefined;
    const full = path.join(this.location, ...segments);
    let handle;
    try {
      // O_NOFOLLOW: a symlink swapped in after the check fails here instead of being followed.
      handle = await open(full, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return undefined;
      if (codeOf(error) === 'ELOOP') throw this.symlinkError(file, full);
      throw error;
    }
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw new InputError(`${full} is a folder, not a file`);
      if (stat.size > maxBytes) throw new FileTooLargeError(full, stat.size, maxBytes);
      // Read one byte past the limit so a file that grew since the stat is still caught.
      const buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.size + 1));
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length === buffer.length) break;
      }
      if (length > maxBytes) throw new FileTooLargeError(full, length, maxBytes);
      return new Uint8Array(buffer.subarray(0, length));
    } finally {
      await handle.close();
    }
  }

  async createNew(file: string, content: string): Promise<'created' | 'exists'> {
    const segments = safeRelativePath(file, 'file');
    const name = segments.at(-1) as string;
    const parentSegments = segments.slice(0, -1);
    const parent = await this.makeDirs(parentSegments, file);
    const final = path.join(parent, name);
    const temp = path.join(parent, `.${name}.${process.pid}.${uniqueHex(6)}.tmp`);
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    try {
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // The folder was checked component by component; make sure it was not swapped since.
      if ((await realpath(parent)) !== parent) throw this.symlinkError(file, parent);
      try {
        await link(temp, final);
      } catch (error) {
        const code = codeOf(error);
        if (code === 'EEXIST') return 'exists';
        // Some file systems (SMB, some FUSE mounts) have no hard links: fall back to an
        // exclusive copy, still create-only though no longer invisible while it is written.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
        try {
          await copyFile(temp, final, constants.COPYFILE_EXCL);
        } catch (copyError) {
          if (codeOf(copyError) === 'EEXIST') return 'exists';
          throw copyError;
        }
      }
      await syncDir(parent);
      return 'created';
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * True when every existing component below the root is a real folder (the last may be a file);
   * false when one is missing. A symlink anywhere on the way is refused.
   */
  private async checkChain(segments: string[], shown: string): Promise<boolean> {
    let current = this.location;
    for (const [i, segment] of segments.entries()) {
      current = path.join(current, segment);
      let stat;
      try {
        stat = await lstat(current);
      } catch (error) {
        if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return false;
        throw error;
      }
      if (stat.isSymbolicLink()) throw this.symlinkError(shown, current);
      if (i < segments.length - 1 && !stat.isDirectory()) return false;
    }
    return true;
  }

  /** mkdir one component at a time, refusing symlinks and files on the way; returns the folder. */
  private async makeDirs(segments: string[], shown: string): Promise<string> {
    let current = this.location;
    for (const segment of segments) {
      current = path.join(current, segment);
      try {
        await mkdir(current);
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw error;
      }
      const stat = await lstat(current);
      if (stat.isSymbolicLink()) throw this.symlinkError(shown, current);
      if (!stat.isDirectory()) throw new InputError(`cannot write ${this.display(shown)}: ${current} is a file, not a folder`);
    }
    return current;
  }

  private symlinkError(shown: string, at: string): PathEscapeError {
    return new PathEscapeError(
      `refusing ${JSON.stringify(shown)} under artifact root ${this.location}: ${at} is a symbolic link, and links could lead outside the root; replace it with a real folder or file`,
    );
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: not every platform can fsync a directory.
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
