import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * The audit log: every command that changes who can do what writes one entry, in the same
 * transaction as the change itself.
 */
export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
  requestId?: string;
};

export async function audit(scope: TenantScope, entry: AuditEntry): Promise<void> {
  await scope
    .insertInto("audit_log", {
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      data: JSON.stringify(entry.data ?? {}),
      request_id: entry.requestId ?? null,
    })
    .execute();
}
