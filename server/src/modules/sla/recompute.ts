import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { ALWAYS_OPEN, type Calendar } from "../hours/calendar.ts";
import { computeDues, matchPolicy, type Policy } from "./dues.ts";

/** Cases read, computed and written per round trip. */
const BATCH = 5000;

type Row = {
  id: string;
  team_id: string | null;
  priority: string;
  organization: string | null;
  plan: string | null;
  created_at: Date;
  first_replied_at: Date | null;
  sla_next_reply_from: Date | null;
  sla_paused_minutes: number;
};

/**
 * After business hours or a policy change, every open case of the workspace gets its policy
 * and dues again, from the anchors kept on the case (creation, first reply, next-reply start,
 * paused minutes), so pauses survive. The business-hour arithmetic runs here in batches (the
 * calendar rules are not SQL); each batch is one read and one set-based update through unnest.
 * Cases whose SLA has not started yet (from before SLAs existed) are left alone.
 * Returns how many cases were written.
 */
export async function recomputeOpenCases(scope: TenantScope): Promise<number> {
  const ws = scope.workspaceId;
  const policies = (
    await scope
      .selectFrom("sla_policies")
      .select(["id", "conditions", "targets", "calendar"])
      .orderBy("position")
      .orderBy("created_at")
      .execute()
  ).map((p) => p as Policy);
  const cals = await scope
    .selectFrom("business_calendars")
    .select(["team_id", "timezone", "periods", "holidays"])
    .execute();
  const byTeam = new Map<string | null, Calendar>(
    cals.map((c) => [c.team_id, { timezone: c.timezone, periods: c.periods, holidays: c.holidays }]),
  );
  const fallback = byTeam.get(null) ?? ALWAYS_OPEN;
  let after = "00000000-0000-0000-0000-000000000000";
  let written = 0;
  for (;;) {
    const { rows } = await sql<Row>`
      select c.id, c.team_id, c.priority, cu.organization, c.created_at, c.first_replied_at,
             c.sla_next_reply_from, c.sla_paused_minutes,
             (select f.value #>> '{}' from facts f
               where f.workspace_id = c.workspace_id and f.customer_id = c.customer_id and f.key = 'plan'
                 and f.superseded_at is null order by f.recorded_at desc limit 1) as plan
        from cases c join customers cu on cu.id = c.customer_id
       where c.workspace_id = ${ws} and c.status in ('new', 'open', 'pending', 'on_hold')
         and c.sla_started_at is not null and c.id > ${after}::uuid
       order by c.id limit ${BATCH}`.execute(scope.db);
    if (rows.length === 0) break;
    const cols = {
      id: [] as string[],
      policy: [] as (string | null)[],
      first: [] as (Date | null)[],
      next: [] as (Date | null)[],
      res: [] as (Date | null)[],
      warn: [] as (Date | null)[],
    };
    for (const r of rows) {
      const p = policies.length ? matchPolicy(policies, r) : null;
      const cal =
        p?.calendar === "always"
          ? ALWAYS_OPEN
          : ((r.team_id ? byTeam.get(r.team_id) : undefined) ?? fallback);
      const d = p
        ? computeDues(cal, p.targets, {
            createdAt: r.created_at,
            firstRepliedAt: r.first_replied_at,
            nextReplyFrom: r.sla_next_reply_from,
            pausedMinutes: r.sla_paused_minutes,
          })
        : null;
      cols.id.push(r.id);
      cols.policy.push(p?.id ?? null);
      cols.first.push(d?.firstReply ?? null);
      cols.next.push(d?.nextReply ?? null);
      cols.res.push(d?.resolution ?? null);
      cols.warn.push(d?.warnAt ?? null);
    }
    await sql`
      update cases c set sla_policy_id = v.policy, sla_first_reply_due_at = v.first,
             sla_next_reply_due_at = v.next, sla_resolution_due_at = v.res, sla_warn_at = v.warn
        from unnest(${cols.id}::uuid[], ${cols.policy}::uuid[], ${cols.first}::timestamptz[],
                    ${cols.next}::timestamptz[], ${cols.res}::timestamptz[], ${cols.warn}::timestamptz[])
             as v(id, policy, first, next, res, warn)
       where c.workspace_id = ${ws} and c.id = v.id`.execute(scope.db);
    written += rows.length;
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < BATCH) break;
  }
  return written;
}
