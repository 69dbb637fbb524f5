import type { FastifyInstance } from "fastify";
import { registerPublicPages } from "../../../platform/public-pages.ts";
import { academySessionsSitemap, loadAcademySessionsPage } from "./public-pages.ts";
import { academySessionRoutes } from "./sessions.routes.ts";

/**
 * Live sessions' routes and public pages. The public loader answers /academy/sessions… only
 * and null otherwise: when the academy's other public pages register "/academy", chain them
 * (first non-null wins) instead of registering the prefix twice.
 */
export function academySessionsApi(app: FastifyInstance) {
  academySessionRoutes(app);
  registerPublicPages("/academy", loadAcademySessionsPage, { sitemap: academySessionsSitemap });
}
