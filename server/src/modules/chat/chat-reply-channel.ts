import type { TenantScope } from "../../platform/db/tenant.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { type ReplyChannel, registerReplyChannel } from "../cases/reply-channels.ts";
import { agentFace, chatAgentOf } from "./conversation.service.ts";
import { findConversationByCase, updateConversation } from "./conversations.repo.ts";
import { isVisitorOnline, lastSeenForConversation } from "./visitor-presence.ts";
import { publishToVisitor } from "./visitor-sockets.ts";
import { findVisitor } from "./visitors.repo.ts";

/**
 * How an agent's reply on a chat case travels. While the visitor is online (and the chat has
 * not gone offline) it is only pushed to the widget: emailing it too would spam someone who is
 * reading it live. Otherwise it goes by email to the address the visitor left for that, else to a
 * verified customer's usual address, else nowhere (an anonymous visitor who left no address
 * sees it when they come back).
 */
export const chatReplyChannel: ReplyChannel = {
  async emailTo(scope: TenantScope, c) {
    const conversation = await findConversationByCase(scope, c.id);
    if (!conversation) return undefined;
    const seen = await lastSeenForConversation(scope, conversation.visitor_id);
    if (conversation.status !== "offline" && isVisitorOnline(seen)) return null;
    if (conversation.offline_email) return conversation.offline_email;
    const visitor = await findVisitor(scope, conversation.visitor_id);
    if (visitor?.verified_user_id && visitor.email_verified) return undefined;
    return null;
  },

  async afterReply(_ctx, scope, reply) {
    const conversation = await findConversationByCase(scope, reply.caseId);
    if (!conversation) return;
    const face = await agentFace(scope, reply.authorUserId, reply.authorName);
    await publishToVisitor(scope, conversation.visitor_id, {
      type: "message",
      conversationId: conversation.id,
      message: {
        id: reply.messageId,
        author: "agent",
        authorName: face.name,
        authorPhotoUrl: face.photoUrl,
        body: reply.body,
        attachments: reply.attachments.map((a) => ({
          id: a.id,
          name: a.name,
          contentType: a.contentType,
          size: a.size,
        })),
        createdAt: reply.createdAt.toISOString(),
      },
    });
    if (conversation.status !== "waiting") return;
    // The first reply: the chat is answered (the missed-chat sweep looks at first_reply_at).
    await updateConversation(scope, conversation.id, { status: "active", first_reply_at: reply.createdAt });
    const seen = await lastSeenForConversation(scope, conversation.visitor_id);
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "staff" },
      event: {
        type: "chat.status",
        caseId: reply.caseId,
        status: "active",
        visitorOnline: isVisitorOnline(seen),
        change: "answered",
      },
    });
    await publishToVisitor(scope, conversation.visitor_id, {
      type: "status",
      conversationId: conversation.id,
      status: "active",
      agent: (await chatAgentOf(scope, reply.caseId)) ?? face,
    });
  },
};

export function registerChatReplyChannel(): void {
  registerReplyChannel("chat", chatReplyChannel);
}
