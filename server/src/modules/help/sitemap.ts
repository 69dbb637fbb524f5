import type { FastifyInstance } from "fastify";
import { readContext, readDb } from "../../platform/db/replica.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { publicPrefixes, publicSitemapEntries } from "../../platform/public-pages.ts";
import { urlForHost } from "../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../workspaces/workspaces.repo.ts";
import type { HelpReader } from "./help.policy.ts";
import { listCategories } from "./help.repo.ts";
import { escapeXml } from "./pages/head.ts";
import { articleHref } from "./pages/visitor.ts";
import { type ListedArticle, listPublished } from "./public-lists.ts";

/**
 * /sitemap.xml: the help center, its categories and every published public article, then what
 * the other public areas registered (platform/public-pages.ts), e.g. the community's topics.
 */
export async function sitemapXml(app: FastifyInstance, host: string | undefined): Promise<string | null> {
  const workspace = await findWorkspaceForHost(app.ctx.db, host);
  if (!workspace) return null;
  const base = urlForHost(app.ctx.config.publicUrl, workspace.host);
  // Always as a stranger: the sitemap is for search engines.
  const reader: HelpReader = { kind: "anonymous", workspaceId: workspace.id };
  const [rows, cats] = await Promise.all([
    // Lag-tolerant: read from the replica while it keeps up (db/replica.ts).
    listPublished(readContext(app.ctx), reader),
    listCategories(new TenantScope(readDb(app.ctx), workspace.id)),
  ]);
  const day = (d: Date | string) => (typeof d === "string" ? d : (iso(d) ?? "")).slice(0, 10);
  const latest = (list: ListedArticle[]) =>
    list.reduce<string | null>((m, r) => {
      const d = day(r.updatedAt);
      return m && m > d ? m : d;
    }, null);
  const entries: Array<{ loc: string; lastmod: string | null }> = [
    { loc: `${base}/help`, lastmod: latest(rows) },
  ];
  for (const c of cats) {
    entries.push({
      loc: `${base}/help/${c.slug}`,
      lastmod: latest(rows.filter((r) => r.categoryId === c.id)),
    });
  }
  for (const r of rows) {
    entries.push({
      loc: base + articleHref(r.slug, r.locale, workspace.default_locale),
      lastmod: day(r.updatedAt),
    });
  }
  entries.push(...(await publicSitemapEntries(app, workspace, base)));
  const urls = entries
    .map(
      (e) => `<url><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}</url>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

export function robotsTxt(base: string): string {
  return [
    "User-agent: *",
    ...["/help", ...publicPrefixes().filter((p) => p !== "/help")].map((p) => `Allow: ${p}`),
    "Disallow: /app",
    "Disallow: /api",
    "",
    `Sitemap: ${base}/sitemap.xml`,
    "",
  ].join("\n");
}
