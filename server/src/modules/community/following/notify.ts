import { type RawBuilder, sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { enqueueInTx } from "../../../platform/jobs/enqueue.ts";
import { type CommunityEvent, type EventContext, onCommunityEvent } from "../events.ts";
import { addFollow } from "./follows.service.ts";
import { memberReads } from "./visibility.ts";

/**
 * From community events to in-app notifications. The listener runs in the emitting
 * transaction and only (a) makes askers and answerers follow their topic and (b) enqueues a
 * `community.notify` job keyed by post and event. The job works out who is told after the
 * post is committed, so it sees the post as it is then (a post held as spam, hidden, deleted
 * or in a category the follower cannot read tells nobody), and its inserts are idempotent
 * thanks to the unique (member, post, kind): a retried job writes nothing twice.
 */
export type NotifyEvent = "new_topic" | "reply" | "accepted" | "official" | "restored";
export type NotifyJob = { workspaceId: string; postId: string; event: NotifyEvent; actorMemberId?: string };

export function registerFollowing(): void {
  onCommunityEvent(listener);
}

async function listener(ctx: EventContext, event: CommunityEvent): Promise<void> {
  const { scope } = ctx;
  switch (event.type) {
    case "topic.created":
      await addFollow(scope, event.memberId, "topic", event.topicId);
      return enqueue(ctx, { postId: event.postId, event: "new_topic" });
    case "post.created":
      if (event.kind === "answer") await addFollow(scope, event.memberId, "topic", event.topicId);
      return enqueue(ctx, { postId: event.postId, event: "reply" });
    case "answer.accepted":
      return enqueue(ctx, {
        postId: event.postId,
        event: "accepted",
        actorMemberId: event.acceptedByMemberId,
      });
    case "topic.official_post":
      return enqueue(ctx, { postId: event.postId, event: "official" });
    // A post released from review: its followers are told now (they were not while it was held).
    case "post.restored":
      return enqueue(ctx, { postId: event.postId, event: "restored" });
    default:
      return;
  }
}

async function enqueue(ctx: EventContext, job: Omit<NotifyJob, "workspaceId">) {
  const data: NotifyJob = { workspaceId: ctx.scope.workspaceId, ...job };
  await enqueueInTx(ctx.boss, ctx.scope.db, "community.notify", data, {
    singletonKey: `${job.postId}:${job.event}`,
  });
}

/** The `community.notify` job: writes the notifications of one event on one post. */
export async function notifyFollowers(ctx: Pick<AppContext, "db">, job: NotifyJob): Promise<number> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, job.workspaceId);
    const post = await scope
      .selectFrom("community_posts")
      .innerJoin("community_topics as t", "t.id", "community_posts.topic_id")
      .select([
        "community_posts.id",
        "community_posts.kind",
        "community_posts.topic_id as topicId",
        "community_posts.author_member_id as authorId",
        "community_posts.hidden",
        "community_posts.deleted_at as deletedAt",
        "t.category_id as categoryId",
        "t.hidden as topicHidden",
      ])
      .where("community_posts.id", "=", job.postId)
      .executeTakeFirst();
    // Nobody is told about what only its author and moderators can see.
    if (!post || post.hidden || post.deletedAt || post.topicHidden) return 0;
    const event = job.event === "restored" ? (post.kind === "opening" ? "new_topic" : "reply") : job.event;
    const actor = event === "accepted" ? (job.actorMemberId ?? null) : post.authorId;
    const follows = (kind: "topic" | "category" | "member", id: string) =>
      sql`select member_id from community_follows
          where workspace_id = ${job.workspaceId}::uuid and target_kind = ${kind} and target_id = ${id}::uuid`;
    const mentioned = sql`select member_id from community_mentions
          where workspace_id = ${job.workspaceId}::uuid and post_id = ${post.id}::uuid`;

    let written = 0;
    const write = async (kind: string, candidates: RawBuilder<unknown>, supersededBy: string[]) => {
      const result = await sql`
        insert into community_notifications (workspace_id, member_id, kind, topic_id, post_id, actor_member_id)
        select ${job.workspaceId}::uuid, m.id, ${kind}::text, ${post.topicId}::uuid, ${post.id}::uuid, ${actor}::uuid
        from community_members m
        join community_categories c on c.id = ${post.categoryId}::uuid
        where m.workspace_id = ${job.workspaceId}::uuid
          and m.id in (${candidates})
          and m.id is distinct from ${actor}::uuid
          and ${memberReads("m", "c.visibility")}
          -- One word about one post: a mention is not also a reply, an official post not also a reply.
          and not exists (select 1 from community_notifications n
                          where n.member_id = m.id and n.post_id = ${post.id}::uuid
                            and n.kind = any(${supersededBy}::text[]))
        on conflict (member_id, post_id, kind, workspace_id) do nothing`.execute(tx);
      written += Number(result.numAffectedRows ?? 0);
    };

    if (event === "new_topic" || event === "reply") await write("mention", mentioned, []);
    if (event === "new_topic") {
      const who = sql`${follows("category", post.categoryId)} union ${follows("member", post.authorId)}`;
      await write("new_topic", who, ["mention"]);
    } else if (event === "reply") {
      const who = sql`${follows("topic", post.topicId)} union ${follows("member", post.authorId)}`;
      await write("reply", who, ["mention", "official"]);
    } else if (event === "accepted") {
      // The answer's author hears about it whether or not they follow the topic.
      const who = sql`${follows("topic", post.topicId)} union select ${post.authorId}::uuid`;
      await write("accepted", who, []);
    } else if (event === "official") {
      await write("official", follows("topic", post.topicId), ["reply", "mention"]);
    }
    return written;
  });
}
