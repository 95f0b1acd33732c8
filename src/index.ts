import { installChunkLoader } from './shell/chunk-loader';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { boundHeap } from './shell/heap-bounds';
import { exitIfShortRun } from './shell/stdio';

// Start-up is most of a short run's cost. The bundle's chunks load through a loader that keeps
// their compiled code between runs (a job's steps share the temp directory), so the shell is
// imported after it is installed.
const chunkLoader = installChunkLoader(process.env, process.env.INPUT_MODE);
const { runAction } = await import('./shell/action');
boundHeap(process.execArgv, process.env.NODE_OPTIONS, chunkLoader.settle);

const ran = runAction();
/**
 * For @github/local-action, which imports the entrypoint and then awaits its exported run(): the
 * action already runs on import, as the runner needs, so run() waits for that one run.
 */
export const run = (): Promise<void> => ran;
await ran;
/** Run by the runner (node dist/index.js), not imported (by @github/local-action, which reports after run() settles). */
function runAsMain(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
}
if (runAsMain()) exitIfShortRun(process.env.INPUT_MODE?.trim());
