import { sql } from "kysely";
import type { CaseSla } from "../../../../contracts/cases.ts";
import { slaState } from "./dues.ts";

const iso = (col: string) =>
  sql<string | null>`to_char(${sql.ref(col)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The SLA columns the case list and header select (cases.repo.ts caseQuery). */
export function slaColumns() {
  return [
    sql<string | null>`cases.sla_policy_id`.as("slaPolicyId"),
    iso("cases.sla_first_reply_due_at").as("slaFirstReplyDueAt"),
    iso("cases.sla_next_reply_due_at").as("slaNextReplyDueAt"),
    iso("cases.sla_resolution_due_at").as("slaResolutionDueAt"),
    iso("cases.sla_paused_at").as("slaPausedAt"),
    iso("cases.sla_breached_at").as("slaBreachedAt"),
    iso("cases.sla_warn_at").as("slaWarnAt"),
    sql<boolean>`cases.sla_warned_at is not null`.as("slaWarned"),
  ] as const;
}

export type SlaRow = {
  status: string;
  slaPolicyId?: string | null;
  slaFirstReplyDueAt?: string | null;
  slaNextReplyDueAt?: string | null;
  slaResolutionDueAt?: string | null;
  slaPausedAt?: string | null;
  slaBreachedAt?: string | null;
  slaWarnAt?: string | null;
  /** The sweep has told the assignee and leads it is close. */
  slaWarned?: boolean;
};

/** null when no policy applies (or a row written before its SLA was looked at). */
export function presentSla(r: SlaRow, now = new Date()): CaseSla | null {
  if (!r.slaPolicyId) return null;
  const dues = [r.slaFirstReplyDueAt, r.slaNextReplyDueAt, r.slaResolutionDueAt];
  // Overdue counts as breached before the minute's sweep has marked it.
  const overdue = !r.slaPausedAt && dues.some((d) => d && new Date(d) <= now);
  const open = r.status !== "solved" && r.status !== "closed";
  return {
    policyId: r.slaPolicyId,
    firstReplyDueAt: r.slaFirstReplyDueAt ?? null,
    nextReplyDueAt: r.slaNextReplyDueAt ?? null,
    resolutionDueAt: r.slaResolutionDueAt ?? null,
    pausedAt: r.slaPausedAt ?? null,
    breachedAt: r.slaBreachedAt ?? null,
    state: slaState({
      status: r.status,
      pausedAt: r.slaPausedAt,
      breachedAt: r.slaBreachedAt ?? (open && overdue ? "now" : null),
      warnAt: r.slaWarned ? new Date(0) : (r.slaWarnAt ?? null),
    }),
  };
}
