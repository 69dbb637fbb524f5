import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { BoardVisibility, IdeaStatus } from "../schema-feedback.ts";

/**
 * Feedback rows written straight into the 0030 tables, for the public pages' tests (and the e2e
 * seed): the pages read the tables, and the core that writes them through the API is another
 * part's. Counts are set as the core keeps them (vote_count = the votes written here).
 */

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);

export async function insertBoard(
  scope: TenantScope,
  name: string,
  visibility: BoardVisibility,
  extra: { slug?: string; description?: string; position?: number } = {},
) {
  return scope
    .insertInto("feedback_boards", {
      name,
      slug: extra.slug ?? slugOf(name),
      description: extra.description ?? `About ${name}`,
      visibility,
      position: extra.position ?? 0,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
}

export async function insertCustomer(scope: TenantScope, name: string, userId: string | null = null) {
  const row = await scope
    .insertInto("customers", { name, user_id: userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export type IdeaSeed = {
  title: string;
  description?: string;
  status?: IdeaStatus;
  explanation?: string | null;
  authorCustomerId?: string | null;
  voters?: string[];
  createdAt?: Date;
  doneAt?: Date | null;
  mergedIntoId?: string | null;
  tags?: string[];
};

/** An idea with its votes (and requesters) and, when not open, the status change that led there. */
export async function insertIdea(scope: TenantScope, boardId: string, seed: IdeaSeed) {
  const status = seed.status ?? "open";
  const created = seed.createdAt ?? new Date();
  const changed = status === "open" ? null : new Date(created.getTime() + 60_000);
  const row = await scope
    .insertInto("feedback_ideas", {
      board_id: boardId,
      title: seed.title,
      slug: slugOf(seed.title),
      description: seed.description ?? "",
      tags: seed.tags ?? [],
      status,
      status_explanation: seed.explanation ?? null,
      status_changed_at: changed,
      author_customer_id: seed.authorCustomerId ?? null,
      merged_into_id: seed.mergedIntoId ?? null,
      vote_count: seed.voters?.length ?? 0,
      requester_count: seed.voters?.length ?? 0,
      done_at: status === "done" ? (seed.doneAt ?? changed) : null,
      created_at: created,
    })
    .returning(["id", "number", "slug"])
    .executeTakeFirstOrThrow();
  for (const customerId of seed.voters ?? []) {
    await scope.insertInto("feedback_votes", { idea_id: row.id, customer_id: customerId }).execute();
    await scope
      .insertInto("feedback_requesters", { idea_id: row.id, customer_id: customerId, by_vote: true })
      .execute();
  }
  if (status !== "open") {
    await scope
      .insertInto("feedback_status_changes", {
        idea_id: row.id,
        from_status: "open",
        to_status: status,
        explanation: seed.explanation ?? null,
        created_at: changed ?? created,
      })
      .execute();
  }
  return { id: row.id, number: String(row.number), slug: row.slug };
}

export async function insertComment(
  scope: TenantScope,
  ideaId: string,
  body: string,
  author: { customerId?: string; userId?: string },
  official = false,
) {
  await scope
    .insertInto("feedback_comments", {
      idea_id: ideaId,
      body,
      official,
      author_customer_id: author.customerId ?? null,
      author_user_id: author.userId ?? null,
    })
    .execute();
  await scope
    .updateTable("feedback_ideas")
    .set((eb) => ({ comment_count: eb("comment_count", "+", 1) }))
    .where("id", "=", ideaId)
    .execute();
}
