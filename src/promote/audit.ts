import type { RunInfo } from '../modes/context';
import { tagKeys } from '../registry/tags';

export function promotionAuditTags(alias: string, run: RunInfo, at: string): Record<string, string> {
  return {
    [tagKeys.promotedBy(alias)]: run.actor,
    [tagKeys.promotedAt(alias)]: at,
    ...(run.runUrl ? { [tagKeys.promotedRun(alias)]: run.runUrl } : {}),
    ...(run.sha ? { [tagKeys.promotedSha(alias)]: run.sha } : {}),
  };
}
