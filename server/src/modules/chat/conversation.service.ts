import type { Permission } from "../../../../contracts/accounts.ts";
import type { WidgetConversation, WidgetMessage } from "../../../../contracts/widget.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { lockCase } from "../cases/cases.repo.ts";
import { applyCasePatch, createCase } from "../cases/cases.service.ts";
import { writeMessage } from "../cases/conversation.service.ts";
import type { StoredAttachment } from "../cases/messages.repo.ts";
import { endRequestSession } from "../help/search/request-sessions.ts";
import { caseAgentId, findProfile } from "../profiles/profiles.repo.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { chatStarted } from "./chat-hooks.ts";
import {
  type ChatMessageRow,
  type ConversationRow,
  chatMessages,
  insertConversation,
  openConversationOf,
} from "./conversations.repo.ts";
import { customerForVisitor } from "./customer-match.ts";
import { updateVisitor, type VisitorRow } from "./visitors.repo.ts";
import { findWidget } from "./widget.repo.ts";

type Ctx = Pick<AppContext, "db" | "files"> & Partial<Pick<AppContext, "boss" | "config">>;

/**
 * The visitor acting through case creation: cases are opened by staff or by a signed-in
 * customer, and a visitor is neither. Like an inbound email's sender, the visitor is the
 * doer with no user id; the permissions are only those creating the case needs.
 */
function visitorActor(workspaceId: string, name: string): Actor {
  return {
    userId: null as unknown as string,
    email: "",
    name,
    membershipId: "",
    role: "agent",
    locale: null,
    workspaceId,
    workspaceName: "",
    workspaceLocale: "en",
    workspaceRegion: "US",
    via: "token",
    permissions: ["cases.read", "cases.work"] satisfies Permission[],
  };
}

export const visitorName = (v: Pick<VisitorRow, "name" | "id">) => v.name ?? `Visitor ${v.id.slice(0, 6)}`;

/** Where the visitor's browser may fetch an agent's photo (no account needed; see widget routes). */
export const agentPhotoUrl = (workspaceId: string, membershipId: string) =>
  `/api/v1/widget/agents/${membershipId}/photo?workspace=${workspaceId}`;

export async function chatAgentOf(scope: TenantScope, caseId: string) {
  const agentId = await caseAgentId(scope, caseId);
  const profile = agentId ? await findProfile(scope, agentId) : undefined;
  if (!profile) return null;
  return {
    name: profile.displayName ?? profile.name,
    photoUrl: profile.avatarKey ? agentPhotoUrl(scope.workspaceId, profile.membershipId) : null,
  };
}

/** An agent as the visitor sees them: their profile's display name and photo, by login user id. */
export async function agentFace(
  scope: TenantScope,
  userId: string | null,
  fallbackName: string,
): Promise<{ name: string; photoUrl: string | null }> {
  if (!userId) return { name: fallbackName, photoUrl: null };
  const row = await scope.db
    .selectFrom("memberships as m")
    .leftJoin("agent_profiles as p", (j) =>
      j.onRef("p.membership_id", "=", "m.id").onRef("p.workspace_id", "=", "m.workspace_id"),
    )
    .select(["m.id", "m.avatar_key", "p.display_name"])
    .where("m.user_id", "=", userId)
    .where("m.workspace_id", "=", scope.workspaceId)
    .executeTakeFirst();
  return {
    name: row?.display_name ?? fallbackName,
    photoUrl: row?.avatar_key ? agentPhotoUrl(scope.workspaceId, row.id) : null,
  };
}

export async function presentMessage(
  scope: TenantScope,
  m: ChatMessageRow,
  faces: Map<string, { name: string; photoUrl: string | null }> = new Map(),
): Promise<WidgetMessage> {
  let face = { name: m.author_name, photoUrl: null as string | null };
  if (m.kind === "reply" && m.author_user_id) {
    const known = faces.get(m.author_user_id) ?? (await agentFace(scope, m.author_user_id, m.author_name));
    faces.set(m.author_user_id, known);
    face = known;
  }
  return {
    id: m.id,
    author: m.kind === "customer" ? "visitor" : "agent",
    authorName: face.name,
    authorPhotoUrl: face.photoUrl,
    body: m.body,
    attachments: (m.attachments ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      contentType: a.contentType,
      size: a.size,
    })),
    createdAt: m.created_at.toISOString(),
  };
}

export async function presentConversation(
  scope: TenantScope,
  c: ConversationRow,
): Promise<WidgetConversation> {
  const faces = new Map<string, { name: string; photoUrl: string | null }>();
  const rows = await chatMessages(scope, c.case_id);
  const messages: WidgetMessage[] = [];
  for (const m of rows) messages.push(await presentMessage(scope, m, faces));
  return {
    id: c.id,
    status: c.status,
    agent: await chatAgentOf(scope, c.case_id),
    messages,
    agentReadAt: c.agent_read_at?.toISOString() ?? null,
    offlineEmail: c.offline_email,
  };
}

export async function conversationForVisitor(ctx: Pick<AppContext, "db">, visitor: VisitorRow) {
  const scope = new TenantScope(ctx.db, visitor.workspace_id);
  const c = await openConversationOf(scope, visitor);
  return c ? presentConversation(scope, c) : null;
}

export type StartChatInput = {
  text: string;
  name?: string | undefined;
  email?: string | undefined;
  topic?: string | undefined;
  page?: { url: string; title: string } | undefined;
  helpSessionId?: string | undefined;
};

