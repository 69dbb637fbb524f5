import { sql } from "kysely";
import type { AppealView } from "../../../../../contracts/conduct.ts";
import type { Executor } from "../../../platform/db/tenant.ts";

/** Appeals with the step, customer and assignee names; `customerId` narrows to one customer. */
export async function listAppeals(
  db: Executor,
  ws: string,
  opts: { customerId?: string; open?: boolean; id?: string } = {},
): Promise<AppealView[]> {
  const { rows } = await sql<AppealView>`
    select a.id, a.step_id as "stepId", s.kind as "stepKind", a.customer_id as "customerId",
           cu.name as "customerName", a.body, to_json(a.received_at) #>> '{}' as "receivedAt",
           a.assignee_id as "assigneeId", u.name as "assigneeName", s.decided_by as "deciderId",
           a.outcome, a.response, to_json(a.decided_at) #>> '{}' as "decidedAt"
      from conduct_appeals a
      join conduct_steps s on s.id = a.step_id
      join customers cu on cu.id = a.customer_id
      left join memberships m on m.id = a.assignee_id
      left join auth."user" u on u.id = m.user_id
     where a.workspace_id = ${ws}
       ${opts.customerId ? sql`and a.customer_id = ${opts.customerId}` : sql``}
       ${opts.id ? sql`and a.id = ${opts.id}` : sql``}
       ${opts.open ? sql`and a.outcome is null` : sql``}
     order by a.outcome is null desc, a.received_at desc
     limit 200`.execute(db);
  return rows.map((r) => ({
    ...r,
    receivedAt: new Date(r.receivedAt).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  }));
}
