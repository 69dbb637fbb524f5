import { sql } from "kysely";
import type { CommunityTopicInput, CommunityTopicListQuery } from "../../../../contracts/community.ts";
import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findCustomer } from "../customers/customers.repo.ts";
import { slugify } from "../help/slugs.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import {
  assertCanParticipate,
  assertCanPostOnBehalf,
  canAccept,
  canDraftArticle,
  canLinkCases,
  categoryNotFound,
  isStaffActor,
  type Reader,
  readableVisibilities,
  topicNotFound,
} from "./community.policy.ts";
import { findTopic, summarize, type TopicRow, topicQuery, topicReadable } from "./community.repo.ts";
import { emitCommunityEvent } from "./events.ts";
import { isMvp } from "./hooks.ts";
import { ensureMemberForActor, ensureMemberForCustomer } from "./members.ts";
import { type CoreCtx, writePost } from "./post-write.ts";
import { answerOrder, readPosts } from "./present-posts.ts";
import type { CategoryVisibility } from "./schema-community.ts";

export const PAGE_SIZE = 20;

/**
 * Who a post is written as: the signed-in person, or — for a staff API token that names a
 * customerId — that customer (their member made on first use). Staff writing as themselves
 * are marked official. The categories open to the author decide where they may post.
 */
export async function authorFor(scope: TenantScope, actor: Actor, customerId: string | undefined) {
  assertCanParticipate(actor);
  if (customerId !== undefined) {
    assertCanPostOnBehalf(actor);
    const customer = await findCustomer(scope, customerId);
    if (!customer) throw new AppError("not_found", "Customer was not found", "customerId");
    const member = await ensureMemberForCustomer(scope, customer);
    const mvp = await isMvp(scope, member.id);
    const visibilities: CategoryVisibility[] = mvp ? ["public", "customers", "mvp"] : ["public", "customers"];
    return { member, visibilities, postedByUserId: actor.userId, official: false };
  }
  const member = await ensureMemberForActor(scope, actor);
  const mvp = await isMvp(scope, member.id);
  return {
    member,
    visibilities: readableVisibilities(actor, { isMvp: mvp }),
    postedByUserId: null,
    official: member.isStaff && isStaffActor(actor),
  };
}

export async function createTopic(ctx: CoreCtx, actor: Actor, input: CommunityTopicInput) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const author = await authorFor(scope, actor, input.customerId);
    const category = await scope
      .selectFrom("community_categories")
      .select(["id", "visibility"])
      .where("id", "=", input.categoryId)
      .executeTakeFirst();
    if (!category || !author.visibilities.includes(category.visibility)) throw categoryNotFound("categoryId");
    const topic = await scope
      .insertInto("community_topics", {
        category_id: category.id,
        kind: input.kind,
        title: input.title,
        slug: slugify(input.title, "topic"),
        author_member_id: author.member.id,
      })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    const post = await writePost(ctx, scope, {
      topicId: topic.id,
      kind: "opening",
      parentPostId: null,
      member: author.member,
      postedByUserId: author.postedByUserId,
      official: author.official,
      body: input.body,
    });
    // A held opening post holds its topic: neither shows until a moderator lets it through.
    if (post.held)
      await scope.updateTable("community_topics").set({ hidden: true }).where("id", "=", topic.id).execute();
    await emitCommunityEvent(
      { scope, boss: ctx.boss },
      {
        type: "topic.created",
        topicId: topic.id,
        postId: post.id,
        memberId: author.member.id,
        categoryId: category.id,
      },
    );
    const row = await findTopic(scope, topic.id);
    const [summary] = await summarize(scope, [row as TopicRow]);
    if (!summary) throw topicNotFound();
    if (!post.held && category.visibility !== "staff") {
      await emitWebhookEvent(scope, ctx.boss, "community.topic_created", { topic: summary });
    }
    return summary;
  });
}

