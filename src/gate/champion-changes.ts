import { readSummary, type Summary } from '../contract/summary';
import { messageOf } from '../errors';
import type { ModeContext } from '../modes/context';
import { shown } from '../modes/paths';
import { baselineSourceFor } from './baseline-source';
import { exampleChanges, type ExampleChanges } from './example-changes';
import { readScores } from './scores';

export interface ChampionChanges {
  champion: { alias: string; version: string; resultsPath: string };
  changes: ExampleChanges;
}

/**
 * For the evaluate summary: the examples that changed against the champion the gate will compare
 * with (gate.baseline), found the same way. Informational only: no baseline configured or no
 * champion gives null; a champion whose evaluation cannot be found or read, or was made on another
 * dataset, gives null with a warning saying why the section is missing.
 */
export async function changesAgainstChampion(ctx: ModeContext, candidate: { summary: Summary; resultsFile: string }): Promise<ChampionChanges | null> {
  const { loaded, registry, logger } = ctx;
  const baseline = loaded.config.gate?.baseline;
  if (!baseline) return null;
  const model = candidate.summary.model.name;
  const alias = baseline.alias ?? loaded.config.promote.alias;
  try {
    const holder = (await registry.listAliases(model))[alias] ?? null;
    const source = baselineSourceFor(loaded, baseline, ctx.tracking);
    const lookup = await source.find({ model, alias, holder, candidateVersion: candidate.summary.model.version, datasetDigest: candidate.summary.dataset.digest });
    const missing = `the evaluate summary does not list the examples that changed against @${alias}`;
    if (lookup.kind === 'missing') logger.warn(`${missing}: ${lookup.reason}`);
    if (lookup.kind !== 'found') return null;
    try {
      const summary = await readSummary(lookup.summaryFile);
      const summaryPath = lookup.shownAs?.summary ?? shown(loaded, lookup.summaryFile);
      if (summary.shard) {
        logger.warn(`${missing}: ${summaryPath} is the summary of one shard; merge the champion's shards first (agent-release merge)`);
        return null;
      }
      if (summary.dataset.digest !== candidate.summary.dataset.digest) {
        logger.warn(`${missing}: its evaluation (${summaryPath}) was made on another dataset (${summary.dataset.name}, ${summary.dataset.digest.slice(0, 19)}…; this one: ${candidate.summary.dataset.name}, ${candidate.summary.dataset.digest.slice(0, 19)}…); evaluate version ${summary.model.version} on this dataset`);
        return null;
      }
      const resultsPath = lookup.shownAs?.results ?? shown(loaded, lookup.resultsFile);
      const candidateScores = await readScores(candidate.resultsFile, candidate.resultsFile, 'results', { expectedIds: candidate.summary.dataset.rows });
      const championScores = await readScores(lookup.resultsFile, resultsPath, 'baseline results', { examples: candidateScores.examples, expectedIds: summary.dataset.rows });
      const changes = await exampleChanges({ scores: candidateScores, file: candidate.resultsFile }, { scores: championScores, file: lookup.resultsFile });
      return { champion: { alias, version: summary.model.version, resultsPath }, changes };
    } finally {
      await lookup.cleanup?.();
    }
  } catch (error) {
    logger.warn(`the evaluate summary does not list the examples that changed against @${alias}: ${messageOf(error)}`);
    return null;
  }
}
