import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { StepView, TakeStepInput } from "../../../../../contracts/conduct.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { doerOf } from "../../customers/customers.service.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { emitWebhookEvent } from "../../webhooks/webhooks.service.ts";
import { workspaceUrl } from "../../workspaces/workspace-url.ts";
import { conductClock } from "../history/decay.ts";
import { customerDataExport } from "../history/export.ts";
import { presentStep, stepsOf } from "../history/history.repo.ts";
import { assertManager } from "./conduct.policy.ts";
import { evidenceCase, exportAttachment, newAppealToken, sendNotice } from "./notice.ts";
import { rerouteOpenCases } from "./route-hook.ts";
import { appealParagraph, fillTemplate, NOTICE_TEMPLATES } from "./templates.ts";

type Ctx = Pick<AppContext, "db" | "files"> & Partial<Pick<AppContext, "boss" | "config">>;
const DAY_MS = 86_400_000;
export const hashAppealToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A manager takes a step on the ladder. Checked first (evidence of this customer, the named
 * agent), then in one transaction: the notice to the customer (with the appeal link; for
 * 'ended' their data export attached), the step, a staff-only timeline event, the audit entry
 * and the `conduct.step_taken` webhook. Decided by a person, never automatically.
 */
export async function takeStep(
  ctx: Ctx,
  actor: Actor,
  customerId: string,
  input: TakeStepInput,
): Promise<StepView & { appealUrl: string }> {
  await assertManager(ctx.db, actor);
  if (input.kind === "restricted" && !input.restrictions)
    throw new AppError("validation_failed", "a restriction names the allowed channels", "restrictions");
  if (input.kind !== "restricted" && input.restrictions)
    throw new AppError("validation_failed", "only a 'restricted' step has restrictions", "restrictions");
  if (input.evidence.length === 0)
    throw new AppError("validation_failed", "a step rests on at least one flagged message", "evidence");
  return inTransaction(ctx.db, async (tx) => {
    const ws = actor.workspaceId;
    const scope = new TenantScope(tx, ws);
    const { rows: who } = await sql<{ name: string }>`
      select name from customers where workspace_id = ${ws} and id = ${customerId} and merged_into is null
       for no key update`.execute(tx);
    const customer = who[0];
    if (!customer) throw new AppError("not_found", "Customer was not found");
    const evidence = [...new Set(input.evidence)];
    const { rows: found } = await sql<{ n: number }>`
      select count(*)::int as n from text_assessments
       where workspace_id = ${ws} and customer_id = ${customerId} and id = any(${evidence}::bigint[])`.execute(
      tx,
    );
    if ((found[0]?.n ?? 0) !== evidence.length)
      throw new AppError(
        "validation_failed",
        "every piece of evidence must be a flag on this customer's messages",
        "evidence",
      );
    let agentName: string | null = null;
    const agentId = input.restrictions?.agentMembershipId ?? null;
    if (agentId) {
      const { rows } = await sql<{ name: string }>`
        select u.name from memberships m join auth."user" u on u.id = m.user_id
         where m.workspace_id = ${ws} and m.id = ${agentId} and m.status = 'active' and m.role <> 'customer'`.execute(
        tx,
      );
      if (!rows[0])
        throw new AppError(
          "validation_failed",
          "no active agent has this id",
          "restrictions.agentMembershipId",
        );
      agentName = rows[0].name;
    }
    const now = conductClock.now();
    const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null;
    const notice = fillTemplate(input.notice ?? NOTICE_TEMPLATES[input.kind], {
      name: customer.name,
      until: expiresAt,
      channels: input.restrictions?.channels ?? null,
      agentName,
    });
    const token = newAppealToken();
    // On the workspace's own host, as every link in its mail (a second brand's customers would
    // otherwise appeal on the first's address).
    const base = ctx.config ? await workspaceUrl({ db: tx, config: ctx.config }, ws) : "";
    const appealUrl = `${base}/conduct/appeal/${token}`;
    const attachments =
      input.kind === "ended"
        ? [await exportAttachment(ctx, ws, await customerDataExport(scope, customerId))]
        : [];
    const doer = doerOf(actor);
    const sent = await sendNotice(
      ctx,
      scope,
      { userId: actor.userId, name: actor.name, doer },
      customerId,
      await evidenceCase(scope, evidence),
      notice + appealParagraph(appealUrl),
      attachments,
    );
    const step = await scope
      .insertInto("conduct_steps", {
        customer_id: customerId,
        kind: input.kind,
        reason: input.reason,
        evidence,
        restrictions: input.restrictions
          ? JSON.stringify({ channels: input.restrictions.channels, agentMembershipId: agentId })
          : null,
        notice,
        notice_case_id: sent.caseId,
        notice_message_id: sent.messageId,
        decided_by: actor.membershipId,
        decided_at: now,
        expires_at: expiresAt,
        appeal_token_hash: hashAppealToken(token),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Open cases follow at once (a warning changes nothing, a restriction without a named agent
    // only tags them).
    if (input.kind !== "warning") await rerouteOpenCases(ctx, scope, customerId);
    await appendEvent(scope, {
      customerId,
      caseId: sent.caseId,
      kind: "conduct.step_taken",
      data: { stepId: step.id, kind: input.kind, reason: input.reason },
      doer,
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "conduct.step_taken",
      subjectType: "customer",
      subjectId: customerId,
      data: {
        stepId: step.id,
        kind: input.kind,
        reason: input.reason,
        evidence,
        expiresAt,
        restrictions: input.restrictions ?? null,
      },
    });
    await emitWebhookEvent(scope, ctx.boss, "conduct.step_taken", {
      stepId: step.id,
      customerId,
      kind: input.kind,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
    const row = (await stepsOf(tx, ws, customerId)).find((s) => s.id === step.id);
    return { ...presentStep(row as NonNullable<typeof row>, now), appealUrl };
  });
}

/**
 * A manager steps down: the step stops being in force now. Audited, on the timeline, and the
 * customer is told briefly on the case the notice went to. Lifting twice is 409.
 */
export async function liftStep(
  ctx: Ctx,
  actor: Actor,
  stepId: string,
  input: { reason: string },
  opts: { notice?: string; skipManagerCheck?: boolean } = {},
): Promise<StepView> {
  if (!opts.skipManagerCheck) await assertManager(ctx.db, actor);
  return inTransaction(ctx.db, (tx) =>
    liftStepInTx(ctx, new TenantScope(tx, actor.workspaceId), actor, stepId, input, opts),
  );
}

export async function liftStepInTx(
  ctx: Ctx,
  scope: TenantScope,
  actor: Actor,
  stepId: string,
  input: { reason: string },
  opts: { notice?: string } = {},
): Promise<StepView> {
  const step = await scope
    .selectFrom("conduct_steps")
    .selectAll()
    .where("id", "=", stepId)
    .forUpdate()
    .executeTakeFirst();
  if (!step) throw new AppError("not_found", "Step was not found");
  const now = conductClock.now();
  if (step.lifted_at || (step.expires_at && step.expires_at.getTime() <= now.getTime()))
    throw new AppError("conflict", "This step is no longer in force");
  await scope
    .updateTable("conduct_steps")
    .set({ lifted_at: now, lifted_by: actor.membershipId, lift_reason: input.reason })
    .where("id", "=", stepId)
    .execute();
  const doer = doerOf(actor);
  const customer = await scope
    .selectFrom("customers")
    .select("name")
    .where("id", "=", step.customer_id)
    .executeTakeFirst();
  const text =
    opts.notice ??
    `Dear ${customer?.name ?? "customer"},\n\nThe ${step.kind === "warning" ? "warning we sent you" : "restriction on your account"} no longer applies, as of today. Thank you for your patience; we look forward to helping you as usual.`;
  await sendNotice(
    ctx,
    scope,
    { userId: actor.userId, name: actor.name, doer },
    step.customer_id,
    step.notice_case_id,
    text,
  );
  await appendEvent(scope, {
    customerId: step.customer_id,
    caseId: step.notice_case_id,
    kind: "conduct.step_lifted",
    data: { stepId, kind: step.kind, reason: input.reason },
    doer,
  });
  await audit(scope, {
    actorUserId: actor.userId,
    action: "conduct.step_lifted",
    subjectType: "customer",
    subjectId: step.customer_id,
    data: { stepId, kind: step.kind, reason: input.reason },
  });
  const row = (await stepsOf(scope.db, scope.workspaceId, step.customer_id)).find((s) => s.id === stepId);
  return presentStep(row as NonNullable<typeof row>, now);
}
