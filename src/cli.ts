#!/usr/bin/env node
import { installChunkLoader } from './shell/chunk-loader';
import { cancelOnSignals } from './shell/cancel-on-signals';
import { boundHeap } from './shell/heap-bounds';
import { exitIfShortRun, isTerminal, stdioWriter } from './shell/stdio';

// Start-up is most of a short run's cost. The bundle's chunks load through a loader that keeps
// their compiled code between runs (a job's steps share the temp directory), so the shell is
// imported after it is installed.
const chunkLoader = installChunkLoader(process.env, process.argv[2]);
const { commandOf, runCli } = await import('./shell/cli');
boundHeap(process.execArgv, process.env.NODE_OPTIONS, chunkLoader.settle);

// Options may come before the command (`--config x deploy`): the command is read as the CLI reads it.
const command = commandOf(process.argv.slice(2));
const stdout = stdioWriter(1, command);
const stderr = stdioWriter(2, command);
const stderrIsTTY = isTerminal(2);
const abort = new AbortController();
cancelOnSignals(abort, command, stderr);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout,
  stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: abort.signal,
  stderrIsTTY,
  stderrColumns: stderrIsTTY ? process.stderr.columns : undefined,
});
exitIfShortRun(command);
