import type { FastifyInstance } from "fastify";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { renderRemembered } from "../../help/render.ts";
import { urlForHost } from "../../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import { feedEntries } from "./pages.repo.ts";
import { ideaHref, iso } from "./views.ts";

/** Entries in the feed: readers poll it, so it stays small. */
const FEED_LIMIT = 50;

/** XML text and attribute escaping: every value in the feed passes through it. */
function x(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string,
  );
}

/**
 * /feedback/changelog.atom: the changelog as an Atom feed (RFC 4287). Read as a stranger,
 * whoever asks: a feed URL is shared and cached, so it lists public boards only. Entry ids are
 * the ideas' uuids, so a renamed idea is not a new entry. Content is the sanitised description
 * HTML, escaped as `type="html"` text (never raw markup in the XML).
 */
export async function changelogAtom(app: FastifyInstance, host: string | undefined): Promise<string | null> {
  const workspace = await findWorkspaceForHost(app.ctx.db, host);
  if (!workspace) return null;
  const base = urlForHost(app.ctx.config.publicUrl, workspace.host);
  const rows = await feedEntries(new TenantScope(app.ctx.db, workspace.id), FEED_LIMIT);
  const title = `${workspace.name} changelog`;
  const updated = rows[0] ? iso(rows[0].doneAt) : iso(new Date(0));
  const entries = rows.map((r) => {
    const link = base + ideaHref(r.number, r.slug);
    const html = r.description ? renderRemembered(`i:${r.id}`, r.description) : "";
    const summary = r.statusExplanation ?? "";
    return [
      "<entry>",
      `<title type="text">${x(r.title)}</title>`,
      `<id>urn:uuid:${r.id}</id>`,
      `<link rel="alternate" type="text/html" href="${x(link)}"/>`,
      `<published>${iso(r.createdAt)}</published>`,
      `<updated>${iso(r.doneAt)}</updated>`,
      `<category term="${x(r.boardName)}"/>`,
      summary ? `<summary type="text">${x(summary)}</summary>` : "",
      html ? `<content type="html">${x(html)}</content>` : "",
      "</entry>",
    ].join("");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title type="text">${x(title)}</title>`,
    `<id>${x(`${base}/feedback/changelog`)}</id>`,
    `<link rel="self" type="application/atom+xml" href="${x(`${base}/feedback/changelog.atom`)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(`${base}/feedback/changelog`)}"/>`,
    `<updated>${updated}</updated>`,
    `<author><name>${x(workspace.name)}</name></author>`,
    ...entries,
    "</feed>",
  ].join("\n");
}
