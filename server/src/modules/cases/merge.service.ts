import { OPEN_STATUSES } from "../../../../contracts/cases.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inRetriedTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { moveLinksOnMerge } from "../case-links/case-links.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { type CaseRow, findCase, presentCase } from "./cases.repo.ts";
import {
  type CaseWork,
  caseWorkOf,
  eventIdsOf,
  lockCasesForMove,
  type MoveCase,
  messageIdsOf,
  moveRows,
  recordMove,
  setCaseFields,
  takeUndoableMove,
} from "./moves.repo.ts";

type Ctx = Pick<AppContext, "db">;

/** What a merge recorded, so that its undo puts every row and field back. */
type MergeRecord = {
  survivor: { tags: string[]; waitingSince: string | null };
  cases: Array<
    {
      id: string;
      number: number;
      status: string;
      waitingSince: string | null;
      messageIds: string[];
      eventIds: string[];
    } & CaseWork
  >;
};

const isOpen = (status: string) => (OPEN_STATUSES as string[]).includes(status);

/**
 * Merges duplicates into one case: their messages, history and recorded work (diagnostics,
 * playbook runs, escalations) move to the survivor, and each
 * becomes a closed tombstone pointing at it (its page links there; replies to its email
 * thread land there, see email/threading.ts). Only cases of the same customer: a case is one
 * customer's conversation, and moving another customer's words into it would show them to
 * the wrong person in the portal.
 */
export async function mergeCases(ctx: Ctx, actor: Actor, survivorId: string, caseIds: string[]) {
  const ids = [...new Set(caseIds)];
  if (ids.includes(survivorId)) {
    throw new AppError("validation_failed", "A case cannot be merged into itself", "caseIds");
  }
  return inRetriedTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const locked = await lockCasesForMove(scope, [survivorId, ...ids]);
    const survivor = locked.find((c) => c.id === survivorId);
    if (!survivor) throw new AppError("not_found", "Case was not found");
    if (survivor.mergedIntoId) throw new AppError("case_closed", "This case was itself merged into another");
    const merged: MoveCase[] = [];
    for (const id of ids) {
      const c = locked.find((l) => l.id === id);
      if (!c) throw new AppError("not_found", `Case ${id} was not found`, "caseIds");
      if (c.mergedIntoId) throw new AppError("case_closed", `Case #${c.number} is already merged`, "caseIds");
      if (c.customerId !== survivor.customerId) {
        throw new AppError("conflict", `Case #${c.number} belongs to another customer`, "caseIds");
      }
      merged.push(c);
    }

    const record: MergeRecord = {
      survivor: { tags: survivor.tags, waitingSince: survivor.waitingSince },
      cases: [],
    };
    for (const c of merged) {
      const rows = {
        messageIds: await messageIdsOf(scope, c.id),
        eventIds: await eventIdsOf(scope, c.id),
        ...(await caseWorkOf(scope, c.id)),
      };
      await moveRows(scope, rows, c.id, survivorId);
      // Related cases follow the survivor (not moved back by an undo).
      await moveLinksOnMerge(scope, c.id, survivorId);
      await setCaseFields(scope, c.id, { status: "closed", waitingSince: null, mergedInto: survivorId });
      record.cases.push({
        id: c.id,
        number: Number(c.number),
        status: c.status,
        waitingSince: c.waitingSince,
        ...rows,
      });
    }
    // The survivor carries every tag, and waits since the earliest unanswered customer of them all.
    const waiting = [survivor, ...merged]
      .filter((c) => c.waitingSince && isOpen(c.status))
      .map((c) => c.waitingSince as string)
      .sort()[0];
    await setCaseFields(scope, survivorId, {
      tags: [...new Set([survivor.tags, ...merged.map((c) => c.tags)].flat())],
      waitingSince: isOpen(survivor.status) ? (waiting ?? survivor.waitingSince) : survivor.waitingSince,
    });

    const doer = doerOf(actor);
    const move = await recordMove(scope, { kind: "merge", caseId: survivorId, data: record, doer });
    await appendEvent(scope, {
      customerId: survivor.customerId,
      caseId: survivorId,
      kind: "case.merged",
      doer,
      data: {
        moveId: move.id,
        cases: merged.map((c) => ({ id: c.id, number: Number(c.number), subject: c.subject })),
      },
    });
    for (const c of merged) {
      await appendEvent(scope, {
        customerId: c.customerId,
        caseId: c.id,
        kind: "case.merged_into",
        doer,
        data: { moveId: move.id, intoCaseId: survivorId, intoNumber: Number(survivor.number) },
      });
    }
    await announce(scope, actor, survivor.customerId, [survivorId, ...ids]);
    return { case: presentCase((await findCase(scope, survivorId)) as CaseRow), undoUntil: move.undoUntil };
  });
}

/** Undoes the latest merge into this case within the window: every moved row and field goes back. */
export async function undoMerge(ctx: Ctx, actor: Actor, survivorId: string) {
  return inRetriedTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const [survivor] = await lockCasesForMove(scope, [survivorId]);
    if (!survivor) throw new AppError("not_found", "Case was not found");
    const move = await takeUndoableMove(scope, survivorId, "merge");
    const record = move.data as MergeRecord;
    await lockCasesForMove(
      scope,
      record.cases.map((c) => c.id),
    );
    for (const c of record.cases) {
      await moveRows(scope, c, survivorId, c.id);
      await setCaseFields(scope, c.id, { status: c.status, waitingSince: c.waitingSince, mergedInto: null });
    }
    await setCaseFields(scope, survivorId, record.survivor);
    const doer = doerOf(actor);
    const data = { moveId: move.id, cases: record.cases.map((c) => ({ id: c.id, number: c.number })) };
    for (const caseId of [survivorId, ...record.cases.map((c) => c.id)]) {
      await appendEvent(scope, {
        customerId: survivor.customerId,
        caseId,
        kind: "case.merge_undone",
        doer,
        data,
      });
    }
    await announce(scope, actor, survivor.customerId, [survivorId, ...record.cases.map((c) => c.id)]);
    return { case: presentCase((await findCase(scope, survivorId)) as CaseRow) };
  });
}

export async function announce(scope: TenantScope, actor: Actor, customerId: string, caseIds: string[]) {
  for (const caseId of caseIds) {
    await publish(scope.db, {
      workspaceId: actor.workspaceId,
      audience: { kind: "staff" },
      event: { type: "case.updated", caseId, customerId },
    });
  }
}
