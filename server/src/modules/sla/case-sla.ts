import { sql } from "kysely";
import type { CaseSla } from "../../../../contracts/cases.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { ALWAYS_OPEN, addBusinessMinutes, businessMinutesBetween, type Calendar } from "../hours/calendar.ts";
import { computeDues, matchPolicy, type Policy } from "./dues.ts";
import { presentSla } from "./present.ts";

/**
 * Keeps one case's SLA in step with what just happened to it. Called inside the command's
 * transaction by case creation, messages and status/priority/team changes — small additive
 * hooks, no trigger. Two statements: one read (case, customer, plan fact, policies and
 * calendar together) and one update.
 *
 * - created / any change: the first matching policy applies and the dues are recomputed;
 * - a staff reply: the first sets first_replied_at (clearing the first-reply due), later ones
 *   answer the running next-reply clock; each records met or breached for the report;
 * - a customer message after the first reply starts the next-reply clock;
 * - pending or on hold pauses the clocks; leaving it adds the paused business minutes to the
 *   dues (first reply and resolution through sla_paused_minutes, next reply directly);
 * - solved or closed records the resolution target's outcome.
 */
export type SlaEvent = "created" | "customer_message" | "staff_reply" | "changed";

const PAUSING = new Set(["pending", "on_hold"]);
const DONE = new Set(["solved", "closed"]);

type Loaded = {
  id: string;
  status: string;
  priority: string;
  team_id: string | null;
  created_at: Date;
  first_replied_at: Date | null;
  sla_started_at: Date | null;
  sla_next_reply_from: Date | null;
  sla_paused_at: Date | null;
  sla_paused_minutes: number;
  sla_first_reply_due_at: Date | null;
  sla_next_reply_due_at: Date | null;
  sla_resolution_due_at: Date | null;
  sla_breached_at: Date | null;
  organization: string | null;
  plan: string | null;
  policies: Policy[];
  calendar: Calendar | null;
};

export async function loadCaseSla(scope: TenantScope, caseId: string): Promise<Loaded | undefined> {
  const { rows } = await sql<Loaded>`
    select c.id, c.status, c.priority, c.team_id, c.created_at, c.first_replied_at, c.sla_started_at,
           c.sla_next_reply_from, c.sla_paused_at, c.sla_paused_minutes, c.sla_first_reply_due_at,
           c.sla_next_reply_due_at, c.sla_resolution_due_at, c.sla_breached_at, cu.organization,
           (select f.value #>> '{}' from facts f
             where f.workspace_id = c.workspace_id and f.customer_id = c.customer_id and f.key = 'plan'
               and f.superseded_at is null order by f.recorded_at desc limit 1) as plan,
           (select coalesce(json_agg(json_build_object('id', p.id, 'conditions', p.conditions,
                    'targets', p.targets, 'calendar', p.calendar) order by p.position, p.created_at), '[]')
              from sla_policies p where p.workspace_id = c.workspace_id) as policies,
           (select json_build_object('timezone', b.timezone, 'periods', b.periods, 'holidays', b.holidays)
              from business_calendars b
             where b.workspace_id = c.workspace_id and (b.team_id = c.team_id or b.team_id is null)
             order by b.team_id nulls last limit 1) as calendar
      from cases c join customers cu on cu.id = c.customer_id
     where c.workspace_id = ${scope.workspaceId} and c.id = ${caseId}`.execute(scope.db);
  return rows[0];
}

type Outcome = { target: "first_reply" | "next_reply" | "resolution"; due: Date; met: boolean };

