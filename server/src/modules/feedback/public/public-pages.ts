import type { FastifyInstance, FastifyRequest } from "fastify";
import type {
  FeedbackCrumb,
  FeedbackPageData,
  FeedbackStatusLabels,
} from "../../../../../contracts/feedback-pages.ts";
import type { CachedPage, LoadedPage } from "../../../platform/web.ts";
import { describe, headTags, textOf } from "../../help/pages/head.ts";
import { loadIdeaView } from "./idea-page.ts";
import {
  changelog,
  findIdeaByNumber,
  listBoardIdeas,
  listBoards,
  PAGE_SIZE,
  roadmapColumn,
  topIdeas,
} from "./pages.repo.ts";
import { boardView, ideaHref, ideaListItem, isStatus, statusLabels } from "./views.ts";
import { type FeedbackVisitor, feedbackVisitorOf } from "./visitor.ts";

/**
 * The feedback portal's public pages (issue #17), server side: which page a /feedback URL is,
 * its data (read as the visitor may: visitor.ts) and its <head> (title, description, canonical).
 * Rendered by platform/web.ts with web/src/features/feedback/public/.
 *
 * An idea or board the visitor may not read is a 404, exactly like one that does not exist, so
 * private boards cannot even be confirmed. Pages of non-public boards are never indexed; the
 * roadmap and changelog list only boards the visitor reads. The Atom feed is feed.ts.
 */

