import { fileTypeFromBuffer } from "file-type";
import { MAX_HELP_ATTACHMENT_BYTES } from "../../../../contracts/help.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { articleNotFound, assertCanManageHelp, canReadArticle, type HelpReader } from "./help.policy.ts";
import { findArticle, findAttachment } from "./help.repo.ts";

/**
 * Pictures and PDFs for articles. The type is sniffed from the bytes and must be the one the
 * caller declared: raster images and PDF only (an SVG or HTML file served from our origin
 * could carry script).
 */
export const HELP_FILE_TYPES: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
};
export const isInlineImage = (type: string) => type.startsWith("image/") && type in HELP_FILE_TYPES;

type Ctx = Pick<AppContext, "db" | "files">;

export const attachmentUrl = (id: string) => `/api/v1/help/attachments/${id}`;
const markdownText = (s: string) => s.replace(/[\\[\]()*_`<>!]/g, (c) => `\\${c}`);

export async function addAttachment(
  ctx: Ctx,
  actor: Actor,
  articleId: string,
  input: { name: string; contentType: string; dataBase64: string },
) {
  assertCanManageHelp(actor);
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findArticle(scope, articleId))) throw articleNotFound();
  const declared = input.contentType.toLowerCase().split(";")[0]?.trim() ?? "";
  if (!(declared in HELP_FILE_TYPES))
    throw new AppError(
      "validation_failed",
      "Attach a PNG, JPEG, GIF or WebP picture, or a PDF",
      "contentType",
    );
  const bytes = Buffer.from(input.dataBase64, "base64");
  if (bytes.length === 0) throw new AppError("validation_failed", "The file is empty", "dataBase64");
  if (bytes.length > MAX_HELP_ATTACHMENT_BYTES)
    throw new AppError("validation_failed", "Attachments are limited to 5 MB", "dataBase64");
  const sniffed = (await fileTypeFromBuffer(bytes).catch(() => undefined))?.mime;
  if (sniffed !== declared)
    throw new AppError(
      "validation_failed",
      `The file's bytes are not ${declared}${sniffed ? ` (they look like ${sniffed})` : ""}`,
      "dataBase64",
    );
  // Stored before the row: a failed insert leaves a file the orphan collector removes.
  const key = await ctx.files.save(actor.workspaceId, bytes);
  const row = await scope
    .insertInto("help_attachments", {
      article_id: articleId,
      name: input.name,
      content_type: sniffed,
      size: bytes.length,
      file_key: key,
      created_by_user_id: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const url = attachmentUrl(row.id);
  const label = markdownText(input.name);
  return {
    id: row.id,
    name: input.name,
    contentType: sniffed,
    size: bytes.length,
    url,
    markdown: isInlineImage(sniffed) ? `![${label}](${url})` : `[${label}](${url})`,
  };
}

/** A file as its article's reader may see it; anything else is 404. */
export async function readHelpAttachment(ctx: Ctx, reader: HelpReader, id: string) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const a = await findAttachment(scope, id);
  const article = a ? await findArticle(scope, a.articleId) : undefined;
  if (!a || !article || !canReadArticle(reader, article))
    throw new AppError("not_found", "Attachment was not found");
  return { name: a.name, contentType: a.contentType, bytes: await ctx.files.read(a.fileKey) };
}
