#!/usr/bin/env node
import nodeModule from 'node:module';
import { boundHeap } from './shell/heap-bounds';

// Node >= 22.1 keeps compiled code between runs (os.tmpdir()/node-compile-cache): start-up is
// most of a short run's overhead. The shell is imported after, so the cache covers it.
// Not in Node 20's types or runtime: looked up, not imported.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import('./shell/cli');
boundHeap(process.execArgv, process.env.NODE_OPTIONS);

const abort = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => abort.abort(new Error(`cancelled (${signal})`)));
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  signal: abort.signal,
  stderrIsTTY: process.stderr.isTTY === true,
  stderrColumns: process.stderr.columns,
});
