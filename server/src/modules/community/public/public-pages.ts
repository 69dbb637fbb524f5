import type { FastifyInstance, FastifyRequest } from "fastify";
import type {
  CommunityCrumb,
  CommunityPageData,
  CommunitySort,
  CommunityViewer,
} from "../../../../../contracts/community-pages.ts";
import type { CachedPage, LoadedPage } from "../../../platform/web.ts";
import { describe, headTags, textOf } from "../../help/pages/head.ts";
import { leaderboardPage } from "../reputation/leaderboard-page.ts";
import { readNotice } from "./form-posts.ts";
import {
  currentMvps,
  findTopicByNumber,
  listCategories,
  listCategoryTopics,
  PAGE_SIZE,
  recentTopics,
} from "./pages.repo.ts";
import { personalScript } from "./personal.ts";
import { loadProfile } from "./profile-page.ts";
import { jsonLdScript, qaPageJsonLd } from "./structured-data.ts";
import { topicMemoryOf } from "./topic-memory.ts";
import { loadTopicView, withoutBodies } from "./topic-page.ts";
import { categoryView, iso, memberRef, topicHref, topicListItem } from "./views.ts";
import { type CommunityVisitor, communityVisitorOf } from "./visitor.ts";

/**
 * The community's public pages (issue #16), server side: which page a /community URL is, its
 * data (read as the visitor may: visitor.ts) and its <head> (title, description, canonical,
 * Open Graph, QAPage JSON-LD). Rendered by platform/web.ts with web/src/features/community/public/.
 *
 * A page of a category the visitor may not read is a 404, exactly like a page that does not
 * exist, so private categories cannot even be confirmed. Pages of non-public categories are
 * never indexed and carry no structured data.
 */

/**
 * The pages' forms post to this site (form-posts.ts), which checks the browser's Origin. Under
 * the app's default `no-referrer` policy a browser sends `Origin: null` with a form post, so
 * these pages keep the origin for requests to this site and still send nothing elsewhere.
 */
const FORM_PAGE_HEADERS = { "referrer-policy": "same-origin" };

const SORTS: CommunitySort[] = ["activity", "new", "votes"];

