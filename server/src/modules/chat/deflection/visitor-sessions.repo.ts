import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * A widget visitor's help sessions and deflections, in the help center's own tables
 * (help_request_sessions, help_deflections; migration 0067 lets them name a chat visitor), so
 * the help center's deflection report and holdout comparison count the widget with the portal.
 */

/** Notes what the visitor typed in this session (first call creates the row). */
export async function rememberVisitorSession(
  scope: TenantScope,
  s: { sessionId: string; visitorId: string; customerId: string | null; holdout: boolean; query: string },
) {
  await sql`
    insert into help_request_sessions (workspace_id, session_id, customer_id, chat_visitor_id, holdout, last_query)
    values (${scope.workspaceId}, ${s.sessionId}, ${s.customerId}, ${s.visitorId}, ${s.holdout}, ${s.query})
    on conflict (workspace_id, session_id) do update
      set last_query = excluded.last_query, updated_at = now()
      where help_request_sessions.chat_visitor_id = excluded.chat_visitor_id`.execute(scope.db);
}

export async function findVisitorSession(scope: TenantScope, sessionId: string, visitorId: string) {
  const { rows } = await sql<{ lastQuery: string | null; outcome: string | null }>`
    select last_query as "lastQuery", outcome from help_request_sessions
     where workspace_id = ${scope.workspaceId} and session_id = ${sessionId} and chat_visitor_id = ${visitorId}
     for update`.execute(scope.db);
  return rows[0];
}

export async function insertVisitorDeflection(
  scope: TenantScope,
  d: {
    visitorId: string;
    customerId: string | null;
    query: string;
    session: string;
    articleId: string | null;
    playbookSlug: string | null;
  },
) {
  const { rows } = await sql<{ id: string; createdAt: Date }>`
    insert into help_deflections (workspace_id, customer_id, chat_visitor_id, query, session, article_id, playbook_slug)
    values (${scope.workspaceId}, ${d.customerId}, ${d.visitorId}, ${d.query}, ${d.session}, ${d.articleId}, ${d.playbookSlug})
    returning id, created_at as "createdAt"`.execute(scope.db);
  return rows[0] as { id: string; createdAt: Date };
}

/** How a visitor's session ended; a case wins over a deflection (they asked anyway). */
export async function endVisitorSession(
  scope: TenantScope,
  s: { sessionId: string; visitorId: string; outcome: "case" | "deflected" },
) {
  await sql`
    update help_request_sessions set outcome = ${s.outcome}, updated_at = now()
     where workspace_id = ${scope.workspaceId} and session_id = ${s.sessionId}
       and chat_visitor_id = ${s.visitorId} and (${s.outcome} = 'case' or outcome is null)`.execute(scope.db);
}

/** Sessions a visitor typed into within the last hour end as "case" when they start a chat. */
export async function endRecentVisitorSessionsAsCase(scope: TenantScope, visitorId: string) {
  await sql`
    update help_request_sessions set outcome = 'case', updated_at = now()
     where workspace_id = ${scope.workspaceId} and chat_visitor_id = ${visitorId}
       and updated_at > now() - interval '1 hour'`.execute(scope.db);
}
