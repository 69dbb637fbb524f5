import { sql } from "kysely";
import type { IdeaSummary } from "../../../../contracts/feedback.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { ideaNotFound, type Reader } from "./feedback.policy.ts";
import type { BoardVisibility, IdeaStatus } from "./schema-feedback.ts";
import { statusLabelOf } from "./settings.service.ts";

/** SQL shared by the feedback commands and reads. Every query goes through the tenant scope. */

export const ideaUrl = (number: string | number, slug: string) => `/feedback/ideas/${number}-${slug}`;
export const boardUrl = (slug: string) => `/feedback/${slug}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ideaQuery(scope: TenantScope) {
  return scope
    .selectFrom("feedback_ideas")
    .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
    .selectAll("feedback_ideas")
    .select(["b.visibility as board_visibility", "b.slug as board_slug"])
    .where("feedback_ideas.deleted_at", "is", null);
}
export type IdeaRow = NonNullable<Awaited<ReturnType<ReturnType<typeof ideaQuery>["executeTakeFirst"]>>>;

/** An idea by id or number, whatever its board (callers check visibility). */
export async function findIdea(scope: TenantScope, idOrNumber: string, opts: { lock?: boolean } = {}) {
  let q = ideaQuery(scope);
  if (UUID.test(idOrNumber)) q = q.where("feedback_ideas.id", "=", idOrNumber);
  else if (/^\d{1,15}(-.*)?$/.test(idOrNumber))
    q = q.where("feedback_ideas.number", "=", idOrNumber.split("-")[0] as string);
  else return undefined;
  if (opts.lock) q = q.forUpdate("feedback_ideas");
  return q.executeTakeFirst();
}

/** An idea the reader may see, else 404 (whether it is missing or on a board they may not read). */
export async function readableIdea(
  scope: TenantScope,
  reader: Pick<Reader, "visibilities">,
  idOrNumber: string,
  opts: { lock?: boolean; field?: string } = {},
): Promise<IdeaRow> {
  const row = await findIdea(scope, idOrNumber, opts);
  if (!row || !reader.visibilities.includes(row.board_visibility as BoardVisibility))
    throw ideaNotFound(opts.field);
  return row;
}

/** Follows merged_into_id to the final original (merges collapse chains, this is a safety net). */
export async function finalOriginal(scope: TenantScope, row: IdeaRow, lock = false): Promise<IdeaRow> {
  let current = row;
  for (let hops = 0; current.merged_into_id && hops < 20; hops++) {
    const next = await findIdea(scope, current.merged_into_id, { lock });
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * The idea a vote, follow or case link on `idOrNumber` lands on: its final original, which the
 * reader must be able to read too (a public duplicate of a staff-only idea leads nowhere).
 */
export async function readableOriginal(
  scope: TenantScope,
  reader: Pick<Reader, "visibilities">,
  idOrNumber: string,
): Promise<IdeaRow> {
  const row = await finalOriginal(scope, await readableIdea(scope, reader, idOrNumber, { lock: true }), true);
  if (!reader.visibilities.includes(row.board_visibility as BoardVisibility)) throw ideaNotFound();
  return row;
}

/** Recounts an idea's votes, requesters, cases and comments from the rows they count. */
export async function recount(scope: TenantScope, ideaId: string): Promise<void> {
  await sql`
    update feedback_ideas i set
      vote_count = (select count(*) from feedback_votes v where v.idea_id = i.id),
      requester_count = (select count(*) from feedback_requesters r where r.idea_id = i.id),
      case_count = (select count(*) from feedback_idea_cases c where c.idea_id = i.id),
      comment_count = (select count(*) from feedback_comments c where c.idea_id = i.id and c.deleted_at is null),
      updated_at = now()
    where i.id = ${ideaId} and i.workspace_id = ${scope.workspaceId}`.execute(scope.db);
}

/** Summaries for a page of rows: one query for the caller's votes, one for merge targets. */
export async function summarize(
  scope: TenantScope,
  reader: Pick<Reader, "customerId" | "visibilities">,
  rows: IdeaRow[],
  labels: Partial<Record<IdeaStatus, string>>,
): Promise<IdeaSummary[]> {
  const ids = rows.map((r) => r.id);
  const mine = new Set<string>();
  if (reader.customerId && ids.length > 0) {
    const votes = await scope
      .selectFrom("feedback_votes")
      .select("idea_id")
      .where("customer_id", "=", reader.customerId)
      .where("idea_id", "in", ids)
      .execute();
    for (const v of votes) mine.add(v.idea_id);
  }
  const targetIds = [...new Set(rows.map((r) => r.merged_into_id).filter((x): x is string => !!x))];
  const targets = new Map<string, { id: string; number: string; title: string; url: string }>();
  if (targetIds.length > 0) {
    // An original on a board the reader may not see is not named (its title would leak).
    const found = await scope
      .selectFrom("feedback_ideas")
      .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
      .select(["feedback_ideas.id", "feedback_ideas.number", "feedback_ideas.title", "feedback_ideas.slug"])
      .where("feedback_ideas.id", "in", targetIds)
      .where("b.visibility", "in", reader.visibilities)
      .execute();
    for (const t of found)
      targets.set(t.id, {
        id: t.id,
        number: String(t.number),
        title: t.title,
        url: ideaUrl(t.number, t.slug),
      });
  }
  return rows.map((r) => ({
    id: r.id,
    number: String(r.number),
    url: ideaUrl(r.number, r.slug),
    boardId: r.board_id,
    title: r.title,
    tags: r.tags,
    status: r.status,
    statusLabel: statusLabelOf(labels, r.status),
    votes: r.vote_count,
    requesters: r.requester_count,
    caseCount: r.case_count,
    commentCount: r.comment_count,
    myVote: mine.has(r.id),
    mergedInto: r.merged_into_id ? (targets.get(r.merged_into_id) ?? null) : null,
    createdAt: iso(r.created_at as Date),
    statusChangedAt: iso(r.status_changed_at),
  }));
}
