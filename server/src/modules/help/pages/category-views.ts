import type { HelpCategoryView, HelpSectionView } from "../../../../../contracts/help-pages.ts";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { listCategories } from "../help.repo.ts";
import { articleCounts, firstOfEach } from "../public-lists.ts";
import { articleLink, type Visitor } from "./visitor.ts";

export type CategoryWithIds = Omit<HelpCategoryView, "sections"> & {
  id: string;
  sections: Array<HelpSectionView & { id: string }>;
};

/**
 * The categories with their sections, counts and the first `perList` titles of each list, read
 * from bounded queries (public-lists.ts): `categoryId` narrows to one category.
 */
export async function categoryViews(
  ctx: Pick<AppContext, "db">,
  v: Visitor,
  perList: number,
  categoryId?: string,
): Promise<CategoryWithIds[]> {
  const [cats, counts, first] = await Promise.all([
    listCategories(new TenantScope(ctx.db, v.workspace.id)),
    articleCounts(ctx, v.reader, categoryId ? { categoryId } : {}),
    firstOfEach(ctx, v.reader, v.locales, categoryId ?? null, perList),
  ]);
  first.sort((x, y) => x.title.localeCompare(y.title));
  const countOf = (match: (c: { categoryId: string | null; sectionId: string | null }) => boolean) =>
    counts.filter(match).reduce((n, c) => n + c.n, 0);
  return cats
    .filter((c) => !categoryId || c.id === categoryId)
    .map(
      (c): CategoryWithIds => ({
        id: c.id,
        name: c.name,
        slug: c.slug,
        href: `/help/${c.slug}`,
        description: c.description,
        articles: first.filter((r) => r.categoryId === c.id && !r.sectionId).map((r) => articleLink(r, v)),
        articleCount: countOf((r) => r.categoryId === c.id && !r.sectionId),
        sections: c.sections.map((s) => ({
          id: s.id,
          name: s.name,
          slug: s.slug,
          href: `/help/${c.slug}/${s.slug}`,
          articles: first.filter((r) => r.sectionId === s.id).map((r) => articleLink(r, v)),
          articleCount: countOf((r) => r.sectionId === s.id),
        })),
      }),
    );
}

/** A category view as the page data has it (ids stay on the server). */
export function withoutIds(c: CategoryWithIds): HelpCategoryView {
  const { id: _id, sections, ...rest } = c;
  return { ...rest, sections: sections.map(({ id: _s, ...s }) => s) };
}
