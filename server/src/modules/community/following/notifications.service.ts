import { sql } from "kysely";
import type { CommunityNotification, DigestRateValue } from "../../../../../contracts/community-following.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { ensureMemberForActor, findMemberForUser } from "../members.ts";
import { memberReads } from "./visibility.ts";

type Ctx = Pick<AppContext, "db">;
const LIMIT = 50;

/** A line of a post to show beside the notification: markdown marks dropped, whitespace folded. */
export function excerpt(body: string, max = 140): string {
  const plain = body
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

export const topicUrl = (t: { number: string | number; slug: string }) =>
  `/community/t/${t.number}-${t.slug}`;

/**
 * The notifications a member may still read, newest first. One written before a post was
 * hidden, or before its category was made private, is left out rather than leaking its text.
 */
export function readableNotifications(scope: TenantScope, memberId: string) {
  return scope
    .selectFrom("community_notifications")
    .innerJoin("community_members as m", "m.id", "community_notifications.member_id")
    .leftJoin("community_topics as t", "t.id", "community_notifications.topic_id")
    .leftJoin("community_categories as c", "c.id", "t.category_id")
    .leftJoin("community_posts as p", "p.id", "community_notifications.post_id")
    .leftJoin("community_members as a", "a.id", "community_notifications.actor_member_id")
    .select([
      "community_notifications.id",
      "community_notifications.kind",
      "community_notifications.read_at as readAt",
      "community_notifications.created_at as createdAt",
      "t.id as topicId",
      "t.number as topicNumber",
      "t.title as topicTitle",
      "t.slug as topicSlug",
      "p.id as postId",
      "p.body as postBody",
      "a.id as actorId",
      "a.display_name as actorName",
    ])
    .where("community_notifications.member_id", "=", memberId)
    .where((eb) =>
      eb.and([
        eb.or([eb("p.id", "is", null), eb.and([eb("p.hidden", "=", false), eb("p.deleted_at", "is", null)])]),
        eb.or([eb("t.id", "is", null), eb("t.hidden", "=", false)]),
        eb.or([eb("c.id", "is", null), memberReads("m", "c.visibility")]),
      ]),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof readableNotifications>["execute"]>>[number];

export function presentNotification(r: Row): CommunityNotification {
  return {
    id: r.id,
    kind: r.kind as CommunityNotification["kind"],
    topic:
      r.topicId && r.topicNumber !== null && r.topicTitle !== null && r.topicSlug !== null
        ? {
            id: r.topicId,
            number: Number(r.topicNumber),
            title: r.topicTitle,
            url: topicUrl({ number: r.topicNumber, slug: r.topicSlug }),
          }
        : null,
    post: r.postId && r.postBody !== null ? { id: r.postId, excerpt: excerpt(r.postBody) } : null,
    actor: r.actorId && r.actorName !== null ? { id: r.actorId, displayName: r.actorName } : null,
    readAt: r.readAt ? iso(r.readAt) : null,
    createdAt: iso(r.createdAt),
  };
}

export async function listNotifications(
  ctx: Ctx,
  actor: Actor,
  opts: { unreadOnly: boolean; limit?: number },
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const member = await findMemberForUser(scope, actor.userId);
  if (!member) return { items: [], unread: 0 };
  let q = readableNotifications(scope, member.id);
  if (opts.unreadOnly) q = q.where("community_notifications.read_at", "is", null);
  const rows = await q
    .orderBy("community_notifications.created_at", "desc")
    .orderBy("community_notifications.id", "desc")
    .limit(opts.limit ?? LIMIT)
    .execute();
  return { items: rows.map(presentNotification), unread: await unreadCount(scope, member.id) };
}

async function unreadCount(scope: TenantScope, memberId: string): Promise<number> {
  const row = await readableNotifications(scope, memberId)
    .clearSelect()
    .select(sql<number>`count(*)::int`.as("n"))
    .where("community_notifications.read_at", "is", null)
    .executeTakeFirst();
  return row?.n ?? 0;
}

/** Marks these (or all) of the caller's notifications read; returns what is left unread. */
export async function markRead(ctx: Ctx, actor: Actor, ids: string[] | undefined) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const member = await findMemberForUser(scope, actor.userId);
  if (!member) return { unread: 0 };
  if (ids?.length === 0) return { unread: await unreadCount(scope, member.id) };
  let q = scope
    .updateTable("community_notifications")
    .set({ read_at: new Date() })
    .where("member_id", "=", member.id)
    .where("read_at", "is", null);
  if (ids) q = q.where("id", "in", ids);
  await q.execute();
  return { unread: await unreadCount(scope, member.id) };
}

export async function getDigestRate(ctx: Ctx, actor: Actor): Promise<{ digestRate: DigestRateValue }> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const member = await findMemberForUser(scope, actor.userId);
  if (!member) return { digestRate: "daily" }; // the column's default, before first use
  const row = await scope
    .selectFrom("community_members")
    .select("digest_rate")
    .where("id", "=", member.id)
    .executeTakeFirstOrThrow();
  return { digestRate: row.digest_rate };
}

export async function setDigestRate(ctx: Ctx, actor: Actor, digestRate: DigestRateValue) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const member = await ensureMemberForActor(scope, actor);
    await scope
      .updateTable("community_members")
      .set({ digest_rate: digestRate, updated_at: new Date() })
      .where("id", "=", member.id)
      .execute();
    return { digestRate };
  });
}