export async function listTopics(ctx: CoreCtx, reader: Reader, query: CommunityTopicListQuery) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  let q = topicQuery(scope)
    .where("c.visibility", "in", reader.visibilities)
    .where("community_topics.merged_into_id", "is", null);
  if (!reader.moderator) {
    const me = reader.member?.id ?? null;
    q = q.where((eb) =>
      me
        ? eb.or([eb("community_topics.hidden", "=", false), eb("community_topics.author_member_id", "=", me)])
        : eb("community_topics.hidden", "=", false),
    );
  }
  if (query.categoryId) q = q.where("community_topics.category_id", "=", query.categoryId);
  if (query.kind) q = q.where("community_topics.kind", "=", query.kind);
  if (query.solved) q = q.where("community_topics.solved", "=", query.solved === "true");
  // Links are staff knowledge: for anyone else these filters match nothing.
  if (query.caseId) {
    const caseId = query.caseId;
    q = isStaffActor(reader.actor)
      ? q.where("community_topics.id", "in", (eb) =>
          eb.selectFrom("community_topic_cases").select("topic_id").where("case_id", "=", caseId),
        )
      : q.where(sql<boolean>`false`);
  }
  if (query.problemId)
    q = isStaffActor(reader.actor)
      ? q.where("community_topics.problem_id", "=", query.problemId)
      : q.where(sql<boolean>`false`);
  if (query.q)
    q = q.where(sql<boolean>`community_topics.search @@ websearch_to_tsquery('simple', ${query.q})`);
  const counted = await q.clearSelect().select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const ordered =
    query.sort === "new"
      ? q.orderBy("community_topics.created_at", "desc")
      : query.sort === "votes"
        ? q.orderBy("community_topics.score", "desc").orderBy("community_topics.last_activity_at", "desc")
        : q.orderBy("community_topics.pinned", "desc").orderBy("community_topics.last_activity_at", "desc");
  const rows = await ordered
    .orderBy("community_topics.id")
    .limit(PAGE_SIZE)
    .offset((query.page - 1) * PAGE_SIZE)
    .execute();
  return { items: await summarize(scope, rows), total: counted.n, page: query.page, pageSize: PAGE_SIZE };
}

/** The topic a reader may see, or 404 (unknown, another workspace, a category they cannot read, hidden). */
export async function readableTopic(scope: TenantScope, reader: Reader, idOrNumber: string) {
  const t = await findTopic(scope, idOrNumber);
  if (!t || !topicReadable(reader, t)) throw topicNotFound();
  return t;
}

export async function getTopic(ctx: CoreCtx, reader: Reader, idOrNumber: string) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const t = await readableTopic(scope, reader, idOrNumber);
  const [[summary], { byId, rows }, caseCount, following] = await Promise.all([
    summarize(scope, [t]),
    readPosts(scope, reader, t.id),
    scope
      .selectFrom("community_topic_cases")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("topic_id", "=", t.id)
      .executeTakeFirstOrThrow(),
    reader.member
      ? scope
          .selectFrom("community_follows")
          .select("target_id")
          .where("member_id", "=", reader.member.id)
          .where("target_kind", "=", "topic")
          .where("target_id", "=", t.id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const openingRow = rows.find((r) => r.kind === "opening");
  const opening = openingRow ? byId.get(openingRow.id) : undefined;
  if (!summary || !opening) throw topicNotFound();
  const answers = rows
    .filter((r) => r.kind === "answer")
    .map((r) => byId.get(r.id))
    .filter((p) => p !== undefined);
  const actor = reader.actor;
  const asker = reader.member?.id === t.author_member_id;
  const participant =
    !!actor && (actor.permissions.includes("portal.use") || actor.permissions.includes("app.use"));
  return {
    topic: {
      ...summary,
      body: opening.body,
      bodyHtml: opening.bodyHtml,
      openingPostId: opening.id,
      articleId: t.article_id,
      caseCount: caseCount.n,
      following: following !== undefined,
      comments: opening.comments,
      myVote: opening.myVote,
      can: {
        answer: participant && t.status === "open" && !t.merged_into_id,
        accept: t.kind === "question" && canAccept(reader, t.author_member_id),
        moderate: reader.moderator,
        linkCase: canLinkCases(actor),
        escalate: asker && t.kind === "question" && !t.solved && !isStaffActor(actor),
        draftArticle: t.kind === "question" && t.solved && canDraftArticle(actor),
      },
    },
    posts: answerOrder(t.kind, answers),
  };
}
