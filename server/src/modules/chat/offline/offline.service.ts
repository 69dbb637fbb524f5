import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { publish } from "../../../platform/realtime/publish.ts";
import { presentConversation } from "../conversation.service.ts";
import { openConversationOf, updateConversation } from "../conversations.repo.ts";
import { publishToVisitor } from "../visitor-sockets.ts";
import type { VisitorRow } from "../visitors.repo.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Continue by email: no one is available (or the visitor must leave), so the visitor gives an
 * address. The chat becomes 'offline' with `offline_email`; from then on the chat's reply
 * channel sends agents' replies there, in the same case, threaded like any email reply, and
 * the customer's answer by email threads back into that case (email/threading.ts).
 * One transaction: the change, the inbox's notice and the visitor's own status frame.
 */
export async function continueByEmail(ctx: Ctx, visitor: VisitorRow, email: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, visitor.workspace_id);
    const chat = await openConversationOf(scope, visitor, { lock: true });
    if (!chat) throw new AppError("not_found", "There is no open chat to continue by email");
    await updateConversation(scope, chat.id, { status: "offline", offline_email: email });
    const after = { ...chat, status: "offline" as const, offline_email: email };
    await publish(tx, {
      workspaceId: visitor.workspace_id,
      audience: { kind: "staff" },
      event: {
        type: "chat.status",
        caseId: chat.case_id,
        status: "offline",
        visitorOnline: true,
        change: "offline",
      },
    });
    const conversation = await presentConversation(scope, after);
    await publishToVisitor(scope, chat.visitor_id, {
      type: "status",
      conversationId: chat.id,
      status: "offline",
      agent: conversation.agent,
    });
    return conversation;
  });
}
