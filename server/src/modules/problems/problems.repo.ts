import { sql } from "kysely";
import type { AffectedProduct, ProblemStatus } from "../../../../contracts/problems.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { renderWorkaround } from "./workaround.ts";

/** The next P-number: a counter row upserted inside the creating transaction (no gaps, no repeats). */
export async function nextProblemNumber(scope: TenantScope): Promise<number> {
  const row = await sql<{ n: number }>`
    insert into problem_numbers (workspace_id, last_number) values (${scope.workspaceId}, 1)
    on conflict (workspace_id) do update set last_number = problem_numbers.last_number + 1
    returning last_number as n`.execute(scope.db);
  return Number(row.rows[0]?.n);
}

/**
 * Problems with what lists and pages show: owner and team names, and the linked cases'
 * counts and first/last creation, computed per row from problem_cases (indexed by problem).
 */
function problemQuery(scope: TenantScope) {
  return scope
    .selectFrom("problems")
    .leftJoin("memberships as om", "om.id", "problems.owner_id")
    .leftJoin("auth.user as ou", "ou.id", "om.user_id")
    .leftJoin("teams as t", "t.id", "problems.team_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("problem_cases as pc")
          .innerJoin("cases as c", "c.id", "pc.case_id")
          .whereRef("pc.problem_id", "=", "problems.id")
          .select([
            sql<number>`count(*)::int`.as("caseCount"),
            sql<number>`(count(*) filter (where c.status in ('new', 'open', 'pending', 'on_hold')))::int`.as(
              "openCaseCount",
            ),
            sql<number>`count(distinct c.customer_id)::int`.as("customerCount"),
            sql<Date | null>`min(c.created_at)`.as("firstSeenAt"),
            sql<Date | null>`max(c.created_at)`.as("lastSeenAt"),
          ])
          .as("s"),
      (join) => join.onTrue(),
    )
    .select([
      "problems.id",
      "problems.number",
      "problems.title",
      "problems.description",
      "problems.status",
      "problems.public_title as publicTitle",
      "problems.public_workaround as publicWorkaround",
      "problems.affected_products as affectedProducts",
      "problems.owner_id as ownerId",
      "ou.name as ownerName",
      "problems.team_id as teamId",
      "t.name as teamName",
      "problems.created_at as createdAt",
      "problems.updated_at as updatedAt",
      "s.caseCount",
      "s.openCaseCount",
      "s.customerCount",
      "s.firstSeenAt",
      "s.lastSeenAt",
    ]);
}
export type ProblemRow = Awaited<ReturnType<ReturnType<typeof problemQuery>["execute"]>>[number];

export function presentProblem(r: ProblemRow) {
  return {
    id: r.id,
    number: Number(r.number),
    title: r.title,
    description: r.description,
    status: r.status as ProblemStatus,
    publicTitle: r.publicTitle,
    publicWorkaround: r.publicWorkaround,
    publicWorkaroundHtml: renderWorkaround(r.publicWorkaround),
    affectedProducts: r.affectedProducts as AffectedProduct[],
    owner: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? "" } : null,
    team: r.teamId ? { id: r.teamId, name: r.teamName ?? "" } : null,
    caseCount: Number(r.caseCount ?? 0),
    openCaseCount: Number(r.openCaseCount ?? 0),
    customerCount: Number(r.customerCount ?? 0),
    firstSeenAt: iso(r.firstSeenAt ? new Date(r.firstSeenAt) : null),
    lastSeenAt: iso(r.lastSeenAt ? new Date(r.lastSeenAt) : null),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function findProblem(scope: TenantScope, id: string) {
  return problemQuery(scope).where("problems.id", "=", id).executeTakeFirst();
}

export function listProblems(
  scope: TenantScope,
  filter: {
    statuses?: readonly string[] | undefined;
    number?: number | undefined;
    words?: string | undefined;
  },
  limit = 200,
) {
  let q = problemQuery(scope);
  if (filter.statuses) q = q.where("problems.status", "in", filter.statuses);
  if (filter.number !== undefined || filter.words) {
    q = q.where((eb) =>
      eb.or([
        ...(filter.number !== undefined ? [eb("problems.number", "=", filter.number)] : []),
        ...(filter.words
          ? [eb(sql`lower(problems.title)`, "like", `%${escapeLike(filter.words.toLowerCase())}%`)]
          : []),
      ]),
    );
  }
  return q.orderBy("problems.updated_at", "desc").orderBy("problems.id", "desc").limit(limit).execute();
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Locks the problem row so concurrent changes to it queue up. */
export function lockProblem(scope: TenantScope, id: string) {
  return scope.selectFrom("problems").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}
export type LockedProblem = NonNullable<Awaited<ReturnType<typeof lockProblem>>>;

export async function insertProblemEvent(
  scope: TenantScope,
  e: { problemId: string; kind: string; actorUserId: string | null; actorName: string | null; data: object },
) {
  await scope
    .insertInto("problem_events", {
      problem_id: e.problemId,
      kind: e.kind,
      actor_user_id: e.actorUserId,
      actor_name: e.actorName,
      data: JSON.stringify(e.data),
    })
    .execute();
}

export async function listProblemEvents(scope: TenantScope, problemId: string, limit = 200) {
  const rows = await scope
    .selectFrom("problem_events")
    .select(["id", "kind", "actor_name as actorName", "data", "created_at as createdAt"])
    .where("problem_id", "=", problemId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    actorName: r.actorName,
    data: r.data as Record<string, unknown>,
    occurredAt: iso(r.createdAt),
  }));
}

