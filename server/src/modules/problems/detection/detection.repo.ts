import { sql } from "kysely";
import type { Db } from "../../../platform/db/pool.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/** SQL of detection: signals per case, workspace patterns and thresholds. */

export async function listPatterns(scope: TenantScope) {
  return scope
    .selectFrom("signature_patterns")
    .select(["id", "name", "pattern", "created_at"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function countPatterns(scope: TenantScope): Promise<number> {
  const row = await scope
    .selectFrom("signature_patterns")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPattern(
  scope: TenantScope,
  p: { name: string; pattern: string; createdBy: string },
) {
  return scope
    .insertInto("signature_patterns", { name: p.name, pattern: p.pattern, created_by: p.createdBy })
    .onConflict((oc) => oc.columns(["workspace_id", "name"]).doNothing())
    .returning(["id", "name", "pattern", "created_at"])
    .executeTakeFirst();
}

export async function deletePattern(scope: TenantScope, id: string): Promise<boolean> {
  const r = await scope.deleteFrom("signature_patterns").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function findSettings(scope: TenantScope) {
  return scope
    .selectFrom("problem_detection_settings")
    .select(["min_cases", "min_customers", "window_hours"])
    .executeTakeFirst();
}

export async function upsertSettings(
  scope: TenantScope,
  s: { minCases: number; minCustomers: number; windowHours: number },
) {
  const values = { min_cases: s.minCases, min_customers: s.minCustomers, window_hours: s.windowHours };
  await scope
    .insertInto("problem_detection_settings", values)
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

/** Subject and first customer message of each case: the text that says what went wrong. */
export async function caseTexts(scope: TenantScope, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return scope
    .selectFrom("cases")
    .where("cases.id", "in", caseIds)
    .select((eb) => [
      "cases.id",
      "cases.subject",
      eb
        .selectFrom("messages")
        .whereRef("messages.case_id", "=", "cases.id")
        .where("messages.kind", "=", "customer")
        .orderBy("messages.created_at")
        .orderBy("messages.id")
        .select("messages.body")
        .limit(1)
        .as("first_message"),
    ])
    .execute();
}

export async function upsertSignals(
  scope: TenantScope,
  rows: Array<{
    caseId: string;
    signatures: string[];
    body: string;
    vector: Buffer | null;
    modelId: string | null;
  }>,
) {
  if (rows.length === 0) return;
  await scope.db
    .insertInto("case_text_signals")
    .values(
      rows.map((r) => ({
        case_id: r.caseId,
        workspace_id: scope.workspaceId,
        signatures: r.signatures,
        body: r.body,
        vector: r.vector,
        model_id: r.modelId,
        computed_at: new Date(),
      })),
    )
    .onConflict((oc) =>
      oc.columns(["case_id", "workspace_id"]).doUpdateSet((eb) => ({
        signatures: eb.ref("excluded.signatures"),
        body: eb.ref("excluded.body"),
        vector: eb.ref("excluded.vector"),
        model_id: eb.ref("excluded.model_id"),
        computed_at: eb.ref("excluded.computed_at"),
      })),
    )
    .execute();
}

/**
 * Cases of one workspace, created since `since`, whose signals are missing, lack a vector of
 * the current model, or are older than a snapshot filed on the case since.
 */
export async function casesNeedingSignals(scope: TenantScope, since: Date, modelId: string, limit: number) {
  const rows = await sql<{ id: string }>`
    select c.id from cases c
    left join case_text_signals s on s.case_id = c.id
    where c.workspace_id = ${scope.workspaceId} and c.created_at >= ${since}
      and c.merged_into_case_id is null
      and (s.case_id is null or s.model_id is distinct from ${modelId}
           or exists (select 1 from diagnostic_snapshots d
                      where d.case_id = c.id and d.captured_at > s.computed_at))
    order by c.created_at desc
    limit ${limit}`.execute(scope.db);
  return rows.rows.map((r) => r.id);
}

/**
 * Workspaces with recent cases that need signals: the sweep's starting point. Unscoped on
 * purpose (like the orphaned-files job): it finds the scopes, then works inside each.
 */
export async function workspacesNeedingSignals(db: Db, since: Date, modelId: string): Promise<string[]> {
  const rows = await sql<{ workspace_id: string }>`
    select distinct c.workspace_id from cases c
    left join case_text_signals s on s.case_id = c.id
    where c.created_at >= ${since} and c.merged_into_case_id is null
      and (s.case_id is null or s.model_id is distinct from ${modelId}
           or exists (select 1 from diagnostic_snapshots d
                      where d.case_id = c.id and d.captured_at > s.computed_at))`.execute(db);
  return rows.rows.map((r) => r.workspace_id);
}

const WINDOW_LIMIT = 5000;

export type WindowCase = {
  id: string;
  number: number;
  subject: string;
  customer_id: string;
  customer_name: string;
  created_at: Date;
  signatures: string[];
  body: string;
  vector: Buffer | null;
  model_id: string | null;
  /** The customer wrote in frustration (or abuse) on it (conduct assessments, issue #20). */
  frustrated: boolean;
};

/**
 * The window's cases that are not yet linked to a problem, with their signals, newest last.
 * Merged-away cases are left out: their survivor speaks for them. At most the newest 5,000:
 * grouping holds a 18 kB fused vector per case (90 MB at that bound) for the request.
 */
export async function windowCases(scope: TenantScope, since: Date): Promise<WindowCase[]> {
  const rows = await sql<WindowCase>`
    select c.id, c.number, c.subject, c.customer_id, cu.name as customer_name, c.created_at,
           s.signatures, s.body, s.vector, s.model_id,
           exists (select 1 from text_assessments a where a.case_id = c.id
                     and a.outcome in ('frustrated', 'abusive')) as frustrated
    from cases c
    join case_text_signals s on s.case_id = c.id
    join customers cu on cu.id = c.customer_id
    where c.workspace_id = ${scope.workspaceId} and c.created_at >= ${since}
      and c.merged_into_case_id is null
      and not exists (select 1 from problem_cases pc where pc.case_id = c.id)
    order by c.created_at desc, c.id desc
    limit ${WINDOW_LIMIT}`.execute(scope.db);
  return rows.rows.reverse();
}

/** One case's signals (after catching up), or undefined for a case of another workspace. */
export async function caseSignals(scope: TenantScope, caseId: string) {
  const rows = await sql<{
    signatures: string[];
    vector: Buffer | null;
    model_id: string | null;
    body: string;
  }>`
    select s.signatures, s.vector, s.model_id, s.body from case_text_signals s
    where s.workspace_id = ${scope.workspaceId} and s.case_id = ${caseId}`.execute(scope.db);
  return rows.rows[0];
}

export type LinkedCase = {
  problem_id: string;
  number: number;
  title: string;
  status: string;
  case_id: string;
  signatures: string[] | null;
  vector: Buffer | null;
  model_id: string | null;
  body: string | null;
};

/** The cases linked to open (not closed) problems, with their signals, except this case's problems. */
export async function openProblemCases(scope: TenantScope, exceptCaseId: string): Promise<LinkedCase[]> {
  const rows = await sql<LinkedCase>`
    select p.id as problem_id, p.number, p.title, p.status, pc.case_id,
           s.signatures, s.vector, s.model_id, s.body
    from problems p
    join problem_cases pc on pc.problem_id = p.id
    left join case_text_signals s on s.case_id = pc.case_id
    where p.workspace_id = ${scope.workspaceId} and p.status <> 'closed'
      and not exists (select 1 from problem_cases mine
                      where mine.problem_id = p.id and mine.case_id = ${exceptCaseId})
    order by p.number
    limit 20000`.execute(scope.db);
  return rows.rows;
}
