/**
 * node:fs's promise API, without loading node:fs/promises for what node:fs's callbacks do as
 * well: that module loads readline and the file watchers as it loads, 1.4 ms of every gate's and
 * promote's start-up (bench/startup.mjs), and ncc's bundle loads it with every module that names
 * it. The same calls on the same threads, promisified; only a FileHandle (`open`) needs
 * node:fs/promises, loaded then.
 */
import * as fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { promisify } from 'node:util';

export const access = promisify(fs.access);
export const appendFile = promisify(fs.appendFile);
export const copyFile = promisify(fs.copyFile);
export const link = promisify(fs.link);
export const lstat = promisify(fs.lstat);
export const mkdir = promisify(fs.mkdir);
export const mkdtemp = promisify(fs.mkdtemp);
export const readdir = promisify(fs.readdir);
export const readFile = promisify(fs.readFile);
// node:fs/promises resolves with the system's realpath, as this does.
export const realpath = promisify(fs.realpath.native);
export const rename = promisify(fs.rename);
export const rm = promisify(fs.rm);
export const stat = promisify(fs.stat);
export const writeFile = promisify(fs.writeFile);

export type FileHandle = FsPromises.FileHandle;

export function open(...args: Parameters<typeof FsPromises.open>): Promise<FileHandle> {
  return process.getBuiltinModule('node:fs/promises').open(...args);
}
