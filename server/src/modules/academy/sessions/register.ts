import type { FastifyInstance } from "fastify";
import type { AcademyPagesPart } from "../public/register.ts";
import { academySessionsSitemap, loadAcademySessionsPage } from "./public-pages.ts";
import { academySessionRoutes } from "./sessions.routes.ts";

/** Live sessions' routes. */
export function academySessionsApi(app: FastifyInstance) {
  academySessionRoutes(app);
}

/**
 * Their public pages (/academy/sessions…; null for any other URL) and sitemap entries, served
 * under the academy's one "/academy" area (public/register.ts).
 */
export const academySessionsPages: AcademyPagesPart = {
  loader: loadAcademySessionsPage,
  sitemap: academySessionsSitemap,
};
