import type { TenantScope } from "../../platform/db/tenant.ts";
import { type Notice, notifyStaff } from "../notifications/notify.ts";

/**
 * Escalations in the staff notification store (the bell), besides the live toast: an engineer
 * who was away when a question came in, or an agent who was on a call when the findings came
 * back, finds it there. Written in the escalation's own transaction, like every notice.
 */

/** The user ids of the workspace's active engineers, except whoever acted. */
async function engineers(scope: TenantScope, exceptUserId: string) {
  const rows = await scope
    .selectFrom("memberships")
    .select("user_id")
    .where("role", "=", "engineer")
    .where("status", "=", "active")
    .where("user_id", "<>", exceptUserId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** The user behind the case's assignee, when someone has it. */
async function caseOwner(scope: TenantScope, caseId: string) {
  const row = await scope
    .selectFrom("cases")
    .innerJoin("memberships as m", "m.id", "cases.assignee_id")
    .select("m.user_id as userId")
    .where("cases.id", "=", caseId)
    .where("m.status", "=", "active")
    .executeTakeFirst();
  return row?.userId ?? null;
}

const unique = (ids: Array<string | null>, except: string) => [
  ...new Set(ids.filter((id): id is string => !!id && id !== except)),
];

/** A new question for engineering: every engineer hears of it. */
export async function noticeEscalated(
  scope: TenantScope,
  e: { id: string; caseId: string; caseNumber: number; summary: string; question: string },
  actorUserId: string,
) {
  const notices: Notice[] = (await engineers(scope, actorUserId)).map((recipientUserId) => ({
    recipientUserId,
    kind: "escalation.created",
    title: `Case #${e.caseNumber} escalated: ${e.summary}`,
    summary: e.question,
    caseId: e.caseId,
    link: `/app/escalations/${e.id}`,
    subjectType: "escalation",
    subjectId: e.id,
  }));
  await notifyStaff(scope, notices);
}

/**
 * Engineering answered: the agent who asked and whoever has the case now. Each hand-back is its
 * own notice (findings can be revised), so the subject is the escalation at that moment.
 */
export async function noticeFindings(
  scope: TenantScope,
  e: { id: string; caseId: string; createdBy: string | null; findings: string; at: Date },
  actor: { userId: string; name: string },
) {
  const recipients = unique([e.createdBy, await caseOwner(scope, e.caseId)], actor.userId);
  await notifyStaff(
    scope,
    recipients.map((recipientUserId) => ({
      recipientUserId,
      kind: "escalation.findings",
      title: `${actor.name} answered your escalation`,
      summary: e.findings,
      caseId: e.caseId,
      link: `/app/cases/${e.caseId}`,
      subjectType: "escalation",
      subjectId: `${e.id}@${e.at.toISOString()}`,
    })),
  );
}

/** Engineering asks for a further diagnostic: the agent who escalated and the case's owner. */
export async function noticeTask(
  scope: TenantScope,
  t: { id: string; caseId: string; title: string; escalationCreatedBy: string | null },
  actor: { userId: string; name: string },
) {
  const recipients = unique([t.escalationCreatedBy, await caseOwner(scope, t.caseId)], actor.userId);
  await notifyStaff(
    scope,
    recipients.map((recipientUserId) => ({
      recipientUserId,
      kind: "escalation.task",
      title: `${actor.name} asked for: ${t.title}`,
      caseId: t.caseId,
      link: `/app/cases/${t.caseId}`,
      subjectType: "task",
      subjectId: t.id,
    })),
  );
}
