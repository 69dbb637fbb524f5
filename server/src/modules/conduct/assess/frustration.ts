import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { publish } from "../../../platform/realtime/publish.ts";
import { updateCaseRow } from "../../cases/cases.repo.ts";
import { applySlaEvent } from "../../sla/case-sla.ts";
import { appendEvent } from "../../timeline/timeline.ts";

const NEXT: Record<string, string> = { low: "normal", normal: "high", high: "urgent" };
const OPEN = ["new", "open", "pending", "on_hold"];

/**
 * Frustration is not a penalty (issue #20): with the workspace option on, the first frustrated
 * (or abusive) message on an open case raises its priority one step, never above urgent. Only
 * the first: a customer who writes three angry messages should not turn a normal case urgent
 * on tone alone. Recorded on the timeline as done by the system, with the message's id.
 */
export async function raisePriorityForFrustration(scope: TenantScope, caseId: string, messageId: string) {
  const { rows } = await sql<{ id: string; customer_id: string; priority: string; status: string }>`
    select id, customer_id, priority, status from cases
     where workspace_id = ${scope.workspaceId} and id = ${caseId} and merged_into_case_id is null
     for no key update`.execute(scope.db);
  const c = rows[0];
  if (!c || !OPEN.includes(c.status)) return false;
  const to = NEXT[c.priority];
  if (!to) return false;
  const earlier = await scope
    .selectFrom("text_assessments")
    .select("id")
    .where("case_id", "=", caseId)
    .where("source_id", "<>", messageId)
    .where("outcome", "in", ["frustrated", "abusive"])
    .executeTakeFirst();
  if (earlier) return false;
  await updateCaseRow(scope, caseId, { priority: to });
  await appendEvent(scope, {
    customerId: c.customer_id,
    caseId,
    kind: "case.priority_changed",
    data: { from: c.priority, to },
    doer: { userId: null, name: "Rapport: frustrated customer" },
  });
  await applySlaEvent(scope, caseId, "changed");
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId, customerId: c.customer_id },
  });
  return true;
}
