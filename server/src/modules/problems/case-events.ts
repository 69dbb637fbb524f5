import { sql } from "kysely";
import type { TimelineData, TimelineKind } from "../../../../contracts/timeline.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { Doer } from "../timeline/timeline.ts";

/**
 * Appends one short event to every case linked to a problem ("workaround published",
 * "problem fixed") in one statement: a problem may have thousands of cases, and a row per
 * round trip would hold the problem's lock for seconds. The data is checked against the
 * kind's schema like appendEvent does.
 */
export async function appendToLinkedCases<K extends TimelineKind>(
  scope: TenantScope,
  problemId: string,
  kind: K,
  data: TimelineData<K>,
  doer: Doer,
): Promise<number> {
  const result = await sql`
    insert into timeline_events (workspace_id, customer_id, case_id, kind, actor_user_id, actor_name, data)
    select ${scope.workspaceId}, c.customer_id, c.id, ${kind}, ${doer.userId}, ${doer.name}, ${JSON.stringify(data)}::jsonb
      from problem_cases pc join cases c on c.id = pc.case_id
     where pc.problem_id = ${problemId} and pc.workspace_id = ${scope.workspaceId}`.execute(scope.db);
  return Number(result.numAffectedRows ?? 0);
}
