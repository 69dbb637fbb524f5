import type {
  CaseAssessments,
  MessageAssessment,
  VerdictInput,
} from "../../../../../contracts/conduct-assess.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { publish } from "../../../platform/realtime/publish.ts";
import { audit } from "../../audit/audit.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { assertSeesAssessments } from "./assess.policy.ts";
import {
  type AssessmentRow,
  assessmentsOfMessages,
  findMessageWithCase,
  presentAssessment,
} from "./assess.repo.ts";

type Ctx = Pick<AppContext, "db">;
const excerpt = (t: string) => (t.length > 120 ? `${t.slice(0, 119)}…` : t);

async function visibleMessage(scope: TenantScope, messageId: string) {
  const m = await findMessageWithCase(scope, messageId);
  if (!m) throw new AppError("not_found", "Message was not found");
  return m;
}

/** One message's assessment; 404 while it has none (not assessed yet) or is not visible. */
export async function getAssessment(ctx: Ctx, actor: Actor, messageId: string): Promise<MessageAssessment> {
  assertSeesAssessments(actor, "Message");
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await visibleMessage(scope, messageId);
  const row = (await assessmentsOfMessages(scope, [messageId])).get(messageId);
  // A classifier failure leaves the text unassessed: it reads as not assessed until a person
  // gives a verdict.
  if (!row || (row.outcome === null && row.verdict === null)) {
    throw new AppError("not_found", "This message has not been assessed yet");
  }
  return presentAssessment(row);
}

/** The assessments of a case's customer messages, oldest message first (staff only). */
export async function listCaseAssessments(ctx: Ctx, actor: Actor, caseId: string): Promise<CaseAssessments> {
  assertSeesAssessments(actor, "Case");
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const found = await scope.selectFrom("cases").select("id").where("id", "=", caseId).executeTakeFirst();
  if (!found) throw new AppError("not_found", "Case was not found");
  const rows = await scope
    .selectFrom("text_assessments")
    .innerJoin("messages", "messages.id", "text_assessments.source_id")
    .select([
      "text_assessments.source_id",
      "text_assessments.outcome",
      "text_assessments.signals",
      "text_assessments.mask_spans",
      "text_assessments.assessed_at",
      "text_assessments.verdict",
      "text_assessments.verdict_at",
    ])
    .where("text_assessments.source", "=", "message")
    .where("messages.case_id", "=", caseId)
    .where((eb) =>
      eb.or([eb("text_assessments.outcome", "is not", null), eb("text_assessments.verdict", "is not", null)]),
    )
    .orderBy("messages.created_at")
    .limit(2000)
    .execute();
  return {
    items: rows.map((r) => ({ messageId: r.source_id, assessment: presentAssessment(r as AssessmentRow) })),
    maskAbuse: await maskAbuseOf(scope, actor),
  };
}

/**
 * An agent's word on a customer message: confirms abuse or clears a wrong flag, in one
 * transaction with its audit entry and a staff-only timeline event. A message never assessed
 * (queued, or the classifier failed) gets its row now, with the verdict alone.
 */
export async function setVerdict(ctx: Ctx, actor: Actor, messageId: string, input: VerdictInput) {
  assertSeesAssessments(actor, "Message");
  if (!actor.permissions.includes("cases.work")) {
    throw new AppError("forbidden", "Your role may read cases but not change them");
  }
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const m = await visibleMessage(scope, messageId);
    if (m.kind !== "customer") {
      throw new AppError("conflict", "Only a customer's message can be marked abusive or cleared", "verdict");
    }
    const now = new Date();
    await scope
      .insertInto("text_assessments", {
        source: "message",
        source_id: messageId,
        customer_id: m.customerId,
        case_id: m.caseId,
        outcome: null,
        model: "agent",
        verdict: input.verdict,
        verdict_by: actor.membershipId,
        verdict_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", "source", "source_id"])
          .doUpdateSet({ verdict: input.verdict, verdict_by: actor.membershipId, verdict_at: now }),
      )
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: input.verdict === "abusive" ? "message.abuse_confirmed" : "message.abuse_cleared",
      subjectType: "message",
      subjectId: messageId,
      data: { caseId: m.caseId, customerId: m.customerId },
    });
    await appendEvent(scope, {
      customerId: m.customerId,
      caseId: m.caseId,
      kind: input.verdict === "abusive" ? "message.abuse_confirmed" : "message.abuse_cleared",
      data: { messageId, excerpt: excerpt(m.body) },
      doer: { userId: actor.userId, name: actor.name },
    });
    const row = (await assessmentsOfMessages(scope, [messageId])).get(messageId) as AssessmentRow;
    await publish(tx, {
      workspaceId: actor.workspaceId,
      audience: { kind: "staff" },
      event: { type: "case.message_assessed", caseId: m.caseId, messageId, outcome: row.outcome },
    });
    return presentAssessment(row);
  });
}

/**
 * Records that this agent revealed the masked words of a message (audit log). The body is
 * already in the agent's case view, masked in the browser from `maskSpans`, so nothing is
 * returned: the record is the point, and the API never hands out more than the case view has.
 */
export async function recordReveal(ctx: Ctx, actor: Actor, messageId: string) {
  assertSeesAssessments(actor, "Message");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const m = await visibleMessage(scope, messageId);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "message.abuse_revealed",
      subjectType: "message",
      subjectId: messageId,
      data: { caseId: m.caseId },
    });
    return { recorded: true as const };
  });
}

async function maskAbuseOf(scope: TenantScope, actor: Actor): Promise<boolean> {
  const row = await scope
    .selectFrom("memberships")
    .select("mask_abuse")
    .where("id", "=", actor.membershipId)
    .executeTakeFirst();
  return row?.mask_abuse ?? true;
}

export async function getConductPreferences(ctx: Ctx, actor: Actor) {
  return { maskAbuse: await maskAbuseOf(new TenantScope(ctx.db, actor.workspaceId), actor) };
}

export async function setConductPreferences(ctx: Ctx, actor: Actor, input: { maskAbuse: boolean }) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await scope
    .updateTable("memberships")
    .set({ mask_abuse: input.maskAbuse })
    .where("id", "=", actor.membershipId)
    .execute();
  return { maskAbuse: input.maskAbuse };
}

/**
 * Adds each customer message's assessment for staff readers of the conversation
 * (`GET /api/v1/cases/{id}/messages`); anyone else gets the messages unchanged.
 */
export async function withAssessments<M extends { id: string; kind: string }>(
  scope: TenantScope,
  actor: Actor,
  messages: M[],
): Promise<Array<M & { assessment?: MessageAssessment | null }>> {
  if (!actor.permissions.includes("cases.read")) return messages;
  const found = await assessmentsOfMessages(
    scope,
    messages.filter((m) => m.kind === "customer").map((m) => m.id),
  );
  return messages.map((m) => {
    if (m.kind !== "customer") return m;
    const a = found.get(m.id);
    return {
      ...m,
      assessment: a && (a.outcome !== null || a.verdict !== null) ? presentAssessment(a) : null,
    };
  });
}
