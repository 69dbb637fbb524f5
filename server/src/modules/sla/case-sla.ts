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
 * calendar together) and one update. Case creation writes its SLA in its own insert instead
 * (sla/on-create.ts), with the same rules.
 *
 * - created / any change: the first matching policy applies and the dues are recomputed;
 * - a staff reply: the first sets first_replied_at (clearing the first-reply due), later ones
 *   answer the running next-reply clock; each records met or breached for the report;
 * - a customer message after the first reply starts the next-reply clock;
 * - pending or on hold, or a link to a problem that is not closed, pauses the clocks (the
 *   problems module calls `slaCasesChanged` when links or a problem's status change); leaving it adds the paused business minutes to the
 *   dues (first reply and resolution through sla_paused_minutes, next reply directly);
 * - solved or closed records the resolution target's outcome.
 */
export type SlaEvent = "created" | "customer_message" | "staff_reply" | "changed";

const PAUSING = new Set(["pending", "on_hold"]);
const DONE = new Set(["solved", "closed"]);

export type Loaded = {
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
  /** Linked to a problem that is not closed: the case waits on it. */
  on_problem: boolean;
  plan: string | null;
  policies: Policy[];
  calendar: Calendar | null;
};

export async function loadCaseSla(scope: TenantScope, caseId: string): Promise<Loaded | undefined> {
  const { rows } = await sql<Loaded>`
    select c.id, c.status, c.priority, c.team_id, c.created_at, c.first_replied_at, c.sla_started_at,
           c.sla_next_reply_from, c.sla_paused_at, c.sla_paused_minutes, c.sla_first_reply_due_at,
           c.sla_next_reply_due_at, c.sla_resolution_due_at, c.sla_breached_at, cu.organization,
           exists (select 1 from problem_cases pc join problems p on p.id = pc.problem_id
                    where pc.case_id = c.id and p.status <> 'closed') as on_problem,
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
  const paused = PAUSING.has(c.status) || (c.on_problem && !DONE.has(c.status));
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
           sla_resolution_due_at = ${dues.resolution}, sla_warn_at = ${dues.warnAt},
           -- A new warn instant (a new clock, pushed dues) is worth a new warning (sla/sweep.ts).
           sla_warned_at = case when sla_warn_at is not distinct from ${dues.warnAt}::timestamptz
                                then sla_warned_at end
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

/**
 * Met or breached per target, once per due (a sweep's breach and a late reply are one row).
 * Returns the outcomes that were new.
 */
export async function recordOutcomes(
  scope: TenantScope,
  caseId: string,
  teamId: string | null,
  outcomes: Outcome[],
  at: Date,
): Promise<Outcome[]> {
  const fresh: Outcome[] = [];
  for (const o of outcomes) {
    const { rows } = await sql`
      insert into sla_outcomes (workspace_id, case_id, team_id, target, outcome, due_at, at)
      values (${scope.workspaceId}, ${caseId}, ${teamId}, ${o.target}, ${o.met ? "met" : "breached"}, ${o.due}, ${at})
      on conflict (case_id, target, due_at, workspace_id) do nothing
      returning 1`.execute(scope.db);
    if (rows.length) fresh.push(o);
  }
  return fresh;
}

/** The problems module's hook: these cases' links or their problem's status changed. */
export async function slaCasesChanged(scope: TenantScope, caseIds: string[], now = new Date()) {
  for (const id of caseIds) await applySlaEvent(scope, id, "changed", now);
}

/** A problem's status changed: its open cases pause (or resume) their SLA clocks. */
export async function slaProblemChanged(scope: TenantScope, problemId: string, now = new Date()) {
  const { rows } = await sql<{ case_id: string }>`
    select pc.case_id from problem_cases pc join cases c on c.id = pc.case_id
     where pc.workspace_id = ${scope.workspaceId} and pc.problem_id = ${problemId}
       and c.status in ('new', 'open', 'pending', 'on_hold') and c.sla_started_at is not null`.execute(
    scope.db,
  );
  await slaCasesChanged(
    scope,
    rows.map((r) => r.case_id),
    now,
  );
}
