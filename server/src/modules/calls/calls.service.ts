import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { customerContext } from "../customers/context.service.ts";
import { findIdentityOwner, insertCustomer, insertIdentity } from "../customers/customers.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { displayPhone, normalizePhone } from "../customers/identities.ts";
import { appendEvent } from "../timeline/timeline.ts";

type Ctx = Pick<AppContext, "db">;

/** The name of a customer created from an unknown caller ID; agents rename them once they know. */
export const UNKNOWN_CALLER = "Unknown caller";

/**
 * A telephony system says a call has started. The caller is found by caller ID (or created),
 * the call goes on their timeline, and every signed-in agent gets a screen pop.
 */
export async function startCall(ctx: Ctx, actor: Actor, input: { from: string; to: string }) {
  const from = normalizePhone(input.from, actor.workspaceRegion);
  if (!from) throw new AppError("validation_failed", "from: not a phone number", "from");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const owner = await findIdentityOwner(scope, "phone", from);
    let customerId = owner?.customerId;
    if (!customerId) {
      // Caller ID tells us a number, not a name: the record says so plainly, and the number
      // lives where numbers belong, as the customer's phone identity (the screen pop shows it).
      const created = await insertCustomer(scope, { name: UNKNOWN_CALLER, organization: null });
      await insertIdentity(scope, {
        customerId: created.id,
        kind: "phone",
        value: from,
        display: displayPhone(from),
      });
      customerId = created.id;
    }
    const call = await scope
      .insertInto("calls", {
        customer_id: customerId,
        from_number: from,
        to_number: input.to,
        ended_at: null,
        duration_seconds: null,
        note: null,
        case_id: null,
        ended_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvent(scope, {
      customerId,
      kind: "call.started",
      data: { callId: call.id, from, to: input.to },
      doer: doerOf(actor),
    });
    const context = await customerContext(scope, customerId);
    await publish(tx, {
      workspaceId: actor.workspaceId,
      audience: { kind: "staff" },
      event: {
        type: "call.started",
        callId: call.id,
        customerId,
        customerName: context.customer.name,
        from,
        newCustomer: !owner,
      },
    });
    return { ...context, callId: call.id, newCustomer: !owner };
  });
}

export async function endCall(
  ctx: Ctx,
  actor: Actor,
  callId: string,
  input: {
    durationSeconds?: number | undefined;
    note?: string | undefined;
    caseId?: string | undefined;
    recordingUrl?: string | undefined;
    transcript?: string | undefined;
  },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const call = await scope
      .selectFrom("calls")
      .select([
        "id",
        "customer_id as customerId",
        "from_number as from",
        "to_number as to",
        "started_at as startedAt",
        "ended_at as endedAt",
      ])
      .where("id", "=", callId)
      .forUpdate()
      .executeTakeFirst();
    if (!call) throw new AppError("not_found", "Call was not found");
    if (call.endedAt) throw new AppError("conflict", "This call has already ended");
    if (input.caseId) {
      const owned = await scope
        .selectFrom("cases")
        .select("id")
        .where("id", "=", input.caseId)
        .where("customer_id", "=", call.customerId)
        .executeTakeFirst();
      if (!owned) throw new AppError("validation_failed", "caseId is not a case of the caller", "caseId");
    }
    const endedAt = new Date();
    const duration =
      input.durationSeconds ?? Math.round((endedAt.getTime() - call.startedAt.getTime()) / 1000);
    await scope
      .updateTable("calls")
      .set({
        ended_at: endedAt,
        duration_seconds: duration,
        note: input.note ?? null,
        case_id: input.caseId ?? null,
        ended_by: actor.userId,
        recording_url: input.recordingUrl ?? null,
        transcript: input.transcript || null,
      })
      .where("id", "=", callId)
      .execute();
    await appendEvent(scope, {
      customerId: call.customerId,
      caseId: input.caseId ?? null,
      kind: "call.ended",
      data: {
        callId,
        durationSeconds: duration,
        note: input.note ?? null,
        // The timeline keeps the link and the transcript's start; the whole text stays on the call.
        ...(input.recordingUrl ? { recordingUrl: input.recordingUrl } : {}),
        ...(input.transcript ? { transcriptExcerpt: input.transcript.slice(0, TRANSCRIPT_EXCERPT) } : {}),
      },
      doer: doerOf(actor),
    });
    return {
      id: call.id,
      customerId: call.customerId,
      from: call.from,
      to: call.to,
      startedAt: call.startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationSeconds: duration,
      note: input.note ?? null,
      recordingUrl: input.recordingUrl ?? null,
      transcript: input.transcript || null,
    };
  });
}

/** How much of a transcript the timeline event carries; the case page expands to the rest. */
const TRANSCRIPT_EXCERPT = 300;

/** One call with its recording and whole transcript (staff). */
export async function getCall(ctx: Ctx, actor: Actor, callId: string) {
  const row = await new TenantScope(ctx.db, actor.workspaceId)
    .selectFrom("calls")
    .select([
      "id",
      "customer_id as customerId",
      "from_number as from",
      "to_number as to",
      "started_at as startedAt",
      "ended_at as endedAt",
      "duration_seconds as durationSeconds",
      "note",
      "recording_url as recordingUrl",
      "transcript",
    ])
    .where("id", "=", callId)
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "Call was not found");
  return { ...row, startedAt: row.startedAt.toISOString(), endedAt: row.endedAt?.toISOString() ?? null };
}
