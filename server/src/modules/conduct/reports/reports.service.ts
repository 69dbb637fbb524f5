import { sql } from "kysely";
import type { ConductReport } from "../../../../../contracts/conduct.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { assertManager } from "../ladder/conduct.policy.ts";

const DAY_MS = 86_400_000;

/**
 * The conduct report for [from, to) (default: the last 12 months), managers only:
 * - flags per month by outcome: confirmed, cleared, unconfirmed (by when they were flagged);
 * - the average time from a customer's first confirmed flag (since their previous step) to a
 *   manager's decision, over the steps decided in the period;
 * - the agents most exposed to abuse (abusive messages on cases assigned to them), so leads
 *   can offer care: this is about who needs support, never about blame.
 */
export async function conductReport(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<ConductReport> {
  await assertManager(ctx.db, actor);
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 365 * DAY_MS);
  const ws = actor.workspaceId;
  const abusive = sql`(a.verdict = 'abusive' or (a.outcome = 'abusive' and a.verdict is null))`;
  const [months, decisions, agents] = await Promise.all([
    sql<{ month: string; flagged: number; confirmed: number; cleared: number; unconfirmed: number }>`
      select to_char(date_trunc('month', a.assessed_at at time zone 'UTC'), 'YYYY-MM') as month,
             count(*)::int as flagged,
             count(*) filter (where a.verdict = 'abusive')::int as confirmed,
             count(*) filter (where a.verdict = 'not_abusive')::int as cleared,
             count(*) filter (where a.verdict is null)::int as unconfirmed
        from text_assessments a
       where a.workspace_id = ${ws} and a.assessed_at >= ${from} and a.assessed_at < ${to}
         and (a.outcome = 'abusive' or a.verdict is not null)
       group by 1 order by 1`.execute(ctx.db),
    sql<{ n: number; avg_hours: number | null }>`
      select count(*)::int as n, avg(extract(epoch from (s.decided_at - first.at)) / 3600.0)::float8 as avg_hours
        from conduct_steps s
        cross join lateral (
          select min(a.verdict_at) as at from text_assessments a
           where a.workspace_id = s.workspace_id and a.customer_id = s.customer_id and a.verdict = 'abusive'
             and a.verdict_at <= s.decided_at
             and a.verdict_at > coalesce((select max(p.decided_at) from conduct_steps p
                                           where p.workspace_id = s.workspace_id and p.customer_id = s.customer_id
                                             and p.decided_at < s.decided_at), '-infinity')) first
       where s.workspace_id = ${ws} and s.decided_at >= ${from} and s.decided_at < ${to} and first.at is not null`.execute(
      ctx.db,
    ),
    sql<{ membershipId: string; name: string; abusiveMessages: number }>`
      select c.assignee_id as "membershipId", u.name, count(*)::int as "abusiveMessages"
        from text_assessments a
        join cases c on c.id = a.case_id
        join memberships m on m.id = c.assignee_id
        join auth."user" u on u.id = m.user_id
       where a.workspace_id = ${ws} and a.assessed_at >= ${from} and a.assessed_at < ${to} and ${abusive}
       group by c.assignee_id, u.name
       order by 3 desc, 2
       limit 20`.execute(ctx.db),
  ]);
  const d = decisions.rows[0];
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    months: months.rows,
    averageHoursToDecision: d?.avg_hours == null ? null : Math.round(d.avg_hours * 10) / 10,
    decisions: d?.n ?? 0,
    agentsExposed: agents.rows,
  };
}