/** Linked cases, newest link first, with their customers; at most `limit`. */
export async function linkedCases(scope: TenantScope, problemId: string, limit = 1000) {
  const rows = await scope
    .selectFrom("problem_cases")
    .innerJoin("cases as c", "c.id", "problem_cases.case_id")
    .innerJoin("customers as cu", "cu.id", "c.customer_id")
    .select([
      "c.id as caseId",
      "c.number",
      "c.subject",
      "c.status",
      "c.channel",
      "cu.id as customerId",
      "cu.name as customerName",
      sql<boolean>`(c.waiting_on_problem_id = problem_cases.problem_id and c.status = 'pending')`.as(
        "waiting",
      ),
      "problem_cases.reason",
      "problem_cases.linked_at as linkedAt",
      "c.created_at as createdAt",
    ])
    .where("problem_cases.problem_id", "=", problemId)
    .orderBy("problem_cases.linked_at", "desc")
    .orderBy("c.number", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    caseId: r.caseId,
    number: Number(r.number),
    subject: r.subject,
    status: r.status,
    channel: r.channel,
    customer: { id: r.customerId, name: r.customerName },
    waiting: Boolean(r.waiting),
    reason: r.reason,
    linkedAt: iso(r.linkedAt),
    createdAt: iso(r.createdAt),
  }));
}

/** New linked cases per day over the last `days` days, oldest first, days without cases as 0. */
export async function casesPerDay(scope: TenantScope, problemId: string, days = 30) {
  const rows = await sql<{ day: string; count: number }>`
    select to_char(d.day, 'YYYY-MM-DD') as day, count(c.id)::int as count
      from generate_series((now() at time zone 'UTC')::date - ${days - 1}::int, (now() at time zone 'UTC')::date, interval '1 day') as d(day)
      left join problem_cases pc on pc.problem_id = ${problemId} and pc.workspace_id = ${scope.workspaceId}
      left join cases c on c.id = pc.case_id and (c.created_at at time zone 'UTC')::date = d.day
     group by d.day order by d.day`.execute(scope.db);
  return rows.rows.map((r) => ({ day: r.day, count: Number(r.count) }));
}

export async function linkedEscalations(scope: TenantScope, problemId: string) {
  const rows = await scope
    .selectFrom("problem_escalations")
    .innerJoin("escalations as e", "e.id", "problem_escalations.escalation_id")
    .innerJoin("cases as c", "c.id", "e.case_id")
    .select(["e.id", "e.case_id as caseId", "c.number as caseNumber", "e.summary", "e.status"])
    .where("problem_escalations.problem_id", "=", problemId)
    .orderBy("problem_escalations.linked_at")
    .execute();
  return rows.map((r) => ({ ...r, caseNumber: Number(r.caseNumber) }));
}
