import { randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findAttachment, type StoredAttachment } from "../cases/messages.repo.ts";
import { sendVisitorMessage } from "./conversation.service.ts";
import type { VisitorRow } from "./visitors.repo.ts";

/** The same limit as an agent's or a portal customer's attachments (cases/conversation.service.ts). */
export const MAX_WIDGET_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/**
 * A file the visitor sends into their chat. As with inbound email, the type is sniffed from the
 * bytes rather than trusted from the browser (an "image.png" that is really HTML stays a
 * download), and the file is stored before the message that carries it is written.
 */
export async function sendVisitorAttachment(
  ctx: Pick<AppContext, "db" | "files"> & Partial<Pick<AppContext, "boss" | "config">>,
  visitor: VisitorRow,
  upload: { name: string; contentType: string; dataBase64: string; text?: string | undefined },
) {
  const bytes = Buffer.from(upload.dataBase64, "base64");
  if (bytes.length === 0)
    throw new AppError("validation_failed", "dataBase64: the file is empty", "dataBase64");
  if (bytes.length > MAX_WIDGET_ATTACHMENT_BYTES)
    throw new AppError("validation_failed", "attachments are limited to 5 MB each", "dataBase64");
  const sniffed = await fileTypeFromBuffer(bytes).catch(() => undefined);
  const key = await ctx.files.save(visitor.workspace_id, bytes);
  const stored: StoredAttachment = {
    id: randomUUID(),
    name: upload.name,
    contentType:
      sniffed?.mime ?? (upload.contentType === "text/plain" ? "text/plain" : "application/octet-stream"),
    size: bytes.length,
    key,
  };
  return sendVisitorMessage(ctx, visitor, upload.text ?? upload.name, [stored]);
}

/**
 * A file from the visitor's own chat (theirs or an agent's reply), never an internal note's and
 * never another conversation's: anything else is 404, as if it did not exist.
 */
export async function readVisitorAttachment(
  ctx: Pick<AppContext, "db" | "files">,
  visitor: VisitorRow,
  id: string,
) {
  const scope = new TenantScope(ctx.db, visitor.workspace_id);
  const found = await findAttachment(scope, id);
  if (!found || found.kind === "note") throw new AppError("not_found", "Attachment was not found");
  const mine = await scope
    .selectFrom("chat_conversations")
    .innerJoin("chat_visitors as v", "v.id", "chat_conversations.visitor_id")
    .select("chat_conversations.id")
    .where("chat_conversations.case_id", "=", found.caseId)
    .where((eb) =>
      visitor.verified_user_id
        ? eb.or([
            eb("chat_conversations.visitor_id", "=", visitor.id),
            eb("v.verified_user_id", "=", visitor.verified_user_id),
          ])
        : eb("chat_conversations.visitor_id", "=", visitor.id),
    )
    .executeTakeFirst();
  if (!mine) throw new AppError("not_found", "Attachment was not found");
  return { ...found.attachment, bytes: await ctx.files.read(found.attachment.key) };
}
