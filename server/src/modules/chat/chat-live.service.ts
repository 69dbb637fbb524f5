import type { CaseChat } from "../../../../contracts/widget.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { agentFace } from "./conversation.service.ts";
import {
  type ConversationRow,
  findConversationByCase,
  openConversationOf,
  updateConversation,
} from "./conversations.repo.ts";
import { isVisitorOnline, lastSeenForConversation, touchVisitor } from "./visitor-presence.ts";
import { publishToVisitor } from "./visitor-sockets.ts";
import { findVisitor, mergeVisitorAttributes, updateVisitor, type VisitorRow } from "./visitors.repo.ts";

/**
 * The live side of a chat that is not a message: typing, read receipts, the visitor's page,
 * both from the widget's socket (visitor → staff events) and from the agent app (staff →
 * visitor frames). Nothing here is part of the case record, so nothing goes on the timeline.
 */
type Ctx = Pick<AppContext, "db">;

/** The chat on a case, for staff who can see the case (404 when it is not a chat). */
async function chatOfCase(ctx: Ctx, actor: Actor, caseId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  const conversation = await findConversationByCase(scope, caseId);
  if (!conversation) throw new AppError("not_found", "This case has no chat");
  return { scope, conversation };
}

export async function getCaseChat(ctx: Ctx, actor: Actor, caseId: string): Promise<CaseChat> {
  const { scope, conversation: c } = await chatOfCase(ctx, actor, caseId);
  const visitor = (await findVisitor(scope, c.visitor_id)) as VisitorRow;
  const attributes = await scope
    .selectFrom("chat_visitors")
    .select("attributes")
    .where("id", "=", c.visitor_id)
    .executeTakeFirst();
  return {
    conversationId: c.id,
    status: c.status,
    visitorOnline: isVisitorOnline(await lastSeenForConversation(scope, c.visitor_id)),
    verified: Boolean(visitor.verified_user_id),
    visitorName: visitor.name,
    visitorEmail: visitor.email,
    visitorEmailVerified: visitor.email_verified,
    currentPage: visitor.current_url
      ? { url: visitor.current_url, title: visitor.current_title ?? "" }
      : null,
    attributes: (attributes?.attributes as Record<string, unknown> | undefined) ?? {},
    startedAt: c.started_at.toISOString(),
    firstReplyAt: c.first_reply_at?.toISOString() ?? null,
    visitorReadAt: c.visitor_read_at?.toISOString() ?? null,
    offlineEmail: c.offline_email,
  };
}

/** The agent is typing: the visitor's widget shows it with the agent's name. */
export async function agentTyping(ctx: Ctx, actor: Actor, caseId: string, typing: boolean) {
  const { scope, conversation } = await chatOfCase(ctx, actor, caseId);
  const face = await agentFace(scope, actor.userId, actor.name);
  await publishToVisitor(scope, conversation.visitor_id, { type: "typing", name: face.name, typing });
}

/** The agent has read the visitor's messages: a read receipt in the widget. */
export async function agentRead(ctx: Ctx, actor: Actor, caseId: string) {
  const { scope, conversation } = await chatOfCase(ctx, actor, caseId);
  const at = new Date();
  await ctx.db.transaction().execute(async (tx) => {
    const s = scope.with(tx);
    await updateConversation(s, conversation.id, { agent_read_at: at });
    await publishToVisitor(s, conversation.visitor_id, { type: "read", at: at.toISOString() });
  });
  return { agentReadAt: at.toISOString() };
}

// ---- from the widget's socket ---------------------------------------------------------------

async function visitorChat(
  ctx: Ctx,
  visitor: VisitorRow,
): Promise<{ scope: TenantScope; chat?: ConversationRow }> {
  const scope = new TenantScope(ctx.db, visitor.workspace_id);
  return { scope, chat: await openConversationOf(scope, visitor) };
}

export async function visitorTyping(ctx: Ctx, visitor: VisitorRow, typing: boolean) {
  const { scope, chat } = await visitorChat(ctx, visitor);
  if (!chat) return;
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "chat.typing", caseId: chat.case_id, typing },
  });
}

export async function visitorRead(ctx: Ctx, visitor: VisitorRow) {
  const { scope, chat } = await visitorChat(ctx, visitor);
  if (!chat) return;
  const at = new Date();
  await ctx.db.transaction().execute(async (tx) => {
    const s = scope.with(tx);
    await updateConversation(s, chat.id, { visitor_read_at: at });
    await publish(tx, {
      workspaceId: scope.workspaceId,
      audience: { kind: "staff" },
      event: { type: "chat.read", caseId: chat.case_id, at: at.toISOString() },
    });
  });
}

/** The visitor moved to another page of the host site: kept on the visitor, shown to the agent. */
export async function visitorPage(ctx: Ctx, visitor: VisitorRow, page: { url: string; title: string }) {
  const { scope, chat } = await visitorChat(ctx, visitor);
  await ctx.db.transaction().execute(async (tx) => {
    const s = scope.with(tx);
    await updateVisitor(s, visitor.id, { current_url: page.url, current_title: page.title });
    if (chat)
      await publish(tx, {
        workspaceId: scope.workspaceId,
        audience: { kind: "staff" },
        event: { type: "chat.page", caseId: chat.case_id, url: page.url, title: page.title },
      });
  });
}

/**
 * The host app told about its visitor (Rapport.setAttributes): merged into what is known, at most
 * 50 keys in all, and shown to the agent live. A null value removes the key.
 */
export async function visitorAttributes(ctx: Ctx, visitor: VisitorRow, attributes: Record<string, unknown>) {
  const { scope, chat } = await visitorChat(ctx, visitor);
  await ctx.db.transaction().execute(async (tx) => {
    const merged = await mergeVisitorAttributes(scope.with(tx), visitor.id, attributes);
    // Thrown inside the transaction, so an update past the limit is not kept.
    if (Object.keys(merged).length > 50)
      throw new AppError("validation_failed", "a visitor has at most 50 attributes", "attributes");
    if (chat)
      await publish(tx, {
        workspaceId: scope.workspaceId,
        audience: { kind: "staff" },
        event: { type: "chat.attributes", caseId: chat.case_id, attributes: merged },
      });
  });
}

export async function visitorSeen(ctx: Ctx, visitor: VisitorRow) {
  await touchVisitor(new TenantScope(ctx.db, visitor.workspace_id), visitor.id);
}
