import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { BoardVisibility, IdeaStatus } from "../schema-feedback.ts";

/**
 * The public pages' reads (read-only, tenant-scoped, each bounded by a LIMIT or a key). They read
 * the feedback tables directly rather than through the core's services, so a board page is two
 * statements on the board's partial indexes (0030) however many votes there are: the counts are
 * kept on feedback_ideas. Deleted and merged ideas are filtered here, in SQL, so no caller
 * forgets it; board visibility is always a parameter, never an afterthought.
 */

export const PAGE_SIZE = 30;
/** Ideas a roadmap column and the home's top list show at most. */
export const COLUMN_LIMIT = 50;
export const TOP_LIMIT = 10;

export type BoardRow = {
  id: string;
  name: string;
  slug: string;
  description: string;
  visibility: BoardVisibility;
  ideaCount: string;
  updatedAt: Date;
};

export function listBoards(scope: TenantScope, visibilities: BoardVisibility[]): Promise<BoardRow[]> {
  return scope
    .selectFrom("feedback_boards as b")
    .select([
      "b.id",
      "b.name",
      "b.slug",
      "b.description",
      "b.visibility",
      "b.updated_at as updatedAt",
      sql<string>`(select count(*) from feedback_ideas i where i.board_id = b.id
        and i.deleted_at is null and i.merged_into_id is null)`.as("ideaCount"),
    ])
    .where("b.visibility", "in", visibilities)
    .orderBy("b.position")
    .orderBy("b.name")
    .limit(200)
    .execute();
}

/** The columns every idea list shows (ideas joined with their board as `b`). */
function ideaListQuery(scope: TenantScope) {
  return scope
    .selectFrom("feedback_ideas as i")
    .innerJoin("feedback_boards as b", "b.id", "i.board_id")
    .select([
      "i.id",
      "i.number",
      "i.slug",
      "i.title",
      "i.status",
      "i.status_explanation as statusExplanation",
      "i.vote_count as votes",
      "i.comment_count as commentCount",
      "i.created_at as createdAt",
      "i.done_at as doneAt",
      "i.status_changed_at as statusChangedAt",
      "b.name as boardName",
      "b.slug as boardSlug",
    ])
    .where("i.deleted_at", "is", null)
    .where("i.merged_into_id", "is", null);
}
export type IdeaListRow = Awaited<ReturnType<ReturnType<typeof ideaListQuery>["execute"]>>[number];

/**
 * One page of a board's ideas. The order matches the board's partial indexes exactly
 * (vote_count desc, id / created_at desc, id), so the page is an index walk, not a sort.
 */
