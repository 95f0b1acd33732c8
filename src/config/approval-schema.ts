import { z } from 'zod';
import { deferred, strictObject, lazySchema } from './zod-helpers';

/**
 * A Databricks deployment job's approval task checks a Unity Catalog model-version tag whose key
 * is the task's name (its task_key: letters, digits, _ and -, at most 100) and whose value is
 * "Approved", compared case-insensitively (the approval notebook of MLflow 3 deployment jobs).
 */
const approvalTag = lazySchema(() => z.string().regex(/^[\w-]{1,100}$/, { error: "the approval task's name (task_key), e.g. Approval_Check: letters, digits, _ and -, at most 100" }));

/**
 * gate.uc_approval: the version must carry the approval tag. promote.uc_approval: once this run's
 * environment reviewers approved, promote writes it (with who and which run) before the alias moves.
 */
export const ucApprovalSchema = deferred(() =>
  strictObject({
    tag: approvalTag,
    /** The value that means approved; read case-insensitively, as the approval task does. */
    value: z.string().min(1).default('Approved'),
  }));
export type UcApprovalConfig = z.infer<typeof ucApprovalSchema>;
