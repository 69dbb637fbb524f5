import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { forWorkspace } from "../../../platform/jobs/fenced-jobs.ts";
import { queueMail } from "../../../platform/mail/outbox.ts";
import { workspaceUrl } from "../../workspaces/workspace-url.ts";
import { findWorkspaceById } from "../../workspaces/workspaces.repo.ts";
import type { IdeaStatus } from "../schema-feedback.ts";
import { bodyFor, type IdeaRef, type Item, statusLabels, subjectFor } from "./compose.ts";
import { tellDoneCases } from "./done-cases.ts";
import { feedbackUnsubscribeToken } from "./unsubscribe.ts";

/**
 * The `feedback.notify` sweep: every few minutes, and a few seconds after each event. Each
 * subscription (one person, one idea) with pending notices gets at most one email a day: all
 * its pending notices folded into one, then nothing more until 24 h after that email. The mail
 * is queued in the outbox and the notices marked sent in one transaction, with the
 * subscription row locked, so an overlapping or retried run never sends twice. Notices that
 * can never be mailed (unsubscribed, no address, idea gone or no longer readable) are deleted,
 * so they neither wait forever nor count as an email sent.
 */
type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log" | "secret" | "files">;
export const DAY_MS = 86_400_000;
const MAX_PER_RUN = 2_000;

export async function workFeedbackNotify(ctx: Ctx): Promise<void> {
  await ctx.boss.work("feedback.notify", async () => {
    await sweepFeedbackNotices(ctx);
  });
  await ctx.boss.schedule("feedback.notify", "*/2 * * * *");
}

export async function sweepFeedbackNotices(
  ctx: Ctx,
  now = new Date(),
): Promise<{ emails: number; cases: number }> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const due = await ctx.db
    .selectFrom("feedback_notices as n")
    .select(["n.workspace_id as workspaceId", "n.subscription_id as subscriptionId"])
    .where("n.sent_at", "is", null)
    .where("n.created_at", "<=", now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("feedback_notices as s")
            .select(sql`1`.as("one"))
            .whereRef("s.subscription_id", "=", "n.subscription_id")
            .where("s.sent_at", ">", dayAgo),
        ),
      ),
    )
    .groupBy(["n.workspace_id", "n.subscription_id"])
    .limit(MAX_PER_RUN)
    .execute();
  let emails = 0;
  for (const d of due) {
    try {
      const email = () => emailSubscriber(ctx, d.workspaceId, d.subscriptionId, now);
      if (await forWorkspace(d.workspaceId, email)) emails++;
    } catch (err) {
      // One subscriber's trouble (an odd address, say) must not hold up everyone else's email.
      ctx.log.error({ err, subscriptionId: d.subscriptionId }, "feedback notice email failed");
    }
  }
  const cases = await tellDoneCases(ctx);
  return { emails, cases };
}