export async function listBoardIdeas(
  scope: TenantScope,
  boardId: string,
  opts: { sort: "votes" | "recent"; status: IdeaStatus | null; page: number },
): Promise<{ rows: IdeaListRow[]; total: number }> {
  let q = ideaListQuery(scope).where("i.board_id", "=", boardId);
  if (opts.status) q = q.where("i.status", "=", opts.status);
  q =
    opts.sort === "votes"
      ? q.orderBy("i.vote_count", "desc").orderBy("i.id")
      : q.orderBy("i.created_at", "desc").orderBy("i.id");
  let count = scope
    .selectFrom("feedback_ideas as i")
    .select(sql<string>`count(*)`.as("n"))
    .where("i.board_id", "=", boardId)
    .where("i.deleted_at", "is", null)
    .where("i.merged_into_id", "is", null);
  if (opts.status) count = count.where("i.status", "=", opts.status);
  const [rows, total] = await Promise.all([
    q
      .limit(PAGE_SIZE)
      .offset((opts.page - 1) * PAGE_SIZE)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The most-voted ideas still to be decided or delivered, across the boards the visitor reads. */
export function topIdeas(scope: TenantScope, boardIds: string[]) {
  if (boardIds.length === 0) return Promise.resolve([]);
  return ideaListQuery(scope)
    .where("i.board_id", "in", boardIds)
    .where("i.status", "in", ["open", "under_review", "planned", "in_progress"])
    .orderBy("i.vote_count", "desc")
    .orderBy("i.id")
    .limit(TOP_LIMIT)
    .execute();
}

/** A roadmap column: planned and in progress by votes, done by when it was done. */
export function roadmapColumn(
  scope: TenantScope,
  boardIds: string[],
  status: "planned" | "in_progress" | "done",
) {
  if (boardIds.length === 0) return Promise.resolve([]);
  const q = ideaListQuery(scope).where("i.board_id", "in", boardIds).where("i.status", "=", status);
  return (
    status === "done"
      ? q.orderBy(sql`coalesce(i.done_at, i.status_changed_at, i.created_at)`, "desc")
      : q.orderBy("i.vote_count", "desc")
  )
    .orderBy("i.id")
    .limit(COLUMN_LIMIT)
    .execute();
}

/** Done ideas, newest first (the changelog page and its Atom feed). */
export async function changelog(
  scope: TenantScope,
  boardIds: string[],
  page: number,
  pageSize = PAGE_SIZE,
): Promise<{ rows: IdeaListRow[]; total: number }> {
  if (boardIds.length === 0) return { rows: [], total: 0 };
  const [rows, total] = await Promise.all([
    ideaListQuery(scope)
      .where("i.board_id", "in", boardIds)
      .where("i.status", "=", "done")
      .orderBy(sql`coalesce(i.done_at, i.status_changed_at, i.created_at)`, "desc")
      .orderBy("i.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    scope
      .selectFrom("feedback_ideas as i")
      .select(sql<string>`count(*)`.as("n"))
      .where("i.board_id", "in", boardIds)
      .where("i.status", "=", "done")
      .where("i.deleted_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** An idea by its public number, with its board and the author's public name parts. */
export function findIdeaByNumber(scope: TenantScope, number: string) {
  return scope
    .selectFrom("feedback_ideas as i")
    .innerJoin("feedback_boards as b", "b.id", "i.board_id")
    .leftJoin("customers as c", "c.id", "i.author_customer_id")
    .leftJoin("auth.user as u", "u.id", "i.author_user_id")
    .select([
      "i.id",
      "i.number",
      "i.slug",
      "i.title",
      "i.description",
      "i.tags",
      "i.status",
      "i.status_explanation as statusExplanation",
      "i.status_changed_at as statusChangedAt",
      "i.vote_count as votes",
      "i.merged_into_id as mergedIntoId",
      "i.created_at as createdAt",
      "i.updated_at as updatedAt",
      "i.board_id as boardId",
      "b.name as boardName",
      "b.slug as boardSlug",
      "b.description as boardDescription",
      "b.visibility as boardVisibility",
      "c.name as customerName",
      "u.name as staffName",
    ])
    .where("i.number", "=", number)
    .where("i.deleted_at", "is", null)
    .executeTakeFirst();
}

/** Ideas by id (a merge target, duplicates), only on boards the visitor reads. */
export function ideaRefs(
  scope: TenantScope,
  visibilities: BoardVisibility[],
  where: { ids: string[] } | { mergedInto: string },
) {
  let q = scope
    .selectFrom("feedback_ideas as i")
    .innerJoin("feedback_boards as b", "b.id", "i.board_id")
    .select(["i.id", "i.number", "i.slug", "i.title"])
    .where("b.visibility", "in", visibilities)
    .where("i.deleted_at", "is", null);
  if ("ids" in where) {
    if (where.ids.length === 0) return Promise.resolve([]);
    q = q.where("i.id", "in", where.ids);
  } else q = q.where("i.merged_into_id", "=", where.mergedInto);
  return q.orderBy("i.number").limit(100).execute();
}

export function statusHistory(scope: TenantScope, ideaId: string) {
  return scope
    .selectFrom("feedback_status_changes")
    .select(["from_status as from", "to_status as to", "explanation", "created_at as at"])
    .where("idea_id", "=", ideaId)
    .orderBy("id")
    .limit(200)
    .execute();
}

/** Comments oldest first; the newest 500 when there are more. */
export async function ideaComments(scope: TenantScope, ideaId: string) {
  const rows = await scope
    .selectFrom("feedback_comments as fc")
    .leftJoin("customers as c", "c.id", "fc.author_customer_id")
    .leftJoin("auth.user as u", "u.id", "fc.author_user_id")
    .select([
      "fc.id",
      "fc.body",
      "fc.official",
      "fc.created_at as createdAt",
      "fc.edited_at as editedAt",
      "c.name as customerName",
      "u.name as staffName",
      "fc.author_user_id as authorUserId",
    ])
    .where("fc.idea_id", "=", ideaId)
    .where("fc.deleted_at", "is", null)
    .orderBy("fc.created_at", "desc")
    .orderBy("fc.id", "desc")
    .limit(500)
    .execute();
  return rows.reverse();
}

/** The signed-in customer's own vote and (active) subscription on an idea. */
export async function viewerState(scope: TenantScope, ideaId: string, customerId: string) {
  const [vote, sub] = await Promise.all([
    scope
      .selectFrom("feedback_votes")
      .select("id")
      .where("idea_id", "=", ideaId)
      .where("customer_id", "=", customerId)
      .executeTakeFirst(),
    scope
      .selectFrom("feedback_subscriptions")
      .select("id")
      .where("idea_id", "=", ideaId)
      .where("customer_id", "=", customerId)
      .where("unsubscribed_at", "is", null)
      .executeTakeFirst(),
  ]);
  return { myVote: !!vote, subscribed: !!sub };
}

export async function statusLabelOverrides(scope: TenantScope) {
  const row = await scope.selectFrom("feedback_settings").select("status_labels").executeTakeFirst();
  return row?.status_labels ?? {};
}

/** The Atom feed's entries: done ideas on public boards only, newest first, with their text. */
export function feedEntries(scope: TenantScope, limit: number) {
  return scope
    .selectFrom("feedback_ideas as i")
    .innerJoin("feedback_boards as b", "b.id", "i.board_id")
    .select([
      "i.id",
      "i.number",
      "i.slug",
      "i.title",
      "i.description",
      "i.status_explanation as statusExplanation",
      sql<Date>`coalesce(i.done_at, i.status_changed_at, i.created_at)`.as("doneAt"),
      "i.created_at as createdAt",
      "b.name as boardName",
    ])
    .where("b.visibility", "=", "public")
    .where("i.status", "=", "done")
    .where("i.deleted_at", "is", null)
    .orderBy(sql`coalesce(i.done_at, i.status_changed_at, i.created_at)`, "desc")
    .orderBy("i.id")
    .limit(limit)
    .execute();
}

/** The sitemap's ideas: public boards, not merged or deleted, newest activity first. */
export function sitemapIdeas(scope: TenantScope, limit: number) {
  return scope
    .selectFrom("feedback_ideas as i")
    .innerJoin("feedback_boards as b", "b.id", "i.board_id")
    .select(["i.number", "i.slug", "i.updated_at as updatedAt"])
    .where("b.visibility", "=", "public")
    .where("i.deleted_at", "is", null)
    .where("i.merged_into_id", "is", null)
    .orderBy("i.updated_at", "desc")
    .limit(limit)
    .execute();
}
