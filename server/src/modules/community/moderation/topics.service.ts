import type { SplitInput, TopicModerationInput } from "../../../../../contracts/community-moderation.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { slugify } from "../../help/slugs.ts";
import { emitCommunityEvent } from "../events.ts";
import { canModerate } from "./access.ts";
import {
  descendantsOf,
  lockTopic,
  moveTopicFollows,
  presentTopic,
  readTopic,
  recountTopic,
} from "./topics.repo.ts";

/**
 * Staff actions on topics: edit the title, move to another category, close or reopen, pin;
 * merge one topic into another; split chosen answers off into a new topic. Every act is one
 * transaction with its audit entry.
 */
type Ctx = Pick<AppContext, "db" | "boss">;

function assertModerator(actor: Actor) {
  if (!canModerate(actor)) throw new AppError("forbidden", `Your role (${actor.role}) may not moderate`);
}

export async function moderateTopic(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: TopicModerationInput,
  requestId?: string,
) {
  assertModerator(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const t = await lockTopic(scope, id);
    if (input.categoryId !== undefined) {
      const c = await scope
        .selectFrom("community_categories")
        .select("id")
        .where("id", "=", input.categoryId)
        .executeTakeFirst();
      if (!c) throw new AppError("not_found", "No such category", "categoryId");
    }
    const before = { title: t.title, categoryId: t.category_id, status: t.status, pinned: t.pinned };
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of ["title", "categoryId", "status", "pinned"] as const) {
      if (input[k] !== undefined && input[k] !== before[k]) changes[k] = [before[k], input[k]];
    }
    if (Object.keys(changes).length === 0) return presentTopic(t);
    await scope
      .updateTable("community_topics")
      .set({
        ...(changes.title
          ? { title: input.title as string, slug: slugify(input.title as string, "topic") }
          : {}),
        ...(changes.categoryId ? { category_id: input.categoryId as string } : {}),
        ...(changes.status ? { status: input.status } : {}),
        ...(changes.pinned ? { pinned: input.pinned } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.topic.moderated",
      subjectType: "community_topic",
      subjectId: id,
      requestId,
      data: { number: Number(t.number), changes, reason: input.reason ?? "" },
    });
    return readTopic(scope, id);
  });
}

export async function mergeTopic(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { intoTopicId: string; reason?: string },
  requestId?: string,
) {
  assertModerator(actor);
  if (input.intoTopicId === id)
    throw new AppError("validation_failed", "A topic cannot be merged into itself", "intoTopicId");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    // Locked in id order, so two merges of the same pair in opposite directions cannot deadlock.
    const [first, second] = [id, input.intoTopicId].sort();
    const locked = new Map<string, Awaited<ReturnType<typeof lockTopic>>>();
    for (const tid of [first as string, second as string])
      locked.set(tid, await lockTopic(scope, tid, tid === id ? undefined : "intoTopicId"));
    const source = locked.get(id) as Awaited<ReturnType<typeof lockTopic>>;
    const target = locked.get(input.intoTopicId) as Awaited<ReturnType<typeof lockTopic>>;
    if (source.merged_into_id) throw new AppError("conflict", "This topic was already merged into another");
    if (target.merged_into_id)
      throw new AppError(
        "conflict",
        "That topic was itself merged into another; merge into that one",
        "intoTopicId",
      );
    // The source's question becomes an answer in the target (a topic has one opening post);
    // answers keep their votes and accepts, comments stay under their posts.
    const opening = await scope
      .updateTable("community_posts")
      .set({ kind: "answer" })
      .where("topic_id", "=", id)
      .where("kind", "=", "opening")
      .returning("id")
      .executeTakeFirst();
    const moved = await scope
      .updateTable("community_posts")
      .set({ topic_id: target.id })
      .where("topic_id", "=", id)
      .returning("id")
      .execute();
    // Cases linked to the old topic now point at the thread that carries on.
    const links = await scope
      .selectFrom("community_topic_cases")
      .selectAll()
      .where("topic_id", "=", id)
      .execute();
    for (const l of links) {
      await scope
        .insertInto("community_topic_cases", {
          topic_id: target.id,
          case_id: l.case_id,
          origin: l.origin,
          linked_by_user_id: l.linked_by_user_id,
          created_at: l.created_at,
        })
        .onConflict((oc) => oc.columns(["topic_id", "case_id", "workspace_id"]).doNothing())
        .execute();
    }
    await scope.deleteFrom("community_topic_cases").where("topic_id", "=", id).execute();
    const follows = await moveTopicFollows(scope, id, target.id);
    await scope
      .updateTable("community_topics")
      .set({
        merged_into_id: target.id,
        status: "closed",
        answer_count: 0,
        solved: false,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    if (!target.problem_id && source.problem_id) {
      await scope
        .updateTable("community_topics")
        .set({ problem_id: source.problem_id })
        .where("id", "=", target.id)
        .execute();
    }
    await recountTopic(scope, target.id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.topic.merged",
      subjectType: "community_topic",
      subjectId: id,
      requestId,
      data: {
        number: Number(source.number),
        intoTopicId: target.id,
        intoNumber: Number(target.number),
        formerOpeningPostId: opening?.id ?? null,
        movedPosts: moved.length,
        movedFollows: follows,
        reason: input.reason ?? "",
      },
    });
    return readTopic(scope, target.id);
  });
}

