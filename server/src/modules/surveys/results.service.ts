import { sql } from "kysely";
import type { z } from "zod";
import type { surveyResponsesQuerySchema, surveySummaryQuerySchema } from "../../../../contracts/surveys.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";

type Ctx = Pick<AppContext, "db">;
type ResponsesQuery = z.infer<typeof surveyResponsesQuerySchema>;
type SummaryQuery = z.infer<typeof surveySummaryQuerySchema>;

/** A day given as a date means the whole day: `to=2026-11-30` includes the 30th. */
function range(q: { from?: string | undefined; to?: string | undefined }) {
  const from = q.from ? new Date(q.from) : undefined;
  let to = q.to ? new Date(q.to) : undefined;
  if (to && q.to && q.to.length === 10) to = new Date(to.getTime() + 86_400_000);
  if (from && to && from >= to) throw new AppError("validation_failed", "must be after from", "to");
  return { from, to };
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
const avg = (sum: number | null, n: number) =>
  n === 0 || sum === null ? null : Math.round((10 * sum) / n) / 10;

/** Responses for the case page, the customer panel, or an agent/team, newest first, with their averages. */
export async function listResponses(ctx: Ctx, actor: Actor, q: ResponsesQuery) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const { from, to } = range(q);
  let base = scope.db
    .selectFrom("survey_responses as r")
    .where("r.workspace_id", "=", scope.workspaceId)
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .innerJoin("cases as c", "c.id", "r.case_id")
    .innerJoin("customers as cu", "cu.id", "r.customer_id");
  if (q.caseId) base = base.where("r.case_id", "=", q.caseId);
  if (q.customerId) base = base.where("r.customer_id", "=", q.customerId);
  if (q.agentId) base = base.where("r.agent_id", "=", q.agentId);
  if (q.teamId) base = base.where("r.team_id", "=", q.teamId);
  if (from) base = base.where("r.responded_at", ">=", from);
  if (to) base = base.where("r.responded_at", "<", to);
  const rows = await base
    .select([
      "r.survey_id as surveyId",
      "r.case_id as caseId",
      "c.number as caseNumber",
      "r.customer_id as customerId",
      "cu.name as customerName",
      "r.agent_id as agentId",
      "r.team_id as teamId",
      "r.kind",
      "s.scale",
      "r.rating",
      "r.sentiment",
      "r.comment",
      "r.reason",
      "r.responded_at as respondedAt",
    ])
    .orderBy("r.responded_at", "desc")
    .limit(q.limit)
    .execute();
  const totals = await base
    .select([
      sql<number>`count(*) filter (where r.kind = 'csat')::int`.as("csat"),
      sql<number>`count(*) filter (where r.kind = 'csat' and r.sentiment = 'positive')::int`.as(
        "csatPositive",
      ),
      sql<number>`count(*) filter (where r.kind = 'ces')::int`.as("ces"),
      sql<number | null>`sum(r.rating) filter (where r.kind = 'ces')::float8`.as("cesSum"),
      sql<number>`count(*)::int`.as("count"),
    ])
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({ ...r, caseNumber: Number(r.caseNumber), respondedAt: iso(r.respondedAt) })),
    csatPositivePercent: pct(totals.csatPositive, totals.csat),
    cesAverage: avg(totals.cesSum, totals.ces),
    count: totals.count,
  };
}

/** CSAT % positive and CES average per agent or team (of the time of the solve). */
export async function surveySummary(ctx: Ctx, actor: Actor, q: SummaryQuery) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const { from, to } = range(q);
  const key = q.groupBy === "agent" ? sql.ref("r.agent_id") : sql.ref("r.team_id");
  const name =
    q.groupBy === "agent"
      ? sql<
          string | null
        >`(select u.name from memberships m join auth.user u on u.id = m.user_id where m.id = r.agent_id)`
      : sql<string | null>`(select t.name from teams t where t.id = r.team_id)`;
  let qb = scope.db.selectFrom("survey_responses as r").where("r.workspace_id", "=", scope.workspaceId);
  if (from) qb = qb.where("r.responded_at", ">=", from);
  if (to) qb = qb.where("r.responded_at", "<", to);
  const rows = await qb
    .select([
      sql<string | null>`${key}`.as("id"),
      sql<string | null>`min(${name})`.as("name"),
      sql<number>`count(*) filter (where r.kind = 'csat')::int`.as("csat"),
      sql<number>`count(*) filter (where r.kind = 'csat' and r.sentiment = 'positive')::int`.as(
        "csatPositive",
      ),
      sql<number>`count(*) filter (where r.kind = 'ces')::int`.as("ces"),
      sql<number | null>`sum(r.rating) filter (where r.kind = 'ces')::float8`.as("cesSum"),
      sql<number>`count(*) filter (where r.sentiment = 'negative')::int`.as("negative"),
    ])
    .groupBy(key)
    .orderBy(sql`count(*)`, "desc")
    .execute();
  return {
    groupBy: q.groupBy,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name ?? (q.groupBy === "agent" ? "Unassigned" : "No team"),
      csatCount: r.csat,
      csatPositivePercent: pct(r.csatPositive, r.csat),
      cesCount: r.ces,
      cesAverage: avg(r.cesSum, r.ces),
      negativeCount: r.negative,
    })),
  };
}
