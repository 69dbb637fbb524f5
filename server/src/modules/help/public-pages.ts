import type { FastifyInstance, FastifyRequest } from "fastify";
import { LOCALE } from "../../../../contracts/help.ts";
import type {
  HelpArticleLink,
  HelpCategoryView,
  HelpCrumb,
  HelpPageData,
  HelpPaging,
  HelpSectionView,
} from "../../../../contracts/help-pages.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { resolveActor } from "../../platform/http/authenticate.ts";
import { AppError } from "../../platform/http/errors.ts";
import { urlForHost } from "../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../workspaces/workspaces.repo.ts";
import { getArticleBySlug, translationsOf } from "./article-reads.service.ts";
import type { HelpReader } from "./help.policy.ts";
import { listCategories } from "./help.repo.ts";
import {
  articleCounts,
  firstLocaleWithArticles,
  firstOfEach,
  pageOf,
  placeOf,
  siblingsOf,
} from "./public-lists.ts";
import { countPageView } from "./public-views.ts";
import { recordVote } from "./search/feedback.service.ts";
import { searchArticles } from "./search/search.service.ts";
import { robotsTxt, sitemapXml } from "./sitemap.ts";

/**
 * The public help center's pages (issue #15), server side: which page a /help URL is, its data
 * (following the reading rules of help.policy.ts), its <head> (canonical, hreflang, Open
 * Graph), the sitemap, robots.txt and the no-JavaScript "Did this help?" form. The pages are
 * rendered by platform/web.ts with web/src/features/help/.
 *
 * Public pages only ever show published articles: a signed-in customer of the host's workspace
 * also sees `customers` articles, everyone else (staff included) reads as a customer would, so
 * a draft never shows up on a public URL.
 */

type Workspace = { id: string; name: string; host: string | null; default_locale: string };
type Visitor = { workspace: Workspace; reader: HelpReader; base: string; locales: string[] };

/** A page to render, or where to send the browser instead. */
export type LoadedPage =
  | { redirect: string; status: 301 | 302 | 303 }
  | {
      status: number;
      lang: string;
      head: string;
      data: HelpPageData;
      /** Response headers the page needs (the visitor cookie of public-views.ts). */
      headers?: Record<string, string>;
    };

const REASONS = ["not_related", "did_not_answer", "out_of_date"] as const;
/** Titles per list on the home and category pages (the rest is a link away). */
const FIRST_TITLES = 5;
/** Titles per page of a paged list (a section, a category's loose articles). */
export const PAGE_SIZE = 50;
/** Other articles of its section shown on an article page. */
const SIBLINGS = 20;

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string,
  );

/** The visitor's languages, best first: `?lang=`, then Accept-Language (full tag, then its base). */
export function visitorLocales(request: Pick<FastifyRequest, "headers" | "query">): string[] {
  const out: string[] = [];
  const add = (tag: string | undefined) => {
    const t = (tag ?? "").trim();
    const [base, region] = t.split("-");
    const norm = region ? `${base?.toLowerCase()}-${region.toUpperCase()}` : (base ?? "").toLowerCase();
    if (LOCALE.test(norm) && !out.includes(norm)) out.push(norm);
    const b = (base ?? "").toLowerCase();
    if (region && LOCALE.test(b) && !out.includes(b)) out.push(b);
  };
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  if (typeof lang === "string") add(lang);
  const accepted = String(request.headers["accept-language"] ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag?.trim() ?? "", q: q ? Number(q) : 1 };
    })
    .filter((a) => a.tag && a.tag !== "*" && a.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const a of accepted) add(a.tag);
  return out;
}

async function visitorOf(app: FastifyInstance, request: FastifyRequest): Promise<Visitor | null> {
  const workspace = await findWorkspaceForHost(app.ctx.db, request.headers.host);
  if (!workspace) return null;
  // A bad or expired credential just reads as anonymous here: these are public pages.
  const actor = await resolveActor(request).catch(() => undefined);
  const reader: HelpReader =
    actor && actor.workspaceId === workspace.id
      ? { kind: "customer", workspaceId: workspace.id, actor }
      : { kind: "anonymous", workspaceId: workspace.id };
  return {
    workspace,
    reader,
    base: urlForHost(app.ctx.config.publicUrl, workspace.host),
    locales: [...visitorLocales(request), workspace.default_locale],
  };
}

