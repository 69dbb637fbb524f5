import { type RawBuilder, sql } from "kysely";
import type { CaseSla } from "../../../../contracts/cases.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { Calendar } from "../hours/calendar.ts";
import { applySlaEvent } from "./case-sla.ts";
import type { Policy } from "./dues.ts";

/**
 * A new case's SLA in one statement after the insert instead of two: the case's own insert
 * (cases/create-case.repo.ts) also returns what `loadCaseSla` would read — the customer's plan,
 * the workspace's policies and the team's (else default) calendar — and only the update
 * follows. Issue #18 allows routing + SLA 2 ms of creation's p95 (bench/ROUTING.md).
 */
export type CreatedSlaInputs = {
  slaPlan: string | null;
  slaPolicies: Policy[];
  slaCalendar: Calendar | null;
  slaCreatedAt: Date;
};

/** Columns for the insert's final select; `nc` is the new case, `ok` its customer. */
export function createdSlaColumns(workspaceId: string): RawBuilder<unknown> {
  const ws = workspaceId;
  return sql`,
    (select f.value #>> '{}' from facts f
      where f.workspace_id = ${ws}::uuid and f.customer_id = nc.customer_id and f.key = 'plan'
        and f.superseded_at is null order by f.recorded_at desc limit 1) as "slaPlan",
    (select coalesce(json_agg(json_build_object('id', p.id, 'conditions', p.conditions,
             'targets', p.targets, 'calendar', p.calendar) order by p.position, p.created_at), '[]')
       from sla_policies p where p.workspace_id = ${ws}::uuid) as "slaPolicies",
    (select json_build_object('timezone', b.timezone, 'periods', b.periods, 'holidays', b.holidays)
       from business_calendars b
      where b.workspace_id = ${ws}::uuid and (b.team_id = nc.team_id or b.team_id is null)
      order by b.team_id nulls last limit 1) as "slaCalendar",
    nc.created_at as "slaCreatedAt"`;
}

/** Applies the "created" event to a case just inserted with `createdSlaColumns`. */
export function applyCreatedSla(
  scope: TenantScope,
  row: {
    id: string;
    status: string;
    priority: string;
    teamId: string | null;
    customerOrganization: string | null;
  },
  inputs: CreatedSlaInputs,
  now = new Date(),
): Promise<CaseSla | null> {
  return applySlaEvent(scope, row.id, "created", now, {
    id: row.id,
    status: row.status,
    priority: row.priority,
    team_id: row.teamId,
    created_at: new Date(inputs.slaCreatedAt),
    first_replied_at: null,
    sla_started_at: new Date(inputs.slaCreatedAt),
    sla_next_reply_from: null,
    sla_paused_at: null,
    sla_paused_minutes: 0,
    sla_first_reply_due_at: null,
    sla_next_reply_due_at: null,
    sla_resolution_due_at: null,
    sla_breached_at: null,
    organization: row.customerOrganization,
    // A new case cannot be linked to a problem yet.
    on_problem: false,
    plan: inputs.slaPlan,
    policies: inputs.slaPolicies,
    calendar: inputs.slaCalendar,
  });
}
