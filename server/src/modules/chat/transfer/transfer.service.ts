import type { z } from "zod";
import type { chatTransferInputSchema } from "../../../../../contracts/widget.ts";
import { roleCan } from "../../../platform/auth/permissions.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { publish } from "../../../platform/realtime/publish.ts";
import { assertCanWorkCases } from "../../cases/cases.policy.ts";
import { findCase, lockCase, presentCase } from "../../cases/cases.repo.ts";
import { applyCasePatch, assertNotMerged } from "../../cases/cases.service.ts";
import { addMessageInTx } from "../../cases/conversation.service.ts";
import { doerOf } from "../../customers/customers.service.ts";
import { notifyStaff } from "../../notifications/notify.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { chatAgentOf } from "../conversation.service.ts";
import { isVisitorOnline, lastSeenForConversation } from "../visitor-presence.ts";
import { publishToVisitor } from "../visitor-sockets.ts";
import { findStaffMember, findTeam, lockChatOfCase, teamAgentUserIds } from "./transfer.repo.ts";

type Ctx = Pick<AppContext, "db">;
export type TransferInput = z.infer<typeof chatTransferInputSchema>;

/**
 * Hands a chat to another agent (who then owns the case) or to a team (the case goes back to
 * the team's queue, unassigned), in one transaction: the case's assignment, the note as an
 * internal note, a timeline event, a notice to whoever receives it, a status frame telling the
 * visitor who they are now chatting with, and chat.status 'transferred' for the staff screens.
 */
export async function transferChat(ctx: Ctx, actor: Actor, caseId: string, input: TransferInput) {
  assertCanWorkCases(actor, "reply");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const current = await lockCase(scope, caseId);
    if (!current) throw new AppError("not_found", "Case was not found");
    const chat = await lockChatOfCase(scope, caseId);
    if (!chat) throw new AppError("not_found", "This case has no chat");
    assertNotMerged(current);
    if (current.status === "closed") throw new AppError("case_closed", "A closed case cannot be transferred");

    const target = await resolveTarget(scope, current.assigneeId, input);
    await applyCasePatch(
      scope,
      actor,
      current,
      target.to === "agent" ? { assigneeId: target.id } : { teamId: target.id, assigneeId: null },
    );
    const note = await addMessageInTx(scope, {
      caseId,
      customerId: current.customerId,
      kind: "note",
      authorUserId: actor.userId,
      authorName: actor.name,
      body: input.note,
      channel: "chat",
      attachments: [],
      doer: doerOf(actor),
    });
    await appendEvent(scope, {
      customerId: current.customerId,
      caseId,
      kind: "chat.transferred",
      data: { to: target.to, toId: target.id, toName: target.name, note: input.note.slice(0, 500) },
      doer: doerOf(actor),
    });
    const number = Number(current.number);
    await notifyStaff(
      scope,
      target.userIds
        .filter((userId) => userId !== actor.userId)
        .map((recipientUserId) => ({
          recipientUserId,
          kind: "chat.transferred",
          title:
            target.to === "agent"
              ? `${actor.name} transferred chat #${number} to you`
              : `${actor.name} transferred chat #${number} to ${target.name}`,
          summary: input.note,
          caseId,
          link: `/app/cases/${caseId}`,
          // One notice per transfer: the same person may receive the same chat twice.
          subjectType: "chat_transfer",
          subjectId: note.id,
        })),
    );
    // The visitor (on every device of a verified user) hears who they are chatting with now.
    const agent = target.to === "agent" ? await chatAgentOf(scope, caseId) : null;
    await publishToVisitor(scope, chat.visitorId, {
      type: "status",
      conversationId: chat.conversationId,
      status: chat.status,
      agent,
    });
    const visitorOnline = isVisitorOnline(await lastSeenForConversation(scope, chat.visitorId));
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "staff" },
      event: { type: "chat.status", caseId, status: chat.status, visitorOnline, change: "transferred" },
    });
    return presentCase((await findCase(scope, caseId)) as NonNullable<Awaited<ReturnType<typeof findCase>>>);
  });
}

type Target = { to: "agent" | "team"; id: string; name: string; userIds: string[] };

/** Who receives the chat; a refusal names the field, as the contract's own checks do. */
async function resolveTarget(
  scope: TenantScope,
  currentAssigneeId: string | null,
  input: TransferInput,
): Promise<Target> {
  if (input.assigneeId) {
    const m = await findStaffMember(scope, input.assigneeId);
    if (m?.status !== "active" || !roleCan(m.role, "cases.work"))
      throw new AppError("unprocessable", "assigneeId is not an agent who can take this chat", "assigneeId");
    if (input.assigneeId === currentAssigneeId)
      throw new AppError("unprocessable", "assigneeId already has this chat", "assigneeId");
    return { to: "agent", id: input.assigneeId, name: m.name, userIds: [m.userId] };
  }
  const team = input.teamId ? await findTeam(scope, input.teamId) : undefined;
  if (!team) throw new AppError("unprocessable", "teamId is not a team of this workspace", "teamId");
  return { to: "team", id: team.id, name: team.name, userIds: await teamAgentUserIds(scope, team.id) };
}
