import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";

/** The case page's "Repeat contact" badge: which earlier case this one repeats, if any. */
export async function caseRepeat(ctx: Pick<AppContext, "db">, actor: Actor, caseId: string) {
  if (!actor.permissions.includes("cases.read")) throw new AppError("forbidden", "Staff only");
  const { rows } = await sql<{
    found: string;
    previous_case_id: string | null;
    number: number | null;
    reason: string | null;
    detected_at: Date | null;
  }>`
    select c.id as found, rc.previous_case_id, p.number, rc.reason, rc.detected_at
      from cases c
      left join repeat_contacts rc on rc.case_id = c.id
      left join cases p on p.id = rc.previous_case_id
     where c.workspace_id = ${actor.workspaceId} and c.id = ${caseId}`.execute(ctx.db);
  const row = rows[0];
  if (!row) throw new AppError("not_found", "Case was not found");
  if (!row.previous_case_id || !row.detected_at) return { repeat: null };
  return {
    repeat: {
      previousCaseId: row.previous_case_id,
      previousCaseNumber: Number(row.number),
      reason: row.reason as "problem" | "signature" | "similar" | "link" | "reopen",
      detectedAt: row.detected_at.toISOString(),
    },
  };
}
