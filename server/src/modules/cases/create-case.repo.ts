import { sql } from "kysely";
import { exactTime, isoTime } from "../../platform/db/cursor.ts";
import type { Executor, TenantScope } from "../../platform/db/tenant.ts";
import { cachedWorkspaceFlags } from "../../platform/db/workspace-flags.ts";
import { REALTIME_CHANNEL } from "../../platform/realtime/publish.ts";
import { type RoutingInput, routingChoiceSql } from "../routing/route.ts";
import { type CreatedSla, createdSlaCte } from "../sla/on-create.ts";
import type { Doer } from "../timeline/timeline.ts";
import type { CaseRow, NewCaseFields } from "./cases.repo.ts";
import type { SourceArticle } from "./source-article.ts";

export type NewCase = NewCaseFields & {
  /** The first message, in the customer's words. */
  message: { body: string; authorUserId: string | null; excerpt: string };
  doer: Doer | null;
  /** The help article the customer came from: a staff-only `article.source` event. */
  sourceArticle?: SourceArticle | null;
  /**
   * Routing chooses the team and assignee inside this insert (routing_choose, migration 0085, under
   * the workspace's routing lock), instead of `assigneeId` and `teamId`; its decision is also the
   * staff-only `case.routed` event.
   */
  route?: RoutingInput | null;
  /**
   * The workspace has SLA policies: the insert writes the first matching policy's dues, computed
   * beforehand for `createdAt`, which becomes the case's creation instant (sla/on-create.ts).
   */
  sla?: CreatedSla | null;
  /**
   * Also return `conductStep`: whether a conduct step that redirects the customer's cases is in
   * force at this instant (conduct/ladder/active.ts's rule), so creation reads the step itself
   * only when there is one.
   */
  conductAt?: Date | null;
};

export type CreationNeeds = { routing: boolean; sla: boolean };

/**
 * What case creation must do beyond its insert in this workspace: route (any rule, customer or
 * organization routing) and look up SLA policies (any policy). Remembered per workspace
 * (platform/db/workspace-flags.ts; migration 0043 announces changes), so a workspace that uses
 * neither pays no extra round trip: issue #18 allows routing + SLA 2 ms of creation's p95.
 * Only additions can make a stale answer wrong, and their writers forget at once.
 */
export function creationNeeds(db: Executor, workspaceId: string): Promise<CreationNeeds> {
  return cachedWorkspaceFlags(`creation:${workspaceId}`, async () => {
    const { rows } = await sql<CreationNeeds>`
      select exists (select 1 from routing_rules where workspace_id = ${workspaceId}::uuid)
          or exists (select 1 from customer_routing where workspace_id = ${workspaceId}::uuid
                      and (preferred_agent_id is not null or dedicated_team_id is not null))
          or exists (select 1 from organization_routing where workspace_id = ${workspaceId}::uuid) as routing,
             exists (select 1 from sla_policies where workspace_id = ${workspaceId}::uuid) as sla`.execute(
      db,
    );
    return rows[0] as CreationNeeds;
  });
}

/**
 * A case with its first message in ONE statement: the checks (live customer, active staff
 * assignee, team of this workspace), the case number, the case, the message, both timeline
 * events (`case.created`, then `message.added`, then `article.source` when the customer came
 * from a help article, then `case.routed` when routing chose the team or agent), the realtime notices, and the row the API
 * returns. One round trip instead of fourteen: on this platform each statement costs a
 * system call on both sides, which bounded case creation (see bench/NOTES.md). Being one
 * statement, it is atomic on its own and needs no surrounding transaction.
 *
 * The events' data must keep the shapes `TimelineData` gives them in contracts/timeline.ts
 * (`appendEvent` writes the same kinds elsewhere); cases.test.ts checks `case.created`'s.
 *
 * Returns undefined when a check fails; nothing is written then, and the caller finds out
 * which check it was (the slow path, only for bad input).
 */
