import type { FastifyInstance } from "fastify";
import { TenantScope } from "../../../platform/db/tenant.ts";
import type { SitemapEntry, SitemapWorkspace } from "../../../platform/public-pages.ts";
import { listBoards, sitemapIdeas } from "./pages.repo.ts";
import { boardHref, ideaHref } from "./views.ts";

/** Ideas a sitemap lists at most (the protocol allows 50,000 URLs per sitemap). */
const IDEA_LIMIT = 20_000;

/**
 * The feedback portal's part of /sitemap.xml: home, roadmap, changelog, public boards and their
 * ideas. Read as a stranger: only `public` boards, never merged or deleted ideas.
 */
export async function feedbackSitemapEntries(
  app: FastifyInstance,
  workspace: SitemapWorkspace,
  base: string,
): Promise<SitemapEntry[]> {
  const scope = new TenantScope(app.ctx.db, workspace.id);
  const [boards, ideas] = await Promise.all([listBoards(scope, ["public"]), sitemapIdeas(scope, IDEA_LIMIT)]);
  if (boards.length === 0) return [];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const newest = ideas[0] ? day(ideas[0].updatedAt) : null;
  return [
    { loc: `${base}/feedback`, lastmod: newest },
    { loc: `${base}/feedback/roadmap`, lastmod: newest },
    { loc: `${base}/feedback/changelog`, lastmod: newest },
    ...boards.map((b) => ({ loc: base + boardHref(b.slug), lastmod: day(b.updatedAt) })),
    ...ideas.map((i) => ({ loc: base + ideaHref(i.number, i.slug), lastmod: day(i.updatedAt) })),
  ];
}
