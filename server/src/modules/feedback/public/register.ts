import type { FastifyInstance } from "fastify";
import { registerPublicPages } from "../../../platform/public-pages.ts";
import { changelogAtom } from "./feed.ts";
import { loadFeedbackPage } from "./public-pages.ts";
import { feedbackSitemapEntries } from "./sitemap.ts";

/** The feedback portal's public pages and sitemap entries (platform/public-pages.ts dispatches /feedback). */
export function registerFeedbackPublicPages() {
  registerPublicPages("/feedback", loadFeedbackPage, { sitemap: feedbackSitemapEntries });
}

/** The changelog's Atom feed: XML, not a page, so a route of its own beside the rendered pages. */
export function feedbackPublicRoutes(app: FastifyInstance) {
  app.get("/feedback/changelog.atom", { schema: { hide: true } }, async (request, reply) => {
    const xml = await changelogAtom(app, request.headers.host);
    if (xml === null) return reply.callNotFound();
    return reply
      .header("cache-control", "public, max-age=300")
      .type("application/atom+xml; charset=utf-8")
      .send(xml);
  });
}
