import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { ActionsTable, RunStatus } from "./schema-actions.ts";

/** SQL for actions, runs and approvals; every query is scoped to the caller's workspace. */
type ActionWrite = {
  name: string;
  icon: string | null;
  url: string;
  fields: string;
  roles: string[];
  approval_field: string | null;
  approval_amount: number | null;
};

const actionCols = [
  "id",
  "name",
  "icon",
  "url",
  "fields",
  "roles",
  "approval_field",
  "approval_amount",
  "secret_sealed",
  "secret_preview",
  "created_at",
] as const;

export async function insertAction(
  scope: TenantScope,
  row: ActionWrite & { secret_sealed: string; secret_preview: string; created_by: string },
) {
  return scope.insertInto("actions", row).returning(actionCols).executeTakeFirstOrThrow();
}

export async function findAction(scope: TenantScope, id: string) {
  return scope
    .selectFrom("actions")
    .select(actionCols)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}
export type ActionRow = NonNullable<Awaited<ReturnType<typeof findAction>>>;

export async function listActionRows(scope: TenantScope) {
  return scope
    .selectFrom("actions")
    .select(actionCols)
    .where("deleted_at", "is", null)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export async function updateAction(scope: TenantScope, id: string, set: Partial<ActionWrite>) {
  return scope
    .updateTable("actions")
    .set({ ...(set as Partial<Record<keyof ActionsTable, never>>), updated_at: new Date() })
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .returning(actionCols)
    .executeTakeFirst();
}

/** Soft delete: past runs keep pointing at the action they ran. */
export async function deleteAction(scope: TenantScope, id: string) {
  const r = await scope
    .updateTable("actions")
    .set({ deleted_at: new Date() })
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

const runCols = [
  "action_runs.id",
  "action_runs.action_id",
  "action_runs.case_id",
  "action_runs.customer_id",
  "action_runs.idempotency_key",
  "action_runs.status",
  "action_runs.input",
  "action_runs.result",
  "action_runs.error",
  "action_runs.attempts",
  "action_runs.requested_by",
  "action_runs.requested_by_name",
  "action_runs.created_at",
  "action_runs.finished_at",
] as const;

function runQuery(scope: TenantScope) {
  return scope
    .selectFrom("action_runs")
    .innerJoin("actions", "actions.id", "action_runs.action_id")
    .leftJoin("action_approvals as ap", "ap.run_id", "action_runs.id")
    .select(runCols)
    .select([
      "actions.name as action_name",
      "ap.id as approval_id",
      "ap.status as approval_status",
      "ap.amount as approval_amount",
      "ap.limit_amount as approval_limit",
      "ap.decided_by_name as approval_decided_by",
      "ap.reason as approval_reason",
      "ap.created_at as approval_created_at",
      "ap.decided_at as approval_decided_at",
    ]);
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export async function findRun(scope: TenantScope, id: string) {
  return runQuery(scope).where("action_runs.id", "=", id).executeTakeFirst();
}

export async function listCaseRuns(scope: TenantScope, caseId: string) {
  return runQuery(scope)
    .where("action_runs.case_id", "=", caseId)
    .orderBy("action_runs.created_at", "desc")
    .limit(100)
    .execute();
}

/**
 * Inserts the run unless one with the same key exists; the unique constraint decides between
 * concurrent requests, so only the inserting request ever calls the target for it.
 */
export async function insertRunOnce(
  scope: TenantScope,
  row: {
    action_id: string;
    case_id: string;
    customer_id: string;
    idempotency_key: string;
    status: RunStatus;
    input: string;
    requested_by: string;
    requested_by_name: string;
    attempts: number;
  },
): Promise<string | undefined> {
  const r = await scope
    .insertInto("action_runs", row)
    .onConflict((oc) => oc.columns(["workspace_id", "action_id", "idempotency_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return r?.id;
}

export async function findRunIdByKey(scope: TenantScope, actionId: string, key: string) {
  const r = await scope
    .selectFrom("action_runs")
    .select("id")
    .where("action_id", "=", actionId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  return r?.id;
}

/**
 * Moves a run into `running` only from one of `from`: the row-level check makes two
 * concurrent retries (or approvals) race for one update, and only the winner calls the target.
 */
export async function claimRun(scope: TenantScope, id: string, from: RunStatus[]) {
  const r = await scope
    .updateTable("action_runs")
    .set({ status: "running", error: null, attempts: sql`attempts + 1` })
    .where("id", "=", id)
    .where("status", "in", from)
    .returning("id")
    .executeTakeFirst();
  return r !== undefined;
}

export async function finishRun(
  scope: TenantScope,
  id: string,
  set: { status: RunStatus; result?: string | null; error?: string | null },
) {
  await scope
    .updateTable("action_runs")
    .set({ ...set, finished_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function insertApproval(
  scope: TenantScope,
  row: { run_id: string; amount: number; limit_amount: number },
) {
  return scope.insertInto("action_approvals", row).returning("id").executeTakeFirstOrThrow();
}

export async function lockApproval(scope: TenantScope, id: string) {
  return scope
    .selectFrom("action_approvals")
    .select(["id", "run_id", "status", "amount"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function decideApproval(
  scope: TenantScope,
  id: string,
  set: { status: "approved" | "refused"; decided_by: string; decided_by_name: string; reason: string | null },
) {
  await scope
    .updateTable("action_approvals")
    .set({ ...set, decided_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** The approvals queue: pending (oldest first) or decided (newest first), optionally of some teams' cases. */
export async function listApprovalRows(
  scope: TenantScope,
  filter: { decided: boolean; teamIds: string[] | null },
) {
  let q = runQuery(scope)
    .innerJoin("cases", "cases.id", "action_runs.case_id")
    .select(["cases.number as case_number", "cases.subject as case_subject"])
    .where("ap.id", "is not", null)
    .where("ap.status", filter.decided ? "<>" : "=", "pending")
    .orderBy("ap.created_at", filter.decided ? "desc" : "asc")
    .limit(200);
  if (filter.teamIds) {
    if (filter.teamIds.length === 0) return [];
    q = q.where("cases.team_id", "in", filter.teamIds);
  }
  return q.execute();
}

/** Teams the member leads: their leads decide approvals for those teams' cases. */
export async function ledTeamIds(scope: TenantScope, membershipId: string): Promise<string[]> {
  const rows = await scope
    .selectFrom("team_members")
    .select("team_id")
    .where("membership_id", "=", membershipId)
    .where("is_lead", "=", true)
    .execute();
  return rows.map((r) => r.team_id);
}
