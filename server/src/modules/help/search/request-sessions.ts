import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";
import type { HelpReader } from "../help.policy.ts";

/**
 * Request sessions (issue #15): one row per new-request form a signed-in customer typed into,
 * with whether the session was in the holdout (saw no suggestions) and how it ended, so the
 * analytics can compare how often each group opened a case. A session starts when the form
 * first asks for suggestions; it ends as `deflected` when the customer says an article solved
 * it, and as `case` when they send the request anyway (the case's own transaction sets it).
 */

type Ctx = Pick<AppContext, "db">;

/** Notes that this customer's form session asked for suggestions (first call creates the row). */
export async function recordRequestSession(
  ctx: Ctx,
  reader: HelpReader,
  sessionId: string,
  holdout: boolean,
) {
  if (reader.kind !== "customer" || !reader.actor) return;
  const customer = await findCustomerForUser(
    new TenantScope(ctx.db, reader.workspaceId),
    reader.actor.userId,
  );
  if (!customer) return;
  await sql`
    insert into help_request_sessions (workspace_id, session_id, customer_id, holdout)
    values (${reader.workspaceId}, ${sessionId}, ${customer.id}, ${holdout})
    on conflict (workspace_id, session_id) do update set updated_at = now()
      where help_request_sessions.customer_id = excluded.customer_id`.execute(ctx.db);
}

/**
 * Sets how a session ended, in the caller's transaction. A case wins over a deflection (the
 * customer came back and asked anyway); only the session's own customer can end it.
 */
export async function endRequestSession(
  scope: TenantScope,
  input: { sessionId: string; customerId: string; outcome: "case" | "deflected" },
) {
  await sql`
    update help_request_sessions set outcome = ${input.outcome}, updated_at = now()
    where workspace_id = ${scope.workspaceId} and session_id = ${input.sessionId}
      and customer_id = ${input.customerId}
      and (${input.outcome} = 'case' or outcome is null)`.execute(scope.db);
}

/** Holdout against suggested sessions over the last 90 days: how many, and how they ended. */
export async function holdoutComparison(ctx: Ctx, workspaceId: string) {
  const { rows } = await sql<{
    holdoutSessions: number;
    holdoutCases: number;
    suggestedSessions: number;
    suggestedCases: number;
    suggestedDeflected: number;
  }>`
    select count(*) filter (where holdout)::int as "holdoutSessions",
           count(*) filter (where holdout and outcome = 'case')::int as "holdoutCases",
           count(*) filter (where not holdout)::int as "suggestedSessions",
           count(*) filter (where not holdout and outcome = 'case')::int as "suggestedCases",
           count(*) filter (where not holdout and outcome = 'deflected')::int as "suggestedDeflected"
    from help_request_sessions
    where workspace_id = ${workspaceId} and created_at > now() - interval '90 days'`.execute(ctx.db);
  return rows[0] as NonNullable<(typeof rows)[0]>;
}
