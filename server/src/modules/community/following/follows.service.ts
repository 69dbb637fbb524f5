import type { FollowInput, FollowTargetKind } from "../../../../../contracts/community-following.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { ensureMemberForActor, findMemberForUser, type Member } from "../members.ts";
import { visibilitiesFor } from "./visibility.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Following topics, categories and members. Only what the member may read can be followed:
 * anything else answers 404 as if it did not exist, so following is no way to probe for
 * private categories or hidden topics.
 */
export async function follow(ctx: Ctx, actor: Actor, input: FollowInput) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const member = await ensureMemberForActor(scope, actor);
    const label = await readableTarget(scope, member, input.targetKind, input.targetId);
    if (label === undefined) throw targetNotFound(input.targetKind);
    if (input.targetKind === "member" && input.targetId === member.id)
      throw new AppError("validation_failed", "You cannot follow yourself", "targetId");
    const row = await addFollow(scope, member.id, input.targetKind, input.targetId);
    return { targetKind: input.targetKind, targetId: input.targetId, label, createdAt: iso(row) };
  });
}

export async function unfollow(ctx: Ctx, actor: Actor, kind: FollowTargetKind, targetId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const member = await findMemberForUser(scope, actor.userId);
  // Unfollowing what one does not follow is already done: idempotent, like the other deletes.
  if (!member) return;
  await scope
    .deleteFrom("community_follows")
    .where("member_id", "=", member.id)
    .where("target_kind", "=", kind)
    .where("target_id", "=", targetId)
    .execute();
}

/** What the caller follows, newest first, with a label per target they can still read. */
export async function listFollows(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const member = await findMemberForUser(scope, actor.userId);
  if (!member) return { items: [] };
  const visible = await visibilitiesFor(scope, member.id);
  const rows = await scope
    .selectFrom("community_follows")
    .leftJoin("community_topics as t", (j) =>
      j.onRef("t.id", "=", "community_follows.target_id").on("community_follows.target_kind", "=", "topic"),
    )
    .leftJoin("community_categories as c", (j) =>
      j.on((eb) =>
        eb.or([
          eb.and([
            eb("community_follows.target_kind", "=", "category"),
            eb("c.id", "=", eb.ref("community_follows.target_id")),
          ]),
          eb.and([
            eb("community_follows.target_kind", "=", "topic"),
            eb("c.id", "=", eb.ref("t.category_id")),
          ]),
        ]),
      ),
    )
    .leftJoin("community_members as m", (j) =>
      j.onRef("m.id", "=", "community_follows.target_id").on("community_follows.target_kind", "=", "member"),
    )
    .select([
      "community_follows.target_kind as targetKind",
      "community_follows.target_id as targetId",
      "community_follows.created_at as createdAt",
      "t.title as topicTitle",
      "t.hidden as topicHidden",
      "t.author_member_id as topicAuthor",
      "c.name as categoryName",
      "c.visibility as visibility",
      "m.display_name as memberName",
    ])
    .where("community_follows.member_id", "=", member.id)
    .orderBy("community_follows.created_at", "desc")
    .execute();
  const items = rows.flatMap((r) => {
    const readable =
      r.targetKind === "member"
        ? r.memberName !== null
        : r.visibility !== null &&
          visible.includes(r.visibility) &&
          !(r.topicHidden && r.topicAuthor !== member.id && !member.isStaff);
    if (!readable) return [];
    const label = r.topicTitle ?? (r.targetKind === "category" ? r.categoryName : r.memberName) ?? "";
    return [{ targetKind: r.targetKind, targetId: r.targetId, label, createdAt: iso(r.createdAt) }];
  });
  return { items };
}

/** Askers and answerers follow their topic (called by the event listener, in its transaction). */
export async function addFollow(
  scope: TenantScope,
  memberId: string,
  kind: FollowTargetKind,
  targetId: string,
) {
  await scope
    .insertInto("community_follows", { member_id: memberId, target_kind: kind, target_id: targetId })
    .onConflict((oc) => oc.columns(["member_id", "target_kind", "target_id", "workspace_id"]).doNothing())
    .execute();
  const row = await scope
    .selectFrom("community_follows")
    .select("created_at")
    .where("member_id", "=", memberId)
    .where("target_kind", "=", kind)
    .where("target_id", "=", targetId)
    .executeTakeFirstOrThrow();
  return row.created_at;
}

/** The target's label when this member may read it; undefined when it is unknown to them. */
async function readableTarget(
  scope: TenantScope,
  member: Member,
  kind: FollowTargetKind,
  id: string,
): Promise<string | undefined> {
  if (kind === "member") {
    const m = await scope
      .selectFrom("community_members")
      .select("display_name")
      .where("id", "=", id)
      .executeTakeFirst();
    return m?.display_name;
  }
  const visible = await visibilitiesFor(scope, member.id);
  if (kind === "category") {
    const c = await scope
      .selectFrom("community_categories")
      .select(["name", "visibility"])
      .where("id", "=", id)
      .executeTakeFirst();
    return c && visible.includes(c.visibility) ? c.name : undefined;
  }
  const t = await scope
    .selectFrom("community_topics")
    .innerJoin("community_categories as c", "c.id", "community_topics.category_id")
    .select([
      "community_topics.title",
      "community_topics.hidden",
      "community_topics.author_member_id",
      "c.visibility",
    ])
    .where("community_topics.id", "=", id)
    .executeTakeFirst();
  if (!t || !visible.includes(t.visibility)) return undefined;
  // A hidden topic (flags, spam hold) is seen only by its author and staff.
  if (t.hidden && t.author_member_id !== member.id && !member.isStaff) return undefined;
  return t.title;
}

function targetNotFound(kind: FollowTargetKind) {
  const what = { topic: "Topic", category: "Category", member: "Member" }[kind];
  return new AppError("not_found", `${what} was not found`, "targetId");
}
