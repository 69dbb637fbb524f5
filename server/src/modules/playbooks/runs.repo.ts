import { sql } from "kysely";
import type { RunStatus } from "../../../../contracts/playbooks.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** SQL for playbook runs and the steps shown in them. */
export type RunRow = {
  id: string;
  playbookId: string;
  playbookSlug: string;
  versionId: string;
  version: number;
  definition: unknown;
  customerId: string;
  caseId: string | null;
  mode: "agent" | "self_service";
  status: RunStatus;
  currentStepId: string | null;
  startedByName: string | null;
  startedAt: Date;
  lastActivityAt: Date;
  endedAt: Date | null;
};

function runQuery(scope: TenantScope) {
  return scope
    .selectFrom("playbook_runs")
    .innerJoin("playbook_versions as v", "v.id", "playbook_runs.version_id")
    .innerJoin("playbooks as p", "p.id", "playbook_runs.playbook_id")
    .select([
      "playbook_runs.id as id",
      "playbook_runs.playbook_id as playbookId",
      "p.slug as playbookSlug",
      "playbook_runs.version_id as versionId",
      "v.version as version",
      "v.definition as definition",
      "playbook_runs.customer_id as customerId",
      "playbook_runs.case_id as caseId",
      "playbook_runs.mode as mode",
      "playbook_runs.status as status",
      "playbook_runs.current_step_id as currentStepId",
      "playbook_runs.started_by_name as startedByName",
      "playbook_runs.started_at as startedAt",
      "playbook_runs.last_activity_at as lastActivityAt",
      "playbook_runs.ended_at as endedAt",
    ]);
}

export async function findRun(scope: TenantScope, id: string): Promise<RunRow | undefined> {
  return (await runQuery(scope).where("playbook_runs.id", "=", id).executeTakeFirst()) as RunRow | undefined;
}

/** Locks the run so two agents answering at once take turns (the second sees the step moved on). */
export async function lockRun(scope: TenantScope, id: string) {
  await scope.selectFrom("playbook_runs").select("id").where("id", "=", id).forUpdate().execute();
  return findRun(scope, id);
}

export async function listCaseRuns(scope: TenantScope, caseId: string): Promise<RunRow[]> {
  return (await runQuery(scope)
    .where("playbook_runs.case_id", "=", caseId)
    .orderBy("playbook_runs.started_at")
    .orderBy("playbook_runs.id")
    .limit(100)
    .execute()) as RunRow[];
}

export async function insertRun(
  scope: TenantScope,
  input: {
    playbookId: string;
    versionId: string;
    customerId: string;
    caseId: string | null;
    mode: "agent" | "self_service";
    startedBy: string;
    startedByName: string;
    currentStepId: string;
  },
) {
  const row = await scope
    .insertInto("playbook_runs", {
      playbook_id: input.playbookId,
      version_id: input.versionId,
      customer_id: input.customerId,
      case_id: input.caseId,
      mode: input.mode,
      started_by: input.startedBy,
      started_by_name: input.startedByName,
      current_step_id: input.currentStepId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRun(
  scope: TenantScope,
  id: string,
  patch: { status?: RunStatus; currentStepId?: string | null; caseId?: string; ended?: boolean },
) {
  const now = new Date();
  await scope
    .updateTable("playbook_runs")
    .set({
      last_activity_at: now,
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.currentStepId !== undefined ? { current_step_id: patch.currentStepId } : {}),
      ...(patch.caseId !== undefined ? { case_id: patch.caseId } : {}),
      ...(patch.ended ? { ended_at: now } : {}),
    })
    .where("id", "=", id)
    .execute();
}

export type RunStepRow = {
  runId: string;
  seq: number;
  stepId: string;
  kind: string;
  title: string;
  shownAt: Date;
  answeredAt: Date | null;
  answer: string | null;
  snapshotId: string | null;
  outcome: string | null;
  answeredByName: string | null;
};

export async function listRunSteps(scope: TenantScope, runIds: string[]): Promise<RunStepRow[]> {
  if (runIds.length === 0) return [];
  return scope
    .selectFrom("playbook_run_steps")
    .select([
      "run_id as runId",
      "seq",
      "step_id as stepId",
      "kind",
      "title",
      "shown_at as shownAt",
      "answered_at as answeredAt",
      "answer",
      "snapshot_id as snapshotId",
      "outcome",
      "answered_by_name as answeredByName",
    ])
    .where("run_id", "in", runIds)
    .orderBy("run_id")
    .orderBy("seq")
    .execute();
}

export async function insertRunStep(
  scope: TenantScope,
  input: { runId: string; stepId: string; kind: string; title: string; outcome: string | null },
) {
  await sql`
    insert into playbook_run_steps (workspace_id, run_id, seq, step_id, kind, title, outcome, answered_at)
    select ${scope.workspaceId}, ${input.runId}, coalesce(max(seq), 0) + 1, ${input.stepId}, ${input.kind},
           ${input.title}, ${input.outcome}, ${input.outcome === null ? null : new Date()}
    from playbook_run_steps where workspace_id = ${scope.workspaceId} and run_id = ${input.runId}`.execute(
    scope.db,
  );
}

/** Records the answer on the latest shown step of the run. */
export async function answerLatestStep(
  scope: TenantScope,
  runId: string,
  answer: { answer: string; snapshotId: string | null; byName: string },
) {
  await sql`
    update playbook_run_steps set answer = ${answer.answer}, snapshot_id = ${answer.snapshotId},
           answered_by_name = ${answer.byName}, answered_at = now()
    where workspace_id = ${scope.workspaceId} and run_id = ${runId}
      and seq = (select max(seq) from playbook_run_steps where workspace_id = ${scope.workspaceId} and run_id = ${runId})`.execute(
    scope.db,
  );
}
