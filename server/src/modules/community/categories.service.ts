import { sql } from "kysely";
import type {
  CommunityCategory,
  CommunityCategoryInput,
  CommunityCategoryPatch,
} from "../../../../contracts/community.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import * as section from "../sections/sections.ts";
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

const CATEGORIES: section.SectionKind = {
  table: "community_categories",
  posts: { table: "community_topics", column: "category_id" },
  // Paths of the public community pages (/community/t/…, /community/u/…).
  reserved: new Set(["t", "u", "new", "mvps", "leaderboard", "search", "feed"]),
  noun: "category",
  notFound: categoryNotFound,
  notEmpty: "This category still has topics; move them first",
  audit: "community.category",
};

export async function createCategory(ctx: Ctx, actor: Actor, input: CommunityCategoryInput) {
  assertCanManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const slug = await section.chooseSlug(scope, CATEGORIES, input);
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
    await section.audit(scope, CATEGORIES, actor, "created", row.id, {
      name: row.name,
      visibility: row.visibility,
    });
    return present(row);
  });
}

export async function updateCategory(ctx: Ctx, actor: Actor, id: string, patch: CommunityCategoryPatch) {
  assertCanManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await section.lock(scope, CATEGORIES, id);
    const slug =
      patch.slug !== undefined
        ? await section.chooseSlug(scope, CATEGORIES, { slug: patch.slug }, id)
        : undefined;
    const { name, description, productModel, visibility, position } = patch;
    const row = await scope
      .updateTable("community_categories")
      .set({
        ...section.definedOnly({
          name,
          slug,
          description,
          product_model: productModel,
          visibility,
          position,
        }),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await section.audit(scope, CATEGORIES, actor, "updated", id, { fields: Object.keys(patch) });
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
  await inTransaction(ctx.db, (tx) =>
    section.remove(new TenantScope(tx, actor.workspaceId), CATEGORIES, actor, id),
  );
}
