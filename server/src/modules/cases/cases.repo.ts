import { sql } from "kysely";
import { exactTime, type Keyset } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** Cases with what a list row or a case header needs: customer, assignee and team names. */
function caseQuery(scope: TenantScope) {
  return scope
    .selectFrom("cases")
    .innerJoin("customers as cu", "cu.id", "cases.customer_id")
    .leftJoin("memberships as am", "am.id", "cases.assignee_id")
    .leftJoin("auth.user as au", "au.id", "am.user_id")
    .leftJoin("teams as t", "t.id", "cases.team_id")
    .select([
      "cases.id as id",
      "cases.number as number",
      "cases.subject as subject",
      "cases.status as status",
      "cases.priority as priority",
      "cases.channel as channel",
      "cases.tags as tags",
      "cases.customer_id as customerId",
      "cu.name as customerName",
      "cu.organization as customerOrganization",
      "cases.assignee_id as assigneeId",
      "au.name as assigneeName",
      "cases.team_id as teamId",
      "t.name as teamName",
      "cases.created_at as createdAt",
      "cases.updated_at as updatedAt",
      "cases.last_activity_at as lastActivityAt",
      "cases.waiting_since as waitingSince",
      exactTime("cases.last_activity_at").as("cursorAt"),
    ]);
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQuery>["execute"]>>[number];

export function presentCase(r: CaseRow) {
  return {
    id: r.id,
    number: Number(r.number),
    subject: r.subject,
    status: r.status as "new",
    priority: r.priority as "normal",
    channel: r.channel,
    tags: r.tags,
    customer: { id: r.customerId, name: r.customerName, organization: r.customerOrganization },
    assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? "" } : null,
    team: r.teamId ? { id: r.teamId, name: r.teamName ?? "" } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    lastActivityAt: r.lastActivityAt.toISOString(),
    waitingSince: r.waitingSince ? r.waitingSince.toISOString() : null,
  };
}

/** The next case number of the workspace; the row lock serialises concurrent creations. */
export async function nextCaseNumber(scope: TenantScope): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    insert into case_numbers (workspace_id, last_number) values (${scope.workspaceId}, 1)
    on conflict (workspace_id) do update set last_number = case_numbers.last_number + 1
    returning last_number as n`.execute(scope.db);
  return Number(rows[0]?.n);
}

export async function insertCase(
  scope: TenantScope,
  input: {
    number: number;
    customerId: string;
    subject: string;
    channel: string;
    priority: string;
    tags: string[];
    assigneeId: string | null;
    teamId: string | null;
  },
) {
  const row = await scope
    .insertInto("cases", {
      number: input.number,
      customer_id: input.customerId,
      subject: input.subject,
      channel: input.channel,
      priority: input.priority,
      tags: input.tags,
      assignee_id: input.assigneeId,
      team_id: input.teamId,
      waiting_since: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findCase(scope: TenantScope, id: string) {
  return caseQuery(scope).where("cases.id", "=", id).executeTakeFirst();
}

export async function findCaseByNumber(scope: TenantScope, number: number) {
  return caseQuery(scope).where("cases.number", "=", number).executeTakeFirst();
}

export async function lockCase(scope: TenantScope, id: string) {
  return scope
    .selectFrom("cases")
    .select([
      "id",
      "customer_id as customerId",
      "status",
      "priority",
      "assignee_id as assigneeId",
      "team_id as teamId",
      "tags",
      "subject",
    ])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export type CaseFilters = {
  statuses: string[] | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | undefined;
  tag?: string | undefined;
  customerId?: string | undefined;
  text?: string | undefined;
};

/** Inbox order: most recent activity first; keyset on (last_activity_at, id). */
export async function listCases(
  scope: TenantScope,
  f: CaseFilters,
  after: Keyset | undefined,
  limit: number,
) {
  let q = caseQuery(scope)
    .orderBy("cases.last_activity_at", "desc")
    .orderBy("cases.id", "desc")
    .limit(limit + 1);
  if (f.statuses) q = q.where("cases.status", "in", f.statuses);
  if (f.assigneeId === null) q = q.where("cases.assignee_id", "is", null);
  else if (f.assigneeId) q = q.where("cases.assignee_id", "=", f.assigneeId);
  if (f.teamId) q = q.where("cases.team_id", "=", f.teamId);
  if (f.tag) q = q.where(sql<boolean>`cases.tags @> array[${f.tag}]::text[]`);
  if (f.customerId) q = q.where("cases.customer_id", "=", f.customerId);
  if (f.text) {
    const like = `%${f.text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const asNumber = /^#?\d{1,12}$/.test(f.text) ? Number(f.text.replace("#", "")) : undefined;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(cases.subject)`, "like", like),
        ...(asNumber !== undefined ? [eb("cases.number", "=", asNumber)] : []),
        eb.exists(
          eb
            .selectFrom("messages as m")
            .select(sql`1`.as("one"))
            .whereRef("m.case_id", "=", "cases.id")
            .where(sql<boolean>`to_tsvector('simple', m.body) @@ plainto_tsquery('simple', ${f.text})`),
        ),
      ]),
    );
  }
  if (after) {
    q = q.where(
      sql<boolean>`(cases.last_activity_at, cases.id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return q.execute();
}

export async function updateCaseRow(
  scope: TenantScope,
  id: string,
  set: Partial<{
    subject: string;
    status: string;
    priority: string;
    assignee_id: string | null;
    team_id: string | null;
    tags: string[];
    waiting_since: Date | null;
    last_activity_at: Date;
  }>,
) {
  await scope
    .updateTable("cases")
    .set({ ...set, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}
