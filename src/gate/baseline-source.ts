import { stat } from '../fs-async';
import path from 'node:path';
import type { LoadedConfig } from '../config/load';
import type { BaselineConfig } from '../config/schema';
import { shown, versionDir } from '../modes/paths';
import type { Tracking } from '../tracking';
import { mlflowBaselineSource } from './baseline-mlflow';

/** What the gate asks a source for: the champion's evaluation on the candidate's dataset. */
export interface BaselineRequest {
  model: string;
  alias: string;
  /** The alias holder when the gate started, or null when no version holds it. */
  holder: string | null;
  candidateVersion: string;
  /** A tracking-server source filters runs by it; file sources leave the check to the gate. */
  datasetDigest: string;
}

export type BaselineLookup =
  /**
   * Local copies of the two files. A remote source downloads them first, names them as the
   * records show them (`shownAs`) and removes its copies in `cleanup` once they are read.
   */
  | {
      kind: 'found';
      summaryFile: string;
      resultsFile: string;
      expectedVersion: string | null;
      origin: string;
      shownAs?: { summary: string; results: string };
      cleanup?: () => Promise<void>;
    }
  /** Nothing to compare with, and that is fine: the first release, or the candidate is the champion. */
  | { kind: 'none'; reason: string }
  /** There is a champion but its evaluation could not be found: the comparison cannot be made. */
  | { kind: 'missing'; reason: string };

/**
 * Where the champion's evaluation comes from. Today: files (the artifacts directory, or paths
 * given in the config). A tracking source (MLflow: the latest `eval_pre_deploy_*` run of the
 * holder whose dataset input has the same digest, its artifacts downloaded for the read) plugs in
 * here without the gate changing.
 */
export interface BaselineSource {
  readonly kind: string;
  find(request: BaselineRequest): Promise<BaselineLookup>;
}

/**
 * gate.baseline's paths when given; else the holder's evaluation in the artifacts directory, and
 * when it is not there (another job, another runner) its evaluation run in the tracking server.
 */
export function baselineSourceFor(loaded: LoadedConfig, config: BaselineConfig, tracking?: Tracking): BaselineSource {
  if (config.summary_path !== undefined) {
    const summaryFile = path.resolve(loaded.workdir, config.summary_path);
    const resultsFile = config.results_path !== undefined ? path.resolve(loaded.workdir, config.results_path) : path.join(path.dirname(summaryFile), 'results.jsonl');
    return explicitFiles(loaded, summaryFile, resultsFile);
  }
  const local = artifactsDirectory(loaded);
  if (!tracking) return local;
  const remote = mlflowBaselineSource({ client: tracking.client, experiment: tracking.tracker.experiments.evaluation });
  return {
    kind: 'artifacts+mlflow',
    async find(request) {
      const found = await local.find(request);
      if (found.kind !== 'missing') return found;
      const tracked = await remote.find(request);
      return tracked.kind === 'missing' ? { kind: 'missing', reason: `${found.reason}; and in MLflow: ${tracked.reason}` } : tracked;
    },
  };
}

/** gate.baseline.summary_path / results_path: a fixed baseline, used whoever holds the alias. */
export function explicitFiles(loaded: LoadedConfig, summaryFile: string, resultsFile: string): BaselineSource {
  return {
    kind: 'files',
    async find() {
      const absent = await firstAbsent([summaryFile, resultsFile]);
      if (absent) {
        return { kind: 'missing', reason: `the baseline file ${shown(loaded, absent)} (gate.baseline.${absent === summaryFile ? 'summary_path' : 'results_path'}) does not exist; download the champion's evaluation there or fix the path` };
      }
      return { kind: 'found', summaryFile, resultsFile, expectedVersion: null, origin: 'gate.baseline paths' };
    },
  };
}

/** The holder's own evaluation, where evaluate (or a downloaded artifact) left it: <artifacts_dir>/<model>/v<N>/. */
export function artifactsDirectory(loaded: LoadedConfig): BaselineSource {
  return {
    kind: 'artifacts',
    async find({ alias, holder, candidateVersion }) {
      if (holder === null) return { kind: 'none', reason: `no version holds @${alias} yet (first release): nothing to compare with, so the baseline comparison is skipped` };
      if (holder === candidateVersion) return { kind: 'none', reason: `version ${holder} already holds @${alias}: it is its own champion, so the baseline comparison is skipped` };
      const dir = versionDir(loaded, holder);
      const summaryFile = path.join(dir, 'summary.json');
      const resultsFile = path.join(dir, 'results.jsonl');
      const absent = await firstAbsent([summaryFile, resultsFile]);
      if (absent) {
        return {
          kind: 'missing',
          reason: `@${alias} is held by version ${holder}, but its evaluation is not at ${shown(loaded, absent)}; evaluate version ${holder} on the same dataset (agent-release evaluate --model-version ${holder}) or download its evaluation artifact there, or point gate.baseline.summary_path at it`,
        };
      }
      return { kind: 'found', summaryFile, resultsFile, expectedVersion: holder, origin: `@${alias} (version ${holder})` };
    },
  };
}

async function firstAbsent(files: readonly string[]): Promise<string | undefined> {
  for (const file of files) {
    try {
      if (!(await stat(file)).isFile()) return file;
    } catch (error) {
      // Anything but "not there" (a permission, say) is left for the reader to report as an input error.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return file;
    }
  }
  return undefined;
}
