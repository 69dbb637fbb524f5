import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { notifyStaff } from "../notifications/notify.ts";
import { slaNotices } from "../notifications/sla-notices.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { recordOutcomes } from "./case-sla.ts";

type Ctx = Pick<AppContext, "db"> & Partial<Pick<AppContext, "boss">>;

type Hit = {
  id: string;
  workspace_id: string;
  number: string;
  subject: string;
  customer_id: string;
  assignee_id: string | null;
  team_id: string | null;
  first: Date | null;
  next: Date | null;
  res: Date | null;
  warn?: Date | null;
};

/**
 * The minute's sweep (pg-boss schedule "sla.sweep"): running clocks past their due are marked
 * breached (an outcome per due), those past 80 % of a target are marked warned, and the
 * assignee and the team's leads hear of each due once. Marking and notifying share one
 * transaction and the marks are what the next sweep filters on (rows another sweep holds are
 * skipped), so a retried or overlapping run notifies nobody twice.
 * Breaches are announced to webhooks as `sla.breached`.
 */
export async function sweepSla(ctx: Ctx, now = new Date()) {
  return inTransaction(ctx.db, async (tx) => {
    // Every running clock past its due without a recorded outcome, so a next-reply breach after
    // a first-reply breach is found too; recording the outcome below is what the next sweep
    // filters on. sla_breached_at keeps the first breach.
    const { rows: breached } = await sql<Hit>`
      with late as (
        select c.id from cases c
         where c.status in ('new', 'open') and c.sla_paused_at is null
           and least(c.sla_first_reply_due_at, c.sla_next_reply_due_at, c.sla_resolution_due_at) <= ${now}
           and exists (
             select 1 from (values ('first_reply', c.sla_first_reply_due_at), ('next_reply', c.sla_next_reply_due_at),
                                   ('resolution', c.sla_resolution_due_at)) as d(target, due)
              where d.due <= ${now} and not exists (
                select 1 from sla_outcomes o where o.case_id = c.id and o.target = d.target and o.due_at = d.due))
         for no key update of c skip locked)
      update cases set sla_breached_at = coalesce(sla_breached_at, ${now})
        from late where cases.id = late.id
      returning cases.id, workspace_id, number, subject, customer_id, assignee_id, team_id,
                sla_first_reply_due_at as first, sla_next_reply_due_at as next, sla_resolution_due_at as res`.execute(
      tx,
    );
    const { rows: warned } = await sql<Hit>`
      update cases set sla_warned_at = ${now}
       where status in ('new', 'open') and sla_paused_at is null and sla_warned_at is null
         and sla_warn_at <= ${now}
         and not coalesce(least(sla_first_reply_due_at, sla_next_reply_due_at, sla_resolution_due_at) <= ${now}, false)
      returning id, workspace_id, number, subject, customer_id, assignee_id, team_id,
                sla_first_reply_due_at as first, sla_next_reply_due_at as next, sla_resolution_due_at as res,
                sla_warn_at as warn`.execute(tx);
    for (const c of breached) {
      const scope = new TenantScope(tx, c.workspace_id);
      const late = (["first_reply", "next_reply", "resolution"] as const)
        .map((target, i) => ({ target, due: [c.first, c.next, c.res][i] ?? null }))
        .filter((o): o is { target: typeof o.target; due: Date } => o.due !== null && o.due <= now);
      const fresh = await recordOutcomes(
        scope,
        c.id,
        c.team_id,
        late.map((o) => ({ ...o, met: false })),
        now,
      );
      if (fresh.length === 0) continue;
      // One notice per newly breached due (the earliest, when several fall in one sweep).
      const due = new Date(Math.min(...fresh.map((o) => o.due.getTime())));
      await notify(scope, c, "breached", due);
      await emitWebhookEvent(scope, ctx.boss, "sla.breached", {
        case: { id: c.id, number: Number(c.number), subject: c.subject },
        targets: fresh.map((o) => ({ target: o.target, dueAt: o.due.toISOString() })),
        assigneeId: c.assignee_id,
        teamId: c.team_id,
        breachedAt: now.toISOString(),
      });
    }
    // A warning is once per warn instant: a new clock (or pushed dues) clears sla_warned_at (case-sla.ts).
    for (const c of warned) await notify(new TenantScope(tx, c.workspace_id), c, "warning", c.warn ?? now);
    return { breached: breached.length, warned: warned.length };
  });
}

/** The assignee and the leads of the case's team, each once per case, kind and due. */
async function notify(scope: TenantScope, c: Hit, kind: "warning" | "breached", due: Date) {
  const { rows } = await sql<{ membership_id: string; user_id: string }>`
    with who as (
      select ${c.assignee_id}::uuid as membership_id where ${c.assignee_id}::uuid is not null
      union
      select tm.membership_id from team_members tm
       where ${c.team_id}::uuid is not null and tm.team_id = ${c.team_id}::uuid and tm.is_lead),
    ins as (
      insert into sla_notifications (workspace_id, case_id, membership_id, kind, due_at)
      select ${scope.workspaceId}, ${c.id}, m.id, ${kind}, ${due}
        from who join memberships m on m.id = who.membership_id
       where m.workspace_id = ${scope.workspaceId} and m.status = 'active'
      on conflict (case_id, membership_id, kind, due_at, workspace_id) do nothing
      returning membership_id)
    select ins.membership_id, m.user_id from ins join memberships m on m.id = ins.membership_id`.execute(
    scope.db,
  );
  // The bell (notifications module): the same newly told people, in this transaction.
  await notifyStaff(
    scope,
    slaNotices(
      c,
      kind,
      rows.map((r) => r.user_id),
    ),
  );
  for (const r of rows) {
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "user", userId: r.user_id },
      event: { type: "case.updated", caseId: c.id, customerId: c.customer_id },
    });
  }
  if (rows.length === 0) return;
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId: c.id, customerId: c.customer_id },
  });
}
