import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { assertCanWorkCases, isStaff } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { appendEvent } from "../timeline/timeline.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "config">;

/**
 * Sends one message of a case (with its attachments) to someone outside, with an optional
 * note. The forward is queued for the `email.send` job like a reply and recorded on the
 * timeline as `message.forwarded`, which customers never see.
 */
export async function forwardMessage(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  messageId: string,
  input: { to: string; note?: string | undefined },
) {
  // Staff only: to anyone else a case's messages and the route itself do not exist.
  if (!isStaff(actor)) throw new AppError("not_found", "Message was not found");
  assertCanWorkCases(actor, "reply");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const c = await findCase(scope, caseId);
    const message = c
      ? await scope
          .selectFrom("messages")
          .select("id")
          .where("id", "=", messageId)
          .where("case_id", "=", caseId)
          .executeTakeFirst()
      : undefined;
    if (!c || !message) throw new AppError("not_found", "Message was not found");
    const note = input.note ? input.note : null;
    const row = await scope
      .insertInto("message_forwards", {
        message_id: messageId,
        to_address: input.to,
        note,
        author_name: actor.name,
      })
      .returning(["id", "status"])
      .executeTakeFirstOrThrow();
    await appendEvent(scope, {
      customerId: c.customerId,
      caseId,
      kind: "message.forwarded",
      data: { messageId, to: input.to, note },
      doer: doerOf(actor),
    });
    await publish(tx, {
      workspaceId: actor.workspaceId,
      audience: { kind: "staff" },
      event: { type: "case.updated", caseId, customerId: c.customerId },
    });
    if (ctx.config.smtpUrl) await enqueueInTx(ctx.boss, tx, "email.send", { forwardId: row.id });
    return { id: row.id, to: input.to, status: row.status };
  });
}
