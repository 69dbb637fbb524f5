import type { CommunitySettings } from "../../../../../contracts/community-reputation.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { enqueueInTx } from "../../../platform/jobs/enqueue.ts";
import type { CommunityEvent, EventContext } from "../events.ts";
import { lockMembers, record, setContribution } from "./ledger.ts";
import { loadSettings } from "./settings.ts";
import { checkAcceptedStreak } from "./streaks.ts";
import { recomputeTrust } from "./trust.ts";

/**
 * Turns community events into ledger rows, inside the emitter's transaction: votes on
 * answers and on topics' opening posts (comments earn nothing), acceptances (the answerer,
 * and a small bonus to an acceptor who is not the answerer), accepted-answer streaks and
 * confirmed spam. Then the affected members' trust is recomputed and a badge check is queued,
 * as they are after a member's new topic or post.
 */
export async function onReputationEvent(ctx: EventContext, event: CommunityEvent): Promise<void> {
  switch (event.type) {
    case "post.voted":
      return onVote(ctx, event);
    case "answer.accepted":
      return onAccepted(ctx, event);
    case "answer.unaccepted":
      return onUnaccepted(ctx, event);
    case "post.spam_confirmed":
      return onSpam(ctx, event);
    // New posts count towards trust thresholds and badges (first question, answers, streaks).
    case "topic.created":
    case "post.created":
      return afterChange(ctx, await loadSettings(ctx.scope), [event.memberId]);
    default:
      return;
  }
}

type Voted = Extract<CommunityEvent, { type: "post.voted" }>;
type Accepted = Extract<CommunityEvent, { type: "answer.accepted" }>;
type Unaccepted = Extract<CommunityEvent, { type: "answer.unaccepted" }>;
type Spam = Extract<CommunityEvent, { type: "post.spam_confirmed" }>;

async function postOf(scope: TenantScope, postId: string) {
  return scope
    .selectFrom("community_posts")
    .innerJoin("community_topics", "community_topics.id", "community_posts.topic_id")
    .select([
      "community_posts.kind as kind",
      "community_posts.author_member_id as authorId",
      "community_topics.category_id as categoryId",
      "community_topics.kind as topicKind",
    ])
    .where("community_posts.id", "=", postId)
    .executeTakeFirst();
}

async function onVote(ctx: EventContext, e: Voted) {
  if (e.previous === e.value) return;
  const post = await postOf(ctx.scope, e.postId);
  if (!post || post.kind === "comment" || post.authorId === e.voterMemberId) return;
  const settings = await loadSettings(ctx.scope);
  const kind = voteKind(post.kind, e.value);
  await setContribution(
    ctx.scope,
    settings,
    { key: `vote:${e.postId}:${e.voterMemberId}`, postId: e.postId, categoryId: post.categoryId },
    kind ? { memberId: post.authorId, kind, points: settings.points[kind] } : null,
  );
  await afterChange(ctx, settings, [post.authorId]);
}

/** The ledger kind of a vote, which is also its key in `settings.points`. */
export function voteKind(postKind: string, value: -1 | 0 | 1) {
  if (value === 0) return null;
  const what = postKind === "answer" ? "answer" : "question";
  return `${what}${value === 1 ? "Upvoted" : "Downvoted"}` as
    | "answerUpvoted"
    | "answerDownvoted"
    | "questionUpvoted"
    | "questionDownvoted";
}

async function onAccepted(ctx: EventContext, e: Accepted) {
  const post = await postOf(ctx.scope, e.postId);
  if (post?.kind !== "answer") return;
  const settings = await loadSettings(ctx.scope);
  const slot = { postId: e.postId, categoryId: post.categoryId };
  // Author and acceptor, and whoever an earlier acceptance credited, locked in one order.
  await lockMembers(ctx.scope, [
    post.authorId,
    e.acceptedByMemberId,
    ...(await creditedFor(ctx.scope, e.postId)),
  ]);
  await setContribution(
    ctx.scope,
    settings,
    { ...slot, key: `accept:${e.postId}` },
    { memberId: post.authorId, kind: "answerAccepted", points: settings.points.answerAccepted },
  );
  const bonus =
    e.acceptedByMemberId !== post.authorId
      ? { memberId: e.acceptedByMemberId, kind: "acceptorBonus", points: settings.points.acceptorBonus }
      : null;
  await setContribution(ctx.scope, settings, { ...slot, key: `acceptor:${e.postId}` }, bonus);
  await checkAcceptedStreak(ctx.scope, settings, post.authorId);
  await afterChange(ctx, settings, bonus ? [post.authorId, e.acceptedByMemberId] : [post.authorId]);
}

async function onUnaccepted(ctx: EventContext, e: Unaccepted) {
  const post = await postOf(ctx.scope, e.postId);
  if (!post) return;
  const settings = await loadSettings(ctx.scope);
  const slot = { postId: e.postId, categoryId: post.categoryId };
  await lockMembers(ctx.scope, [post.authorId, ...(await creditedFor(ctx.scope, e.postId))]);
  await setContribution(ctx.scope, settings, { ...slot, key: `accept:${e.postId}` }, null);
  await setContribution(ctx.scope, settings, { ...slot, key: `acceptor:${e.postId}` }, null);
  await afterChange(ctx, settings, [post.authorId]);
}

async function onSpam(ctx: EventContext, e: Spam) {
  const post = await postOf(ctx.scope, e.postId);
  const settings = await loadSettings(ctx.scope);
  await record(ctx.scope, settings, {
    memberId: e.authorMemberId,
    kind: "spamConfirmed",
    points: settings.points.spamConfirmed,
    sourceKey: `spam:${e.postId}`,
    postId: e.postId,
    categoryId: post?.categoryId ?? null,
  });
  await afterChange(ctx, settings, [e.authorMemberId]);
}

/** The members an acceptance of this post has credited so far (answerer, acceptor). */
async function creditedFor(scope: TenantScope, postId: string): Promise<string[]> {
  const rows = await scope
    .selectFrom("community_reputation_events")
    .select("member_id")
    .distinct()
    .where("post_id", "=", postId)
    .where((eb) =>
      eb.or([
        eb("source_key", "like", `accept:${postId}:%`),
        eb("source_key", "like", `acceptor:${postId}:%`),
      ]),
    )
    .execute();
  return rows.map((r) => r.member_id);
}

async function afterChange(ctx: EventContext, settings: CommunitySettings, memberIds: string[]) {
  for (const memberId of new Set(memberIds)) {
    await recomputeTrust(ctx.scope, settings, memberId);
    await enqueueBadgeCheck(ctx, memberId);
  }
}

/** One queued check per member at a time (the queue is `stately`): bursts of votes share it. */
export async function enqueueBadgeCheck(ctx: EventContext, memberId: string): Promise<void> {
  await enqueueInTx(
    ctx.boss,
    ctx.scope.db,
    "community.badges",
    { workspaceId: ctx.scope.workspaceId, memberId },
    { singletonKey: `${ctx.scope.workspaceId}:${memberId}` },
  );
}
