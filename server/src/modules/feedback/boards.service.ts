import type { FeedbackBoard, FeedbackBoardInput } from "../../../../contracts/feedback.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { slugify } from "../help/slugs.ts";
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

/** Paths of the public feedback pages (/feedback/ideas/…, /feedback/roadmap…): no board may take them. */
const RESERVED_SLUGS = new Set(["ideas", "new", "roadmap", "changelog", "changelog.atom", "search", "feed"]);

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

async function slugTaken(scope: TenantScope, slug: string, exceptId?: string) {
  if (RESERVED_SLUGS.has(slug)) return true;
  let q = scope.selectFrom("feedback_boards").select("id").where("slug", "=", slug);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** A slug made from the name gets -2, -3… when taken; a slug the caller chose must be free. */
async function chooseSlug(scope: TenantScope, input: { name?: string; slug?: string }, exceptId?: string) {
  if (input.slug) {
    if (await slugTaken(scope, input.slug, exceptId))
      throw new AppError("conflict", "Another board already uses this slug", "slug");
    return input.slug;
  }
  const base = slugify(input.name ?? "", "board");
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(scope, candidate, exceptId))) return candidate;
  }
}

export async function createBoard(ctx: Ctx, actor: Actor, input: FeedbackBoardInput) {
  assertCanManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await scope
      .insertInto("feedback_boards", {
        name: input.name,
        slug: await chooseSlug(scope, input),
        description: input.description ?? "",
        visibility: input.visibility ?? "public",
        position: input.position ?? 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "feedback.board_created",
      subjectType: "feedback_board",
      subjectId: row.id,
      data: { name: row.name, visibility: row.visibility },
    });
    return present(row, 0);
  });
}

export async function updateBoard(ctx: Ctx, actor: Actor, id: string, patch: Partial<FeedbackBoardInput>) {
  assertCanManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const found = await scope
      .selectFrom("feedback_boards")
      .select("id")
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!found) throw boardNotFound();
    const slug = patch.slug !== undefined ? await chooseSlug(scope, { slug: patch.slug }, id) : undefined;
    const row = await scope
      .updateTable("feedback_boards")
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(slug !== undefined ? { slug } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.visibility !== undefined ? { visibility: patch.visibility } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "feedback.board_updated",
      subjectType: "feedback_board",
      subjectId: id,
      data: { fields: Object.keys(patch) },
    });
    return present(row, row.idea_count);
  });
}

/** A board with ideas (even merged or deleted ones, which still point at it) cannot go: 409. */
export async function deleteBoard(ctx: Ctx, actor: Actor, id: string) {
  assertCanManage(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const found = await scope
      .selectFrom("feedback_boards")
      .select("name")
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!found) throw boardNotFound();
    const idea = await scope
      .selectFrom("feedback_ideas")
      .select("id")
      .where("board_id", "=", id)
      .limit(1)
      .executeTakeFirst();
    if (idea) throw new AppError("conflict", "This board still has ideas; move them to another board first");
    await scope.deleteFrom("feedback_boards").where("id", "=", id).execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "feedback.board_deleted",
      subjectType: "feedback_board",
      subjectId: id,
      data: { name: found.name },
    });
  });
}
