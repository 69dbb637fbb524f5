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
  ideaCount: number;
  updatedAt: Date;
  /** The board's version (migration 0036): any write to the board or its ideas renews it. */
  rev: string;
};

/** The boards the visitor reads, with their live ideas' count kept on the row (0036): no counting. */
export function listBoards(scope: TenantScope, visibilities: BoardVisibility[]): Promise<BoardRow[]> {
  return scope
    .selectFrom("feedback_boards")
    .select([
      "feedback_boards.id",
      "feedback_boards.name",
      "feedback_boards.slug",
      "feedback_boards.description",
      "feedback_boards.visibility",
      "feedback_boards.updated_at as updatedAt",
      "feedback_boards.idea_count as ideaCount",
      "feedback_boards.rev",
    ])
    .where("feedback_boards.visibility", "in", visibilities)
    .orderBy("feedback_boards.position")
    .orderBy("feedback_boards.name")
    .limit(200)
    .execute();
}

/** The columns every idea list shows (ideas joined with their board as `b`). */
function ideaListQuery(scope: TenantScope) {
  return scope
    .selectFrom("feedback_ideas")
    .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
    .select([
      "feedback_ideas.id",
      "feedback_ideas.number",
      "feedback_ideas.slug",
      "feedback_ideas.title",
      "feedback_ideas.status",
      "feedback_ideas.status_explanation as statusExplanation",
      "feedback_ideas.vote_count as votes",
      "feedback_ideas.comment_count as commentCount",
      "feedback_ideas.created_at as createdAt",
      "feedback_ideas.done_at as doneAt",
      "feedback_ideas.status_changed_at as statusChangedAt",
      "b.name as boardName",
      "b.slug as boardSlug",
    ])
    .where("feedback_ideas.deleted_at", "is", null)
    .where("feedback_ideas.merged_into_id", "is", null);
}
export type IdeaListRow = Awaited<ReturnType<ReturnType<typeof ideaListQuery>["execute"]>>[number];

/**
 * One page of a board's ideas. The order matches the board's partial indexes exactly
 * (vote_count desc, id / created_at desc, id), so the page is an index walk, not a sort.
 * `total` is counted only for a status filter: the whole board's count is on its row (0036).
 */
export async function listBoardIdeas(
  scope: TenantScope,
  boardId: string,
  opts: { sort: "votes" | "recent"; status: IdeaStatus | null; page: number },
): Promise<{ rows: IdeaListRow[]; total: number | null }> {
  let q = ideaListQuery(scope).where("feedback_ideas.board_id", "=", boardId);
  if (opts.status) q = q.where("feedback_ideas.status", "=", opts.status);
  q =
    opts.sort === "votes"
      ? q.orderBy("feedback_ideas.vote_count", "desc").orderBy("feedback_ideas.id")
      : q.orderBy("feedback_ideas.created_at", "desc").orderBy("feedback_ideas.id");
  const count = opts.status
    ? scope
        .selectFrom("feedback_ideas")
        .select(sql<string>`count(*)`.as("n"))
        .where("feedback_ideas.board_id", "=", boardId)
        .where("feedback_ideas.deleted_at", "is", null)
        .where("feedback_ideas.merged_into_id", "is", null)
        .where("feedback_ideas.status", "=", opts.status)
        .executeTakeFirstOrThrow()
    : null;
  const [rows, total] = await Promise.all([
    q
      .limit(PAGE_SIZE)
      .offset((opts.page - 1) * PAGE_SIZE)
      .execute(),
    count,
  ]);
  return { rows, total: total ? Number(total.n) : null };
}

