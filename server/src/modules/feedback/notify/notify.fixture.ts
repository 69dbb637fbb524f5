import type { TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { emitFeedbackEvent, type FeedbackEvent } from "../events.ts";
import type { IdeaStatus, SubscriptionReason } from "../schema-feedback.ts";

/**
 * Feedback data for the notification tests, written the way the core writes it — rows plus the
 * feedback event in one transaction — so this part is tested through its own listener and
 * sweep without the core's routes (built beside it). Only what the tests need.
 */
export function feedbackFixture(server: TestServer, workspaceId: string) {
  const db = () => server.runtime.ctx.db;
  const scope = () => new TenantScope(db(), workspaceId);

  async function emitting(work: (s: TenantScope) => Promise<FeedbackEvent[]>) {
    await db()
      .transaction()
      .execute(async (tx) => {
        const s = new TenantScope(tx, workspaceId);
        for (const e of await work(s))
          await emitFeedbackEvent({ scope: s, boss: server.runtime.ctx.boss }, e);
      });
  }

  return {
    emitting,

    async board(name: string, visibility: "public" | "customers" | "staff" = "public") {
      const row = await scope()
        .insertInto("feedback_boards", { name, slug: `${name.toLowerCase()}-${Date.now()}`, visibility })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async idea(boardId: string, title: string) {
      return scope()
        .insertInto("feedback_ideas", { board_id: boardId, title, slug: "idea" })
        .returning(["id", "number"])
        .executeTakeFirstOrThrow();
    },

    async subscribe(
      ideaId: string,
      who: { customerId: string } | { userId: string },
      reason: SubscriptionReason = "voter",
    ) {
      const row = await scope()
        .insertInto("feedback_subscriptions", {
          idea_id: ideaId,
          customer_id: "customerId" in who ? who.customerId : null,
          user_id: "userId" in who ? who.userId : null,
          reason,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** A status change as the core makes it: the idea, its history row and the event together. */
    async setStatus(
      ideaId: string,
      to: IdeaStatus,
      byUserId: string | null,
      explanation: string | null = null,
    ) {
      await emitting(async (s) => {
        const before = await s
          .selectFrom("feedback_ideas")
          .select("status")
          .where("id", "=", ideaId)
          .executeTakeFirstOrThrow();
        const now = new Date();
        await s
          .updateTable("feedback_ideas")
          .set({
            status: to,
            status_explanation: explanation,
            status_changed_at: now,
            ...(to === "done" ? { done_at: now } : {}),
          })
          .where("id", "=", ideaId)
          .execute();
        await s
          .insertInto("feedback_status_changes", {
            idea_id: ideaId,
            from_status: before.status,
            to_status: to,
            explanation,
            by_user_id: byUserId,
          })
          .execute();
        return [{ type: "idea.status_changed", ideaId, from: before.status, to, explanation, byUserId }];
      });
    },

    /**
     * A merge as the contract describes it: the duplicate's subscribers move to the original
     * (new rows with reason `merged`; someone already there keeps their row), the duplicate
     * points at the original, and `idea.merged` is emitted in the same transaction.
     */
    async merge(ideaId: string, intoId: string, byUserId: string) {
      await emitting(async (s) => {
        const subs = await s
          .selectFrom("feedback_subscriptions")
          .selectAll()
          .where("idea_id", "=", ideaId)
          .execute();
        for (const sub of subs) {
          await s
            .insertInto("feedback_subscriptions", {
              idea_id: intoId,
              customer_id: sub.customer_id,
              user_id: sub.user_id,
              reason: "merged",
              unsubscribed_at: sub.unsubscribed_at,
            })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        await s.deleteFrom("feedback_subscriptions").where("idea_id", "=", ideaId).execute();
        await s
          .updateTable("feedback_ideas")
          .set({ status: "duplicate", merged_into_id: intoId })
          .where("id", "=", ideaId)
          .execute();
        return [{ type: "idea.merged", ideaId, intoId, byUserId }];
      });
    },

    async officialComment(ideaId: string, userId: string, body: string) {
      await emitting(async (s) => {
        const c = await s
          .insertInto("feedback_comments", { idea_id: ideaId, author_user_id: userId, body, official: true })
          .returning("id")
          .executeTakeFirstOrThrow();
        return [{ type: "idea.commented", ideaId, commentId: c.id, official: true }];
      });
    },

    async linkCase(ideaId: string, caseId: string, customerId: string) {
      await scope()
        .insertInto("feedback_idea_cases", { idea_id: ideaId, case_id: caseId, customer_id: customerId })
        .execute();
    },
  };
}
