import { sql } from "kysely";
import type { EscalationStatus } from "../../../../contracts/escalations.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { iso } from "../../platform/http/route-kit.ts";

/** Escalations with what the queue and the escalation page show: case, customer, assignee. */
function escalationQuery(scope: TenantScope) {
  return scope
    .selectFrom("escalations")
    .innerJoin("cases as c", "c.id", "escalations.case_id")
    .innerJoin("customers as cu", "cu.id", "escalations.customer_id")
    .leftJoin("memberships as am", "am.id", "escalations.assignee_id")
    .leftJoin("auth.user as au", "au.id", "am.user_id")
    .select([
      "escalations.id as id",
      "escalations.case_id as caseId",
      "c.number as caseNumber",
      "c.subject as caseSubject",
      "escalations.customer_id as customerId",
      "cu.name as customerName",
      "escalations.summary as summary",
      "escalations.question as question",
      "escalations.run_id as runId",
      "escalations.status as status",
      "escalations.created_by as createdBy",
      "escalations.created_by_name as createdByName",
      "escalations.assignee_id as assigneeId",
      "au.name as assigneeName",
      "escalations.findings as findings",
      "escalations.findings_by_name as findingsBy",
      "escalations.findings_at as findingsAt",
      "escalations.created_at as createdAt",
      "escalations.updated_at as updatedAt",
      "escalations.closed_at as closedAt",
      sql<number>`(select count(*) from case_tasks t where t.escalation_id = escalations.id and t.status = 'open')::int`.as(
        "openTasks",
      ),
    ]);
}
export type EscalationRow = Awaited<ReturnType<ReturnType<typeof escalationQuery>["execute"]>>[number];

export function presentEscalation(r: EscalationRow) {
  return {
    id: r.id,
    caseId: r.caseId,
    caseNumber: Number(r.caseNumber),
    caseSubject: r.caseSubject,
    customer: { id: r.customerId, name: r.customerName },
    summary: r.summary,
    question: r.question,
    runId: r.runId,
    status: r.status,
    createdBy: { id: r.createdBy, name: r.createdByName },
    assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? "" } : null,
    findings: r.findings,
    findingsBy: r.findingsBy,
    findingsAt: iso(r.findingsAt),
    openTasks: Number(r.openTasks),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    closedAt: iso(r.closedAt),
  };
}

export function findEscalation(scope: TenantScope, id: string) {
  return escalationQuery(scope).where("escalations.id", "=", id).executeTakeFirst();
}

/** Locks the row for a change (claim, findings, close) so concurrent changes queue up. */
export function lockEscalation(scope: TenantScope, id: string) {
  return scope
    .selectFrom("escalations")
    .select([
      "id",
      "case_id as caseId",
      "customer_id as customerId",
      "status",
      "assignee_id as assigneeId",
      "created_by as createdBy",
    ])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** The queue, oldest first (the longest-waiting question at the top). */
export function listEscalations(
  scope: TenantScope,
  filter: { statuses: EscalationStatus[]; assigneeId?: string | undefined; caseId?: string | undefined },
) {
  let q = escalationQuery(scope).where("escalations.status", "in", filter.statuses);
  if (filter.assigneeId) q = q.where("escalations.assignee_id", "=", filter.assigneeId);
  if (filter.caseId) q = q.where("escalations.case_id", "=", filter.caseId);
  return q.orderBy("escalations.created_at").orderBy("escalations.id").limit(500).execute();
}

export async function insertEscalation(
  scope: TenantScope,
  e: {
    caseId: string;
    customerId: string;
    summary: string;
    question: string;
    createdBy: string | null;
    createdByName: string;
    runId: string | null;
  },
) {
  const row = await scope
    .insertInto("escalations", {
      run_id: e.runId,
      case_id: e.caseId,
      customer_id: e.customerId,
      summary: e.summary,
      question: e.question,
      created_by: e.createdBy,
      created_by_name: e.createdByName,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The escalation a playbook run already led to, if any (a run is escalated once). */
export function findRunEscalation(scope: TenantScope, runId: string) {
  return scope.selectFrom("escalations").select("id").where("run_id", "=", runId).executeTakeFirst();
}

export async function updateEscalation(
  scope: TenantScope,
  id: string,
  patch: {
    status?: EscalationStatus;
    assignee_id?: string;
    findings?: string;
    findings_by_name?: string;
    findings_at?: Date;
    closed_at?: Date;
  },
) {
  await scope
    .updateTable("escalations")
    .set({ ...patch, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

// Tasks: further diagnostics (or any work) asked of the agent on a case.

type TaskRow = Awaited<ReturnType<typeof listTasks>>[number];

export function presentTask(t: TaskRow) {
  return {
    id: t.id,
    caseId: t.case_id,
    escalationId: t.escalation_id,
    title: t.title,
    detail: t.detail,
    status: t.status,
    createdBy: { id: t.created_by, name: t.created_by_name },
    createdAt: iso(t.created_at),
    doneBy: t.done_by_name === null ? null : { id: t.done_by, name: t.done_by_name },
    doneAt: iso(t.done_at),
  };
}

export function listTasks(scope: TenantScope, caseId: string) {
  return scope
    .selectFrom("case_tasks")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function lockTask(scope: TenantScope, id: string) {
  return scope.selectFrom("case_tasks").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function insertTask(
  scope: TenantScope,
  t: {
    caseId: string;
    escalationId: string | null;
    title: string;
    detail: string | null;
    createdBy: string | null;
    createdByName: string;
  },
) {
  return scope
    .insertInto("case_tasks", {
      case_id: t.caseId,
      escalation_id: t.escalationId,
      title: t.title,
      detail: t.detail,
      created_by: t.createdBy,
      created_by_name: t.createdByName,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markTaskDone(scope: TenantScope, id: string, by: { userId: string; name: string }) {
  return scope
    .updateTable("case_tasks")
    .set({ status: "done", done_by: by.userId, done_by_name: by.name, done_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
