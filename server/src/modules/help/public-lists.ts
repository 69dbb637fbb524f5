import { type RawBuilder, sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { type HelpReader, readableBy } from "./help.policy.ts";

/**
 * The article lists of the public help pages, bounded in SQL so a page costs the same at 10
 * articles as at 10,000: counts per category and section, the first few titles of each, one
 * page of a category or section, and an article's siblings. Every list holds published
 * articles the reader may read, one per translation group, in the first of the visitor's
 * languages it exists in (else any of them).
 */

type Ctx = Pick<AppContext, "db">;
export type ListedArticle = {
  id: string;
  title: string;
  slug: string;
  locale: string;
  categoryId: string | null;
  sectionId: string | null;
  translationGroupId: string;
  updatedAt: Date | string;
};
/** Which articles: a category's (all, or only those in no section), or one section's. */
export type ListFilter = { categoryId?: string; looseOnly?: boolean } | { sectionId: string };

/** The sitemap's bound: a sitemap file holds at most 50,000 URLs. */
const SITEMAP_LIMIT = 50_000;

function visibilityClause(reader: HelpReader, table: RawBuilder<unknown> = sql``): RawBuilder<unknown> {
  const { visibilities } = readableBy(reader);
  return visibilities ? sql`and ${table}visibility = any(${[...visibilities]}::text[])` : sql``;
}

function filterClause(filter: ListFilter): RawBuilder<unknown> {
  if ("sectionId" in filter) return sql`and a.section_id = ${filter.sectionId}`;
  const parts: RawBuilder<unknown>[] = [];
  if (filter.categoryId) parts.push(sql`and a.category_id = ${filter.categoryId}`);
  if (filter.looseOnly) parts.push(sql`and a.section_id is null`);
  return sql.join(parts, sql` `);
}

/**
 * The condition that makes row `a` its translation group's pick: no readable published row of
 * the group is in a language the visitor ranks higher (ties broken by locale). One probe of
 * the (translation_group, locale) index per row, so lists can be read in title order from an
 * index and stop at their limit instead of sorting the whole help center.
 */
function pickedClause(reader: HelpReader, locales: string[]): RawBuilder<unknown> {
  const rank = (t: RawBuilder<unknown>) =>
    sql`coalesce(array_position(${locales}::text[], ${t}.locale), 1000)`;
  return sql`and not exists (
    select 1 from help_articles b
    where b.translation_group = a.translation_group and b.id <> a.id and b.state = 'published'
      ${visibilityClause(reader, sql`b.`)}
      and (${rank(sql`b`)}, b.locale) < (${rank(sql`a`)}, a.locale))`;
}

/** Published, readable by `reader`, its group's pick: the rows every public list shows. */
function shown(reader: HelpReader, locales: string[]): RawBuilder<unknown> {
  return sql`a.workspace_id = ${reader.workspaceId} and a.state = 'published'
    ${visibilityClause(reader, sql`a.`)} ${pickedClause(reader, locales)}`;
}

const columns = sql`a.id, a.title, a.slug, a.locale, a.category_id as "categoryId",
  a.section_id as "sectionId", a.translation_group as "translationGroupId", a.updated_at as "updatedAt"`;

/** Published articles the reader may see (no bodies), every locale: for the sitemap. */
export function listPublished(ctx: Ctx, reader: HelpReader): Promise<ListedArticle[]> {
  const { visibilities } = readableBy(reader);
  let q = new TenantScope(ctx.db, reader.workspaceId)
    .selectFrom("help_articles")
    .select([
      "id",
      "title",
      "slug",
      "locale",
      "category_id as categoryId",
      "section_id as sectionId",
      "translation_group as translationGroupId",
      "updated_at as updatedAt",
    ])
    .where("state", "=", "published");
  if (visibilities) q = q.where("visibility", "in", [...visibilities]);
  return q.orderBy("title").limit(SITEMAP_LIMIT).execute();
}

/** The first of the visitor's languages that has a readable article, else null. */
export async function firstLocaleWithArticles(
  ctx: Ctx,
  reader: HelpReader,
  locales: string[],
): Promise<string | null> {
  const { rows } = await sql<{ locale: string }>`
    select distinct locale from help_articles
    where workspace_id = ${reader.workspaceId} and state = 'published'
      and locale = any(${locales}::text[]) ${visibilityClause(reader)}`.execute(ctx.db);
  const have = new Set(rows.map((r) => r.locale));
  return locales.find((l) => have.has(l)) ?? null;
}

/**
 * How many articles each (category, section) holds; section null = in no section. A group
 * counts once whichever of its languages is shown (translations share their place).
 */
export async function articleCounts(ctx: Ctx, reader: HelpReader, filter: ListFilter) {
  const { rows } = await sql<{ categoryId: string | null; sectionId: string | null; n: number }>`
    select a.category_id as "categoryId", a.section_id as "sectionId",
           count(distinct a.translation_group)::int as n
    from help_articles a
    where a.workspace_id = ${reader.workspaceId} and a.state = 'published'
      ${visibilityClause(reader, sql`a.`)} ${filterClause(filter)}
    group by 1, 2`.execute(ctx.db);
  return rows;
}

/**
 * The first `perList` titles of every section and of every category's loose articles, by
 * title: one short index walk per list (a lateral join), however many articles there are.
 */
export async function firstOfEach(
  ctx: Ctx,
  reader: HelpReader,
  locales: string[],
  categoryId: string | null,
  perList: number,
): Promise<ListedArticle[]> {
  const onlyCategory = (col: RawBuilder<unknown>) => (categoryId ? sql`and ${col} = ${categoryId}` : sql``);
  const { rows } = await sql<ListedArticle>`
    select x.* from help_sections s cross join lateral (
      select ${columns} from help_articles a
      where a.section_id = s.id and ${shown(reader, locales)}
      order by a.title, a.id limit ${perList}
    ) x where s.workspace_id = ${reader.workspaceId} ${onlyCategory(sql`s.category_id`)}
    union all
    select x.* from help_categories c cross join lateral (
      select ${columns} from help_articles a
      where a.category_id = c.id and a.section_id is null and ${shown(reader, locales)}
      order by a.title, a.id limit ${perList}
    ) x where c.workspace_id = ${reader.workspaceId} ${onlyCategory(sql`c.id`)}`.execute(ctx.db);
  return rows;
}

/** One page of a list, by title: `page` counts from 1. */
export async function pageOf(
  ctx: Ctx,
  reader: HelpReader,
  locales: string[],
  filter: ListFilter,
  page: number,
  size: number,
): Promise<ListedArticle[]> {
  const { rows } = await sql<ListedArticle>`
    select ${columns} from help_articles a
    where ${shown(reader, locales)} ${filterClause(filter)}
    order by a.title, a.id limit ${size} offset ${(page - 1) * size}`.execute(ctx.db);
  return rows;
}

/**
 * Up to `limit` other articles of the same section (or, for an article in no section, of the
 * same category's loose articles), in the article's own language: what "In this section" shows.
 */
export async function siblingsOf(
  ctx: Ctx,
  reader: HelpReader,
  a: { id: string; locale: string; categoryId: string | null; sectionId: string | null },
  limit: number,
): Promise<Array<{ title: string; slug: string; locale: string }>> {
  if (!a.categoryId && !a.sectionId) return [];
  const where = a.sectionId
    ? sql`section_id = ${a.sectionId}`
    : sql`category_id = ${a.categoryId} and section_id is null`;
  const { rows } = await sql<{ title: string; slug: string; locale: string }>`
    select title, slug, locale from help_articles
    where workspace_id = ${reader.workspaceId} and state = 'published' and ${where}
      and locale = ${a.locale} and id <> ${a.id} ${visibilityClause(reader)}
    order by title, id limit ${limit}`.execute(ctx.db);
  return rows;
}

/** The names and slugs of an article's category and section, for its breadcrumbs. */
export async function placeOf(
  ctx: Ctx,
  workspaceId: string,
  categoryId: string | null,
  sectionId: string | null,
) {
  const scope = new TenantScope(ctx.db, workspaceId);
  const [category, section] = await Promise.all([
    categoryId
      ? scope
          .selectFrom("help_categories")
          .where("id", "=", categoryId)
          .select(["name", "slug"])
          .executeTakeFirst()
      : undefined,
    sectionId
      ? scope
          .selectFrom("help_sections")
          .where("id", "=", sectionId)
          .select(["name", "slug", "category_id as categoryId"])
          .executeTakeFirst()
      : undefined,
  ]);
  return { category, section: section && section.categoryId === categoryId ? section : undefined };
}
