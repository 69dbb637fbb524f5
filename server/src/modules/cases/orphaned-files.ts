import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";

type Ctx = Pick<AppContext, "db" | "files" | "log">;

const BATCH = 500;

/**
 * The scheduled `files.collect` job. Files are saved before the transaction that lists them
 * (email attachments before a chunk is applied, agents' uploads before their message), so a
 * rollback, a crash or a retried job leaves files no row refers to. Those are deleted once
 * older than the grace period: a file that young may still belong to a transaction in flight.
 *
 * Message attachments (`messages.attachments[].key`), help center files
 * (`help_attachments.file_key`), pictures (`memberships.avatar_key`, `workspaces.logo_key`,
 * `community_members.avatar_key`) and community pictures a post shows (`community_uploads`
 * with a `community_post_uploads` row) and GDPR export zips (`customer_exports.file_key`) are where file keys are kept; escalation exports and
 * diagnostics read those or keep no files. A new table holding file
 * keys must be added to `referenced` below, or its files will be collected.
 *
 * This runs across workspaces on purpose (keys begin with their workspace id), like the
 * lookups that find a workspace; it never reads tenant data beyond "is this key listed".
 */
export async function collectOrphanedFiles(
  ctx: Ctx,
  opts: { graceHours: number; now?: Date },
): Promise<{ checked: number; deleted: number }> {
  const olderThan = new Date((opts.now ?? new Date()).getTime() - opts.graceHours * 3_600_000);
  let checked = 0;
  let deleted = 0;
  let batch: string[] = [];
  const sweep = async () => {
    const keep = await referenced(ctx, batch);
    const gone: string[] = [];
    for (const key of batch) {
      if (keep.has(key)) continue;
      await ctx.files.delete(key);
      gone.push(key);
      deleted++;
    }
    // A community picture no post showed: its row goes with its file.
    if (gone.length > 0)
      await sql`delete from community_uploads where file_key = any(${gone}::text[])`.execute(ctx.db);
    checked += batch.length;
    batch = [];
  };
  for await (const key of ctx.files.list(olderThan)) {
    batch.push(key);
    if (batch.length >= BATCH) await sweep();
  }
  if (batch.length > 0) await sweep();
  if (deleted > 0) ctx.log.info({ checked, deleted }, "deleted stored files no message refers to");
  return { checked, deleted };
}

/** The keys of `keys` that a message lists (one GIN probe each, migration 0011), a help article, an avatar or a logo holds. */
async function referenced(ctx: Ctx, keys: string[]): Promise<Set<string>> {
  const { rows } = await sql<{ key: string }>`
    select k as key from unnest(${keys}::text[]) as k
     where exists (select 1 from messages m
                    where m.workspace_id = split_part(k, '/', 1)::uuid
                      and m.attachments <> '[]'::jsonb
                      and m.attachments @> jsonb_build_array(jsonb_build_object('key', k)))
        or exists (select 1 from help_attachments h where h.file_key = k)
        or exists (select 1 from community_members cm where cm.avatar_key = k)
        or exists (select 1 from community_uploads cu
                    where cu.file_key = k
                      and exists (select 1 from community_post_uploads pu where pu.upload_id = cu.id))
        or exists (select 1 from memberships ms where ms.avatar_key = k)
        or exists (select 1 from workspaces ws where ws.logo_key = k)
        or exists (select 1 from academy_lessons al where al.video_storage_key = k)
        or exists (select 1 from academy_courses ac where ac.cover_storage_key = k)
        or exists (select 1 from academy_images ai where ai.storage_key = k)
        or exists (select 1 from customer_exports ce where ce.file_key = k)`.execute(ctx.db);
  return new Set(rows.map((r) => r.key));
}
