import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AcademySessionsPageData } from "../../../../../contracts/academy-sessions.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import type { LoadedPage } from "../../../platform/web.ts";
import { describe, headTags } from "../../help/pages/head.ts";
import { urlForHost } from "../../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import { presentPublic } from "./present.ts";
import { listSessions } from "./sessions.repo.ts";

/**
 * The public live-session pages, server side: /academy/sessions (upcoming, with seats left) and
 * /academy/sessions/<slug>. Anyone may read them, without JavaScript; search engines may index
 * them. The time is rendered in UTC (and in the host's zone) on the server, and a small script
 * in the page rewrites it into the visitor's own zone (web/src/features/academy-sessions/public).
 *
 * Returns null for any other /academy URL, so the academy's other public pages (courses,
 * certificate verification) can be chained in front of or behind this loader.
 */
export async function loadAcademySessionsPage(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<LoadedPage | null> {
  const url = new URL(request.url, "http://x");
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts[0] !== "academy" || parts[1] !== "sessions" || parts.length > 3) return null;
  const workspace = await findWorkspaceForHost(app.ctx.db, request.headers.host);
  if (!workspace) return null;
  const scope = new TenantScope(app.ctx.db, workspace.id);
  const base = urlForHost(app.ctx.config.publicUrl, workspace.host);
  const page = (
    status: number,
    head: Parameters<typeof headTags>[0],
    data: AcademySessionsPageData,
  ): LoadedPage => ({
    status,
    lang: workspace.default_locale,
    head: headTags(head),
    data,
  });
  const site = `${workspace.name} Academy`;

  if (parts.length === 2) {
    const rows = await listSessions(scope, { when: "upcoming" });
    const sessions = rows.filter((s) => s.state === "scheduled").map(presentPublic);
    return page(
      200,
      {
        title: `Live sessions – ${site}`,
        description: describe(
          sessions.length
            ? `Free live training from ${workspace.name}: ${sessions.map((s) => s.title).join(", ")}`
            : `Free live training from ${workspace.name}. No sessions are scheduled right now.`,
        ),
        url: `${base}/academy/sessions`,
        siteName: workspace.name,
        type: "website",
      },
      { page: "sessionList", workspaceName: workspace.name, sessions },
    );
  }

  let slug: string;
  try {
    slug = decodeURIComponent(parts[2] as string);
  } catch {
    slug = "";
  }
  const [row] = slug ? await listSessions(scope, { when: "all", slug }) : [];
  if (!row) {
    return page(
      404,
      {
        title: `Not found – ${site}`,
        description: "This page does not exist.",
        url: null,
        siteName: workspace.name,
        type: "website",
        noindex: true,
      },
      { page: "notFound", workspaceName: workspace.name },
    );
  }
  const session = presentPublic(row);
  return page(
    200,
    {
      title: `${session.title} – ${site}`,
      description: describe(session.description || `A live session on ${session.utcTime}`),
      url: `${base}/academy/sessions/${encodeURIComponent(session.slug)}`,
      siteName: workspace.name,
      type: "article",
      // A cancelled session stays readable for those who had the link, but is not advertised.
      noindex: session.state === "cancelled",
    },
    { page: "session", workspaceName: workspace.name, session },
  );
}

/** Upcoming sessions' pages for /sitemap.xml. */
export async function academySessionsSitemap(
  app: FastifyInstance,
  workspace: { id: string },
  base: string,
): Promise<Array<{ loc: string; lastmod: string | null }>> {
  const rows = await listSessions(new TenantScope(app.ctx.db, workspace.id), { when: "upcoming" });
  const live = rows.filter((s) => s.state === "scheduled");
  if (live.length === 0) return [];
  return [
    { loc: `${base}/academy/sessions`, lastmod: null },
    ...live.map((s) => ({
      loc: `${base}/academy/sessions/${encodeURIComponent(s.slug)}`,
      lastmod: s.updated_at.toISOString(),
    })),
  ];
}
