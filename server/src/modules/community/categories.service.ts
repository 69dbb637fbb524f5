import { sql } from "kysely";
import type {
  CommunityCategory,
  CommunityCategoryInput,
  CommunityCategoryPatch,
} from "../../../../contracts/community.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { slugify } from "../help/slugs.ts";
import { assertCanManage, categoryNotFound, type Reader } from "./community.policy.ts";

type Ctx = Pick<AppContext, "db">;

/** Categories a reader may see, in order, with the number of topics they may see in each. */
export async function listCategories(ctx: Ctx, reader: Reader): Promise<{ items: CommunityCategory[] }> {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const rows = await scope
    .selectFrom("community_categories")
    .select((eb) => [
      "id",
      "name",
      "slug",
      "description",
      "product_model",
      "visibility",
      "position",
      eb
        .selectFrom("community_topics as t")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("t.category_id", "=", "community_categories.id")
        .where("t.hidden", "=", false)
        .where("t.merged_into_id", "is", null)
        .as("topic_count"),
    ])
    .where("visibility", "in", reader.visibilities)
    .orderBy("position")
    .orderBy("name")
    .execute();
  return { items: rows.map(present) };
}

function present(r: {
  id: string;
  name: string;
  slug: string;
  description: string;
  product_model: string | null;
  visibility: CommunityCategory["visibility"];
  position: number;
  topic_count?: number | null;
}): CommunityCategory {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    productModel: r.product_model,
    visibility: r.visibility,
    position: r.position,
    topicCount: r.topic_count ?? 0,
  };
}

/** Paths of the public community pages (/community/t/…, /community/u/…); no category may take them. */
const RESERVED_SLUGS = new Set(["t", "u", "new", "mvps", "leaderboard", "search", "feed"]);

async function slugTaken(scope: TenantScope, slug: string, exceptId?: string) {
  if (RESERVED_SLUGS.has(slug)) return true;
  let q = scope.selectFrom("community_categories").select("id").where("slug", "=", slug);
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** A slug made from the name gets -2, -3… when taken; a slug the caller chose must be free. */
async function chooseSlug(scope: TenantScope, input: { name?: string; slug?: string }, exceptId?: string) {
  if (input.slug) {
    if (await slugTaken(scope, input.slug, exceptId))
      throw new AppError("conflict", "Another category already uses this slug", "slug");
    return input.slug;
  }
  const base = slugify(input.name ?? "", "category");
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(scope, candidate, exceptId))) return candidate;
  }
}

export async function createCategory(ctx: Ctx, actor: Actor, input: CommunityCategoryInput) {
  assertCanManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const slug = await chooseSlug(scope, input);
    const row = await scope
      .insertInto("community_categories", {
        name: input.name,
        slug,
        description: input.description ?? "",
        product_model: input.productModel ?? null,
        visibility: input.visibility ?? "public",
        position: input.position ?? 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.category_created",
      subjectType: "community_category",
      subjectId: row.id,
      data: { name: row.name, visibility: row.visibility },
    });
    return present(row);
  });
}

export async function updateCategory(ctx: Ctx, actor: Actor, id: string, patch: CommunityCategoryPatch) {
  assertCanManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const found = await scope
      .selectFrom("community_categories")
      .select("id")
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!found) throw categoryNotFound();
    const slug = patch.slug !== undefined ? await chooseSlug(scope, { slug: patch.slug }, id) : undefined;
    const row = await scope
      .updateTable("community_categories")
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(slug !== undefined ? { slug } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.productModel !== undefined ? { product_model: patch.productModel } : {}),
        ...(patch.visibility !== undefined ? { visibility: patch.visibility } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.category_updated",
      subjectType: "community_category",
      subjectId: id,
      data: { fields: Object.keys(patch) },
    });
    const count = await scope
      .selectFrom("community_topics")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("category_id", "=", id)
      .where("hidden", "=", false)
      .where("merged_into_id", "is", null)
      .executeTakeFirstOrThrow();
    return present({ ...row, topic_count: count.n });
  });
}

/** A category with topics cannot go (move or merge its topics first): 409. */
export async function deleteCategory(ctx: Ctx, actor: Actor, id: string) {
  assertCanManage(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const found = await scope
      .selectFrom("community_categories")
      .select("name")
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!found) throw categoryNotFound();
    const topic = await scope
      .selectFrom("community_topics")
      .select("id")
      .where("category_id", "=", id)
      .limit(1)
      .executeTakeFirst();
    if (topic) throw new AppError("conflict", "This category still has topics; move them first");
    await scope.deleteFrom("community_categories").where("id", "=", id).execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.category_deleted",
      subjectType: "community_category",
      subjectId: id,
      data: { name: found.name },
    });
  });
}