/** The most-voted ideas still to be decided or delivered, across the boards the visitor reads. */
export function topIdeas(scope: TenantScope, boardIds: string[]) {
  if (boardIds.length === 0) return Promise.resolve([]);
  return ideaListQuery(scope)
    .where("feedback_ideas.board_id", "in", boardIds)
    .where("feedback_ideas.status", "in", ["open", "under_review", "planned", "in_progress"])
    .orderBy("feedback_ideas.vote_count", "desc")
    .orderBy("feedback_ideas.id")
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
  const q = ideaListQuery(scope)
    .where("feedback_ideas.board_id", "in", boardIds)
    .where("feedback_ideas.status", "=", status);
  return (
    status === "done"
      ? q.orderBy(
          sql`coalesce(feedback_ideas.done_at, feedback_ideas.status_changed_at, feedback_ideas.created_at)`,
          "desc",
        )
      : q.orderBy("feedback_ideas.vote_count", "desc")
  )
    .orderBy("feedback_ideas.id")
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
      .where("feedback_ideas.board_id", "in", boardIds)
      .where("feedback_ideas.status", "=", "done")
      .orderBy(
        sql`coalesce(feedback_ideas.done_at, feedback_ideas.status_changed_at, feedback_ideas.created_at)`,
        "desc",
      )
      .orderBy("feedback_ideas.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    scope
      .selectFrom("feedback_ideas")
      .select(sql<string>`count(*)`.as("n"))
      .where("feedback_ideas.board_id", "in", boardIds)
      .where("feedback_ideas.status", "=", "done")
      .where("feedback_ideas.deleted_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** An idea by its public number, with its board and the author's public name parts. */
export function findIdeaByNumber(scope: TenantScope, number: string) {
  return scope
    .selectFrom("feedback_ideas")
    .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
    .leftJoin("customers as c", "c.id", "feedback_ideas.author_customer_id")
    .leftJoin("auth.user as u", "u.id", "feedback_ideas.author_user_id")
    .select([
      "feedback_ideas.id",
      "feedback_ideas.number",
      "feedback_ideas.slug",
      "feedback_ideas.title",
      "feedback_ideas.description",
      "feedback_ideas.tags",
      "feedback_ideas.status",
      "feedback_ideas.status_explanation as statusExplanation",
      "feedback_ideas.status_changed_at as statusChangedAt",
      "feedback_ideas.vote_count as votes",
      "feedback_ideas.merged_into_id as mergedIntoId",
      "feedback_ideas.created_at as createdAt",
      "feedback_ideas.updated_at as updatedAt",
      "feedback_ideas.board_id as boardId",
      "b.name as boardName",
      "b.slug as boardSlug",
      "b.description as boardDescription",
      "b.visibility as boardVisibility",
      "c.name as customerName",
      "u.name as staffName",
    ])
    .where("feedback_ideas.number", "=", number)
    .where("feedback_ideas.deleted_at", "is", null)
    .executeTakeFirst();
}

/** Ideas by id (a merge target, duplicates), only on boards the visitor reads. */
export function ideaRefs(
  scope: TenantScope,
  visibilities: BoardVisibility[],
  where: { ids: string[] } | { mergedInto: string },
) {
  let q = scope
    .selectFrom("feedback_ideas")
    .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
    .select(["feedback_ideas.id", "feedback_ideas.number", "feedback_ideas.slug", "feedback_ideas.title"])
    .where("b.visibility", "in", visibilities)
    .where("feedback_ideas.deleted_at", "is", null);
  if ("ids" in where) {
    if (where.ids.length === 0) return Promise.resolve([]);
    q = q.where("feedback_ideas.id", "in", where.ids);
  } else q = q.where("feedback_ideas.merged_into_id", "=", where.mergedInto);
  return q.orderBy("feedback_ideas.number").limit(100).execute();
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
    .selectFrom("feedback_comments")
    .leftJoin("customers as c", "c.id", "feedback_comments.author_customer_id")
    .leftJoin("auth.user as u", "u.id", "feedback_comments.author_user_id")
    .select([
      "feedback_comments.id",
      "feedback_comments.body",
      "feedback_comments.official",
      "feedback_comments.created_at as createdAt",
      "feedback_comments.edited_at as editedAt",
      "c.name as customerName",
      "u.name as staffName",
      "feedback_comments.author_user_id as authorUserId",
    ])
    .where("feedback_comments.idea_id", "=", ideaId)
    .where("feedback_comments.deleted_at", "is", null)
    .orderBy("feedback_comments.created_at", "desc")
    .orderBy("feedback_comments.id", "desc")
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

/** An anonymous visitor's own vote on an idea (by their hashed cookie: votes-anonymous.ts). */
export async function visitorVoted(scope: TenantScope, ideaId: string, visitorHash: string) {
  const row = await scope
    .selectFrom("feedback_votes")
    .select("id")
    .where("idea_id", "=", ideaId)
    .where("visitor_hash", "=", visitorHash)
    .executeTakeFirst();
  return !!row;
}

/** The Atom feed's entries: done ideas on public boards only, newest first, with their text. */
export function feedEntries(scope: TenantScope, limit: number) {
  return scope
    .selectFrom("feedback_ideas")
    .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
    .select([
      "feedback_ideas.id",
      "feedback_ideas.number",
      "feedback_ideas.slug",
      "feedback_ideas.title",
      "feedback_ideas.description",
      "feedback_ideas.status_explanation as statusExplanation",
      sql<Date>`coalesce(feedback_ideas.done_at, feedback_ideas.status_changed_at, feedback_ideas.created_at)`.as(
        "doneAt",
      ),
      "feedback_ideas.created_at as createdAt",
      "b.name as boardName",
    ])
    .where("b.visibility", "=", "public")
    .where("feedback_ideas.status", "=", "done")
    .where("feedback_ideas.deleted_at", "is", null)
    .orderBy(
      sql`coalesce(feedback_ideas.done_at, feedback_ideas.status_changed_at, feedback_ideas.created_at)`,
      "desc",
    )
    .orderBy("feedback_ideas.id")
    .limit(limit)
    .execute();
}

/** The sitemap's ideas: public boards, not merged or deleted, newest activity first. */
export function sitemapIdeas(scope: TenantScope, limit: number) {
  return scope
    .selectFrom("feedback_ideas")
    .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
    .select(["feedback_ideas.number", "feedback_ideas.slug", "feedback_ideas.updated_at as updatedAt"])
    .where("b.visibility", "=", "public")
    .where("feedback_ideas.deleted_at", "is", null)
    .where("feedback_ideas.merged_into_id", "is", null)
    .orderBy("feedback_ideas.updated_at", "desc")
    .limit(limit)
    .execute();
}