/** An article's public address; `?lang=` only when it is not in the workspace's language. */
export function articleHref(slug: string, locale: string, defaultLocale: string): string {
  const path = `/help/articles/${encodeURIComponent(slug)}`;
  return locale === defaultLocale ? path : `${path}?lang=${encodeURIComponent(locale)}`;
}

/** Where an article's "Did this help?" form posts (the same `?lang=` so the same article answers). */
export function feedbackAction(slug: string, locale: string, defaultLocale: string): string {
  const [path, query] = articleHref(slug, locale, defaultLocale).split("?");
  return `${path}/feedback${query ? `?${query}` : ""}`;
}

const link = (r: { title: string; slug: string; locale: string }, v: Visitor): HelpArticleLink => ({
  title: r.title,
  slug: r.slug,
  href: articleHref(r.slug, r.locale, v.workspace.default_locale),
});

type CategoryWithIds = Omit<HelpCategoryView, "sections"> & {
  id: string;
  sections: Array<HelpSectionView & { id: string }>;
};

/**
 * The categories with their sections, counts and the first `perList` titles of each list, read
 * from bounded queries (public-lists.ts): `categoryId` narrows to one category.
 */
async function categoryViews(ctx: Pick<AppContext, "db">, v: Visitor, perList: number, categoryId?: string) {
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
        articles: first.filter((r) => r.categoryId === c.id && !r.sectionId).map((r) => link(r, v)),
        articleCount: countOf((r) => r.categoryId === c.id && !r.sectionId),
        sections: c.sections.map((s) => ({
          id: s.id,
          name: s.name,
          slug: s.slug,
          href: `/help/${c.slug}/${s.slug}`,
          articles: first.filter((r) => r.sectionId === s.id).map((r) => link(r, v)),
          articleCount: countOf((r) => r.sectionId === s.id),
        })),
      }),
    );
}

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

/** The first ~155 characters of a text, cut at a word. */
export function describe(text: string, max = 155): string {
  const plain = text.replace(/\s+/g, " ").trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 60 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/** Text of sanitised HTML (tags dropped, the few entities the renderer writes decoded). */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(lt|gt|quot|#39|#x27|apos|nbsp|amp);/g, (_m, e: string) =>
      e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "nbsp" ? " " : e === "amp" ? "&" : "'",
    );
}

type HeadInput = {
  title: string;
  description: string;
  url: string | null;
  siteName: string;
  type: "website" | "article";
  alternates?: Array<{ locale: string; url: string }>;
  noindex?: boolean;
};

/** The page's <head> tags; every value is escaped. */
export function headTags(h: HeadInput): string {
  const e = escapeHtml;
  const tags = [
    `<title>${e(h.title)}</title>`,
    `<meta name="description" content="${e(h.description)}">`,
    `<meta property="og:title" content="${e(h.title)}">`,
    `<meta property="og:description" content="${e(h.description)}">`,
    `<meta property="og:type" content="${h.type}">`,
    `<meta property="og:site_name" content="${e(h.siteName)}">`,
  ];
  if (h.url) {
    tags.push(`<link rel="canonical" href="${e(h.url)}">`, `<meta property="og:url" content="${e(h.url)}">`);
  }
  for (const a of h.alternates ?? []) {
    tags.push(`<link rel="alternate" hreflang="${e(a.locale)}" href="${e(a.url)}">`);
  }
  if (h.noindex) tags.push(`<meta name="robots" content="noindex">`);
  return tags.join("");
}

const isNotFound = (err: unknown) => err instanceof AppError && err.code === "not_found";

