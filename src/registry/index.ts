import path from 'node:path';
import type { Config } from '../config/schema';
import { LocalRegistry } from './local';
import type { Registry } from './types';

/** The one place registry providers are chosen. */
export function createRegistry(config: Config, workdir: string): Registry {
  switch (config.model.registry) {
    case 'local':
      return new LocalRegistry(path.resolve(workdir, config.model.path));
  }
}
