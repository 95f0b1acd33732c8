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
 * with (gate.baseline), found the same way. Informational only: no baseline configured, no
 * champion, another dataset, or any failure on the way gives null (a failure with a warning).
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
    if (lookup.kind !== 'found') return null;
    try {
      const summary = await readSummary(lookup.summaryFile);
      if (summary.dataset.digest !== candidate.summary.dataset.digest || summary.shard) return null;
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
