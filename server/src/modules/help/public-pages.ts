import type { FastifyInstance, FastifyRequest } from "fastify";
import { readContext } from "../../platform/db/replica.ts";
import { urlForHost } from "../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../workspaces/workspaces.repo.ts";
import { loadArticlePage } from "./pages/article-page.ts";
import { feedbackFormRoute } from "./pages/feedback-form.ts";
import { loadHomePage } from "./pages/home-page.ts";
import { loadListPage } from "./pages/list-pages.ts";
import { type LoadedPage, notFoundPage, type PageRequest } from "./pages/page.ts";
import { loadSearchPage } from "./pages/search-page.ts";
import { visitorOf } from "./pages/visitor.ts";
import { firstLocaleWithArticles } from "./public-lists.ts";
import { robotsTxt, sitemapXml } from "./sitemap.ts";

// The community's public pages build their <head> with the help center's helpers.

/**
 * The public help center (issue #15), server side: which page a /help URL is, handed to its
 * loader in ./pages/ (home, category and section lists, article, search), plus the sitemap,
 * robots.txt and the no-JavaScript "Did this help?" form. The pages are rendered by
 * platform/web.ts with web/src/features/help/.
 */

/** A path segment decoded, or null when it is not valid percent-encoding ("%zz"). */
function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

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
  const p: PageRequest = {
    app,
    request,
    url,
    v,
    site: `${v.workspace.name} help center`,
    abs: (href) => `${v.base}${href}`,
  };
  const [, first, second] = parts as string[];
  // An article page is in the article's own language; the others in the visitor's first
  // language that has articles.
  if (first === "articles" && parts.length === 3) return loadArticlePage(p, second as string);
  const lang =
    (await firstLocaleWithArticles(readContext(app.ctx), v.reader, v.locales)) ?? v.workspace.default_locale;
  if (first === "search" && parts.length === 2) return loadSearchPage(p, lang);
  if (first === undefined) return loadHomePage(p, lang);
  if (parts.length > 3) return notFoundPage(v);
  return loadListPage(p, lang, first, second);
}

/** /sitemap.xml, /robots.txt and the "Did this help?" form. */
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

  feedbackFormRoute(app);
}
