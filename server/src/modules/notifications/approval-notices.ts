import type { TenantScope } from "../../platform/db/tenant.ts";
import { approvalDeciders, notifyStaff } from "./notify.ts";

/**
 * What the actions module tells people about approvals, called inside its own transactions
 * (runs.service.ts when a run waits, approvals.service.ts when it is decided).
 */
export async function noticeApprovalRequested(
  scope: TenantScope,
  a: {
    approvalId: string;
    caseId: string;
    caseNumber: number;
    caseTeamId: string | null;
    actionName: string;
    amount: number;
    limit: number;
    requester: { userId: string; name: string };
  },
) {
  const deciders = await approvalDeciders(scope, a.caseTeamId);
  await notifyStaff(
    scope,
    // Someone who may decide their own request still sees it in the approvals queue.
    deciders
      .filter((userId) => userId !== a.requester.userId)
      .map((userId) => ({
        recipientUserId: userId,
        kind: "approval.requested",
        title: `${a.requester.name} asks to approve “${a.actionName}” on case #${a.caseNumber}`,
        summary: `Amount ${a.amount}, over the limit of ${a.limit}.`,
        caseId: a.caseId,
        link: "/app/approvals",
        subjectType: "action_approval",
        subjectId: a.approvalId,
      })),
  );
}

export async function noticeApprovalDecided(
  scope: TenantScope,
  a: {
    approvalId: string;
    caseId: string;
    actionName: string;
    approved: boolean;
    reason: string | null;
    requesterUserId: string;
    decider: { userId: string; name: string };
  },
) {
  if (a.requesterUserId === a.decider.userId) return;
  const number = await scope
    .selectFrom("cases")
    .select("number")
    .where("id", "=", a.caseId)
    .executeTakeFirst();
  const onCase = number ? ` on case #${number.number}` : "";
  await notifyStaff(scope, [
    {
      recipientUserId: a.requesterUserId,
      kind: "approval.decided",
      title: a.approved
        ? `${a.decider.name} approved “${a.actionName}”${onCase}`
        : `${a.decider.name} refused “${a.actionName}”${onCase}`,
      summary: a.approved ? "It has been run." : `Reason: ${a.reason ?? ""}`,
      caseId: a.caseId,
      subjectType: "action_approval",
      subjectId: a.approvalId,
    },
  ]);
}
