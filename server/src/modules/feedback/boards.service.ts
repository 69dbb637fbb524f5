import type { FeedbackBoard, FeedbackBoardInput } from "../../../../contracts/feedback.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import * as section from "../sections/sections.ts";
import { assertCanManage, boardNotFound, type Reader } from "./feedback.policy.ts";
import { boardUrl } from "./feedback.repo.ts";

type Ctx = Pick<AppContext, "db">;
type BoardRow = {
  id: string;
  name: string;
  slug: string;
  description: string;
  visibility: FeedbackBoard["visibility"];
  position: number;
};

const BOARDS: section.SectionKind = {
  table: "feedback_boards",
  posts: { table: "feedback_ideas", column: "board_id" },
  // Paths of the public feedback pages (/feedback/ideas/…, /feedback/roadmap…).
  reserved: new Set(["ideas", "new", "roadmap", "changelog", "changelog.atom", "search", "feed"]),
  noun: "board",
  notFound: boardNotFound,
  notEmpty: "This board still has ideas; move them to another board first",
  audit: "feedback.board",
};

function present(r: BoardRow, n: number): FeedbackBoard {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    visibility: r.visibility,
    position: r.position,
    ideaCount: n,
    url: boardUrl(r.slug),
  };
}

/** Boards the reader may see, in order, with their live (not merged, not deleted) idea counts. */
export async function listBoards(ctx: Ctx, reader: Reader): Promise<{ items: FeedbackBoard[] }> {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const rows = await scope
    .selectFrom("feedback_boards")
    .select([
      "id",
      "name",
      "slug",
      "description",
      "visibility",
      "position",
      // Kept on the row by migration 0036's triggers.
      "idea_count",
    ])
    .where("visibility", "in", reader.visibilities)
    .orderBy("position")
    .orderBy("name")
    .execute();
  return { items: rows.map((r) => present(r, r.idea_count)) };
}

export async function createBoard(ctx: Ctx, actor: Actor, input: FeedbackBoardInput) {
  assertCanManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await scope
      .insertInto("feedback_boards", {
        name: input.name,
        slug: await section.chooseSlug(scope, BOARDS, input),
        description: input.description ?? "",
        visibility: input.visibility ?? "public",
        position: input.position ?? 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await section.audit(scope, BOARDS, actor, "created", row.id, {
      name: row.name,
      visibility: row.visibility,
    });
    return present(row, 0);
  });
}

export async function updateBoard(ctx: Ctx, actor: Actor, id: string, patch: Partial<FeedbackBoardInput>) {
  assertCanManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await section.lock(scope, BOARDS, id);
    const slug =
      patch.slug !== undefined
        ? await section.chooseSlug(scope, BOARDS, { slug: patch.slug }, id)
        : undefined;
    const { name, description, visibility, position } = patch;
    const row = await scope
      .updateTable("feedback_boards")
      .set({
        ...section.definedOnly({ name, slug, description, visibility, position }),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await section.audit(scope, BOARDS, actor, "updated", id, { fields: Object.keys(patch) });
    return present(row, row.idea_count);
  });
}

/** A board with ideas (even merged or deleted ones, which still point at it) cannot go: 409. */
export async function deleteBoard(ctx: Ctx, actor: Actor, id: string) {
  assertCanManage(actor);
  await inTransaction(ctx.db, (tx) =>
    section.remove(new TenantScope(tx, actor.workspaceId), BOARDS, actor, id),
  );
}
