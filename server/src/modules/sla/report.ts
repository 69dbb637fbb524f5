import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError, forbidden } from "../../platform/http/errors.ts";

type Ctx = Pick<AppContext, "db">;

function parse(v: string | undefined, field: string, fallback: Date) {
  if (!v) return fallback;
  const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(d.getTime())) throw new AppError("validation_failed", "must be a date or time", field);
  return d;
}

/**
 * Attainment per team over [from, to): how many first replies, next replies and resolutions
 * met their due and how many breached, from the outcomes recorded as they happened. A date
 * `to` includes that whole day. Default: the last 30 days.
 */
export async function slaReport(
  ctx: Ctx,
  actor: Actor,
  q: { from?: string | undefined; to?: string | undefined },
) {
  if (!actor.permissions.includes("cases.read") || actor.role === "customer") throw forbidden();
  const now = new Date();
  const to = parse(q.to, "to", now);
  if (q.to && q.to.length === 10) to.setUTCDate(to.getUTCDate() + 1);
  const from = parse(q.from, "from", new Date(to.getTime() - 30 * 86_400_000));
  if (from >= to) throw new AppError("validation_failed", "from must be before to", "from");
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const { rows } = await sql<{
    team_id: string | null;
    team_name: string | null;
    target: string;
    met: string;
    breached: string;
  }>`
    select o.team_id, t.name as team_name, o.target,
           count(*) filter (where o.outcome = 'met') as met,
           count(*) filter (where o.outcome = 'breached') as breached
      from sla_outcomes o left join teams t on t.id = o.team_id
     where o.workspace_id = ${scope.workspaceId} and o.at >= ${from} and o.at < ${to}
     group by o.team_id, t.name, o.target
     order by t.name nulls last`.execute(scope.db);
  const empty = () => ({ met: 0, breached: 0, attainment: null as number | null });
  const teams = new Map<
    string,
    {
      teamId: string | null;
      teamName: string | null;
      firstReply: ReturnType<typeof empty>;
      nextReply: ReturnType<typeof empty>;
      resolution: ReturnType<typeof empty>;
    }
  >();
  for (const r of rows) {
    const key = r.team_id ?? "";
    const team = teams.get(key) ?? {
      teamId: r.team_id,
      teamName: r.team_name,
      firstReply: empty(),
      nextReply: empty(),
      resolution: empty(),
    };
    teams.set(key, team);
    const slot =
      r.target === "first_reply"
        ? team.firstReply
        : r.target === "next_reply"
          ? team.nextReply
          : team.resolution;
    slot.met = Number(r.met);
    slot.breached = Number(r.breached);
    slot.attainment = slot.met + slot.breached ? slot.met / (slot.met + slot.breached) : null;
  }
  return { from: from.toISOString(), to: to.toISOString(), teams: [...teams.values()] };
}

/** The signed-in staff member's SLA notices, newest first. */
export async function myNotifications(ctx: Ctx, actor: Actor) {
  const { rows } = await sql<{
    id: string;
    case_id: string;
    number: string;
    subject: string;
    kind: "warning" | "breached";
    created_at: Date;
  }>`
    select n.id, n.case_id, c.number, c.subject, n.kind, n.created_at
      from sla_notifications n join cases c on c.id = n.case_id
     where n.workspace_id = ${actor.workspaceId} and n.membership_id = ${actor.membershipId}
     order by n.created_at desc limit 100`.execute(ctx.db);
  return {
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNumber: Number(r.number),
      subject: r.subject,
      kind: r.kind,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}
