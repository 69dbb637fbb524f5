import { randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { StoredAttachment } from "../../cases/messages.repo.ts";
import { sanitizeEmailHtml } from "../../email/sanitize.ts";
import { idKey, lookupIds, markReportsDirty, peopleOf } from "./id-map.ts";
import { commentsOf, type MappedComment } from "./map-comments.ts";
import type { Page } from "./resources.ts";
import type { ImportContext, ResourceWriter, Skip, WriteOutcome } from "./writer.ts";

/** Attachments downloaded at once: enough to hide a server's latency, few enough to be polite. */
const DOWNLOADS_AT_ONCE = 4;

interface Row extends MappedComment {
  id: string;
  caseId: string;
}

/**
 * `dry`: as for tickets, a ticket not in the map yet is no reason in a dry run (write-tickets.ts).
 * `held`: comments the page in flight before this one writes (it lists them too).
 */
async function plan(
  scope: TenantScope,
  source: string,
  page: Page<"ticket_events">,
  dry = false,
  held: ReadonlySet<string> = new Set(),
) {
  const { comments, skips } = commentsOf(page.records);
  const ids = await lookupIds(scope, source, [
    { kind: "ticket", ids: comments.map((c) => c.ticketId) },
    { kind: "comment", ids: comments.map((c) => c.externalId) },
  ]);
  const fresh: Row[] = [];
  let known = 0;
  for (const c of comments) {
    const caseId = ids.get(idKey("ticket", c.ticketId)) ?? (dry ? "" : undefined);
    if (caseId === undefined)
      skips.push({
        externalId: c.externalId,
        outcome: "skipped",
        reason: `ticket ${c.ticketId} was not imported`,
      });
    else if (ids.has(idKey("comment", c.externalId)) || held.has(c.externalId)) known++;
    else fresh.push({ ...c, id: randomUUID(), caseId });
  }
  return { fresh, known, skips };
}

/**
 * Ticket events: their comments become messages of the ticket's case. A public comment by an
 * end user is a customer message, by an agent a reply; a private one is a note. The text is
 * stored whole; the HTML is sanitised exactly like inbound email. Attachments are downloaded
 * and stored like email's (type sniffed from the bytes); one over the size cap is reported
 * and the comment kept without it. A comment already imported is not written again (its
 * import_ids row is claimed in the same statement as the message is inserted). Afterwards the
 * cases' last activity and waiting time are recomputed from their messages, once per page.
 */
export const ticketEventsWriter: ResourceWriter<"ticket_events"> = {
  resource: "ticket_events",
  async assess(scope, source, page): Promise<WriteOutcome> {
    const p = await plan(scope, source, page, true);
    return { created: p.fresh.length, updated: 0, skips: p.skips };
  },
  // A comment listed on two pages (an export repeats what changed while it was read) is the
  // one row two pages could both insert: its import_ids claim.
  overlapKeys: (page) => commentsOf(page.records).comments.map((c) => c.externalId),
  async write(ctx, page): Promise<WriteOutcome> {
    const p = await plan(ctx.scope, ctx.source, page, false, ctx.heldByPageBefore);
    if (p.fresh.length === 0) return { created: 0, updated: 0, skips: p.skips };
    const files = await storeAttachments(ctx, p.fresh, p.skips);
    const ws = ctx.scope.workspaceId;
    const people = await peopleOf(
      ctx.scope,
      ctx.source,
      p.fresh.map((c) => c.authorId),
    );
    const caseIds = [...new Set(p.fresh.map((c) => c.caseId))];
    const { rows: channels } = await sql<{ id: string; channel: string }>`
      select id, channel from cases where workspace_id = ${ws} and id = any(${caseIds}::uuid[])`.execute(
      ctx.scope.db,
    );
    const channelOf = new Map(channels.map((c) => [c.id, c.channel]));
    const rows = p.fresh.map((c) => {
      const author = people.get(c.authorId);
      return {
        id: c.id,
        externalId: c.externalId,
        caseId: c.caseId,
        // An author the import does not know (a user deleted before the export) is taken for
        // an end user, as Zendesk shows them.
        kind: !c.public ? "note" : author?.agent ? "reply" : "customer",
        authorName: author?.name ?? `Zendesk user ${c.authorId}`,
        channel: channelOf.get(c.caseId) ?? "api",
        body: c.body,
        html: c.html === null ? null : sanitizeEmailHtml(c.html),
        attachments: files.get(c.id) ?? [],
        createdAt: c.createdAt,
      };
    });
    const { rows: written } = await sql<{ n: string }>`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as i(id uuid, "externalId" text, "caseId" uuid, kind text, "authorName" text, channel text,
               body text, html text, attachments jsonb, "createdAt" timestamptz)),
      fresh as (
        insert into import_ids (workspace_id, source, kind, external_id, local_id)
        select ${ws}::uuid, ${ctx.source}, 'comment', "externalId", id from input
        on conflict do nothing
        returning local_id),
      made as (
        insert into messages (id, workspace_id, case_id, kind, author_name, body, body_html, channel, attachments, created_at)
        select i.id, ${ws}::uuid, i."caseId", i.kind, i."authorName", i.body, i.html, i.channel, i.attachments, i."createdAt"
          from input i join fresh f on f.local_id = i.id
        returning 1)
      select count(*)::text as n from made`.execute(ctx.scope.db);
    // The cases and report marks are shared with the neighbouring pages (a ticket's comments
    // span pages): they are written in page order, after the page before has committed.
    await ctx.inTurn();
    await refreshActivity(ctx.scope, rows);
    await markReportsDirty(ctx.scope, caseIds);
    return { created: Number(written[0]?.n ?? 0), updated: 0, skips: p.skips };
  },
};

/**
 * Last activity is the latest of the case's own time and its new messages'; a case waits (for
 * a reply) since its first customer message after the last reply, unless solved or closed: the
 * rules the conversation service applies to live messages, applied to the page's messages in
 * time order (the event export is ordered by time) so no earlier message is read again.
 */
async function refreshActivity(
  scope: TenantScope,
  rows: Array<{ caseId: string; kind: string; createdAt: string }>,
) {
  const cases = new Map<string, { id: string; last: string; replied: boolean; waiting: string | null }>();
  for (const r of [...rows].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))) {
    const c = cases.get(r.caseId) ?? { id: r.caseId, last: r.createdAt, replied: false, waiting: null };
    c.last = r.createdAt;
    if (r.kind === "reply") {
      c.replied = true;
      c.waiting = null;
    } else if (r.kind === "customer" && c.waiting === null) c.waiting = r.createdAt;
    cases.set(r.caseId, c);
  }
  // Only the cases whose values change are written. Most history is solved or closed, and a
  // ticket's comments are older than its update time, so most pages change nothing; and since
  // last_activity_at is in several of the cases' indexes, a written row is a new row in every
  // index, its four GIN ones too (no HOT update), which cost as much as inserting the case.
  await sql`
    with next as (
      select c.id, greatest(c.last_activity_at, u.last) as last,
             case when c.status in ('solved', 'closed') then null
                  when u.replied then u.waiting
                  else coalesce(c.waiting_since, u.waiting) end as waiting
        from cases c
        join jsonb_to_recordset(${JSON.stringify([...cases.values()])}::jsonb)
          as u(id uuid, last timestamptz, replied boolean, waiting timestamptz) on c.id = u.id
       where c.workspace_id = ${scope.workspaceId})
    update cases c
       set last_activity_at = n.last, waiting_since = n.waiting
      from next n
     where c.workspace_id = ${scope.workspaceId} and c.id = n.id
       and (c.last_activity_at, c.waiting_since) is distinct from (n.last, n.waiting)`.execute(scope.db);
}

