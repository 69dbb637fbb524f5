import type { IdeaInput, IdeaPatch } from "../../../../contracts/feedback.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { findCustomer } from "../customers/customers.repo.ts";
import { slugify } from "../help/slugs.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { linkCaseInTx } from "./case-links.service.ts";
import { emitFeedbackEvent } from "./events.ts";
import {
  assertCanParticipate,
  assertCanTriage,
  boardNotFound,
  ideaNotFound,
  readerFor,
} from "./feedback.policy.ts";
import { findIdea, readableIdea } from "./feedback.repo.ts";
import { presentDetail } from "./idea-read.ts";
import type { IdeaStatus } from "./schema-feedback.ts";
import { changeStatus } from "./status.service.ts";
import { autoSubscribe } from "./subscriptions.ts";

type Ctx = Pick<AppContext, "db" | "boss">;

/**
 * Posting and editing ideas. A customer posts in their own name; staff post in theirs, or
 * (triage, from a case) for a customer with `customerId`, recorded as created by the staff
 * member. The author follows the idea from the start.
 */
export async function createIdea(ctx: Ctx, actor: Actor, input: IdeaInput) {
  assertCanParticipate(actor);
  const reader = await readerFor(ctx.db, actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    let author: { customerId: string | null; userId: string | null; createdBy: string | null };
    if (input.customerId !== undefined || input.caseId !== undefined) {
      assertCanTriage(actor, input.customerId !== undefined ? "customerId" : "caseId");
    }
    if (input.customerId !== undefined) {
      const customer = await findCustomer(scope, input.customerId);
      if (!customer) throw new AppError("not_found", "Customer was not found", "customerId");
      author = { customerId: customer.id, userId: null, createdBy: actor.userId };
    } else if (reader.customerId) {
      author = { customerId: reader.customerId, userId: null, createdBy: null };
    } else if (reader.staff) {
      author = { customerId: null, userId: actor.userId, createdBy: null };
    } else {
      throw new AppError("forbidden", "Only customers and staff may post ideas");
    }
    const board = await scope
      .selectFrom("feedback_boards")
      .select(["id", "visibility"])
      .where("id", "=", input.boardId)
      .executeTakeFirst();
    if (!board || !reader.visibilities.includes(board.visibility)) throw boardNotFound("boardId");
    const created = await scope
      .insertInto("feedback_ideas", {
        board_id: board.id,
        title: input.title,
        slug: slugify(input.title, "idea"),
        description: input.description,
        tags: [...new Set(input.tags ?? [])],
        author_customer_id: author.customerId,
        author_user_id: author.userId,
        created_by_user_id: author.createdBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await autoSubscribe(
      scope,
      created.id,
      author.customerId ? { customerId: author.customerId } : { userId: actor.userId },
      "author",
    );
    const row = await findIdea(scope, created.id);
    if (!row) throw ideaNotFound();
    if (input.caseId) await linkCaseInTx(ctx, scope, actor, row, input.caseId);
    await emitFeedbackEvent({ scope, boss: ctx.boss }, { type: "idea.created", ideaId: created.id });
    const detail = await presentDetail(scope, reader, (await findIdea(scope, created.id)) ?? row);
    // Staff-only boards are internal: integrations hear about public and customer boards only.
    if (board.visibility !== "staff") {
      const { comments: _c, requesterValue: _v, ...idea } = detail;
      await emitWebhookEvent(scope, ctx.boss, "idea.created", { idea });
    }
    return detail;
  });
}

/**
 * Edits and status changes. The author may edit title, description and tags while the idea is
 * still open; triage may edit anything, move it to another board, and change its status
 * (status.service.ts holds the rules of honest answers).
 */
export async function patchIdea(
  ctx: Ctx,
  actor: Actor,
  idOrNumber: string,
  // `duplicate` reaches the service only to be refused with a 422 saying how to merge.
  patch: Omit<IdeaPatch, "status"> & { status?: IdeaStatus | undefined },
) {
  const reader = await readerFor(ctx.db, actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await readableIdea(scope, reader, idOrNumber, { lock: true });
    const edits = {
      ...(patch.title !== undefined ? { title: patch.title, slug: slugify(patch.title, "idea") } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.tags !== undefined ? { tags: [...new Set(patch.tags)] } : {}),
    };
    const editing = Object.keys(edits).length > 0 || patch.boardId !== undefined;
    if (editing && !reader.triage) {
      const own =
        (reader.customerId !== null && row.author_customer_id === reader.customerId) ||
        (row.author_user_id !== null && row.author_user_id === actor.userId);
      if (!own) throw new AppError("forbidden", "Only the author or staff may edit this idea");
      if (row.status !== "open")
        throw new AppError("forbidden", "An idea can be edited by its author only while it is open");
      if (patch.boardId !== undefined) assertCanTriage(actor, "boardId");
    }
    if ((patch.status !== undefined || patch.explanation !== undefined) && !reader.triage)
      assertCanTriage(actor, "status");
    if (patch.boardId !== undefined && patch.boardId !== row.board_id) {
      const board = await scope
        .selectFrom("feedback_boards")
        .select("id")
        .where("id", "=", patch.boardId)
        .executeTakeFirst();
      if (!board) throw boardNotFound("boardId");
    }
    if (editing) {
      await scope
        .updateTable("feedback_ideas")
        .set({
          ...edits,
          ...(patch.boardId !== undefined ? { board_id: patch.boardId } : {}),
          updated_at: new Date(),
        })
        .where("id", "=", row.id)
        .execute();
      await emitFeedbackEvent({ scope, boss: ctx.boss }, { type: "idea.edited", ideaId: row.id });
      if (reader.triage)
        await audit(scope, {
          actorUserId: actor.userId,
          action: "feedback.idea_edited",
          subjectType: "feedback_idea",
          subjectId: row.id,
          data: { fields: Object.keys(patch).filter((k) => k !== "status" && k !== "explanation") },
        });
    }
    if (patch.status !== undefined || patch.explanation !== undefined) {
      await changeStatus(ctx, scope, actor, row, patch.status ?? row.status, patch.explanation);
    }
    const fresh = await findIdea(scope, row.id);
    if (!fresh) throw ideaNotFound();
    return presentDetail(scope, reader, fresh);
  });
}
