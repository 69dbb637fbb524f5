import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { queueMail } from "../../../platform/mail/outbox.ts";
import { chatMessages, openConversationOf } from "../conversations.repo.ts";
import type { VisitorRow } from "../visitors.repo.ts";
import { transcriptMail } from "./transcript-mail.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log">;

/**
 * The visitor's chat by email: to the address they give, else their verified email (an
 * unverified one could be anyone's). Their open chat, else their latest one. Queued in the
 * system outbox in one transaction, so it is sent (and retried) like any mail Rapport writes.
 */
export async function sendTranscript(ctx: Ctx, visitor: VisitorRow, email: string | undefined) {
  const to = email ?? (visitor.email_verified ? visitor.email : null);
  if (!to) throw new AppError("validation_failed", "Give the address to send the transcript to", "email");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, visitor.workspace_id);
    const chat =
      (await openConversationOf(scope, visitor)) ??
      (await scope
        .selectFrom("chat_conversations")
        .select(["id", "case_id", "started_at"])
        .where("visitor_id", "=", visitor.id)
        .orderBy("started_at", "desc")
        .limit(1)
        .executeTakeFirst());
    if (!chat) throw new AppError("not_found", "There is no chat to send");
    const ws = await tx
      .selectFrom("workspaces")
      .select("name")
      .where("id", "=", visitor.workspace_id)
      .executeTakeFirstOrThrow();
    const mail = transcriptMail({
      workspaceName: ws.name,
      startedAt: new Date(chat.started_at),
      messages: await chatMessages(scope, chat.case_id),
    });
    await queueMail(ctx, scope, {
      kind: "notification",
      to,
      subject: mail.subject,
      text: mail.text,
      headers: { html: mail.html },
    });
    return { sentTo: to };
  });
}
