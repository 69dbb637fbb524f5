import { randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import type { Db } from "../../../platform/db/pool.ts";
import { isBot, VISITOR_COOKIE, visitorCookieOf, visitorSession } from "../../help/public-views.ts";

/**
 * A topic's views, counted where its page is served (issue #16), as the help center counts
 * article views (help/public-views.ts, whose first-party visitor cookie it shares): one per
 * visitor per topic per day, only the cookie's hash stored, crawlers and link previews not
 * counted, readers without JavaScript counted.
 *
 * Not a statement per request: the page is served from memory when unchanged, and a write per
 * reader would be most of its cost. Views are gathered here and written every second (or every
 * 500) in one statement — the view rows, and each topic's view_count raised by its new rows —
 * and a reader this process already counted today is not gathered again. Views gathered when a
 * process dies uncleanly (at most a second's) are lost; a count may lose that, a page may not.
 *
 * The count must not defeat the topic page's cache: view_count is not part of the page's key
 * (public-pages.ts), is left out of the change notices (migration 0045) and the topic page does
 * not show it; the lists (community home, category pages) do, read as they are rendered.
 */
const FLUSH_MS = 1_000;
const FLUSH_AT = 500;
const MAX_SEEN = 100_000;

type View = { workspaceId: string; topicId: string; session: string; day: string };

export class TopicViewCounter {
  private queue: View[] = [];
  private readonly seen = new Set<string>();
  private seenDay = "";
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly ctx: Pick<AppContext, "db" | "config" | "log">;

  constructor(ctx: Pick<AppContext, "db" | "config" | "log">) {
    this.ctx = ctx;
  }

  /** Counts the request's view; the visitor cookie to set when the reader had none. */
  count(workspaceId: string, topicId: string, request: Pick<FastifyRequest, "headers">): string | null {
    if (isBot(request.headers["user-agent"])) return null;
    const existing = visitorCookieOf(request);
    const cookie = existing ?? randomBytes(18).toString("base64url");
    const session = visitorSession(workspaceId, cookie);
    const day = new Date().toISOString().slice(0, 10);
    if (day !== this.seenDay) {
      this.seen.clear();
      this.seenDay = day;
    }
    const key = `${topicId}\n${session}`;
    if (!this.seen.has(key)) {
      if (this.seen.size >= MAX_SEEN) this.seen.clear();
      this.seen.add(key);
      this.queue.push({ workspaceId, topicId, session, day });
      if (this.queue.length >= FLUSH_AT) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
    }
    if (existing) return null;
    const secure = this.ctx.config.publicUrl.startsWith("https:") ? "; Secure" : "";
    return `${VISITOR_COOKIE}=${cookie}; Path=/; Max-Age=${365 * 24 * 3600}; HttpOnly; SameSite=Lax${secure}`;
  }

  /** Writes what is gathered (resolves when it is written; tests and shutdown wait for it). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const views = this.queue;
    this.queue = [];
    this.writing = this.writing.then(() =>
      views.length === 0
        ? undefined
        : write(this.ctx.db, views).catch((err) =>
            this.ctx.log.warn({ err, views: views.length }, "community topic views not counted"),
          ),
    );
    return this.writing;
  }
}

/** One statement: the new view rows (a visitor's second view of the day is a conflict) and the counts. */
async function write(db: Db, views: View[]): Promise<void> {
  await sql`
    with seen as (
      insert into community_topic_views (workspace_id, topic_id, session, day)
      select * from unnest(
        ${views.map((v) => v.workspaceId)}::uuid[], ${views.map((v) => v.topicId)}::uuid[],
        ${views.map((v) => v.session)}::text[], ${views.map((v) => v.day)}::date[])
      on conflict do nothing
      returning workspace_id, topic_id
    ), added as (select workspace_id, topic_id, count(*)::int as n from seen group by 1, 2)
    update community_topics t set view_count = t.view_count + added.n
    from added where t.id = added.topic_id and t.workspace_id = added.workspace_id`.execute(db);
}
