import path from 'node:path';
import type { LoadedConfig } from '../config/load';

/** Where a version's evaluation and decision files live: <artifacts_dir>/<model>/v<version>/ */
export function versionDir(loaded: LoadedConfig, version: string): string {
  const model = loaded.config.model.name.replace(/[^\w.-]+/g, '_');
  // Joined by hand: ncc's asset relocator reads path.resolve(..., `v${x}`) as a glob and bundles
  // every matching file under node_modules.
  return [path.resolve(loaded.workdir, loaded.config.artifacts_dir), model, `v${version}`].join(path.sep);
}

/** Paths shown to users are relative to the workspace when they are inside it. */
export function shown(loaded: LoadedConfig, file: string): string {
  const relative = path.relative(loaded.workdir, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