type Page = Extract<LoadedPage, { data: unknown }>;
type Head = Parameters<typeof headTags>[0] & { extra?: string };
type Ctx = {
  v: FeedbackVisitor;
  url: URL;
  labels: FeedbackStatusLabels;
  page: (status: number, head: Head, data: object) => Page;
  abs: (href: string) => string;
  site: string;
};

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** `?page=` as a page number; anything else reads as the first page. */
export function pageParam(url: URL): number {
  const n = Number(url.searchParams.get("page") ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

const home: FeedbackCrumb = { label: "Feedback", href: "/feedback" };

/** The feedback page for a request; null when the URL is not one or no workspace serves the host. */
export async function loadFeedbackPage(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<LoadedPage | null> {
  const url = new URL(request.url, "http://x");
  const raw = url.pathname.split("/").filter(Boolean);
  if (raw[0] !== "feedback") return null;
  const v = await feedbackVisitorOf(app, request);
  if (!v) return null;
  const labels = statusLabels(v.labelOverrides);
  const parts = raw.map(safeDecode);
  if (parts.includes(null)) return notFound(v, labels);
  const [, first, second] = parts as string[];
  const c: Ctx = {
    v,
    url,
    labels,
    site: `${v.workspace.name} feedback`,
    abs: (href) => v.base + href,
    page: (status, head, data) => ({
      status,
      lang: v.workspace.default_locale,
      head: headTags(head) + (head.extra ?? ""),
      data: { viewer: v.viewer, labels, ...data } as FeedbackPageData,
    }),
  };
  if (parts.length === 1) return homePage(c);
  if (parts.length === 3 && first === "ideas") return ideaPage(c, second as string);
  if (parts.length === 2 && first === "roadmap") return roadmapPage(c);
  if (parts.length === 2 && first === "changelog") return changelogPage(c);
  if (parts.length === 2 && first === "new") return newIdeaPage(c);
  if (parts.length === 2) return boardPage(c, first as string);
  return notFound(v, labels);
}

const base = (c: Ctx) => ({ siteName: c.v.workspace.name, type: "website" as const });

async function homePage(c: Ctx): Promise<LoadedPage> {
  const boards = (await listBoards(c.v.scope, c.v.visibilities)).map(boardView);
  const top = await topIdeas(
    c.v.scope,
    boards.map((b) => b.id),
  );
  return c.page(
    200,
    {
      ...base(c),
      title: c.site,
      description: describe(
        `Ideas and requests for ${c.v.workspace.name}: ${boards.map((b) => b.name).join(", ")}`,
      ),
      url: c.abs("/feedback"),
      extra: `<link rel="alternate" type="application/atom+xml" title="${escapeAttr(c.site)} changelog" href="/feedback/changelog.atom">`,
    },
    { page: "home", boards, top: top.map((r) => ideaListItem(r, true)) },
  );
}

/**
 * A board's page (any sort, status and page number) is served from its last render while the
 * board's row is unchanged: its `rev` (migration 0036) is renewed by every write to the board or
 * any of its ideas, in the writer's transaction, so an unchanged page costs the statements that
 * find the reader and the board, and the write of the cached gzip. The page holds nothing
 * personal (an idea's own vote is on its idea page), so one render serves every reader of a kind.
 */
async function boardPage(c: Ctx, slug: string): Promise<LoadedPage> {
  const boards = await listBoards(c.v.scope, c.v.visibilities);
  const found = boards.find((b) => b.slug === slug);
  if (!found) return notFound(c.v, c.labels);
  const board = boardView(found);
  const sort = c.url.searchParams.get("sort") === "recent" ? "recent" : "votes";
  const askedStatus = c.url.searchParams.get("status");
  // Duplicates live on their original's page, never in a list.
  const status = isStatus(askedStatus) && askedStatus !== "duplicate" ? askedStatus : null;
  const pageNo = pageParam(c.url);
  // Without a status filter the count is the board's own (kept on its row): a page past the end
  // is a 404 before anything else. With a filter it is counted when the page is rendered.
  if (!status && pageNo > Math.max(1, Math.ceil(found.ideaCount / PAGE_SIZE))) return notFound(c.v, c.labels);
  const query = new URLSearchParams();
  if (sort !== "votes") query.set("sort", sort);
  if (status) query.set("status", status);
  if (pageNo > 1) query.set("page", String(pageNo));
  const qs = query.size > 0 ? `?${query}` : "";
  const load = async (): Promise<Exclude<LoadedPage, CachedPage>> => {
    const listed = await listBoardIdeas(c.v.scope, board.id, { sort, status, page: pageNo });
    const total = listed.total ?? found.ideaCount;
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (pageNo > pageCount) return notFound(c.v, c.labels);
    return c.page(
      200,
      {
        ...base(c),
        title: `${board.name}${status ? ` · ${c.labels[status]}` : ""}${pageNo > 1 ? ` (page ${pageNo})` : ""} – ${c.site}`,
        description: describe(board.description || `Ideas and requests about ${board.name}.`),
        url: c.abs(board.href + qs),
        noindex: board.visibility !== "public",
      },
      {
        page: "board",
        board,
        ideas: listed.rows.map((r) => ideaListItem(r, false)),
        sort,
        status,
        pageNumber: pageNo,
        pageCount,
        total,
        crumbs: [home],
      },
    );
  };
  const { signedIn, isCustomer, isStaff, anonymousVoting } = c.v.viewer;
  return {
    // Everything the render reads: the workspace, the board's row with its version, the status
    // names, the reader's kind and the variant asked for. Never anything of one reader alone.
    cacheKey: [
      "feedback-board",
      c.v.workspace.id,
      c.v.workspace.name,
      c.v.base,
      JSON.stringify(found),
      JSON.stringify(c.labels),
      `${signedIn}:${isCustomer}:${isStaff}:${anonymousVoting}`,
      qs,
    ].join("\n"),
    locale: c.v.workspace.default_locale,
    maxAgeMs: 60_000,
    load,
  };
}

async function ideaPage(c: Ctx, segment: string): Promise<LoadedPage> {
  const m = /^(\d{1,15})(?:-(.*))?$/.exec(segment);
  if (!m) return notFound(c.v, c.labels);
  const idea = await findIdeaByNumber(c.v.scope, m[1] as string);
  if (!idea || !c.v.visibilities.includes(idea.boardVisibility)) return notFound(c.v, c.labels);
  const self = ideaHref(idea.number, idea.slug);
  if ((m[2] ?? "") !== idea.slug) return { status: 301, redirect: self };
  const view = await loadIdeaView(c.v, idea);
  const board = boardView({
    id: idea.boardId,
    name: idea.boardName,
    slug: idea.boardSlug,
    description: idea.boardDescription,
    visibility: idea.boardVisibility,
  });
  return c.page(
    200,
    {
      ...base(c),
      type: "article",
      title: `${idea.title} – ${c.site}`,
      description: describe(textOf(view.descriptionHtml)) || idea.title,
      url: c.abs(self),
      // A duplicate's page says where it went; the original is the page to index.
      noindex: board.visibility !== "public" || idea.status === "duplicate",
    },
    { page: "idea", idea: view, board, crumbs: [home, { label: board.name, href: board.href }] },
  );
}

async function roadmapPage(c: Ctx): Promise<LoadedPage> {
  const ids = (await listBoards(c.v.scope, c.v.visibilities)).map((b) => b.id);
  const statuses = ["planned", "in_progress", "done"] as const;
  const columns = await Promise.all(
    statuses.map(async (status) => ({
      status,
      ideas: (await roadmapColumn(c.v.scope, ids, status)).map((r) => ideaListItem(r, true)),
    })),
  );
  return c.page(
    200,
    {
      ...base(c),
      title: `Roadmap – ${c.site}`,
      description: `What ${c.v.workspace.name} has planned, is working on, and has done.`,
      url: c.abs("/feedback/roadmap"),
    },
    { page: "roadmap", columns, crumbs: [home] },
  );
}

async function changelogPage(c: Ctx): Promise<LoadedPage> {
  const ids = (await listBoards(c.v.scope, c.v.visibilities)).map((b) => b.id);
  const pageNo = pageParam(c.url);
  const { rows, total } = await changelog(c.v.scope, ids, pageNo);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pageNo > pageCount) return notFound(c.v, c.labels);
  return c.page(
    200,
    {
      ...base(c),
      title: `Changelog${pageNo > 1 ? ` (page ${pageNo})` : ""} – ${c.site}`,
      description: `Ideas ${c.v.workspace.name} has delivered, newest first.`,
      url: c.abs(`/feedback/changelog${pageNo > 1 ? `?page=${pageNo}` : ""}`),
      extra: `<link rel="alternate" type="application/atom+xml" title="${escapeAttr(c.site)} changelog" href="/feedback/changelog.atom">`,
    },
    {
      page: "changelog",
      ideas: rows.map((r) => ideaListItem(r, true)),
      pageNumber: pageNo,
      pageCount,
      crumbs: [home],
    },
  );
}

async function newIdeaPage(c: Ctx): Promise<LoadedPage> {
  const boards = (await listBoards(c.v.scope, c.v.visibilities)).map(boardView);
  const asked = c.url.searchParams.get("board");
  const chosen = boards.find((b) => b.id === asked || b.slug === asked);
  return c.page(
    200,
    {
      ...base(c),
      title: `Share an idea – ${c.site}`,
      description: `Tell ${c.v.workspace.name} what would make it better.`,
      url: c.abs("/feedback/new"),
      noindex: true,
    },
    { page: "new", boards, boardId: chosen?.id ?? null, crumbs: [home] },
  );
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function notFound(v: FeedbackVisitor, labels: FeedbackStatusLabels): Page {
  return {
    status: 404,
    lang: v.workspace.default_locale,
    head: headTags({
      title: `Not found – ${v.workspace.name} feedback`,
      description: "This page does not exist.",
      url: null,
      siteName: v.workspace.name,
      type: "website",
      noindex: true,
    }),
    data: { viewer: v.viewer, labels, page: "notFound" } satisfies FeedbackPageData,
  };
}