async function emailSubscriber(ctx: Ctx, workspaceId: string, subscriptionId: string, now: Date) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    const sub = await scope
      .selectFrom("feedback_subscriptions")
      .select([
        "id",
        "idea_id as ideaId",
        "customer_id as customerId",
        "user_id as userId",
        "unsubscribed_at",
      ])
      .where("id", "=", subscriptionId)
      .forNoKeyUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!sub) return false; // another run holds it and will send it (or it is gone, notices with it)
    const notices = await scope
      .selectFrom("feedback_notices")
      .select(["id", "kind", "data"])
      .where("subscription_id", "=", subscriptionId)
      .where("sent_at", "is", null)
      .where("created_at", "<=", now)
      .orderBy("id")
      .execute();
    if (notices.length === 0) return false;
    const drop = () =>
      scope
        .deleteFrom("feedback_notices")
        .where(
          "id",
          "in",
          notices.map((n) => n.id),
        )
        .execute()
        .then(() => false);
    if (sub.unsubscribed_at) return drop();
    const last = await scope
      .selectFrom("feedback_notices")
      .select("sent_at")
      .where("subscription_id", "=", subscriptionId)
      .where("sent_at", "is not", null)
      .orderBy("sent_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (last?.sent_at && now.getTime() - last.sent_at.getTime() < DAY_MS) return false;

    const idea = await scope
      .selectFrom("feedback_ideas")
      .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
      .select([
        "feedback_ideas.id",
        "feedback_ideas.title",
        "feedback_ideas.number",
        "feedback_ideas.slug",
        "feedback_ideas.deleted_at as deletedAt",
        "b.visibility",
      ])
      .where("feedback_ideas.id", "=", sub.ideaId)
      .executeTakeFirst();
    // A customer is never told about an idea on a board they may not read (it may have become private).
    if (!idea || idea.deletedAt || (sub.customerId && idea.visibility === "staff")) return drop();
    const to = await addressOf(scope, sub);
    const items = await itemsOf(scope, idea, notices);
    if (!to || items.length === 0) return drop();

    const labels = await statusLabels(scope);
    const workspace = (await findWorkspaceById(tx, workspaceId))?.name ?? "Rapport";
    const base = await workspaceUrl({ db: tx, config: ctx.config }, workspaceId);
    const token = feedbackUnsubscribeToken(ctx.secret, workspaceId, subscriptionId);
    const unsubscribe = `${base}/api/v1/feedback/unsubscribe?token=${encodeURIComponent(token)}`;
    await queueMail(ctx, scope, {
      kind: "notification",
      to,
      subject: subjectFor(idea.title, items, labels),
      text: bodyFor({ workspace, idea, base, items, labels, unsubscribe }),
      headers: { listUnsubscribe: unsubscribe },
    });
    await scope
      .updateTable("feedback_notices")
      .set({ sent_at: now })
      .where(
        "id",
        "in",
        notices.map((n) => n.id),
      )
      .execute();
    return true;
  });
}

/**
 * Customers by their customer record's email, staff (and customers without one) by their
 * sign-in email. Staff who left the workspace (deactivated or removed) are not written to.
 */
async function addressOf(scope: TenantScope, sub: { customerId: string | null; userId: string | null }) {
  let userId = sub.userId;
  if (userId) {
    const member = await scope
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", userId)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (!member) return undefined;
  }
  if (sub.customerId) {
    const identity = await scope
      .selectFrom("customer_identities")
      .select("value")
      .where("customer_id", "=", sub.customerId)
      .where("kind", "=", "email")
      .where("undeliverable", "is", null)
      .orderBy("created_at")
      .executeTakeFirst();
    if (identity) return identity.value;
    const customer = await scope
      .selectFrom("customers")
      .select("user_id")
      .where("id", "=", sub.customerId)
      .executeTakeFirst();
    userId = customer?.user_id ?? null;
  }
  if (!userId) return undefined;
  const user = await scope.db
    .selectFrom("auth.user")
    .select("email")
    .where("id", "=", userId)
    .executeTakeFirst();
  return user?.email;
}

type NoticeRow = { kind: "status" | "merged" | "comment"; data: Record<string, unknown> };

/** The notices as they read now: a deleted comment or a vanished idea is left out. */
async function itemsOf(scope: TenantScope, idea: IdeaRef, notices: NoticeRow[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const n of notices) {
    const d = n.data;
    if (n.kind === "status") {
      items.push({
        kind: "status",
        from: d.from as IdeaStatus,
        to: d.to as IdeaStatus,
        explanation: typeof d.explanation === "string" && d.explanation.trim() ? d.explanation : null,
      });
    } else if (n.kind === "merged") {
      const [from, into] = await Promise.all([
        ideaRef(scope, String(d.fromId)),
        ideaRef(scope, String(d.intoId)),
      ]);
      if (from && into) items.push({ kind: "merged", from, into, movedHere: into.id === idea.id });
    } else {
      const c = await scope
        .selectFrom("feedback_comments")
        .leftJoin("auth.user as u", "u.id", "feedback_comments.author_user_id")
        .select(["feedback_comments.body", "feedback_comments.deleted_at as deletedAt", "u.name"])
        .where("feedback_comments.id", "=", String(d.commentId))
        .executeTakeFirst();
      if (c && !c.deletedAt) items.push({ kind: "comment", authorName: c.name ?? "the team", body: c.body });
    }
  }
  return items;
}

async function ideaRef(scope: TenantScope, id: string): Promise<IdeaRef | undefined> {
  return scope
    .selectFrom("feedback_ideas")
    .select(["id", "title", "number", "slug"])
    .where("id", "=", id)
    .executeTakeFirst();
}
