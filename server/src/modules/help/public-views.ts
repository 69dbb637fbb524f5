import { createHash, randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import type { HelpReader } from "./help.policy.ts";
import { insertView } from "./search/feedback.service.ts";

/**
 * Article views counted where the article is served (issue #15): the public page records a view
 * on the server, so readers without JavaScript count too. A visitor is a first-party random
 * cookie (`rapport_hv`, HttpOnly, SameSite=Lax) set on their first article page; only its hash
 * is stored, and help_article_views keeps one row per visitor per article per day. The JSON
 * views route maps the same cookie to the same visitor, so a hydrated page that also posts a
 * view is not counted twice. Crawlers and link previews are not readers and are not counted.
 */

export const VISITOR_COOKIE = "rapport_hv";
const COOKIE_VALUE = /^[A-Za-z0-9_-]{16,64}$/;
const BOT =
  /bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|monitor|curl|wget|python-requests|httpclient/i;

/** True for crawlers, link previewers and scripts (and for a request without a user agent). */
export function isBot(userAgent: string | undefined): boolean {
  return !userAgent?.trim() || BOT.test(userAgent);
}

/** The visitor cookie's value, when the request has a well-formed one. */
export function visitorCookieOf(request: Pick<FastifyRequest, "headers">): string | null {
  for (const part of String(request.headers.cookie ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === VISITOR_COOKIE) {
      const value = rest.join("=");
      return COOKIE_VALUE.test(value) ? value : null;
    }
  }
  return null;
}

/** What is stored for a visitor: a hash of their cookie, per workspace (never the cookie itself). */
export function visitorSession(workspaceId: string, cookie: string): string {
  return `hv_${createHash("sha256").update(`${workspaceId}:${cookie}`).digest("base64url")}`;
}

function setCookieHeader(value: string, secure: boolean): string {
  const year = 365 * 24 * 3600;
  return `${VISITOR_COOKIE}=${value}; Path=/; Max-Age=${year}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/**
 * Counts a view of an article page being served (the caller has checked the reader may read it); answers the Set-Cookie header to send when the
 * visitor had no cookie yet (null otherwise, and for bots, which get neither cookie nor count).
 */
export async function countPageView(
  ctx: Pick<AppContext, "db" | "config">,
  reader: HelpReader,
  articleId: string,
  request: Pick<FastifyRequest, "headers">,
): Promise<string | null> {
  if (isBot(request.headers["user-agent"])) return null;
  const existing = visitorCookieOf(request);
  const cookie = existing ?? randomBytes(18).toString("base64url");
  await insertView(ctx, reader.workspaceId, articleId, visitorSession(reader.workspaceId, cookie));
  return existing ? null : setCookieHeader(cookie, ctx.config.publicUrl.startsWith("https:"));
}
