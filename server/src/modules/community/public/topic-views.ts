import { randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { isBot, VISITOR_COOKIE, visitorCookieOf, visitorSession } from "../../help/public-views.ts";
import type { CommunityVisitor } from "./visitor.ts";

/**
 * A topic's views, counted where its page is served (issue #16), as the help center counts
 * article views (help/public-views.ts, whose first-party visitor cookie it shares): one per
 * visitor per topic per day, only the cookie's hash stored, crawlers and link previews not
 * counted, readers without JavaScript counted. One statement: the view row, and the topic's
 * view_count only when that row is new.
 *
 * The count must not defeat the topic page's cache: view_count is not part of the page's key
 * (public-pages.ts) and the topic page does not show it; the lists (community home, category
 * pages) do, read as they are rendered.
 */
export async function countTopicView(
  ctx: Pick<AppContext, "db" | "config">,
  v: CommunityVisitor,
  topicId: string,
  request: Pick<FastifyRequest, "headers">,
): Promise<string | null> {
  if (isBot(request.headers["user-agent"])) return null;
  const existing = visitorCookieOf(request);
  const cookie = existing ?? randomBytes(18).toString("base64url");
  const ws = v.workspace.id;
  await sql`
    with seen as (
      insert into community_topic_views (workspace_id, topic_id, session, day)
      values (${ws}, ${topicId}, ${visitorSession(ws, cookie)}, (now() at time zone 'utc')::date)
      on conflict do nothing
      returning topic_id
    )
    update community_topics set view_count = view_count + 1
    where id in (select topic_id from seen) and workspace_id = ${ws}`.execute(ctx.db);
  if (existing) return null;
  const secure = ctx.config.publicUrl.startsWith("https:") ? "; Secure" : "";
  return `${VISITOR_COOKIE}=${cookie}; Path=/; Max-Age=${365 * 24 * 3600}; HttpOnly; SameSite=Lax${secure}`;
}