export async function applySlaEvent(
  scope: TenantScope,
  caseId: string,
  event: SlaEvent,
  now = new Date(),
): Promise<CaseSla | null> {
  const c = await loadCaseSla(scope, caseId);
  if (!c) return null;
  // Cases from before SLAs existed start at their next event that is not a change.
  if (!c.sla_started_at && event === "changed") return null;
  const policy = matchPolicy(c.policies, {
    priority: c.priority,
    organization: c.organization,
    plan: c.plan,
  });
  const cal = policy?.calendar === "always" ? ALWAYS_OPEN : (c.calendar ?? ALWAYS_OPEN);
  const outcomes: Outcome[] = [];
  let firstRepliedAt = c.first_replied_at;
  let nextFrom = c.sla_next_reply_from;
  let pausedAt = c.sla_paused_at;
  let pausedMinutes = c.sla_paused_minutes;

  if (event === "staff_reply") {
    if (!firstRepliedAt) {
      firstRepliedAt = now;
      if (c.sla_first_reply_due_at)
        outcomes.push({
          target: "first_reply",
          due: c.sla_first_reply_due_at,
          met: now <= c.sla_first_reply_due_at,
        });
    } else if (nextFrom) {
      if (c.sla_next_reply_due_at)
        outcomes.push({
          target: "next_reply",
          due: c.sla_next_reply_due_at,
          met: now <= c.sla_next_reply_due_at,
        });
    }
    nextFrom = null;
  } else if (event === "customer_message" && c.sla_started_at && firstRepliedAt && !nextFrom) {
    nextFrom = now;
  }
  const paused = PAUSING.has(c.status);
  if (paused && !pausedAt) pausedAt = now;
  if (!paused && pausedAt) {
    const minutes = Math.round(businessMinutesBetween(cal, pausedAt, now));
    pausedMinutes += minutes;
    // A running next-reply clock moves its start by the paused business time.
    if (nextFrom && minutes > 0) nextFrom = addBusinessMinutes(cal, nextFrom, minutes) ?? nextFrom;
    pausedAt = null;
  }
  if (DONE.has(c.status) && c.sla_resolution_due_at) {
    outcomes.push({
      target: "resolution",
      due: c.sla_resolution_due_at,
      met: now <= c.sla_resolution_due_at,
    });
  }

  const dues = policy
    ? computeDues(cal, policy.targets, {
        createdAt: c.created_at,
        firstRepliedAt,
        nextReplyFrom: nextFrom,
        pausedMinutes,
      })
    : { firstReply: null, nextReply: null, resolution: null, warnAt: null };
  await sql`
    update cases set sla_policy_id = ${policy?.id ?? null}, sla_started_at = coalesce(sla_started_at, ${now}),
           first_replied_at = ${firstRepliedAt}, sla_next_reply_from = ${nextFrom},
           sla_paused_at = ${pausedAt}, sla_paused_minutes = ${pausedMinutes},
           sla_first_reply_due_at = ${dues.firstReply}, sla_next_reply_due_at = ${dues.nextReply},
           sla_resolution_due_at = ${dues.resolution}, sla_warn_at = ${dues.warnAt}
     where workspace_id = ${scope.workspaceId} and id = ${caseId}`.execute(scope.db);
  if (outcomes.length) await recordOutcomes(scope, caseId, c.team_id, outcomes, now);
  const at = (d: Date | null) => d?.toISOString() ?? null;
  return presentSla(
    {
      status: c.status,
      slaPolicyId: policy?.id ?? null,
      slaFirstReplyDueAt: at(dues.firstReply),
      slaNextReplyDueAt: at(dues.nextReply),
      slaResolutionDueAt: at(dues.resolution),
      slaPausedAt: at(pausedAt),
      slaBreachedAt: at(c.sla_breached_at),
      slaWarnAt: at(dues.warnAt),
    },
    now,
  );
}

/** Met or breached per target, once per due (a sweep's breach and a late reply are one row). */
export async function recordOutcomes(
  scope: TenantScope,
  caseId: string,
  teamId: string | null,
  outcomes: Outcome[],
  at: Date,
) {
  for (const o of outcomes) {
    await sql`
      insert into sla_outcomes (workspace_id, case_id, team_id, target, outcome, due_at, at)
      values (${scope.workspaceId}, ${caseId}, ${teamId}, ${o.target}, ${o.met ? "met" : "breached"}, ${o.due}, ${at})
      on conflict (case_id, target, due_at) do nothing`.execute(scope.db);
  }
}
