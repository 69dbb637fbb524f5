import type { FastifyInstance, FastifyRequest } from "fastify";
import { LOCALE } from "../../../../../contracts/help.ts";
import type { HelpArticleLink } from "../../../../../contracts/help-pages.ts";
import type { AppContext } from "../../../platform/context.ts";
import { resolveActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { urlForHost } from "../../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import { getArticleBySlug } from "../article-reads.service.ts";
import type { HelpReader } from "../help.policy.ts";

/**
 * Who reads a public help page (the host's workspace, as a customer of it or a stranger, in
 * which languages) and where articles live for them: their addresses and finding one by slug.
 *
 * Public pages only ever show published articles: a signed-in customer of the host's workspace
 * also sees `customers` articles, everyone else (staff included) reads as a customer would, so
 * a draft never shows up on a public URL.
 */

type Workspace = { id: string; name: string; host: string | null; default_locale: string };
export type Visitor = { workspace: Workspace; reader: HelpReader; base: string; locales: string[] };

/** The visitor's languages, best first: `?lang=`, then Accept-Language (full tag, then its base). */
export function visitorLocales(request: Pick<FastifyRequest, "headers" | "query">): string[] {
  const out: string[] = [];
  const add = (tag: string | undefined) => {
    const t = (tag ?? "").trim();
    const [base, region] = t.split("-");
    const norm = region ? `${base?.toLowerCase()}-${region.toUpperCase()}` : (base ?? "").toLowerCase();
    if (LOCALE.test(norm) && !out.includes(norm)) out.push(norm);
    const b = (base ?? "").toLowerCase();
    if (region && LOCALE.test(b) && !out.includes(b)) out.push(b);
  };
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  if (typeof lang === "string") add(lang);
  const accepted = String(request.headers["accept-language"] ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag?.trim() ?? "", q: q ? Number(q) : 1 };
    })
    .filter((a) => a.tag && a.tag !== "*" && a.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const a of accepted) add(a.tag);
  return out;
}

/** The request's visitor, or null when there is no workspace yet. */
export async function visitorOf(app: FastifyInstance, request: FastifyRequest): Promise<Visitor | null> {
  const workspace = await findWorkspaceForHost(app.ctx.db, request.headers.host);
  if (!workspace) return null;
  // A bad or expired credential just reads as anonymous here: these are public pages.
  const actor = await resolveActor(request).catch(() => undefined);
  const reader: HelpReader =
    actor && actor.workspaceId === workspace.id
      ? { kind: "customer", workspaceId: workspace.id, actor }
      : { kind: "anonymous", workspaceId: workspace.id };
  return {
    workspace,
    reader,
    base: urlForHost(app.ctx.config.publicUrl, workspace.host),
    locales: [...visitorLocales(request), workspace.default_locale],
  };
}

/** An article's public address; `?lang=` only when it is not in the workspace's language. */
export function articleHref(slug: string, locale: string, defaultLocale: string): string {
  const path = `/help/articles/${encodeURIComponent(slug)}`;
  return locale === defaultLocale ? path : `${path}?lang=${encodeURIComponent(locale)}`;
}

/** Where an article's "Did this help?" form posts (the same `?lang=` so the same article answers). */
export function feedbackAction(slug: string, locale: string, defaultLocale: string): string {
  const [path, query] = articleHref(slug, locale, defaultLocale).split("?");
  return `${path}/feedback${query ? `?${query}` : ""}`;
}

/** A listed article as a link for this visitor. */
export const articleLink = (
  r: { title: string; slug: string; locale: string },
  v: Visitor,
): HelpArticleLink => ({
  title: r.title,
  slug: r.slug,
  href: articleHref(r.slug, r.locale, v.workspace.default_locale),
});

const isNotFound = (err: unknown) => err instanceof AppError && err.code === "not_found";

/** The article for a slug in the first of the visitor's languages that has it (or its redirect). */
export async function findBySlug(ctx: Pick<AppContext, "db">, v: Visitor, slug: string) {
  for (const locale of v.locales) {
    try {
      return { locale, ...(await getArticleBySlug(ctx, v.reader, locale, slug)) };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return null;
}
