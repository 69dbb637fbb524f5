import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inRetriedTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { doerOf } from "../customers/customers.service.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { type CaseRow, findCase, insertCase, nextCaseNumber, presentCase } from "./cases.repo.ts";
import { announce } from "./merge.service.ts";
import {
  eventIdsOf,
  lockCasesForMove,
  messageIdsOf,
  moveRows,
  recordMove,
  setCaseFields,
  takeUndoableMove,
} from "./moves.repo.ts";

type Ctx = Pick<AppContext, "db">;

type SplitRecord = { newCaseId: string; newNumber: number; messageIds: string[]; eventIds: string[] };

/**
 * Moves chosen messages (a second question asked in the same thread) to a new case of the
 * same customer, with their `message.added` history. At least one message must stay: a split
 * that empties the original is a rename, not a split.
 */
export async function splitCase(ctx: Ctx, actor: Actor, caseId: string, messageIds: string[]) {
  const wanted = [...new Set(messageIds)];
  return inRetriedTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const [original] = await lockCasesForMove(scope, [caseId]);
    if (!original) throw new AppError("not_found", "Case was not found");
    if (original.mergedIntoId) throw new AppError("case_closed", "This case was merged into another");
    const all = await scope
      .selectFrom("messages")
      .select(["id", "kind", sql<string>`created_at::text`.as("at")])
      .where("case_id", "=", caseId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const moving = all.filter((m) => wanted.includes(m.id));
    if (moving.length < wanted.length) {
      throw new AppError("not_found", "Some messages are not messages of this case", "messageIds");
    }
    if (moving.length === all.length) {
      throw new AppError("validation_failed", "At least one message must stay on the case", "messageIds");
    }

    const number = await nextCaseNumber(scope);
    const subject = `Split from #${original.number}: ${original.subject}`.slice(0, 300);
    const newCaseId = await insertCase(scope, {
      number,
      customerId: original.customerId,
      subject,
      channel: original.channel,
      priority: original.priority,
      tags: original.tags,
      assigneeId: original.assigneeId,
      teamId: original.teamId,
    });
    const eventIds = (
      await scope
        .selectFrom("timeline_events")
        .select("id")
        .where("case_id", "=", caseId)
        .where("kind", "=", "message.added")
        .where(sql<string>`data->>'messageId'`, "in", wanted)
        .execute()
    ).map((r) => String(r.id));
    const record: SplitRecord = { newCaseId, newNumber: number, messageIds: wanted, eventIds };
    await moveRows(scope, record, caseId, newCaseId);
    // The new case awaits a reply when its last message is the customer's.
    const last = moving.at(-1);
    await setCaseFields(scope, newCaseId, {
      status: "open",
      waitingSince: last?.kind === "customer" ? last.at : null,
    });

    const doer = doerOf(actor);
    const move = await recordMove(scope, { kind: "split", caseId, data: record, doer });
    const customerId = original.customerId;
    await appendEvent(scope, {
      customerId,
      caseId: newCaseId,
      kind: "case.created",
      doer,
      data: { number, subject, channel: original.channel },
    });
    await appendEvent(scope, {
      customerId,
      caseId,
      kind: "case.split",
      doer,
      data: { moveId: move.id, toCaseId: newCaseId, toNumber: number, messageCount: moving.length },
    });
    await appendEvent(scope, {
      customerId,
      caseId: newCaseId,
      kind: "case.split_from",
      doer,
      data: {
        moveId: move.id,
        fromCaseId: caseId,
        fromNumber: Number(original.number),
        messageCount: moving.length,
      },
    });
    await publish(tx, {
      workspaceId: actor.workspaceId,
      audience: { kind: "staff" },
      event: { type: "case.created", caseId: newCaseId, number, customerId },
    });
    await announce(scope, actor, customerId, [caseId]);
    return { case: presentCase((await findCase(scope, newCaseId)) as CaseRow), undoUntil: move.undoUntil };
  });
}

/**
 * Undoes the latest split of this case within the window: the moved messages and history
 * return, and so does anything written on the new case since (nothing is lost). The new case
 * stays as a closed tombstone pointing back: its number may already be in an email or a link.
 */
export async function undoSplit(ctx: Ctx, actor: Actor, caseId: string) {
  return inRetriedTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const [original] = await lockCasesForMove(scope, [caseId]);
    if (!original) throw new AppError("not_found", "Case was not found");
    const move = await takeUndoableMove(scope, caseId, "split");
    const record = move.data as SplitRecord;
    await lockCasesForMove(scope, [record.newCaseId]);
    const later = {
      messageIds: await messageIdsOf(scope, record.newCaseId),
      eventIds: (await eventIdsOf(scope, record.newCaseId)).filter((id) => !record.eventIds.includes(id)),
    };
    // The recorded events go back; of the new case's own, only what happened there since
    // (its creation and split notes stay with the tombstone).
    const own = await scope
      .selectFrom("timeline_events")
      .select("id")
      .where("case_id", "=", record.newCaseId)
      .where("kind", "in", ["case.created", "case.split_from"])
      .execute();
    const ownIds = new Set(own.map((r) => String(r.id)));
    await moveRows(
      scope,
      {
        messageIds: later.messageIds,
        eventIds: [...record.eventIds, ...later.eventIds.filter((id) => !ownIds.has(id))],
      },
      record.newCaseId,
      caseId,
    );
    await setCaseFields(scope, record.newCaseId, {
      status: "closed",
      waitingSince: null,
      mergedInto: caseId,
    });
    const doer = doerOf(actor);
    for (const at of [caseId, record.newCaseId]) {
      await appendEvent(scope, {
        customerId: original.customerId,
        caseId: at,
        kind: "case.split_undone",
        doer,
        data: { moveId: move.id, caseId: record.newCaseId, number: record.newNumber },
      });
    }
    await announce(scope, actor, original.customerId, [caseId, record.newCaseId]);
    return { case: presentCase((await findCase(scope, caseId)) as CaseRow) };
  });
}
