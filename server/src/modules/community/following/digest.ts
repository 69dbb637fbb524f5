import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { forWorkspace } from "../../../platform/jobs/fenced-jobs.ts";
import { queueMail } from "../../../platform/mail/outbox.ts";
import { workspaceUrl } from "../../workspaces/workspace-url.ts";
import { findWorkspaceById } from "../../workspaces/workspaces.repo.ts";
import { presentNotification, readableNotifications } from "./notifications.service.ts";
import { unsubscribeToken } from "./unsubscribe.ts";

/**
 * The `community.digest` job (every few minutes): each member's unsent notifications go out as
 * one email at their chosen rate — instant: at the next run; daily or weekly: once that long has
 * passed since their last digest (or since the oldest waiting notification, for the first).
 * The mail is queued in the outbox and the notifications marked `emailed_at` in one
 * transaction, with the member's row locked, so a retried or overlapping run never sends twice.
 * Notifications that will never be mailed (rate off, no address, no longer readable) are
 * marked too, so they are not looked at again and a later change of rate does not flood anyone.
 */
type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log" | "secret">;
const PERIOD_MS = { instant: 0, daily: 86_400_000, weekly: 7 * 86_400_000 } as const;
const MAX_ITEMS = 50;

export async function sendDigests(ctx: Ctx, now = new Date()): Promise<number> {
  const waiting = await ctx.db
    .selectFrom("community_notifications")
    .select(["workspace_id as workspaceId", "member_id as memberId"])
    .where("emailed_at", "is", null)
    .where("created_at", "<=", now)
    .groupBy(["workspace_id", "member_id"])
    .execute();
  let sent = 0;
  for (const w of waiting) {
    try {
      if (await forWorkspace(w.workspaceId, () => digestFor(ctx, w.workspaceId, w.memberId, now))) sent++;
    } catch (err) {
      // One member's trouble (say, an odd address) must not hold up everyone else's digest.
      ctx.log.error({ err, memberId: w.memberId }, "community digest failed");
    }
  }
  return sent;
}

async function digestFor(ctx: Ctx, workspaceId: string, memberId: string, now: Date): Promise<boolean> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    const member = await scope
      .selectFrom("community_members")
      .select([
        "id",
        "digest_rate as rate",
        "last_digest_at as lastDigestAt",
        "user_id as userId",
        "customer_id as customerId",
      ])
      .where("id", "=", memberId)
      .forNoKeyUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!member) return false; // another run holds it and will send it
    const unsent = await scope
      .selectFrom("community_notifications")
      .select(["id", "created_at as createdAt"])
      .where("member_id", "=", memberId)
      .where("emailed_at", "is", null)
      .where("created_at", "<=", now)
      .orderBy("created_at")
      .execute();
    const first = unsent[0];
    if (!first) return false;
    const settle = () =>
      scope
        .updateTable("community_notifications")
        .set({ emailed_at: now })
        .where(
          "id",
          "in",
          unsent.map((n) => n.id),
        )
        .execute();

    if (member.rate === "off") return settle().then(() => false);
    const since = member.lastDigestAt ?? first.createdAt;
    if (member.rate !== "instant" && now.getTime() - since.getTime() < PERIOD_MS[member.rate]) return false;
    const to = await addressOf(scope, member);
    const items = (
      await readableNotifications(scope, memberId)
        .where("community_notifications.emailed_at", "is", null)
        .where("community_notifications.created_at", "<=", now)
        .orderBy("community_notifications.created_at")
        .limit(MAX_ITEMS)
        .execute()
    ).map(presentNotification);
    if (!to || items.length === 0) return settle().then(() => false);

    const workspace = await findWorkspaceById(tx, workspaceId);
    const base = await workspaceUrl({ db: tx, config: ctx.config }, workspaceId);
    const unsubscribe = `${base}/api/v1/community/unsubscribe?token=${encodeURIComponent(
      unsubscribeToken(ctx.secret, workspaceId, memberId),
    )}`;
    const name = workspace?.name ?? "Rapport";
    await queueMail(ctx, scope, {
      kind: "notification",
      to,
      subject: subjectFor(name, items),
      text: bodyFor(name, base, items, unsent.length, unsubscribe),
      headers: { listUnsubscribe: unsubscribe },
    });
    await settle();
    await scope
      .updateTable("community_members")
      .set({ last_digest_at: now })
      .where("id", "=", memberId)
      .execute();
    return true;
  });
}

/** Customers by their customer record's email, staff (and customers without one) by their sign-in email. */
async function addressOf(scope: TenantScope, member: { userId: string | null; customerId: string | null }) {
  if (member.customerId) {
    const identity = await scope
      .selectFrom("customer_identities")
      .select("value")
      .where("customer_id", "=", member.customerId)
      .where("kind", "=", "email")
      .where("undeliverable", "is", null)
      .orderBy("created_at")
      .executeTakeFirst();
    if (identity) return identity.value;
  }
  if (!member.userId) return undefined;
  const user = await scope.db
    .selectFrom("auth.user")
    .select("email")
    .where("id", "=", member.userId)
    .executeTakeFirst();
  return user?.email;
}

type Item = ReturnType<typeof presentNotification>;

const VERB: Record<Item["kind"], string> = {
  new_topic: "started",
  reply: "replied to",
  mention: "mentioned you in",
  accepted: "accepted an answer in",
  official: "posted an official update in",
};

function line(item: Item, base: string): string {
  const who = item.actor?.displayName ?? "Someone";
  const title = item.topic ? `“${item.topic.title}”` : "a topic";
  const link = item.topic ? `\n  ${base}${item.topic.url}` : "";
  const quote = item.post?.excerpt ? `\n  ${item.post.excerpt}` : "";
  return `- ${who} ${VERB[item.kind]} ${title}${quote}${link}`;
}

function subjectFor(workspace: string, items: Item[]): string {
  const [only] = items;
  if (items.length === 1 && only) {
    const who = only.actor?.displayName ?? "Someone";
    return `${who} ${VERB[only.kind]} “${only.topic?.title ?? "a topic"}”`.slice(0, 200);
  }
  return `${items.length} new in the ${workspace} community`;
}

function bodyFor(workspace: string, base: string, items: Item[], total: number, unsubscribe: string): string {
  const more = total > items.length ? `\n…and ${total - items.length} more in the community.\n` : "";
  return `New in the ${workspace} community, from what you follow:

${items.map((i) => line(i, base)).join("\n\n")}
${more}
—
You get this because you follow these topics, categories or people.
Unsubscribe from community email: ${unsubscribe}
`;
}