/** The article for a slug in the first of the visitor's languages that has it (or its redirect). */
async function findBySlug(ctx: Pick<AppContext, "db">, v: Visitor, slug: string) {
  for (const locale of v.locales) {
    try {
      return { locale, ...(await getArticleBySlug(ctx, v.reader, locale, slug)) };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return null;
}

/**
 * The search page's results: the search module's ranking, read as the visitor (staff read as a
 * stranger here, like every public page, so no draft shows up in public results).
 */
async function search(app: FastifyInstance, v: Visitor, q: string, locale: string) {
  const { items } = await searchArticles(app.ctx, v.reader, { q: q.slice(0, 300), locale });
  return items.map((i) => ({ ...i, href: articleHref(i.slug, i.locale, v.workspace.default_locale) }));
}

/** A path segment decoded, or null when it is not valid percent-encoding ("%zz"). */
function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const notFoundPage = (v: Visitor): LoadedPage => ({
  status: 404,
  lang: v.workspace.default_locale,
  head: headTags({
    title: `Not found – ${v.workspace.name}`,
    description: "This page does not exist.",
    url: null,
    siteName: v.workspace.name,
    type: "website",
    noindex: true,
  }),
  data: { page: "notFound" },
});

/** The help page for a request, or null when the URL is not a help page (or there is no workspace). */
export async function loadHelpPage(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<LoadedPage | null> {
  const url = new URL(request.url, "http://x");
  const raw = url.pathname.split("/").filter(Boolean);
  if (raw[0] !== "help") return null;
  const v = await visitorOf(app, request);
  if (!v) return null;
  const parts = raw.map(safeDecode);
  if (parts.includes(null)) return notFoundPage(v);
  const ctx = app.ctx;
  const ws = v.workspace;
  const site = `${ws.name} help center`;
  const abs = (href: string) => `${v.base}${href}`;
  const home: HelpCrumb = { label: "Help center", href: "/help" };

  if (parts[1] === "articles" && parts.length === 3) {
    const found = await findBySlug(ctx, v, parts[2] as string);
    if (!found) return notFoundPage(v);
    if (found.redirectTo !== undefined) {
      return { status: 301, redirect: articleHref(found.redirectTo, found.locale, ws.default_locale) };
    }
    const a = found.article as NonNullable<typeof found.article>;
    const [place, translations, siblings, setCookie] = await Promise.all([
      placeOf(ctx, ws.id, a.categoryId, a.sectionId),
      translationsOf(ctx, v.reader, a.id),
      siblingsOf(ctx, v.reader, a, SIBLINGS),
      countPageView(ctx, v.reader, a.id, request),
    ]);
    const { category: cat, section } = place;
    const crumbs: HelpCrumb[] = [home];
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
        siblings: siblings.map((r) => link(r, v)),
        feedbackAction: feedbackAction(a.slug, a.locale, ws.default_locale),
        feedback: feedback === "why" || feedback === "thanks" || feedback === "sorry" ? feedback : null,
      },
    };
  }

  const lang = (await firstLocaleWithArticles(ctx, v.reader, v.locales)) ?? ws.default_locale;

  if (parts[1] === "search" && parts.length === 2) {
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
    const results = q ? await search(app, v, q, lang) : [];
    return {
      status: 200,
      lang,
      head: headTags({
        title: q ? `“${q}” – ${site}` : `Search – ${site}`,
        description: `Search the ${site}.`,
        url: abs(`/help/search${q ? `?${new URLSearchParams({ q })}` : ""}`),
        siteName: ws.name,
        type: "website",
        noindex: true,
      }),
      data: { page: "search", q, results },
    };
  }

  if (parts.length === 1) {
    const categories = await categoryViews(ctx, v, FIRST_TITLES);
    return {
      status: 200,
      lang,
      head: headTags({
        title: site,
        description: describe(
          `Answers and guides from ${ws.name}: ${categories.map((c) => c.name).join(", ")}`,
        ),
        url: abs("/help"),
        siteName: ws.name,
        type: "website",
      }),
      data: { page: "home", categories: categories.map(withoutIds) },
    };
  }
  if (parts.length > 3) return notFoundPage(v);
  const found = await new TenantScope(ctx.db, ws.id)
    .selectFrom("help_categories")
    .where("slug", "=", parts[1] as string)
    .select("id")
    .executeTakeFirst();
  const [cat] = found ? await categoryViews(ctx, v, FIRST_TITLES, found.id) : [];
  if (!cat) return notFoundPage(v);
  const page = requestedPage(url);
  // A page's own address: page 1 is the bare URL, so it is the one search engines keep.
  const paged = (href: string) => (page === 1 ? href : `${href}?page=${page}`);
  if (parts.length === 2) {
    const pager = paging(cat.href, page, cat.articleCount);
    if (page > pager.pages) return notFoundPage(v);
    const loose = await pageOf(
      ctx,
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
        url: abs(paged(cat.href)),
        siteName: ws.name,
        type: "website",
      }),
      data: {
        page: "category",
        category: withoutIds({ ...cat, articles: loose.map((r) => link(r, v)) }),
        crumbs: [home],
        paging: pager,
      },
    };
  }
  const sectionView = cat.sections.find((s) => s.slug === parts[2]);
  if (!sectionView) return notFoundPage(v);
  const pager = paging(sectionView.href, page, sectionView.articleCount);
  if (page > pager.pages) return notFoundPage(v);
  const { id: sectionId, ...section } = sectionView;
  const rows = await pageOf(ctx, v.reader, v.locales, { sectionId }, page, PAGE_SIZE);
  return {
    status: 200,
    lang,
    head: headTags({
      title: `${section.name}${page > 1 ? ` (${page})` : ""} – ${cat.name} – ${site}`,
      description: describe(`Articles about ${section.name} in ${cat.name}.`),
      url: abs(paged(section.href)),
      siteName: ws.name,
      type: "website",
    }),
    data: {
      page: "section",
      category: withoutIds(cat),
      section: { ...section, articles: rows.map((r) => link(r, v)) },
      crumbs: [home, { label: cat.name, href: cat.href }],
      paging: pager,
    },
  };
}

