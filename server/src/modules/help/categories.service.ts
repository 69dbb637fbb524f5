import { sql } from "kysely";
import type { CategoryInput, CategoryPatch } from "../../../../contracts/help.ts";
import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import type { HelpCtx } from "./article-save.ts";
import { assertCanManageHelp, categoryNotFound } from "./help.policy.ts";
import { findCategory, listCategories } from "./help.repo.ts";
import { slugify } from "./slugs.ts";

export async function listCategoriesFor(ctx: HelpCtx, workspaceId: string) {
  return { items: await listCategories(new TenantScope(ctx.db, workspaceId)) };
}

type Sections = NonNullable<CategoryInput["sections"]>;

/** Section slugs are unique within their category: a repeat is named by its index. */
function sectionSlugs(sections: Sections): string[] {
  const seen = new Set<string>();
  return sections.map((s, i) => {
    const slug = s.slug ?? slugify(s.name, "section");
    if (seen.has(slug))
      throw new AppError("conflict", `Two sections would use the slug "${slug}"`, `sections.${i}.slug`);
    seen.add(slug);
    return slug;
  });
}

async function assertCategorySlugFree(scope: TenantScope, slug: string, exceptId?: string) {
  const other = await scope
    .selectFrom("help_categories")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (other && other.id !== exceptId)
    throw new AppError("conflict", `Another category already uses the slug "${slug}"`, "slug");
}

/** Replaces the category's sections with `sections`: listed ids are kept, others removed. */
async function writeSections(scope: TenantScope, categoryId: string, sections: Sections) {
  const slugs = sectionSlugs(sections);
  const existing = new Set(
    (
      await scope.selectFrom("help_sections").select("id").where("category_id", "=", categoryId).execute()
    ).map((r) => r.id),
  );
  sections.forEach((s, i) => {
    if (s.id && !existing.has(s.id))
      throw new AppError("not_found", "No such section in this category", `sections.${i}.id`);
  });
  const keep = sections.flatMap((s) => (s.id ? [s.id] : []));
  const gone = [...existing].filter((id) => !keep.includes(id));
  if (gone.length > 0) await scope.deleteFrom("help_sections").where("id", "in", gone).execute();
  // Slugs move between kept sections: clear them first so the unique index never trips halfway.
  if (keep.length > 0)
    await scope
      .updateTable("help_sections")
      .set({ slug: sql<string>`id::text || '~'` })
      .where("id", "in", keep)
      .execute();
  for (const [i, s] of sections.entries()) {
    const values = { name: s.name, slug: slugs[i] as string, position: s.position ?? i };
    if (s.id) await scope.updateTable("help_sections").set(values).where("id", "=", s.id).execute();
    else await scope.insertInto("help_sections", { ...values, category_id: categoryId }).execute();
  }
}

export async function createCategory(ctx: HelpCtx, actor: Actor, input: CategoryInput) {
  assertCanManageHelp(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const slug = input.slug ?? slugify(input.name, "category");
    await assertCategorySlugFree(scope, slug);
    if (input.sections?.some((s) => s.id))
      throw new AppError(
        "validation_failed",
        "A new category has no sections yet",
        `sections.${input.sections.findIndex((s) => s.id)}.id`,
      );
    const row = await scope
      .insertInto("help_categories", {
        name: input.name,
        slug,
        description: input.description ?? "",
        position: input.position ?? 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.sections) await writeSections(scope, row.id, input.sections);
    return (await findCategory(scope, row.id)) ?? Promise.reject(categoryNotFound());
  });
}

export async function updateCategory(ctx: HelpCtx, actor: Actor, id: string, patch: CategoryPatch) {
  assertCanManageHelp(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const locked = await scope
      .selectFrom("help_categories")
      .select("id")
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) throw categoryNotFound();
    if (patch.slug) await assertCategorySlugFree(scope, patch.slug, id);
    await scope
      .updateTable("help_categories")
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    if (patch.sections) await writeSections(scope, id, patch.sections);
    return (await findCategory(scope, id)) ?? Promise.reject(categoryNotFound());
  });
}

/** A category that still holds articles is kept (409): move or delete them first. */
export async function deleteCategory(ctx: HelpCtx, actor: Actor, id: string) {
  assertCanManageHelp(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const c = await scope
      .selectFrom("help_categories")
      .select(["id", "name"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw categoryNotFound();
    const used = await scope
      .selectFrom("help_articles")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("category_id", "=", id)
      .executeTakeFirstOrThrow();
    if (Number(used.n) > 0)
      throw new AppError(
        "conflict",
        `The category still holds ${used.n} article(s); move or delete them first`,
      );
    await scope.deleteFrom("help_categories").where("id", "=", id).execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "help_category.deleted",
      subjectType: "help_category",
      subjectId: id,
      data: { name: c.name },
    });
  });
}
