import type { RunInfo } from '../modes/context';
import { tagKeys } from '../registry/tags';

export function promotionAuditTags(alias: string, run: RunInfo, at: string): Record<string, string> {
  // promoted_at last: tags are written in order, so once it is there the others are too.
  return {
    [tagKeys.promotedBy(alias)]: run.actor,
    ...(run.runUrl ? { [tagKeys.promotedRun(alias)]: run.runUrl } : {}),
    ...(run.sha ? { [tagKeys.promotedSha(alias)]: run.sha } : {}),
    [tagKeys.promotedAt(alias)]: at,
  };
}
