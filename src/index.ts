import nodeModule from 'node:module';
import { boundHeap } from './shell/heap-bounds';

// The action runs on node24: compiled code is kept between steps of a job (os.tmpdir()), so
// every step after the first starts faster. The shell is imported after, so the cache covers it.
// Not in Node 20's types or runtime: looked up, not imported.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runAction } = await import('./shell/action');
boundHeap(process.execArgv, process.env.NODE_OPTIONS);

const ran = runAction();
/**
 * For @github/local-action, which imports the entrypoint and then awaits its exported run(): the
 * action already runs on import, as the runner needs, so run() waits for that one run.
 */
export const run = (): Promise<void> => ran;
await ran;