/** A category view as the page data has it (ids stay on the server). */
function withoutIds(c: CategoryWithIds): HelpCategoryView {
  const { id: _id, sections, ...rest } = c;
  return { ...rest, sections: sections.map(({ id: _s, ...s }) => s) };
}

/**
 * /sitemap.xml, /robots.txt and the "Did this help?" form (POST, works without JavaScript).
 * Votes are stored by the search module's feedback service, like the JSON votes route.
 */
export function publicHelpRoutes(app: FastifyInstance) {
  app.get("/sitemap.xml", async (request, reply) => {
    const xml = await sitemapXml(app, request.headers.host);
    if (xml === null) return reply.callNotFound();
    return reply
      .type("application/xml; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(xml);
  });

  app.get("/robots.txt", async (request, reply) => {
    const workspace = await findWorkspaceForHost(app.ctx.db, request.headers.host);
    const base = urlForHost(app.ctx.config.publicUrl, workspace?.host);
    return reply
      .type("text/plain; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(robotsTxt(base));
  });

  // Encapsulated so the form parser applies to this route only: every other route keeps
  // refusing form posts (a cross-site form cannot send JSON, which is part of CSRF defence).
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post("/help/articles/:slug/feedback", async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      const v = await visitorOf(app, request);
      const found = v ? await findBySlug(app.ctx, v, slug) : null;
      if (!v || !found?.article) return reply.code(404).type("text/plain").send("Help article was not found");
      const a = found.article;
      const href = articleHref(a.slug, a.locale, v.workspace.default_locale);
      const back = (feedback: string) =>
        `${href}${href.includes("?") ? "&" : "?"}feedback=${feedback}#feedback`;
      const helpful = body.helpful === "yes" ? true : body.helpful === "no" ? false : null;
      if (helpful === null) return reply.redirect(href, 303);
      const reason = REASONS.find((r) => r === body.reason);
      // "No" first asks why; the vote is recorded once, with its reason.
      if (!helpful && !reason) return reply.redirect(back("why"), 303);
      // A refused vote (the article changed meanwhile) still thanks the visitor; it is logged.
      await recordVote(app.ctx, v.reader, a.id, { helpful, ...(reason ? { reason } : {}) }).catch((err) =>
        request.log.warn({ err, articleId: a.id }, "help vote was refused"),
      );
      return reply.redirect(back(helpful ? "thanks" : "sorry"), 303);
    });
  });
}