/** Downloads and stores the page's attachments, a few at a time; what cannot be stored is reported. */
async function storeAttachments(ctx: ImportContext, comments: Row[], skips: Skip[]) {
  const stored = new Map<string, StoredAttachment[]>();
  const jobs = comments.flatMap((c) => c.attachments.map((a) => ({ c, a })));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (!job) break;
      const { c, a } = job;
      const externalId = `${c.externalId}/${String(a?.id ?? "?")}`;
      if (!a || typeof a.content_url !== "string") {
        skips.push({ externalId, outcome: "skipped", reason: "attachment without a content URL" });
        continue;
      }
      if (typeof a.size === "number" && a.size > ctx.maxAttachmentBytes) {
        skips.push({
          externalId,
          outcome: "skipped",
          reason: `attachment over ${ctx.maxAttachmentBytes} bytes`,
        });
        continue;
      }
      try {
        const { bytes, contentType } = await ctx.download(a.content_url, ctx.maxAttachmentBytes);
        if (bytes.length > ctx.maxAttachmentBytes) {
          skips.push({
            externalId,
            outcome: "skipped",
            reason: `attachment over ${ctx.maxAttachmentBytes} bytes`,
          });
          continue;
        }
        const sniffed = await fileTypeFromBuffer(bytes).catch(() => undefined);
        const key = await ctx.files.save(ctx.scope.workspaceId, bytes);
        const list = stored.get(c.id) ?? [];
        list.push({
          id: randomUUID(),
          name: typeof a.file_name === "string" && a.file_name ? a.file_name : "attachment",
          contentType: sniffed?.mime ?? contentType ?? a.content_type ?? "application/octet-stream",
          size: bytes.length,
          key,
        });
        stored.set(c.id, list);
      } catch (e) {
        const reason = `attachment not downloaded: ${e instanceof Error ? e.message : String(e)}`.slice(
          0,
          1000,
        );
        skips.push({ externalId, outcome: "failed", reason });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DOWNLOADS_AT_ONCE, jobs.length) }, worker));
  return stored;
}
