import { sql } from "kysely";
import { exactTime } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Doer } from "../timeline/timeline.ts";

/** How long a merge or a split can be undone. */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

/** A case as merge and split need it, locked for the rest of the transaction. */
export async function lockCasesForMove(scope: TenantScope, ids: string[]) {
  if (ids.length === 0) return [];
  return (
    scope
      .selectFrom("cases")
      .select([
        "id",
        "number",
        "subject",
        "customer_id as customerId",
        "status",
        "channel",
        "priority",
        "assignee_id as assigneeId",
        "team_id as teamId",
        "tags",
        "merged_into_case_id as mergedIntoId",
        exactTime("waiting_since").as("waitingSince"),
      ])
      .where("id", "in", ids)
      .orderBy("id")
      // Not FOR UPDATE: that also waits for every transaction writing a row that points at these
      // cases (a message, a timeline event, a metric), and deadlocks with one that then updates
      // one of them. A move changes no key, and this still keeps other moves and updates off.
      .forNoKeyUpdate()
      .execute()
  );
}
export type MoveCase = Awaited<ReturnType<typeof lockCasesForMove>>[number];

/**
 * The work recorded on a case besides its conversation: diagnostics, playbook runs, escalations
 * and their tasks. A merge moves it with the messages, so engineering reading the survivor sees
 * every step taken on every duplicate ("record every step"); the ids are kept so an undo moves
 * exactly these rows back.
 */
export type CaseWork = {
  snapshotIds?: string[];
  codeIds?: string[];
  runIds?: string[];
  escalationIds?: string[];
  taskIds?: string[];
};

const WORK_TABLES = [
  ["snapshotIds", "diagnostic_snapshots"],
  ["codeIds", "diagnostic_codes"],
  ["runIds", "playbook_runs"],
  ["escalationIds", "escalations"],
  ["taskIds", "case_tasks"],
] as const;

export async function caseWorkOf(scope: TenantScope, caseId: string): Promise<Required<CaseWork>> {
  const work = {
    snapshotIds: [],
    codeIds: [],
    runIds: [],
    escalationIds: [],
    taskIds: [],
  } as Required<CaseWork>;
  for (const [key, table] of WORK_TABLES) {
    const rows = await scope.selectFrom(table).select("id").where("case_id", "=", caseId).execute();
    work[key] = rows.map((r) => String(r.id));
  }
  return work;
}

/**
 * Moves the listed messages, timeline events and recorded work from one case to another.
 * Records written before merges moved the work have no work lists: nothing of it moves back.
 */
export async function moveRows(
  scope: TenantScope,
  rows: { messageIds: string[]; eventIds: string[] } & CaseWork,
  from: string,
  to: string,
) {
  if (rows.messageIds.length > 0) {
    await scope
      .updateTable("messages")
      .set({ case_id: to })
      .where("case_id", "=", from)
      .where("id", "in", rows.messageIds)
      .execute();
    // A message's tone assessment (conduct, #20) belongs to the case the message is on: the
    // conduct history and the abuse signals of the surviving case must include it. Derived from
    // the messages, so an undo that moves them back moves these back too.
    await scope
      .updateTable("text_assessments")
      .set({ case_id: to })
      .where("case_id", "=", from)
      .where("source", "=", "message")
      .where("source_id", "in", rows.messageIds)
      .execute();
  }
  if (rows.eventIds.length > 0) {
    await scope
      .updateTable("timeline_events")
      .set({ case_id: to })
      .where("case_id", "=", from)
      .where("id", "in", rows.eventIds.map(Number))
      .execute();
  }
  for (const [key, table] of WORK_TABLES) {
    const ids = rows[key] ?? [];
    if (ids.length === 0) continue;
    // Typed per table would repeat the statement five times; the column names are the same in each.
    await scope
      .updateTable(table as "case_tasks")
      .set({ case_id: to })
      .where("case_id", "=", from)
      .where("id", "in", ids)
      .execute();
  }
}

export async function messageIdsOf(scope: TenantScope, caseId: string) {
  const rows = await scope.selectFrom("messages").select("id").where("case_id", "=", caseId).execute();
  return rows.map((r) => r.id);
}

export async function eventIdsOf(scope: TenantScope, caseId: string) {
  const rows = await scope.selectFrom("timeline_events").select("id").where("case_id", "=", caseId).execute();
  return rows.map((r) => String(r.id));
}

/** Case fields a move changes and its undo puts back. waitingSince keeps its microseconds. */
export async function setCaseFields(
  scope: TenantScope,
  id: string,
  f: { status?: string; tags?: string[]; waitingSince?: string | null; mergedInto?: string | null },
) {
  await scope
    .updateTable("cases")
    .set({
      ...(f.status !== undefined ? { status: f.status } : {}),
      ...(f.tags !== undefined ? { tags: f.tags } : {}),
      ...(f.waitingSince !== undefined
        ? { waiting_since: sql<Date | null>`${f.waitingSince}::timestamptz` }
        : {}),
      ...(f.mergedInto !== undefined ? { merged_into_case_id: f.mergedInto } : {}),
      last_activity_at: new Date(),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

export async function recordMove(
  scope: TenantScope,
  move: { kind: "merge" | "split"; caseId: string; data: unknown; doer: Doer },
) {
  const row = await scope
    .insertInto("case_moves", {
      kind: move.kind,
      case_id: move.caseId,
      data: JSON.stringify(move.data),
      actor_user_id: move.doer.userId,
    })
    .returning(["id", "created_at"])
    .executeTakeFirstOrThrow();
  return { id: row.id, undoUntil: new Date(row.created_at.getTime() + UNDO_WINDOW_MS).toISOString() };
}

/**
 * The latest merge or split addressed to a case that is not undone yet, locked; 409 when there
 * is none or its window has passed (the case may have moved on since: replies, changes).
 */
export async function takeUndoableMove(scope: TenantScope, caseId: string, kind: "merge" | "split") {
  const move = await scope
    .selectFrom("case_moves")
    .select(["id", "data", "created_at"])
    .where("case_id", "=", caseId)
    .where("kind", "=", kind)
    .where("undone_at", "is", null)
    .orderBy("created_at", "desc")
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!move) throw new AppError("conflict", `There is no ${kind} of this case to undo`);
  if (Date.now() - move.created_at.getTime() > UNDO_WINDOW_MS) {
    throw new AppError("conflict", `The ${kind} can only be undone within 10 minutes`);
  }
  await scope.updateTable("case_moves").set({ undone_at: new Date() }).where("id", "=", move.id).execute();
  return { id: move.id, data: move.data };
}
