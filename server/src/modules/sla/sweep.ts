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
};

/**
 * The minute's sweep (pg-boss schedule "sla.sweep"): running clocks past their due are marked
 * breached, those past 80 % of a target are marked warned, and the assignee and the team's
 * leads hear of each once. Marking and notifying share one transaction and the marks are what
 * the next sweep filters on, so a retried or overlapping run notifies nobody twice.
 * Breaches are announced to webhooks as `sla.breached`.
 */
export async function sweepSla(ctx: Ctx, now = new Date()) {
  return inTransaction(ctx.db, async (tx) => {
    const { rows: breached } = await sql<Hit>`
      update cases set sla_breached_at = ${now}
       where status in ('new', 'open') and sla_paused_at is null and sla_breached_at is null
         and least(sla_first_reply_due_at, sla_next_reply_due_at, sla_resolution_due_at) <= ${now}
      returning id, workspace_id, number, subject, customer_id, assignee_id, team_id,
                sla_first_reply_due_at as first, sla_next_reply_due_at as next, sla_resolution_due_at as res`.execute(
      tx,
    );
    const { rows: warned } = await sql<Hit>`
      update cases set sla_warned_at = ${now}
       where status in ('new', 'open') and sla_paused_at is null and sla_warned_at is null
         and sla_breached_at is null and sla_warn_at <= ${now}
      returning id, workspace_id, number, subject, customer_id, assignee_id, team_id,
                sla_first_reply_due_at as first, sla_next_reply_due_at as next, sla_resolution_due_at as res`.execute(
      tx,
    );
    for (const c of breached) {
      const scope = new TenantScope(tx, c.workspace_id);
      const late = (["first_reply", "next_reply", "resolution"] as const)
        .map((target, i) => ({ target, due: [c.first, c.next, c.res][i] ?? null }))
        .filter((o): o is { target: typeof o.target; due: Date } => o.due !== null && o.due <= now);
      await recordOutcomes(
        scope,
        c.id,
        c.team_id,
        late.map((o) => ({ ...o, met: false })),
        now,
      );
      await notify(scope, c, "breached");
      await emitWebhookEvent(scope, ctx.boss, "sla.breached", {
        case: { id: c.id, number: Number(c.number), subject: c.subject },
        targets: late.map((o) => ({ target: o.target, dueAt: o.due.toISOString() })),
        assigneeId: c.assignee_id,
        teamId: c.team_id,
        breachedAt: now.toISOString(),
      });
    }
    for (const c of warned) await notify(new TenantScope(tx, c.workspace_id), c, "warning");
    return { breached: breached.length, warned: warned.length };
  });
}

/** The assignee and the leads of the case's team, each once per case and kind. */
async function notify(scope: TenantScope, c: Hit, kind: "warning" | "breached") {
  const { rows } = await sql<{ membership_id: string; user_id: string }>`
    with who as (
      select ${c.assignee_id}::uuid as membership_id where ${c.assignee_id}::uuid is not null
      union
      select tm.membership_id from team_members tm
       where ${c.team_id}::uuid is not null and tm.team_id = ${c.team_id}::uuid and tm.is_lead),
    ins as (
      insert into sla_notifications (workspace_id, case_id, membership_id, kind)
      select ${scope.workspaceId}, ${c.id}, m.id, ${kind}
        from who join memberships m on m.id = who.membership_id
       where m.workspace_id = ${scope.workspaceId} and m.status = 'active'
      on conflict (case_id, membership_id, kind) do nothing
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
