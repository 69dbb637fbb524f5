import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { recordRepeat } from "./detect.ts";
import { repeatWindowDays } from "./settings.ts";

const DAY = 86_400_000;

type Row = {
  id: string;
  number: number;
  customer_id: string;
  created_at: Date;
  assignee_id: string | null;
  team_id: string | null;
  merged: boolean;
  reach_out: boolean;
};

async function pairCases(scope: TenantScope, x: string, y: string) {
  const { rows } = await sql<Row>`
    select c.id, c.number, c.customer_id, c.created_at, c.assignee_id, c.team_id,
           c.merged_into_case_id is not null as merged,
           exists (select 1 from reach_outs r where r.case_id = c.id) as reach_out
      from cases c
     where c.workspace_id = ${scope.workspaceId} and c.id in (${x}::uuid, ${y}::uuid)
     order by c.created_at, c.id`.execute(scope.db);
  return rows;
}

/**
 * Work for the repeats sweep: a 'message' row only touches the customer (risk recomputed);
 * a 'created' row for a case also runs detection on it again.
 */
async function queueSweep(scope: TenantScope, customerId: string, redetectCaseId?: string) {
  await sql`
    insert into repeat_queue (workspace_id, customer_id, case_id, kind)
    values (${scope.workspaceId}, ${customerId}, ${redetectCaseId ?? null},
            ${redetectCaseId ? "created" : "message"})`.execute(scope.db);
}

/**
 * A link made after the newer case was created (the usual way: an agent notices the customer
 * is back about the same thing): the same rule as detection at creation, applied now. Both
 * cases of one customer, the newer opened within the repeat window of the older, neither
 * merged away nor a reach-out: the newer is a repeat contact of the older, reason `link`
 * (once per case: an earlier detection stands). Returns the newer case's id when recorded.
 */
export async function repeatOnLink(
  scope: TenantScope,
  x: string,
  y: string,
  now: Date,
): Promise<string | null> {
  const [older, newer] = await pairCases(scope, x, y);
  if (!older || !newer || older.customer_id !== newer.customer_id) return null;
  if (older.merged || newer.merged || older.reach_out || newer.reach_out) return null;
  const windowDays = await repeatWindowDays(scope);
  if (newer.created_at.getTime() - older.created_at.getTime() > windowDays * DAY) return null;
  const recorded = await recordRepeat(
    scope,
    {
      caseId: newer.id,
      customerId: newer.customer_id,
      previousCaseId: older.id,
      previousCaseNumber: Number(older.number),
      reason: "link",
      agentId: older.assignee_id,
      teamId: older.team_id,
      at: newer.created_at,
    },
    now,
  );
  if (!recorded) return null;
  await queueSweep(scope, newer.customer_id);
  return newer.id;
}

/**
 * Unlinking takes back a repeat that rested on this link (reason `link` between these two
 * cases); repeats found by other rules stay. The case is queued for detection again, so
 * another rule (same problem, same words) may still find it. Returns that case's id.
 */
export async function dropLinkRepeat(scope: TenantScope, x: string, y: string): Promise<string | null> {
  const gone = await scope
    .deleteFrom("repeat_contacts")
    .where("reason", "=", "link")
    .where((eb) =>
      eb.or([
        eb.and([eb("case_id", "=", x), eb("previous_case_id", "=", y)]),
        eb.and([eb("case_id", "=", y), eb("previous_case_id", "=", x)]),
      ]),
    )
    .returning(["case_id", "customer_id"])
    .executeTakeFirst();
  if (!gone) return null;
  await queueSweep(scope, gone.customer_id, gone.case_id);
  return gone.case_id;
}
