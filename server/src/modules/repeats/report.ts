import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";

const DAY = 86_400_000;

/**
 * Repeat contacts counted per agent, team or topic (tag of the repeating case), in [from, to)
 * by detection time (default: the last 30 days). Agent and team are the earlier case's: a
 * repeat counts against the first answer (docs/retention-api.md).
 */
export async function repeatReport(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  q: { groupBy: "agent" | "team" | "topic"; from?: string | undefined; to?: string | undefined },
) {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
  if (from > to) throw new AppError("validation_failed", "from must be before to", "from");
  const ws = actor.workspaceId;
  const where = sql`rc.workspace_id = ${ws} and rc.detected_at >= ${from} and rc.detected_at < ${to}`;
  const { rows } =
    q.groupBy === "agent"
      ? await sql<{ key: string | null; label: string | null; count: string }>`
          select rc.agent_id as key, u.name as label, count(*) as count from repeat_contacts rc
            left join memberships m on m.id = rc.agent_id left join auth."user" u on u.id = m.user_id
           where ${where} group by rc.agent_id, u.name order by count(*) desc, u.name`.execute(ctx.db)
      : q.groupBy === "team"
        ? await sql<{ key: string | null; label: string | null; count: string }>`
            select rc.team_id as key, t.name as label, count(*) as count from repeat_contacts rc
              left join teams t on t.id = rc.team_id
             where ${where} group by rc.team_id, t.name order by count(*) desc, t.name`.execute(ctx.db)
        : await sql<{ key: string | null; label: string | null; count: string }>`
            select tag as key, tag as label, count(*) as count from repeat_contacts rc
              join cases c on c.id = rc.case_id
              left join lateral unnest(case when cardinality(c.tags) > 0 then c.tags else array[null]::text[] end) tag on true
             where ${where} group by tag order by count(*) desc, tag`.execute(ctx.db);
  const { rows: total } = await sql<{ n: string }>`
    select count(*) as n from repeat_contacts rc where ${where}`.execute(ctx.db);
  const none = { agent: "Unassigned", team: "No team", topic: "No tag" }[q.groupBy];
  return {
    groupBy: q.groupBy,
    from: from.toISOString(),
    to: to.toISOString(),
    total: Number(total[0]?.n ?? 0),
    items: rows.map((r) => ({ key: r.key, label: r.label ?? none, count: Number(r.count) })),
  };
}