/**
 * Starts a chat in one transaction: the customer (customer-match.ts), a case of channel
 * "chat" through createCase (so routing, SLA and staff protection apply as to any case),
 * the widget's team when routing chose no one, the conversation row, and the chat-started
 * listeners. A visitor who already has an open chat just adds the message to it.
 */
export async function startChat(ctx: Ctx, visitor: VisitorRow, input: StartChatInput) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, visitor.workspace_id);
    const open = await openConversationOf(scope, visitor, { lock: true });
    if (open) {
      await addVisitorMessage(ctx, scope, visitor, open, input.text);
      return { created: false, conversation: await presentConversation(scope, open) };
    }
    // The typed name and email fill in only what a verified identity did not already give.
    const fresh = {
      ...visitor,
      name: visitor.name ?? input.name ?? null,
      email: visitor.email_verified ? visitor.email : (input.email ?? visitor.email),
      email_verified: visitor.email_verified,
    };
    const customerId = await customerForVisitor(scope, fresh, input.name);
    const name = visitorName(fresh);
    const actor = visitorActor(visitor.workspace_id, name);
    const subject = input.topic ?? (input.text.length > 80 ? `${input.text.slice(0, 77)}…` : input.text);
    const created = await createCase({ db: tx, files: ctx.files, ...pick(ctx) }, actor, {
      customerId,
      subject,
      message: input.text,
      channel: "chat",
    });
    let teamId = created.team?.id ?? null;
    const assigneeId = created.assignee?.id ?? null;
    const widget = await findWidget(scope);
    if (!teamId && !assigneeId && widget?.team_id) {
      const locked = await lockCase(scope, created.id);
      if (locked) await applyCasePatch(scope, actor, locked, { teamId: widget.team_id });
      teamId = widget.team_id;
    }
    if (input.helpSessionId)
      await endRequestSession(scope, { sessionId: input.helpSessionId, customerId, outcome: "case" });
    const conversation = await insertConversation(scope, {
      visitorId: visitor.id,
      caseId: created.id,
      topic: input.topic ?? null,
    });
    await updateVisitor(scope, visitor.id, {
      customer_id: customerId,
      name: fresh.name,
      email: fresh.email,
      ...(input.page ? { current_url: input.page.url, current_title: input.page.title } : {}),
      last_seen_at: new Date(),
    });
    await chatStarted({
      scope,
      conversationId: conversation.id,
      caseId: created.id,
      visitorId: visitor.id,
      customerId,
      teamId,
      assigneeId,
    });
    await publish(tx, {
      workspaceId: visitor.workspace_id,
      audience: { kind: "staff" },
      event: {
        type: "chat.status",
        caseId: created.id,
        status: "waiting",
        visitorOnline: true,
        change: "started",
      },
    });
    await emitWebhookEvent(scope, ctx.boss, "chat.started", {
      conversationId: conversation.id,
      caseId: created.id,
      caseNumber: created.number,
      customerId,
      visitorId: visitor.id,
      verified: Boolean(visitor.verified_user_id),
      topic: input.topic ?? null,
      pageUrl: input.page?.url ?? visitor.current_url,
      teamId,
      assigneeId,
    });
    return {
      created: true,
      conversation: await presentConversation(scope, conversation),
      caseId: created.id,
    };
  });
}

const pick = (ctx: Ctx) => ({
  ...(ctx.boss ? { boss: ctx.boss } : {}),
  ...(ctx.config ? { config: ctx.config } : {}),
});

/** The visitor's next message in their open chat; 404 when they have none. */
export async function sendVisitorMessage(
  ctx: Ctx,
  visitor: VisitorRow,
  text: string,
  attachments: StoredAttachment[] = [],
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, visitor.workspace_id);
    const open = await openConversationOf(scope, visitor, { lock: true });
    if (!open) throw new AppError("not_found", "There is no open chat; start one first");
    return addVisitorMessage(ctx, scope, visitor, open, text, attachments);
  });
}

async function addVisitorMessage(
  ctx: Ctx,
  scope: TenantScope,
  visitor: VisitorRow,
  open: ConversationRow,
  text: string,
  attachments: StoredAttachment[] = [],
): Promise<WidgetMessage> {
  const c = await lockCase(scope, open.case_id);
  if (!c || c.status === "closed") throw new AppError("case_closed", "This chat has ended; start a new one");
  const name = visitorName(visitor);
  const doer = { userId: null, name };
  const written = await writeMessage(ctx, scope, { userId: null, name, doer }, c, "customer", {
    body: text,
    attachments,
    channel: "chat",
  });
  await updateVisitor(scope, visitor.id, { last_seen_at: new Date() });
  return {
    id: written.id,
    author: "visitor",
    authorName: name,
    authorPhotoUrl: null,
    body: text,
    attachments: written.attachments,
    createdAt: written.createdAt,
  };
}

/**
 * An agent's photo for the widget: an <img> cannot send the visitor token, and customers see
 * agents' faces anyway (issue #18), so it is public, by membership and workspace id.
 */
export async function widgetAgentPhoto(db: AppContext["db"], workspaceId: string, membershipId: string) {
  const row = await new TenantScope(db, workspaceId)
    .selectFrom("memberships")
    .select(["avatar_key", "avatar_type"])
    .where("id", "=", membershipId)
    .where("role", "!=", "customer")
    .executeTakeFirst();
  if (!row?.avatar_key || !row.avatar_type) throw new AppError("not_found", "Picture was not found");
  return { key: row.avatar_key, type: row.avatar_type };
}
