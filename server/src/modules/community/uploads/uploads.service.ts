import { fileTypeFromBuffer } from "file-type";
import { sql } from "kysely";
import { MAX_COMMUNITY_PICTURE_BYTES } from "../../../../../contracts/community-uploads.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { assertCanParticipate, type Reader } from "../community.policy.ts";
import { privilegesOf } from "../hooks.ts";
import { ensureMemberForActor } from "../members.ts";

/**
 * Pictures for posts. A member who has earned pictures (reputation's `canImage`: trust 1 and
 * up, staff) uploads one and gets a URL to write as `![alt](url)`. The type is sniffed from the
 * bytes, raster formats only (an SVG or HTML file served from our origin could carry script),
 * at most 5 MB like the help center's pictures. Who may see it follows the posts that show it
 * (`community_post_uploads`, kept by a trigger, migration 0031): its uploader always, anyone
 * else only where one of the uploader's posts showing it is readable. An upload no post shows
 * is left to the orphaned-files collector (cases/orphaned-files.ts), after its grace period.
 */
export const PICTURE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
export const MAX_PICTURE_BYTES = MAX_COMMUNITY_PICTURE_BYTES;
export const uploadUrl = (id: string) => `/api/v1/community/uploads/${id}`;

type Ctx = Pick<AppContext, "db" | "files">;

const markdownText = (s: string) => s.replace(/[\\[\]()*_`<>!]/g, (c) => `\\${c}`);
/** "Screenshot 2026-11-26.png" → "Screenshot 2026-11-26": the alt text to start from. */
const altFrom = (filename: string | null) =>
  (filename ?? "")
    .replace(/\.[a-z0-9]{1,5}$/i, "")
    .replace(/\p{Cc}/gu, "")
    .trim()
    .slice(0, 100) || "picture";

/** The form's "file" part, read into memory (the route's limits bound it). */
export type FormPart = { name: string; filename: string | null; contentType: string | null; data: Buffer };

export async function uploadPicture(ctx: Ctx, actor: Actor, file: FormPart | undefined) {
  assertCanParticipate(actor);
  if (!file || file.filename === null)
    throw new AppError("validation_failed", 'Send the picture as the form field "file"', "file");
  if (file.data.length === 0) throw new AppError("validation_failed", "The picture is empty", "file");
  if (file.data.length > MAX_PICTURE_BYTES)
    throw new AppError("validation_failed", "Pictures are limited to 5 MB", "file");
  // The bytes decide, whatever the name or the declared type say (a renamed page stays a page).
  const sniffed = (await fileTypeFromBuffer(file.data).catch(() => undefined))?.mime;
  if (!sniffed || !PICTURE_TYPES.includes(sniffed))
    throw new AppError(
      "validation_failed",
      `Upload a PNG, JPEG, GIF or WebP picture${sniffed ? ` (this file is ${sniffed})` : " (this file is not a picture)"}`,
      "file",
    );
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const member = await ensureMemberForActor(scope, actor);
    const can = await privilegesOf(member);
    if (!can.canPost) throw new AppError("forbidden", "You may not post in the community at the moment");
    if (!can.canImage)
      throw new AppError(
        "forbidden",
        "New members cannot post pictures yet: they come with your first contributions",
        "file",
      );
    // Saved before the row: a rolled-back insert leaves a file the orphan collector removes.
    const key = await ctx.files.save(actor.workspaceId, file.data);
    const { rows } = await sql<{ id: string }>`
      insert into community_uploads (workspace_id, member_id, file_key, content_type, size)
      values (${actor.workspaceId}, ${member.id}, ${key}, ${sniffed}, ${file.data.length})
      returning id`.execute(tx);
    const id = (rows[0] as { id: string }).id;
    const url = uploadUrl(id);
    return {
      id,
      url,
      contentType: sniffed,
      size: file.data.length,
      markdown: `![${markdownText(altFrom(file.filename))}](${url})`,
    };
  });
}

/**
 * The picture as this reader may see it; anything else (unknown, another workspace, only in
 * posts the reader cannot read) is the same 404. Hidden and deleted posts and hidden topics
 * publish nothing, except to moderators; the uploader always sees their own pictures (the
 * composer's preview, a held post).
 */
export async function readPicture(ctx: Ctx, reader: Reader, id: string) {
  const { rows } = await sql<{ file_key: string; content_type: string }>`
    select u.file_key, u.content_type from community_uploads u
     where u.workspace_id = ${reader.workspaceId} and u.id = ${id}::uuid
       and (u.member_id = ${reader.member?.id ?? null}::uuid
            or exists (
              select 1 from community_post_uploads pu
                join community_posts p on p.id = pu.post_id
                join community_topics t on t.id = p.topic_id
                join community_categories c on c.id = t.category_id
               where pu.upload_id = u.id and p.deleted_at is null
                 and c.visibility = any(${reader.visibilities}::text[])
                 and (${reader.moderator} or (not p.hidden and not t.hidden))))`.execute(ctx.db);
  const row = rows[0];
  if (!row) throw new AppError("not_found", "Picture was not found");
  const bytes = await ctx.files.read(row.file_key).catch(() => undefined);
  if (!bytes) throw new AppError("not_found", "Picture was not found");
  return { contentType: row.content_type, bytes };
}
