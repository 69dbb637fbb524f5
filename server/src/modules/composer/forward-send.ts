import type { AppContext } from "../../platform/context.ts";
import { explainRelayError, relayFor } from "../../platform/mail/relay.ts";
import type { StoredAttachment } from "../cases/messages.repo.ts";
import { markdownToEmailHtml } from "../email/markdown.ts";
import { readAttachments } from "../email/outbound.ts";

/**
 * The `email.send` job for a forward: the note, then the message as it was (its sanitised
 * HTML when it came by email, else its markdown rendered) and its attachments. It goes
 * from the support address without a reply token, so an answer opens no thread on the case.
 */
export async function sendForwardEmail(
  ctx: Pick<AppContext, "db" | "config" | "files" | "secret">,
  forwardId: string,
) {
  const f = await ctx.db
    .selectFrom("message_forwards as f")
    .innerJoin("messages as m", "m.id", "f.message_id")
    .innerJoin("cases as c", "c.id", "m.case_id")
    .innerJoin("workspaces as w", "w.id", "f.workspace_id")
    .select([
      "f.to_address as to",
      "f.note",
      "f.author_name as forwardedBy",
      "f.status",
      "m.author_name as author",
      "m.from_address as fromAddress",
      "m.created_at as createdAt",
      "m.body",
      "m.body_html as html",
      "m.attachments",
      "c.number",
      "c.subject",
      "w.name as workspaceName",
      "w.id as workspaceId",
    ])
    .where("f.id", "=", forwardId)
    .executeTakeFirst();
  if (!f || f.status === "sent") return;
  // The workspace's own relay when it has one, else SMTP_URL; without either it waits.
  const relay = await relayFor(ctx, f.workspaceId);
  if (!relay) return;
  const support = await ctx.db
    .selectFrom("support_addresses")
    .select("address")
    .where("workspace_id", "=", f.workspaceId)
    .orderBy("created_at")
    .executeTakeFirst();
  const from = f.fromAddress ? `${f.author} <${f.fromAddress}>` : f.author;
  const header = `---------- Forwarded message ----------\nFrom: ${from}\nDate: ${f.createdAt.toUTCString()}\nSubject: ${f.subject}`;
  const note = f.note ? `${f.note}\n\n` : "";
  try {
    await relay.transport.sendMail({
      from: {
        name: `${f.forwardedBy} at ${f.workspaceName}`,
        address:
          relay.from?.address ?? support?.address ?? ctx.config.supportAddresses[0] ?? "support@localhost",
      },
      to: f.to,
      subject: `Fwd: ${f.subject} [#${f.number}]`,
      text: `${note}${header}\n\n${f.body}`,
      html: markdownToEmailHtml(`${note}${header}`) + (f.html ?? markdownToEmailHtml(f.body)),
      attachments: await readAttachments(ctx, f.attachments as StoredAttachment[]),
      headers: { "Auto-Submitted": "no" },
    });
  } catch (err) {
    await ctx.db
      .updateTable("message_forwards")
      .set({ status: "failed", error: explainRelayError(err).slice(0, 500) })
      .where("id", "=", forwardId)
      .execute()
      .catch(() => {});
    throw err;
  }
  await ctx.db
    .updateTable("message_forwards")
    .set({ status: "sent", error: null, sent_at: new Date() })
    .where("id", "=", forwardId)
    .execute();
}
