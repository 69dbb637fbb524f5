import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { canReadArticle, type HelpReader } from "../../help/help.policy.ts";
import { suggestions } from "../../help/search/search.service.ts";
import type { ChatStarted } from "../chat-hooks.ts";
import type { VisitorRow } from "../visitors.repo.ts";
import {
  endRecentVisitorSessionsAsCase,
  endVisitorSession,
  findVisitorSession,
  insertVisitorDeflection,
  rememberVisitorSession,
} from "./visitor-sessions.repo.ts";

type Ctx = Pick<AppContext, "db">;

/** A visitor reads what an anonymous reader of the help center reads: published, public articles. */
const readerOf = (visitor: VisitorRow): HelpReader => ({
  kind: "anonymous",
  workspaceId: visitor.workspace_id,
});

/**
 * Suggestions while the visitor types their first message: the help center's own suggestion
 * service (ranking, holdout, content gaps), and the session noted for its measures.
 */
export async function widgetSuggestions(
  ctx: Ctx,
  visitor: VisitorRow,
  input: { q: string; helpSessionId: string },
) {
  // Playbooks too (the issue asks for both): the widget links them to the portal, where the
  // visitor signs in to run one, since a run is recorded on a customer.
  const result = await suggestions(ctx, readerOf(visitor), {
    q: input.q,
    session: input.helpSessionId,
    playbooks: true,
  });
  if (input.q.trim().length >= 3) {
    await rememberVisitorSession(new TenantScope(ctx.db, visitor.workspace_id), {
      sessionId: input.helpSessionId,
      visitorId: visitor.id,
      customerId: visitor.customer_id,
      holdout: result.holdout,
      query: input.q.trim(),
    });
  }
  return result;
}

/**
 * The visitor found the answer and leaves without a case: a deflection in the help center's
 * table (counted in its report) and the session ended as "deflected", in one transaction.
 * Only the visitor's own session (else 404 naming helpSessionId), and only an article they
 * could read or a playbook of this workspace (else 404 naming it).
 */
export async function recordWidgetDeflection(
  ctx: Ctx,
  visitor: VisitorRow,
  input: { helpSessionId: string; articleId?: string | undefined; playbookId?: string | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, visitor.workspace_id);
    const session = await findVisitorSession(scope, input.helpSessionId, visitor.id);
    if (!session)
      throw new AppError("not_found", "No suggestions were shown in this help session", "helpSessionId");
    let articleId: string | null = null;
    if (input.articleId) {
      const a = await scope
        .selectFrom("help_articles")
        .select(["id", "state", "visibility"])
        .where("id", "=", input.articleId)
        .executeTakeFirst();
      if (!a || !canReadArticle(readerOf(visitor), a))
        throw new AppError("not_found", "Article was not found", "articleId");
      articleId = a.id;
    }
    let playbookSlug: string | null = null;
    if (input.playbookId) {
      const p = await scope
        .selectFrom("playbooks")
        .select("slug")
        .where("id", "=", input.playbookId)
        .executeTakeFirst();
      if (!p) throw new AppError("not_found", "Playbook was not found", "playbookId");
      playbookSlug = p.slug;
    }
    const row = await insertVisitorDeflection(scope, {
      visitorId: visitor.id,
      customerId: visitor.customer_id,
      query: session.lastQuery ?? "",
      session: input.helpSessionId,
      articleId,
      playbookSlug,
    });
    await endVisitorSession(scope, {
      sessionId: input.helpSessionId,
      visitorId: visitor.id,
      outcome: "deflected",
    });
    return { id: row.id, createdAt: new Date(row.createdAt).toISOString() };
  });
}

/** `onChatStarted`: the visitor asked anyway, so the sessions they just typed into end as "case". */
export async function endHelpSessionsOnChat(event: ChatStarted) {
  await endRecentVisitorSessionsAsCase(event.scope, event.visitorId);
}
