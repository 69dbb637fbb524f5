import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { publish } from "../../platform/realtime/publish.ts";

/** One notice to one person. `subjectId` with `kind` makes it unique for that person. */
export type Notice = {
  recipientUserId: string;
  kind: string;
  title: string;
  summary?: string | null;
  caseId?: string | null;
  link?: string | null;
  subjectType: string;
  subjectId: string;
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Tells staff something, from inside the caller's own transaction (pass the transaction's
 * scope), so a notice exists exactly when the thing it tells of was committed. Repeats of the
 * same kind and subject for the same person are dropped (a retried job notifies nobody twice),
 * kinds the person muted are skipped, and each new notice pushes a realtime hint to its
 * recipient only — delivered on commit, since NOTIFY is transactional.
 * Returns the user ids that were newly notified.
 */
export async function notifyStaff(scope: TenantScope, notices: Notice[]): Promise<string[]> {
  const fresh: string[] = [];
  for (const n of dedupe(notices)) {
    const row = await sql<{ recipient_user_id: string }>`
      insert into staff_notifications
        (workspace_id, recipient_user_id, kind, title, summary, case_id, link, subject_type, subject_id)
      select ${scope.workspaceId}, ${n.recipientUserId}, ${n.kind}, ${clip(n.title, 300)},
             ${n.summary ? clip(n.summary, 1000) : null}, ${n.caseId ?? null}, ${n.link ?? null},
             ${n.subjectType}, ${n.subjectId}
       where not exists (
         select 1 from staff_notification_mutes
          where workspace_id = ${scope.workspaceId} and user_id = ${n.recipientUserId} and kind = ${n.kind})
      on conflict (workspace_id, recipient_user_id, kind, subject_id) do nothing
      returning recipient_user_id`.execute(scope.db);
    if (row.rows.length === 0) continue;
    fresh.push(n.recipientUserId);
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "user", userId: n.recipientUserId },
      event: { type: "notifications.changed", change: "added", kind: n.kind },
    });
  }
  return fresh;
}

function dedupe(notices: Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.filter((n) => {
    const key = `${n.recipientUserId}\u0000${n.kind}\u0000${n.subjectId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The people who decide approvals for a case: active admins of the workspace and the leads of
 * the case's team (actions.policy.ts), as user ids.
 */
export async function approvalDeciders(scope: TenantScope, caseTeamId: string | null): Promise<string[]> {
  const { rows } = await sql<{ user_id: string }>`
    select m.user_id from memberships m
     where m.workspace_id = ${scope.workspaceId} and m.status = 'active'
       and (m.role = 'admin'
            or exists (select 1 from team_members tm
                        where tm.membership_id = m.id and tm.is_lead
                          and tm.team_id = ${caseTeamId}::uuid))`.execute(scope.db);
  return rows.map((r) => r.user_id);
}
