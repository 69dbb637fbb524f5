import { type RawBuilder, sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { enqueueInTx } from "../../../platform/jobs/enqueue.ts";
import { type FeedbackEvent, type FeedbackEventContext, onFeedbackEvent } from "../events.ts";

/**
 * From feedback events to `feedback_notices`: what each subscriber is to be told. The listener
 * runs in the core's transaction and only writes notices (one per active subscription, never
 * to the person who acted) and enqueues the `feedback.notify` sweep a few seconds later, so
 * the first email goes out promptly and a change corrected at once is folded into it. The
 * sweep (sweep.ts) decides when to mail; nothing here sends or calls out.
 */
export type NoticeKind = "status" | "merged" | "comment";

/** Seconds the prompt sweep waits after an event: a status picked by mistake and fixed is one email. */
export const FOLD_SECONDS = 5;

export function registerFeedbackNotify(): void {
  onFeedbackEvent(listener);
}

async function listener(ctx: FeedbackEventContext, event: FeedbackEvent): Promise<void> {
  const { scope } = ctx;
  switch (event.type) {
    case "idea.status_changed": {
      const data = { from: event.from, to: event.to, explanation: event.explanation };
      await writeNotices(scope, event.ideaId, "status", data, { userId: event.byUserId });
      break;
    }
    case "idea.merged": {
      // The duplicate's subscribers now follow the original; they are told where it went.
      const data = { fromId: event.ideaId, intoId: event.intoId };
      await writeNotices(
        scope,
        event.intoId,
        "merged",
        data,
        { userId: event.byUserId },
        movedFrom(scope, event),
      );
      break;
    }
    case "idea.commented": {
      if (!event.official) return;
      const comment = await scope
        .selectFrom("feedback_comments")
        .select(["author_user_id as userId", "author_customer_id as customerId"])
        .where("id", "=", event.commentId)
        .executeTakeFirst();
      if (!comment) return;
      await writeNotices(scope, event.ideaId, "comment", { commentId: event.commentId }, comment);
      break;
    }
    default:
      return;
  }
  // Done ideas also tell the customers on linked cases; the same sweep does that.
  await enqueueInTx(
    ctx.boss,
    scope.db,
    "feedback.notify",
    {},
    { singletonKey: "soon", startAfter: FOLD_SECONDS },
  );
}

/**
 * Who came over from the duplicate in this merge: subscriptions still on the duplicate, and the
 * original's subscriptions written by the merge's own transaction (moved by insert or by update,
 * whichever way the core moves them). A row's xmin is the transaction that last wrote it.
 */
function movedFrom(scope: TenantScope, event: { ideaId: string; intoId: string }): RawBuilder<unknown> {
  return sql`
    select s.id from feedback_subscriptions s
     where s.workspace_id = ${scope.workspaceId}::uuid
       and ((s.idea_id = ${event.intoId}::uuid
             and s.xmin::text::bigint = pg_current_xact_id()::text::bigint % 4294967296)
            or exists (select 1 from feedback_subscriptions d
                        where d.idea_id = ${event.ideaId}::uuid and d.unsubscribed_at is null
                          and (d.customer_id = s.customer_id or d.user_id = s.user_id)))`;
}

/** One notice per active subscription of the idea, except the actor's (as staff user or customer). */
async function writeNotices(
  scope: TenantScope,
  ideaId: string,
  kind: NoticeKind,
  data: Record<string, unknown>,
  actor: { userId?: string | null; customerId?: string | null },
  onlySubscriptions?: RawBuilder<unknown>,
): Promise<void> {
  await sql`
    insert into feedback_notices (workspace_id, idea_id, subscription_id, kind, data)
    select s.workspace_id, s.idea_id, s.id, ${kind}::text, ${JSON.stringify(data)}::jsonb
      from feedback_subscriptions s
      left join customers c on c.id = s.customer_id
     where s.workspace_id = ${scope.workspaceId}::uuid
       and s.idea_id = ${ideaId}::uuid
       and s.unsubscribed_at is null
       and (${actor.userId ?? null}::text is null
            or (s.user_id is distinct from ${actor.userId ?? null}::text
                and c.user_id is distinct from ${actor.userId ?? null}::text))
       and s.customer_id is distinct from ${actor.customerId ?? null}::uuid
       ${onlySubscriptions ? sql`and s.id in (${onlySubscriptions})` : sql``}`.execute(scope.db);
}
