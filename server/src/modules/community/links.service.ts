import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { FileStore } from "../../platform/storage.ts";
import { audit } from "../audit/audit.ts";
import { createCase } from "../cases/cases.service.ts";
import { doerOf } from "../customers/customers.service.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { canLinkCases, isStaffActor } from "./community.policy.ts";
import { openingPostOf, type TopicRow, topicUrl } from "./community.repo.ts";
import { emitCommunityEvent } from "./events.ts";
import type { CoreCtx } from "./post-write.ts";
import { postProblemNotices } from "./problem-notices.ts";
import { readerFor } from "./readers.ts";
import { readableTopic } from "./topics.service.ts";

/**
 * Ties between a topic and support: an agent links a case (the customer's case records it)
 * or a problem (the topic then shows the problem's public status, and gets official posts
 * when it gets a workaround or a fix); the asker turns an unsolved question into a request.
 */

function assertCanLink(actor: Actor) {
  if (!canLinkCases(actor)) throw new AppError("forbidden", `Your role (${actor.role}) may not link cases`);
}

const topicRef = (t: TopicRow) => ({
  topicId: t.id,
  number: Number(t.number),
  title: t.title,
  url: topicUrl(t.number, t.slug),
});

export async function linkTopic(
  ctx: CoreCtx,
  actor: Actor,
  topicId: string,
  target: { caseId?: string | undefined; problemId?: string | undefined },
) {
  assertCanLink(actor);
  const reader = await readerFor(ctx, actor, undefined);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const t = await readableTopic(scope, reader, topicId);
    if (target.caseId) {
      const c = await scope
        .selectFrom("cases")
        .select(["id", "customer_id"])
        .where("id", "=", target.caseId)
        .executeTakeFirst();
      if (!c) throw new AppError("not_found", "Case was not found", "caseId");
      const inserted = await scope
        .insertInto("community_topic_cases", {
          topic_id: t.id,
          case_id: c.id,
          origin: "linked",
          linked_by_user_id: actor.userId,
        })
        .onConflict((oc) => oc.doNothing())
        .returning("case_id")
        .executeTakeFirst();
      if (inserted) {
        await appendEvent(scope, {
          customerId: c.customer_id,
          caseId: c.id,
          kind: "community.topic_linked",
          data: topicRef(t),
          doer: doerOf(actor),
        });
      }
      return { linked: true };
    }
    const problemId = target.problemId as string;
    const p = await scope.selectFrom("problems").select("id").where("id", "=", problemId).executeTakeFirst();
    if (!p) throw new AppError("not_found", "Problem was not found", "problemId");
    if (t.problem_id !== p.id) {
      await scope
        .updateTable("community_topics")
        .set({ problem_id: p.id, updated_at: new Date() })
        .where("id", "=", t.id)
        .execute();
      await emitCommunityEvent(
        { scope, boss: ctx.boss },
        { type: "topic.problem_linked", topicId: t.id, problemId: p.id },
      );
      await audit(scope, {
        actorUserId: actor.userId,
        action: "community.problem_linked",
        subjectType: "community_topic",
        subjectId: t.id,
        data: { problemId: p.id },
      });
    }
    // A problem that already has a workaround or a fix says so on the topic at once.
    await postProblemNotices(ctx, scope, p.id, [t.id]);
    return { linked: true };
  });
}

export async function unlinkTopic(ctx: CoreCtx, actor: Actor, topicId: string, targetId: string) {
  assertCanLink(actor);
  const reader = await readerFor(ctx, actor, undefined);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const t = await readableTopic(scope, reader, topicId);
    if (t.problem_id === targetId) {
      await scope.updateTable("community_topics").set({ problem_id: null }).where("id", "=", t.id).execute();
      return;
    }
    const gone = await scope
      .deleteFrom("community_topic_cases")
      .where("topic_id", "=", t.id)
      .where("case_id", "=", targetId)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0)
      throw new AppError("not_found", "That case or problem is not linked to this topic", "targetId");
  });
}

/**
 * The asker's unsolved question becomes a portal request in one step: a case of theirs with
 * the question's title and body (through the same service as the portal's new-request form),
 * linked to the topic as escalated, and the case's timeline says where it came from.
 */
export async function escalateTopic(ctx: CoreCtx & { files: FileStore }, actor: Actor, topicId: string) {
  const reader = await readerFor(ctx, actor, undefined);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const t = await readableTopic(scope, reader, topicId);
    await scope.selectFrom("community_topics").select("id").where("id", "=", t.id).forUpdate().execute();
    if (!reader.member || reader.member.id !== t.author_member_id || isStaffActor(actor))
      throw new AppError("forbidden", "Only the customer who asked can turn this question into a request");
    if (t.kind !== "question") throw new AppError("conflict", "Only questions can become a support request");
    if (t.solved) throw new AppError("conflict", "This question is already solved");
    const earlier = await scope
      .selectFrom("community_topic_cases")
      .select("case_id")
      .where("topic_id", "=", t.id)
      .where("origin", "=", "escalated")
      .executeTakeFirst();
    if (earlier) throw new AppError("conflict", "This question is already a support request");
    const opening = await openingPostOf(scope, t.id);
    const url = topicUrl(t.number, t.slug);
    const c = await createCase({ db: tx, files: ctx.files }, actor, {
      subject: t.title,
      message: `${opening.body}\n\n(Asked first in the community: ${url})`,
    });
    await scope
      .insertInto("community_topic_cases", {
        topic_id: t.id,
        case_id: c.id,
        origin: "escalated",
        linked_by_user_id: actor.userId,
      })
      .execute();
    await appendEvent(scope, {
      customerId: c.customer.id,
      caseId: c.id,
      kind: "community.escalated",
      data: topicRef(t),
      doer: doerOf(actor),
    });
    return { caseId: c.id, caseNumber: c.number };
  });
}
