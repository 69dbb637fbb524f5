import { sql } from "kysely";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";
import { doerOf } from "../../customers/customers.service.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { articleNotFound, canReadArticle, type HelpReader } from "../help.policy.ts";
import { endRequestSession } from "./request-sessions.ts";

type Ctx = Pick<AppContext, "db">;

/** The article if this reader may read it, else 404 (never 403). */
async function readableArticle(ctx: Ctx, reader: HelpReader, id: string) {
  const a = await new TenantScope(ctx.db, reader.workspaceId)
    .selectFrom("help_articles")
    .where("id", "=", id)
    .select(["id", "title", "slug", "state", "visibility"])
    .executeTakeFirst();
  if (!a || !canReadArticle(reader, a)) throw articleNotFound();
  return a;
}

export async function recordVote(
  ctx: Ctx,
  reader: HelpReader,
  articleId: string,
  input: { helpful: boolean; reason?: string | undefined; session?: string | undefined },
) {
  await readableArticle(ctx, reader, articleId);
  if (input.helpful && input.reason) {
    throw new AppError("validation_failed", "A reason is given only when the article did not help", "reason");
  }
  const row = await new TenantScope(ctx.db, reader.workspaceId)
    .insertInto("help_article_votes", {
      article_id: articleId,
      helpful: input.helpful,
      reason: input.reason ?? null,
      session: input.session ?? null,
      user_id: reader.kind === "anonymous" ? null : (reader.actor?.userId ?? null),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

/** One view per session per article per (UTC) day; repeats are ignored. */
export async function recordView(ctx: Ctx, reader: HelpReader, articleId: string, session: string) {
  await readableArticle(ctx, reader, articleId);
  await insertView(ctx, reader.workspaceId, articleId, session);
}

/** The view row itself, for callers that already know the reader may read the article. */
export async function insertView(ctx: Ctx, workspaceId: string, articleId: string, session: string) {
  await sql`
    insert into help_article_views (workspace_id, article_id, session, day)
    values (${workspaceId}, ${articleId}, ${session}, (now() at time zone 'utc')::date)
    on conflict do nothing`.execute(ctx.db);
}

export async function recordDeflection(
  ctx: Ctx,
  actor: Actor,
  input: {
    query: string;
    session: string;
    articleId?: string | undefined;
    playbookSlug?: string | undefined;
  },
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const customer = await findCustomerForUser(scope, actor.userId);
  if (!customer) throw new AppError("not_found", "No customer record belongs to this sign-in");
  if (input.articleId) {
    await readableArticle(
      ctx,
      { kind: "customer", workspaceId: actor.workspaceId, actor },
      input.articleId,
    ).catch(() => {
      throw articleNotFound("articleId");
    });
  }
  const row = await ctx.db.transaction().execute(async (tx) => {
    const txScope = new TenantScope(tx, actor.workspaceId);
    const inserted = await txScope
      .insertInto("help_deflections", {
        customer_id: customer.id,
        query: input.query,
        session: input.session,
        article_id: input.articleId ?? null,
        playbook_slug: input.playbookSlug ?? null,
      })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    await endRequestSession(txScope, {
      sessionId: input.session,
      customerId: customer.id,
      outcome: "deflected",
    });
    return inserted;
  });
  return { id: row.id, createdAt: new Date(row.created_at).toISOString() };
}

const markdownEscape = (s: string) => s.replace(/([\\[\]()])/g, "\\$1");

/** Shares a published article on a case: a timeline event the customer sees, and a link to paste. */
export async function shareArticle(
  ctx: Pick<AppContext, "db" | "config">,
  actor: Actor,
  caseId: string,
  articleId: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const c = await scope
      .selectFrom("cases")
      .where("id", "=", caseId)
      .select(["id", "customer_id"])
      .executeTakeFirst();
    if (!c) throw new AppError("not_found", "Case was not found");
    const a = await scope
      .selectFrom("help_articles")
      .where("id", "=", articleId)
      .select(["id", "title", "slug", "state", "visibility"])
      .executeTakeFirst();
    if (!a) throw articleNotFound("articleId");
    if (a.state !== "published" || a.visibility === "agents") {
      throw new AppError("conflict", "Only published articles customers may read can be shared", "articleId");
    }
    const url = `${ctx.config.publicUrl}/help/articles/${a.slug}`;
    await appendEvent(scope, {
      customerId: c.customer_id,
      caseId: c.id,
      kind: "article.shared",
      data: { articleId: a.id, title: a.title, url },
      doer: doerOf(actor),
    });
    return { url, title: a.title, markdownLink: `[${markdownEscape(a.title)}](${url})` };
  });
}