type Page = Extract<LoadedPage, { data: unknown }>;

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The community page for a request; null when the URL is not one or no workspace serves the host. */
export async function loadCommunityPage(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<LoadedPage | null> {
  const url = new URL(request.url, "http://x");
  const raw = url.pathname.split("/").filter(Boolean);
  if (raw[0] !== "community") return null;
  const v = await communityVisitorOf(app, request);
  if (!v) return null;
  const parts = raw.map(safeDecode);
  if (parts.includes(null)) return notFound(v);
  const [, first, second] = parts as string[];
  const site = `${v.workspace.name} community`;
  const page = (
    status: number,
    head: Parameters<typeof headTags>[0] & { extra?: string },
    data: object,
  ): Page => ({
    status,
    lang: v.workspace.default_locale,
    head: headTags(head) + (head.extra ?? ""),
    data: { viewer: v.viewer, ...data } as CommunityPageData,
    headers: { ...FORM_PAGE_HEADERS },
  });
  const abs = (href: string) => v.base + href;
  const home: CommunityCrumb = { label: "Community", href: "/community" };
  const base = { siteName: v.workspace.name, type: "website" as const };

  if (parts.length === 1) {
    const [cats, recent] = await Promise.all([
      listCategories(v.scope, v.visibilities),
      recentTopics(v.scope, v.visibilities),
    ]);
    const categories = cats.map(categoryView);
    return page(
      200,
      {
        ...base,
        title: site,
        description: describe(
          `Questions and answers from the ${site}: ${categories.map((c) => c.name).join(", ")}`,
        ),
        url: abs("/community"),
      },
      { page: "home", categories, recent: recent.map((r) => topicListItem(r, true)) },
    );
  }

  if (first === "t" && parts.length === 3) {
    const m = /^(\d{1,15})(?:-(.*))?$/.exec(second ?? "");
    if (!m) return notFound(v);
    // Remembered by this process until anything it is read from changes (topic-memory.ts): an
    // unchanged page, read anonymously, is answered without a statement.
    const memory = topicMemoryOf(app);
    const number = m[1] as string;
    const find = () => findTopicByNumber(v.scope, number);
    const t = memory ? await memory.read(`topic\n${v.workspace.id}\n${number}`, find) : await find();
    if (!t || t.hidden || !v.visibilities.includes(t.categoryVisibility)) return notFound(v);
    if (t.mergedIntoId) {
      // The merged topic's address leads to the topic it lives on now (the target's own rules apply there).
      return t.intoNumber
        ? { status: 301, redirect: topicHref(t.intoNumber, t.intoSlug ?? "") }
        : notFound(v);
    }
    const self = topicHref(t.number, t.slug);
    if ((m[2] ?? "") !== t.slug) return { status: 301, redirect: self + url.search };
    const n = Number(url.searchParams.get("page") ?? "1");
    const answerPage = Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
    // The page's render is the same for every reader of a kind (anonymous, signed in, MVP,
    // staff): the member's own votes, follow and rights come beside it (personal.ts).
    const kindOf: CommunityViewer = { ...v.viewer, memberId: null };
    // A form's notice (form-posts.ts) is one reader's: that page is rendered for them alone.
    const notice = readNotice(app.ctx.secret, url.searchParams.get("notice"));
    const build = async (): Promise<Exclude<LoadedPage, CachedPage>> => {
      const topic = await loadTopicView({ ...v, viewer: kindOf }, t, answerPage);
      if (!topic) return notFound(v);
      const pageHref = answerPage > 1 ? `${self}?page=${answerPage}` : self;
      const isPublic = t.categoryVisibility === "public";
      const data = {
        page: "topic" as const,
        topic,
        category: categoryView({
          id: t.categoryId,
          name: t.categoryName,
          slug: t.categorySlug,
          description: t.categoryDescription,
          visibility: t.categoryVisibility,
        }),
        crumbs: [home, { label: t.categoryName, href: `/community/${encodeURIComponent(t.categorySlug)}` }],
        notice,
      };
      const built = page(
        200,
        {
          ...base,
          type: "article",
          title: `${t.title}${answerPage > 1 ? ` (page ${answerPage})` : ""} – ${site}`,
          description: describe(textOf(topic.opening.bodyHtml)) || t.title,
          url: abs(pageHref),
          noindex: !isPublic,
          extra: isPublic && t.kind === "question" ? jsonLdScript(qaPageJsonLd(v.base, topic)) : "",
        },
        data,
      );
      return {
        ...built,
        data: { ...(built.data as object), viewer: kindOf },
        hydration: { ...data, viewer: kindOf, topic: withoutBodies(topic) },
      };
    };
    const personal = await personalScript(v, t);
    const viewCookie = memory ? memory.views.count(v.workspace.id, t.id, request) : null;
    if (notice) {
      const built = await build();
      return "data" in built && personal ? { ...built, head: built.head + personal } : built;
    }
    return {
      // The topic's row (title, status, problem, author…) and its posts' version: any write to
      // the topic or its posts makes a new key. Names and MVP marks of the posts' authors are
      // not in it: they show within a minute (maxAgeMs), as does an MVP term that just ended.
      cacheKey: `community-topic\n${v.workspace.id}\n${v.workspace.name}\n${answerPage}\n${kindOf.signedIn}:${kindOf.isStaff}:${kindOf.isMvp}\n${JSON.stringify(t)}`,
      locale: v.workspace.default_locale,
      maxAgeMs: 60_000,
      ...(personal ? { personal } : {}),
      headers: { ...FORM_PAGE_HEADERS, ...(viewCookie ? { "set-cookie": viewCookie } : {}) },
      load: build,
    };
  }

  if (first === "u" && parts.length === 3) {
    if (!UUID.test(second ?? "")) return notFound(v);
    const profile = await loadProfile(v, second as string);
    if (!profile) return notFound(v);
    const m = profile.member;
    return page(
      200,
      {
        ...base,
        type: "website",
        title: `${m.displayName} – ${site}`,
        description: describe(
          m.bio ||
            `${m.displayName}: ${profile.counts.answers} answers, ${profile.counts.acceptedAnswers} accepted.`,
        ),
        url: abs(`/community/u/${m.id}`),
      },
      { page: "profile", profile, crumbs: [home] },
    );
  }

  if (parts.length === 2 && first === "mvps") {
    const rows = await currentMvps(v.scope);
    return page(
      200,
      {
        ...base,
        title: `MVPs – ${site}`,
        description: `The Most Valuable Professionals of the ${site}.`,
        url: abs("/community/mvps"),
      },
      {
        page: "mvps",
        mvps: rows.map((r) => ({
          ...memberRef({ ...r, isMvp: true }),
          mvpUntil: iso(r.mvpUntil),
          bio: r.bio,
        })),
        crumbs: [home],
      },
    );
  }

  if (parts.length === 2 && first === "leaderboard") {
    const board = await leaderboardPage(v.scope, url.searchParams);
    if (!board) return notFound(v);
    const named = board.category ? ` – ${board.category.name}` : "";
    return page(
      200,
      {
        ...base,
        title: `Leaderboard${named} – ${site}`,
        description: `Who helped most in the ${site}.`,
        url: abs(board.canonical),
      },
      {
        page: "leaderboard",
        period: board.period,
        rows: board.rows,
        categories: board.categories,
        category: board.category,
        crumbs: [home],
      },
    );
  }

  if (parts.length === 2 && first === "new") {
    const cats = (await listCategories(v.scope, v.visibilities)).map(categoryView);
    const asked = url.searchParams.get("category");
    const chosen = cats.find((c) => c.id === asked || c.slug === asked);
    return page(
      200,
      {
        ...base,
        title: `Ask a question – ${site}`,
        description: `Ask the ${site}.`,
        url: abs("/community/new"),
        noindex: true,
      },
      {
        page: "new",
        categories: cats,
        categoryId: chosen?.id ?? null,
        crumbs: [home],
        notice: readNotice(app.ctx.secret, url.searchParams.get("notice")),
      },
    );
  }

  if (parts.length === 2) return categoryPage(v, first as string, url, page, abs, home);
  return notFound(v);
}

async function categoryPage(
  v: CommunityVisitor,
  slug: string,
  url: URL,
  page: (status: number, head: Parameters<typeof headTags>[0], data: object) => Page,
  abs: (href: string) => string,
  home: CommunityCrumb,
): Promise<LoadedPage> {
  const cats = await listCategories(v.scope, v.visibilities);
  const found = cats.find((c) => c.slug === slug);
  if (!found) return notFound(v);
  const category = categoryView(found);
  const askedSort = url.searchParams.get("sort");
  const sort = SORTS.find((s) => s === askedSort) ?? "activity";
  const n = Number(url.searchParams.get("page") ?? "1");
  const pageNo = Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
  const { rows, total } = await listCategoryTopics(v.scope, category.id, sort, pageNo);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pageNo > pageCount) return notFound(v);
  const query = new URLSearchParams();
  if (sort !== "activity") query.set("sort", sort);
  if (pageNo > 1) query.set("page", String(pageNo));
  const qs = query.size > 0 ? `?${query}` : "";
  return page(
    200,
    {
      siteName: v.workspace.name,
      type: "website",
      title: `${category.name}${pageNo > 1 ? ` (page ${pageNo})` : ""} – ${v.workspace.name} community`,
      description: describe(category.description || `Questions and answers about ${category.name}.`),
      url: abs(category.href + qs),
      noindex: category.visibility !== "public",
    },
    {
      page: "category",
      category,
      topics: rows.map((r) => topicListItem(r, false)),
      sort,
      pageNumber: pageNo,
      pageCount,
      crumbs: [home],
    },
  );
}

export function notFound(v: CommunityVisitor): Page {
  return {
    status: 404,
    lang: v.workspace.default_locale,
    head: headTags({
      title: `Not found – ${v.workspace.name} community`,
      description: "This page does not exist.",
      url: null,
      siteName: v.workspace.name,
      type: "website",
      noindex: true,
    }),
    data: { viewer: v.viewer, page: "notFound" } satisfies CommunityPageData,
  };
}
