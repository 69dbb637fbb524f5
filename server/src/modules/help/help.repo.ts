import { sql } from "kysely";
import type { ArticleState, ArticleVisibility } from "../../../../contracts/help.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { escapeLike } from "../problems/problems.repo.ts";
import { type HelpReader, readableBy } from "./help.policy.ts";
import { renderArticle } from "./render.ts";

// ---- categories and sections ----

export async function listCategories(scope: TenantScope) {
  const [cats, sections] = await Promise.all([
    scope
      .selectFrom("help_categories")
      .select(["id", "name", "slug", "description", "position"])
      .orderBy("position")
      .orderBy("name")
      .execute(),
    scope
      .selectFrom("help_sections")
      .select(["id", "category_id", "name", "slug", "position"])
      .orderBy("position")
      .orderBy("name")
      .execute(),
  ]);
  return cats.map((c) => ({
    ...c,
    position: Number(c.position),
    sections: sections
      .filter((s) => s.category_id === c.id)
      .map((s) => ({ id: s.id, name: s.name, slug: s.slug, position: Number(s.position) })),
  }));
}

export async function findCategory(scope: TenantScope, id: string) {
  return (await listCategories(scope)).find((c) => c.id === id);
}

export function findSection(scope: TenantScope, id: string) {
  return scope
    .selectFrom("help_sections")
    .select(["id", "category_id as categoryId"])
    .where("id", "=", id)
    .executeTakeFirst();
}

// ---- articles ----

const articleColumns = [
  "id",
  "translation_group as translationGroupId",
  "locale",
  "slug",
  "title",
  "body",
  "category_id as categoryId",
  "section_id as sectionId",
  "tags",
  "product_models as productModels",
  "visibility",
  "state",
  "problem_id as problemId",
  "playbook_slug as playbookSlug",
  "version",
  "published_at as publishedAt",
  "created_at as createdAt",
  "updated_at as updatedAt",
] as const;

function articleQuery(scope: TenantScope) {
  return scope.selectFrom("help_articles").select(articleColumns);
}
export type ArticleRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof articleQuery>["executeTakeFirst"]>>
>;

export function findArticle(scope: TenantScope, id: string) {
  return articleQuery(scope).where("id", "=", id).executeTakeFirst();
}

/** Locks the article row so concurrent saves queue up (versions stay numbered 1, 2, 3…). */
export function lockArticle(scope: TenantScope, id: string) {
  return articleQuery(scope).where("id", "=", id).forUpdate().executeTakeFirst();
}

export function findArticleBySlug(scope: TenantScope, locale: string, slug: string) {
  return articleQuery(scope).where("locale", "=", locale).where("slug", "=", slug).executeTakeFirst();
}

export function findRedirect(scope: TenantScope, locale: string, slug: string) {
  return scope
    .selectFrom("help_article_redirects")
    .select("article_id as articleId")
    .where("locale", "=", locale)
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export function findArticleForProblem(scope: TenantScope, problemId: string, locale: string) {
  return articleQuery(scope)
    .where("problem_id", "=", problemId)
    .where("locale", "=", locale)
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
}

/** A reader's filter in SQL, built from the same rules as canReadArticle. */
function readable(q: ReturnType<typeof articleQuery>, reader: HelpReader) {
  const { states, visibilities } = readableBy(reader);
  let out = q;
  if (states) out = out.where("state", "in", [...states]);
  if (visibilities) out = out.where("visibility", "in", [...visibilities]);
  return out;
}

export function listArticles(
  scope: TenantScope,
  reader: HelpReader,
  filter: {
    state?: string | undefined;
    locale?: string | undefined;
    categoryId?: string | undefined;
    q?: string | undefined;
  },
  limit = 200,
) {
  let q = readable(articleQuery(scope), reader);
  if (filter.state) q = q.where("state", "=", filter.state);
  if (filter.locale) q = q.where("locale", "=", filter.locale);
  if (filter.categoryId) q = q.where("category_id", "=", filter.categoryId);
  if (filter.q) q = q.where(sql`lower(title)`, "like", `%${escapeLike(filter.q.toLowerCase())}%`);
  return q.orderBy("updated_at", "desc").orderBy("id", "desc").limit(limit).execute();
}

export function listTranslations(scope: TenantScope, reader: HelpReader, group: string, exceptId: string) {
  return readable(articleQuery(scope), reader)
    .where("translation_group", "=", group)
    .where("id", "<>", exceptId)
    .orderBy("locale")
    .execute();
}

/** The first free slug of `base`, `base-2`, `base-3`… among the locale's current slugs. */
export async function freeSlug(scope: TenantScope, locale: string, base: string, exceptId?: string) {
  const taken = new Set(
    (
      await scope
        .selectFrom("help_articles")
        .select("slug")
        .where("locale", "=", locale)
        .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${escapeLike(base)}-%`)]))
        .$if(exceptId !== undefined, (q) => q.where("id", "<>", exceptId as string))
        .execute()
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function presentArticleSummary(r: ArticleRow) {
  return {
    id: r.id,
    slug: r.slug,
    locale: r.locale,
    title: r.title,
    state: r.state as ArticleState,
    visibility: r.visibility as ArticleVisibility,
    categoryId: r.categoryId,
    sectionId: r.sectionId,
    tags: r.tags as string[],
    productModels: r.productModels as string[],
    problemId: r.problemId,
    playbookSlug: r.playbookSlug,
    translationGroupId: r.translationGroupId,
    version: Number(r.version),
    publishedAt: iso(r.publishedAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function presentArticle(
  r: ArticleRow,
  problem: { id: string; number?: number; publicTitle: string | null; status: string } | null,
) {
  return { ...presentArticleSummary(r), body: r.body, bodyHtml: renderArticle(r.body), problem };
}

// ---- versions ----

export async function listVersions(scope: TenantScope, articleId: string) {
  const rows = await scope
    .selectFrom("help_article_versions")
    .select(["number", "title", "created_by_name as createdBy", "created_at as createdAt"])
    .where("article_id", "=", articleId)
    .orderBy("number", "desc")
    .execute();
  return rows.map((r) => ({ ...r, number: Number(r.number), createdAt: iso(r.createdAt) }));
}

export async function findVersion(scope: TenantScope, articleId: string, n: number) {
  const r = await scope
    .selectFrom("help_article_versions")
    .select(["number", "title", "body", "meta", "created_by_name as createdBy", "created_at as createdAt"])
    .where("article_id", "=", articleId)
    .where("number", "=", n)
    .executeTakeFirst();
  return r ? { ...r, number: Number(r.number), createdAt: iso(r.createdAt) } : undefined;
}

// ---- attachments ----

export function findAttachment(scope: TenantScope, id: string) {
  return scope
    .selectFrom("help_attachments")
    .select([
      "id",
      "article_id as articleId",
      "name",
      "content_type as contentType",
      "size",
      "file_key as fileKey",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
}