export async function insertCaseWithFirstMessage(scope: TenantScope, c: NewCase) {
  const ws = scope.workspaceId;
  // With SLA, creation and the clock's start are the instant the dues were computed from, so
  // every later recomputation (anchored on created_at) finds the same dues.
  const at = c.sla ? sql`${c.sla.createdAt.toISOString()}::timestamptz` : sql`now()`;
  // With routing, the assignee and team are the choice made by the first CTE (materialized: the
  // function runs once, and takes the lock before next_case_number's row lock, like every path).
  const assignee = c.route ? sql`(select (d->>'assigneeId')::uuid from rt)` : sql`${c.assigneeId}::uuid`;
  const team = c.route ? sql`(select (d->>'teamId')::uuid from rt)` : sql`${c.teamId}::uuid`;
  const routed = c.route ? sql`(select d from rt)` : sql`null::jsonb`;
  const { rows } = await sql<CaseRow & { conductStep?: boolean }>`
    with ${c.route ? sql`rt as materialized (select ${routingChoiceSql(ws, c, c.route)} as d),` : sql``}
    cu as (
      select id, name, organization, user_id from customers
       where workspace_id = ${ws}::uuid and id = ${c.customerId}::uuid and merged_into is null),
    asg as (
      select m.id, u.name from memberships m join auth."user" u on u.id = m.user_id
       where m.workspace_id = ${ws} and m.id = ${assignee}
         and m.role <> 'customer' and m.status = 'active'),
    tm as (select id, name from teams where workspace_id = ${ws} and id = ${team}),
    ok as (
      select cu.* from cu
       where (${assignee} is null or exists (select 1 from asg))
         and (${team} is null or exists (select 1 from tm)))
    ${c.sla ? createdSlaCte(ws, c.priority, c.sla, c.route ? team : undefined) : sql``},
    nc as (
      insert into cases (workspace_id, number, customer_id, subject, channel, priority, tags,
                         assignee_id, team_id, waiting_since, created_at, sla_started_at
                         ${c.sla ? sql`, sla_policy_id, sla_first_reply_due_at, sla_resolution_due_at, sla_warn_at` : sql``})
      select ${ws}::uuid, next_case_number(${ws}), ok.id, ${c.subject}::text, ${c.channel}::text, ${c.priority}::text,
             ${c.tags}::text[], ${assignee}, ${team}, ${at}, ${at}, ${at}
             ${c.sla ? sql`, sla.policy_id, sla.first_reply_due, sla.resolution_due, sla.warn_at` : sql``}
        from ok ${c.sla ? sql`left join sla on true` : sql``}
      returning *),
    nm as (
      insert into messages (workspace_id, case_id, kind, author_user_id, author_name, body, channel)
      select ${ws}::uuid, nc.id, 'customer', ${c.message.authorUserId}::text, ok.name, ${c.message.body}::text, nc.channel
        from nc, ok
      returning id),
    ev as (
      insert into timeline_events (workspace_id, customer_id, case_id, kind, actor_user_id, actor_name, data)
      select ${ws}::uuid, nc.customer_id, nc.id, 'case.created', ${c.doer?.userId ?? null}::text, ${c.doer?.name ?? null}::text,
             jsonb_build_object('number', nc.number, 'subject', nc.subject, 'channel', nc.channel)
        from nc
      union all
      select ${ws}::uuid, nc.customer_id, nc.id, 'message.added', ${c.doer?.userId ?? null}::text, ${c.doer?.name ?? null}::text,
             jsonb_build_object('messageId', nm.id, 'kind', 'customer', 'excerpt', ${c.message.excerpt}::text,
                                'channel', nc.channel, 'authorName', ok.name)
        from nc, nm, ok
      union all
      select ${ws}::uuid, nc.customer_id, nc.id, 'article.source', ${c.doer?.userId ?? null}::text, ${c.doer?.name ?? null}::text,
             ${c.sourceArticle ? JSON.stringify(c.sourceArticle) : null}::jsonb
        from nc, nm
       where ${c.sourceArticle ? JSON.stringify(c.sourceArticle) : null}::jsonb is not null
      union all
      select ${ws}::uuid, nc.customer_id, nc.id, 'case.routed', null, 'Routing', ${routed}
        from nc, nm
       where ${routed} is not null),
    notices as (
      select count(pg_notify(${REALTIME_CHANNEL}, json_build_object(
               'workspaceId', ${ws}::uuid, 'audience', audience, 'event', event)::text)) as sent
        from nc, nm, ok, lateral (values
          (json_build_object('kind', 'staff'), json_build_object(
             'type', 'message.added', 'caseId', nc.id, 'messageId', nm.id, 'kind', 'customer')),
          (case when ok.user_id is not null then json_build_object('kind', 'user', 'userId', ok.user_id) end,
           json_build_object('type', 'message.added', 'caseId', nc.id, 'messageId', nm.id, 'kind', 'customer')),
          (json_build_object('kind', 'staff'), json_build_object(
             'type', 'case.created', 'caseId', nc.id, 'number', nc.number, 'customerId', nc.customer_id))
        ) as n(audience, event)
       where audience is not null)
    select nc.id, nc.number, nc.subject, nc.status, nc.priority, nc.channel, nc.tags,
           nc.customer_id as "customerId", ok.name as "customerName", ok.organization as "customerOrganization",
           nc.assignee_id as "assigneeId", (select name from asg) as "assigneeName",
           nc.team_id as "teamId", (select name from tm) as "teamName",
           ${isoTime("nc.created_at")} as "createdAt", ${isoTime("nc.updated_at")} as "updatedAt",
           ${isoTime("nc.last_activity_at")} as "lastActivityAt", ${isoTime("nc.waiting_since")} as "waitingSince",
           ${exactTime("nc.last_activity_at")} as "cursorAt"
           ${c.sla ? createdSlaColumns : sql``}
           ${c.conductAt ? conductStepColumn(ws, c.conductAt) : sql``}
      from nc, ok, notices`.execute(scope.db);
  return rows[0];
}

/** The SLA the insert wrote, for the API's answer (presentCase → sla/present.ts). */
const createdSlaColumns = sql`,
  nc.sla_policy_id as "slaPolicyId", ${isoTime("nc.sla_first_reply_due_at")} as "slaFirstReplyDueAt",
  ${isoTime("nc.sla_resolution_due_at")} as "slaResolutionDueAt", ${isoTime("nc.sla_warn_at")} as "slaWarnAt"`;

/** Same test as activeStepIn (conduct/ladder/active.ts) for a step that changes where cases go. */
const conductStepColumn = (ws: string, at: Date) => sql`,
  exists (select 1 from conduct_steps s
           where s.workspace_id = ${ws}::uuid and s.customer_id = nc.customer_id and s.kind <> 'warning'
             and s.lifted_at is null and (s.expires_at is null or s.expires_at > ${at}::timestamptz)) as "conductStep"`;
