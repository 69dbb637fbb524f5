import { sql } from "kysely";
import type { AppealView } from "../../../../../contracts/conduct.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError, forbidden } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { doerOf } from "../../customers/customers.service.ts";
import { notifyStaff } from "../../notifications/notify.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { emitWebhookEvent } from "../../webhooks/webhooks.service.ts";
import { assertManager, managersOf } from "../ladder/conduct.policy.ts";
import { sendNotice } from "../ladder/notice.ts";
import { hashAppealToken, liftStepInTx } from "../ladder/steps.service.ts";
import { listAppeals } from "./appeals.repo.ts";

type Ctx = Pick<AppContext, "db" | "files"> & Partial<Pick<AppContext, "boss" | "config">>;

/** The step an appeal link opens (any workspace: the token is the only credential). */
export async function stepByToken(db: AppContext["db"], token: string) {
  const { rows } = await sql<{
    id: string;
    workspace_id: string;
    customer_id: string;
    kind: string;
    notice: string;
    decided_by: string | null;
    workspace: string;
  }>`
    select s.id, s.workspace_id, s.customer_id, s.kind, s.notice, s.decided_by, w.name as workspace
      from conduct_steps s join workspaces w on w.id = s.workspace_id
     where s.appeal_token_hash = ${hashAppealToken(token)}`.execute(db);
  const step = rows[0];
  if (!step) return undefined;
  const { rows: appeals } = await sql<{ received_at: Date; outcome: string | null }>`
    select received_at, outcome from conduct_appeals where step_id = ${step.id} order by received_at desc limit 1`.execute(
    db,
  );
  const last = appeals[0];
  return { ...step, appealed: last ? { receivedAt: last.received_at, outcome: last.outcome } : null };
}

export type FoundStep = NonNullable<Awaited<ReturnType<typeof stepByToken>>>;

/**
 * The customer's appeal, from the public page. One per step. It goes to a manager other than
 * the one who decided (the one with fewest open appeals); when there is no other manager it
 * stays unassigned and any manager but the decider may take it. Notifies, audits, and emits
 * `conduct.appeal_received`. One transaction.
 */
export async function receiveAppeal(ctx: Ctx, step: FoundStep, body: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, step.workspace_id);
    await sql`select 1 from conduct_steps where id = ${step.id} for update`.execute(tx);
    const already = await scope
      .selectFrom("conduct_appeals")
      .select("id")
      .where("step_id", "=", step.id)
      .executeTakeFirst();
    if (already) throw new AppError("conflict", "This decision has already been appealed");
    const others = (await managersOf(tx, step.workspace_id)).filter((m) => m.id !== step.decided_by);
    const { rows: load } = await sql<{ assignee_id: string; n: number }>`
      select assignee_id, count(*)::int as n from conduct_appeals
       where workspace_id = ${step.workspace_id} and outcome is null and assignee_id is not null
       group by assignee_id`.execute(tx);
    const openOf = (id: string) => load.find((l) => l.assignee_id === id)?.n ?? 0;
    const assignee = [...others].sort((a, b) => openOf(a.id) - openOf(b.id))[0] ?? null;
    const appeal = await scope
      .insertInto("conduct_appeals", {
        step_id: step.id,
        customer_id: step.customer_id,
        body,
        assignee_id: assignee?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvent(scope, {
      customerId: step.customer_id,
      kind: "conduct.appeal_received",
      data: { appealId: appeal.id, stepId: step.id },
      doer: null,
    });
    if (assignee)
      await notifyStaff(scope, [
        {
          recipientUserId: assignee.user_id,
          kind: "conduct.appeal_received",
          title: "A customer appealed a conduct decision",
          summary: body.slice(0, 300),
          link: "/app/conduct/appeals",
          subjectType: "conduct_appeal",
          subjectId: appeal.id,
        },
      ]);
    await audit(scope, {
      actorUserId: null,
      action: "conduct.appeal_received",
      subjectType: "customer",
      subjectId: step.customer_id,
      data: { appealId: appeal.id, stepId: step.id, assigneeId: assignee?.id ?? null },
    });
    await emitWebhookEvent(scope, ctx.boss, "conduct.appeal_received", {
      appealId: appeal.id,
      stepId: step.id,
      customerId: step.customer_id,
      kind: step.kind,
    });
  });
}

export async function appealsFor(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
): Promise<{ items: AppealView[] }> {
  await assertManager(ctx.db, actor);
  return { items: await listAppeals(ctx.db, actor.workspaceId) };
}

/**
 * A manager other than the decider answers the appeal. Overturned lifts the step (the response
 * is what the customer is told); upheld sends the response on the notice's case. Audited.
 */
export async function decideAppeal(
  ctx: Ctx,
  actor: Actor,
  appealId: string,
  input: { outcome: "upheld" | "overturned"; response: string },
): Promise<AppealView> {
  await assertManager(ctx.db, actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const appeal = await scope
      .selectFrom("conduct_appeals")
      .innerJoin("conduct_steps as s", "s.id", "conduct_appeals.step_id")
      .select([
        "conduct_appeals.id",
        "conduct_appeals.outcome",
        "conduct_appeals.customer_id",
        "s.id as stepId",
        "s.decided_by",
        "s.notice_case_id",
        "s.lifted_at",
        "s.expires_at",
      ])
      .where("conduct_appeals.id", "=", appealId)
      .forUpdate()
      .executeTakeFirst();
    if (!appeal) throw new AppError("not_found", "Appeal was not found");
    if (appeal.decided_by === actor.membershipId)
      throw forbidden("The manager who took the step cannot decide its appeal");
    if (appeal.outcome) throw new AppError("conflict", "This appeal has already been decided");
    await scope
      .updateTable("conduct_appeals")
      .set({
        outcome: input.outcome,
        response: input.response,
        decided_by: actor.membershipId,
        decided_at: new Date(),
        assignee_id: sql`coalesce(assignee_id, ${actor.membershipId}::uuid)`,
      })
      .where("id", "=", appealId)
      .execute();
    const stillInForce =
      !appeal.lifted_at && (!appeal.expires_at || appeal.expires_at.getTime() > Date.now());
    if (input.outcome === "overturned" && stillInForce) {
      await liftStepInTx(
        ctx,
        scope,
        actor,
        appeal.stepId,
        { reason: `Appeal overturned: ${input.response}` },
        {
          notice: input.response,
        },
      );
    } else {
      const doer = doerOf(actor);
      await sendNotice(
        ctx,
        scope,
        { userId: actor.userId, name: actor.name, doer },
        appeal.customer_id,
        appeal.notice_case_id,
        input.response,
      );
    }
    await audit(scope, {
      actorUserId: actor.userId,
      action: "conduct.appeal_decided",
      subjectType: "customer",
      subjectId: appeal.customer_id,
      data: { appealId, stepId: appeal.stepId, outcome: input.outcome },
    });
    const [view] = await listAppeals(tx, actor.workspaceId, { id: appealId });
    return view as AppealView;
  });
}