/**
 * Split: the chosen answers leave for a new topic in the same category and of the same kind.
 * The earliest chosen answer becomes the new topic's opening post (its author asked or said
 * something new; an opening post cannot be accepted, so an accept on it is withdrawn), the rest
 * stay answers with their votes and accepts, and comments follow their posts.
 */
export async function splitTopic(ctx: Ctx, actor: Actor, id: string, input: SplitInput, requestId?: string) {
  assertModerator(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const source = await lockTopic(scope, id);
    const ids = [...new Set(input.postIds)];
    const posts = await scope
      .selectFrom("community_posts")
      .select([
        "id",
        "kind",
        "topic_id",
        "author_member_id",
        "accepted",
        "hidden",
        "created_at",
        "deleted_at",
      ])
      .where("id", "in", ids)
      .forUpdate()
      .execute();
    for (const [i, pid] of input.postIds.entries()) {
      const p = posts.find((x) => x.id === pid);
      if (!p || p.topic_id !== id || p.deleted_at)
        throw new AppError("validation_failed", "This post is not in the topic", `postIds.${i}`);
      if (p.kind !== "answer")
        throw new AppError(
          "validation_failed",
          "Only answers can be split off (comments follow their answer)",
          `postIds.${i}`,
        );
    }
    posts.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id));
    const first = posts[0] as (typeof posts)[number];
    const created = await scope
      .insertInto("community_topics", {
        category_id: source.category_id,
        kind: source.kind,
        title: input.title,
        slug: slugify(input.title, "topic"),
        author_member_id: first.author_member_id,
        hidden: first.hidden,
        created_at: first.created_at,
      })
      .returning(["id", "number"])
      .executeTakeFirstOrThrow();
    const comments = await descendantsOf(scope, ids);
    await scope
      .updateTable("community_posts")
      .set({ topic_id: created.id })
      .where("id", "in", [...ids, ...comments])
      .execute();
    await scope
      .updateTable("community_posts")
      .set({ kind: "opening", accepted: false, accepted_at: null, accepted_by_member_id: null })
      .where("id", "=", first.id)
      .execute();
    if (first.accepted) {
      await emitCommunityEvent(
        { scope, boss: ctx.boss },
        { type: "answer.unaccepted", topicId: id, postId: first.id },
      );
    }
    await recountTopic(scope, created.id);
    await recountTopic(scope, id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.topic.split",
      subjectType: "community_topic",
      subjectId: id,
      requestId,
      data: {
        number: Number(source.number),
        newTopicId: created.id,
        newNumber: Number(created.number),
        openingPostId: first.id,
        postIds: ids,
        comments: comments.length,
        reason: input.reason ?? "",
      },
    });
    return readTopic(scope, created.id);
  });
}
