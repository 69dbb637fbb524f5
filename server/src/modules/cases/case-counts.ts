import { type RawBuilder, sql } from "kysely";
import { type CaseCounts, OPEN_STATUSES } from "../../../../contracts/cases.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { listViews } from "../teams/views.service.ts";
import { type CaseFilters, filterSql, statusIn } from "./cases.repo.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Counting stops here: "999+" tells an agent as much as 48,213 would, and each count stays a
 * bounded range scan of its view's partial index (migration 0009) whatever the backlog.
 */
export const COUNT_CAP = 1000;

/**
 * Unsolved cases per inbox view (mine, unassigned, all, each team, the agent's saved views),
 * in one statement. The built-in and team counts name the unsolved statuses literally so they
 * read the partial indexes, index-only. Saved views with a text search are not counted (a
 * search per view per refresh would cost more than the inbox itself).
 */
export async function countCases(ctx: Ctx, actor: Actor): Promise<CaseCounts> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const ws = actor.workspaceId;
  const views = (await listViews(ctx, actor)).items;
  const open = statusIn("c.status", OPEN_STATUSES);
  const capped = (where: RawBuilder<boolean>) =>
    sql<number>`(select count(*)::int from (select 1 from cases c
       where c.workspace_id = ${ws} and ${open} and ${where} limit ${sql.lit(COUNT_CAP)}) x)`;
  const viewCount = (f: CaseFilters) => {
    const w = filterSql(f, undefined);
    const where = w.length > 0 ? sql.join(w, sql` and `) : sql`true`;
    return sql<number>`(select count(*)::int from (select 1 from cases
       where cases.workspace_id = ${ws} and ${where} limit ${sql.lit(COUNT_CAP)}) x)`;
  };
  const counted = views.filter((v) => !v.filters.q);
  const viewJson =
    counted.length > 0
      ? sql`json_build_object(${sql.join(counted.map((v) => sql`${v.id}::text, ${viewCount(filtersOf(v.filters, actor))}`))})`
      : sql`'{}'::json`;
  const { rows } = await sql<{ mine: number; unassigned: number; all: number; teams: object; views: object }>`
    select ${capped(sql`c.assignee_id = ${actor.membershipId}`)} as mine,
           ${capped(sql`c.assignee_id is null`)} as unassigned,
           ${capped(sql`true`)} as all,
           (select coalesce(json_object_agg(t.id, ${capped(sql`c.team_id = t.id`)}), '{}'::json)
              from teams t where t.workspace_id = ${ws}) as teams,
           ${viewJson} as views`.execute(scope.db);
  const row = rows[0] as NonNullable<(typeof rows)[0]>;
  const viewCounts: Record<string, number | null> = Object.fromEntries(views.map((v) => [v.id, null]));
  Object.assign(viewCounts, row.views);
  return {
    cap: COUNT_CAP,
    mine: row.mine,
    unassigned: row.unassigned,
    all: row.all,
    teams: row.teams as Record<string, number>,
    views: viewCounts,
  };
}

/** A saved view's filters as the list reads them (cases.service.ts listCasesFor). */
function filtersOf(f: Record<string, string>, actor: Actor): CaseFilters {
  const status = f.status;
  return {
    statuses:
      status === "all"
        ? undefined
        : status === undefined || status === "open"
          ? OPEN_STATUSES
          : status.split(","),
    assigneeId: f.assignee === "me" ? actor.membershipId : f.assignee === "none" ? null : f.assignee,
    teamId: f.team,
    tag: f.tag,
    customerId: f.customer,
  };
}
