import type { HelpPaging } from "../../../../../contracts/help-pages.ts";
import { readContext, readDb } from "../../../platform/db/replica.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { pageOf } from "../public-lists.ts";
import { type CategoryWithIds, categoryViews, withoutIds } from "./category-views.ts";
import { describe, headTags } from "./head.ts";
import { FIRST_TITLES } from "./home-page.ts";
import { HOME_CRUMB, type LoadedPage, notFoundPage, type PageRequest } from "./page.ts";
import { articleLink } from "./visitor.ts";

/** Titles per page of a paged list (a section, a category's loose articles). */
export const PAGE_SIZE = 50;

/** `?page=N` (1 when absent or not a positive number). */
function requestedPage(url: URL): number {
  const raw = url.searchParams.get("page") ?? "";
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

function paging(href: string, page: number, total: number): HelpPaging {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const at = (n: number) => (n === 1 ? href : `${href}?page=${n}`);
  return {
    page,
    pages,
    prevHref: page > 1 ? at(Math.min(page - 1, pages)) : null,
    nextHref: page < pages ? at(page + 1) : null,
  };
}

/** A page's own address: page 1 is the bare URL, so it is the one search engines keep. */
const pagedHref = (href: string, page: number) => (page === 1 ? href : `${href}?page=${page}`);

/**
 * /help/:category and /help/:category/:section, paged by `?page=`: a category shows its
 * sections (first titles of each) and one page of its articles outside any section; a section
 * one page of its articles. A page past the last is a 404.
 */
export async function loadListPage(
  p: PageRequest,
  lang: string,
  categorySlug: string,
  sectionSlug: string | undefined,
): Promise<LoadedPage> {
  const { app, v } = p;
  const found = await new TenantScope(readDb(app.ctx), v.workspace.id)
    .selectFrom("help_categories")
    .where("slug", "=", categorySlug)
    .select("id")
    .executeTakeFirst();
  const [cat] = found ? await categoryViews(readContext(app.ctx), v, FIRST_TITLES, found.id) : [];
  if (!cat) return notFoundPage(v);
  const page = requestedPage(p.url);
  return sectionSlug === undefined
    ? categoryPage(p, lang, cat, page)
    : sectionPage(p, lang, cat, sectionSlug, page);
}

async function categoryPage(p: PageRequest, lang: string, cat: CategoryWithIds, page: number) {
  const { app, v, site, abs } = p;
  const pager = paging(cat.href, page, cat.articleCount);
  if (page > pager.pages) return notFoundPage(v);
  const loose = await pageOf(
    readContext(app.ctx),
    v.reader,
    v.locales,
    { categoryId: cat.id, looseOnly: true },
    page,
    PAGE_SIZE,
  );
  return {
    status: 200,
    lang,
    head: headTags({
      title: `${cat.name}${page > 1 ? ` (${page})` : ""} – ${site}`,
      description: describe(cat.description || `Articles about ${cat.name}.`),
      url: abs(pagedHref(cat.href, page)),
      siteName: v.workspace.name,
      type: "website",
    }),
    data: {
      page: "category",
      category: withoutIds({ ...cat, articles: loose.map((r) => articleLink(r, v)) }),
      crumbs: [HOME_CRUMB],
      paging: pager,
    },
  } satisfies LoadedPage;
}

async function sectionPage(p: PageRequest, lang: string, cat: CategoryWithIds, slug: string, page: number) {
  const { app, v, site, abs } = p;
  const sectionView = cat.sections.find((s) => s.slug === slug);
  if (!sectionView) return notFoundPage(v);
  const pager = paging(sectionView.href, page, sectionView.articleCount);
  if (page > pager.pages) return notFoundPage(v);
  const { id: sectionId, ...section } = sectionView;
  const rows = await pageOf(readContext(app.ctx), v.reader, v.locales, { sectionId }, page, PAGE_SIZE);
  return {
    status: 200,
    lang,
    head: headTags({
      title: `${section.name}${page > 1 ? ` (${page})` : ""} – ${cat.name} – ${site}`,
      description: describe(`Articles about ${section.name} in ${cat.name}.`),
      url: abs(pagedHref(section.href, page)),
      siteName: v.workspace.name,
      type: "website",
    }),
    data: {
      page: "section",
      category: withoutIds(cat),
      section: { ...section, articles: rows.map((r) => articleLink(r, v)) },
      crumbs: [HOME_CRUMB, { label: cat.name, href: cat.href }],
      paging: pager,
    },
  } satisfies LoadedPage;
}
