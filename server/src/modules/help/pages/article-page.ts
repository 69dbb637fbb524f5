import type { HelpCrumb } from "../../../../../contracts/help-pages.ts";
import { readContext } from "../../../platform/db/replica.ts";
import { articleRecommendation } from "../../academy/support/recommendations.service.ts";
import { translationsOf } from "../article-reads.service.ts";
import { placeOf, siblingsOf } from "../public-lists.ts";
import { countPageView } from "../public-views.ts";
import { describe, headTags, textOf } from "./head.ts";
import { HOME_CRUMB, type LoadedPage, notFoundPage, type PageRequest } from "./page.ts";
import { articleHref, articleLink, feedbackAction, findBySlug } from "./visitor.ts";

/** Other articles of its section shown on an article page. */
const SIBLINGS = 20;

/**
 * /help/articles/:slug: the article in the visitor's first language that has it, its place
 * (crumbs), its published translations (hreflang), its section's other articles and the
 * "Did this help?" state; an old slug answers 301 to the current one.
 */
export async function loadArticlePage(p: PageRequest, slug: string): Promise<LoadedPage> {
  const { app, request, url, v, site, abs } = p;
  // Lag-tolerant reads from the replica (db/replica.ts); the view count is a write, on the primary.
  const ctx = readContext(app.ctx);
  const ws = v.workspace;
  const found = await findBySlug(ctx, v, slug);
  if (!found) return notFoundPage(v);
  if (found.redirectTo !== undefined) {
    return { status: 301, redirect: articleHref(found.redirectTo, found.locale, ws.default_locale) };
  }
  const a = found.article as NonNullable<typeof found.article>;
  const [place, translations, siblings, setCookie] = await Promise.all([
    placeOf(ctx, ws.id, a.categoryId, a.sectionId),
    translationsOf(ctx, v.reader, a.id),
    siblingsOf(ctx, v.reader, a, SIBLINGS),
    countPageView(app.ctx, v.reader, a.id, request),
  ]);
  const { category: cat, section } = place;
  const crumbs: HelpCrumb[] = [HOME_CRUMB];
  if (cat) crumbs.push({ label: cat.name, href: `/help/${cat.slug}` });
  if (cat && section) crumbs.push({ label: section.name, href: `/help/${cat.slug}/${section.slug}` });
  const others = translations.items
    .filter((t) => t.state === "published")
    .map((t) => ({
      locale: t.locale,
      title: t.title,
      href: articleHref(t.slug, t.locale, ws.default_locale),
    }));
  const self = articleHref(a.slug, a.locale, ws.default_locale);
  const recommendedLesson = await articleRecommendation(ctx.db, ws.id, a.id);
  const feedback = url.searchParams.get("feedback");
  return {
    status: 200,
    ...(setCookie ? { headers: { "set-cookie": setCookie } } : {}),
    lang: a.locale,
    head: headTags({
      title: `${a.title} – ${site}`,
      description: describe(textOf(a.bodyHtml)) || a.title,
      url: abs(self),
      siteName: ws.name,
      type: "article",
      alternates:
        others.length > 0
          ? [
              { locale: a.locale, url: abs(self) },
              ...others.map((t) => ({ locale: t.locale, url: abs(t.href) })),
            ]
          : [],
    }),
    data: {
      page: "article",
      article: {
        id: a.id,
        slug: a.slug,
        locale: a.locale,
        title: a.title,
        bodyHtml: a.bodyHtml,
        problem: a.problem
          ? { id: a.problem.id, publicTitle: a.problem.publicTitle, status: a.problem.status }
          : null,
        playbookSlug: a.playbookSlug,
        updatedAt: a.updatedAt,
      },
      crumbs,
      translations: others,
      siblings: siblings.map((r) => articleLink(r, v)),
      feedbackAction: feedbackAction(a.slug, a.locale, ws.default_locale),
      feedback: feedback === "why" || feedback === "thanks" || feedback === "sorry" ? feedback : null,
      recommendedLesson,
    },
  };
}
