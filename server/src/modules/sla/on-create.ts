import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";
import { cachedWorkspaceFlags } from "../../platform/db/workspace-flags.ts";
import { ALWAYS_OPEN, type Calendar } from "../hours/calendar.ts";
import { computeDues, type Policy } from "./dues.ts";

/**
 * A new case's SLA written by the case's own insert (cases/create-case.repo.ts), with no
 * statement after it. Issue #18 allows routing + SLA 2 ms of creation's p95 (bench/ROUTING.md).
 *
 * Why not insert, then update the dues: the dues columns are indexed, so that update cannot be
 * HOT and writes every one of the case's ~25 index entries again (full-text and trigram
 * included). It doubled creation's cost on the bench. Instead the dues are known before the
 * insert: the workspace's policies and calendars are remembered per workspace (the tables
 * announce changes, migration 0043/0078), the dues for each policy are computed here from the
 * instant the case is created, and the insert picks the first policy whose conditions hold
 * for the customer (their organization and plan fact are read inside that same statement).
 * `matchPolicy` (dues.ts) is the same rule in JavaScript, used by every later SLA event.
 */
export type SlaSetup = {
  policies: Policy[];
  calendars: { teamId: string | null; calendar: Calendar }[];
};

export function slaSetup(db: Executor, workspaceId: string): Promise<SlaSetup> {
  return cachedWorkspaceFlags(`sla-setup:${workspaceId}`, async () => {
    const { rows } = await sql<SlaSetup>`
      select (select coalesce(json_agg(json_build_object('id', p.id, 'conditions', p.conditions,
                      'targets', p.targets, 'calendar', p.calendar) order by p.position, p.created_at), '[]')
                from sla_policies p where p.workspace_id = ${workspaceId}::uuid) as policies,
             (select coalesce(json_agg(json_build_object('teamId', b.team_id, 'calendar', json_build_object(
                      'timezone', b.timezone, 'periods', b.periods, 'holidays', b.holidays))), '[]')
                from business_calendars b where b.workspace_id = ${workspaceId}::uuid) as calendars`.execute(
      db,
    );
    return rows[0] as SlaSetup;
  });
}

/** The team's calendar, else the workspace default, else always open (as loadCaseSla reads it). */
function calendarFor(setup: SlaSetup, teamId: string | null): Calendar {
  const own = teamId ? setup.calendars.find((c) => c.teamId === teamId) : undefined;
  return (own ?? setup.calendars.find((c) => c.teamId === null))?.calendar ?? ALWAYS_OPEN;
}

/** Condition values as the insert compares them: trimmed and lower-cased, like matchPolicy. */
const norm = (v: string | undefined) => (v ? v.trim().toLowerCase() : null);

/**
 * Each policy in order with the dues a case created at `createdAt` in `teamId` would get under
 * it. Nothing has happened to the case yet: no reply, no pause, no next-reply clock.
 */
export function createdSlaChoices(setup: SlaSetup, teamId: string | null, createdAt: Date) {
  const teamCalendar = calendarFor(setup, teamId);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return setup.policies.map((p) => {
    const cal = p.calendar === "always" ? ALWAYS_OPEN : teamCalendar;
    const dues = computeDues(cal, p.targets, {
      createdAt,
      firstRepliedAt: null,
      nextReplyFrom: null,
      pausedMinutes: 0,
    });
    return {
      id: p.id,
      priority: p.conditions.priority || null,
      organization: norm(p.conditions.organization),
      plan: norm(p.conditions.plan),
      firstReply: iso(dues.firstReply),
      resolution: iso(dues.resolution),
      warnAt: iso(dues.warnAt),
    };
  });
}

export type CreatedSla = {
  choices: ReturnType<typeof createdSlaChoices>;
  createdAt: Date;
  /**
   * Routing chooses the team inside the insert (routing_choose, migration 0085), so the dues
   * cannot wait for it: the choices under each team's own calendar, keyed by team id, computed
   * beforehand. A team not listed (no calendar of its own), or no team, takes `choices` (the
   * workspace default calendar). Empty when no policy counts in the team's hours.
   */
  byTeam?: Record<string, ReturnType<typeof createdSlaChoices>>;
};

/**
 * The dues for a case whose team is not known yet (routing decides inside the insert): under the
 * workspace default calendar, and under each team calendar as well if some policy counts in the
 * team's hours. A workspace without team calendars (most, and the bench) pays nothing more.
 */
export function createdSlaForRouting(setup: SlaSetup, createdAt: Date): CreatedSla {
  const choices = createdSlaChoices(setup, null, createdAt);
  const byTeam: Record<string, typeof choices> = {};
  if (setup.policies.some((p) => p.calendar !== "always"))
    for (const c of setup.calendars)
      if (c.teamId) byTeam[c.teamId] = createdSlaChoices(setup, c.teamId, createdAt);
  return { choices, createdAt, byTeam };
}

/**
 * The insert's `sla` CTE: the first choice whose conditions hold for customer `ok` (at most one
 * row; none when no policy applies). JavaScript's trim and PostgreSQL's btrim agree on the
 * whitespace people type.
 */
export function createdSlaCte(
  workspaceId: string,
  priority: string,
  sla: CreatedSla,
  /** The team the insert's own routing chose (with `sla.byTeam`), as an SQL expression. */
  routedTeam?: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const ws = workspaceId;
  const clean = (v: RawBuilder<unknown>) => sql`lower(btrim(coalesce(${v}, ''), E' \\t\\r\\n'))`;
  const all = sql`${JSON.stringify(sla.choices)}::jsonb`;
  const choices =
    routedTeam && sla.byTeam && Object.keys(sla.byTeam).length > 0
      ? sql`coalesce(${JSON.stringify(sla.byTeam)}::jsonb -> (${routedTeam})::text, ${all})`
      : all;
  return sql`,
    sla as (
      select (ch->>'id')::uuid as policy_id, (ch->>'firstReply')::timestamptz as first_reply_due,
             (ch->>'resolution')::timestamptz as resolution_due, (ch->>'warnAt')::timestamptz as warn_at
        from ok, jsonb_array_elements(${choices}) with ordinality as e(ch, n)
       where (ch->>'priority' is null or ch->>'priority' = ${priority}::text)
         and (ch->>'organization' is null or ${clean(sql`ok.organization`)} = ch->>'organization')
         and (ch->>'plan' is null or ${clean(sql`(
               select f.value #>> '{}' from facts f
                where f.workspace_id = ${ws}::uuid and f.customer_id = ok.id and f.key = 'plan'
                  and f.superseded_at is null order by f.recorded_at desc limit 1)`)} = ch->>'plan')
       order by n limit 1)`;
}
