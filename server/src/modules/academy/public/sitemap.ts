import type { FastifyInstance } from "fastify";
import { TenantScope } from "../../../platform/db/tenant.ts";
import type { SitemapEntry, SitemapWorkspace } from "../../../platform/public-pages.ts";
import { publishedCourses } from "./pages.repo.ts";

/** The academy's part of /sitemap.xml: the academy home and every published course. */
export async function academySitemapEntries(
  app: FastifyInstance,
  workspace: SitemapWorkspace,
  base: string,
): Promise<SitemapEntry[]> {
  const courses = await publishedCourses(new TenantScope(app.ctx.db, workspace.id));
  if (courses.length === 0) return [];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const newest =
    courses
      .map((c) => day(c.updated_at))
      .sort()
      .at(-1) ?? null;
  return [
    { loc: `${base}/academy`, lastmod: newest },
    ...courses.map((c) => ({ loc: `${base}/academy/courses/${c.slug}`, lastmod: day(c.updated_at) })),
  ];
}
