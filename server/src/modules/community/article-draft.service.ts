import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { createArticle, deleteArticle } from "../help/articles.service.ts";
import { canDraftArticle } from "./community.policy.ts";
import { memberRefs, openingPostOf, topicUrl } from "./community.repo.ts";
import type { CoreCtx } from "./post-write.ts";
import { readerFor } from "./readers.ts";
import { readableTopic } from "./topics.service.ts";

/**
 * A solved question becomes a help-center draft in one step: the question, then each accepted
 * answer with "Answered by <name> in the community", and a link back to the thread. One draft
 * per topic: asking again returns the one already made (while it exists).
 *
 * The help center's createArticle runs its own transaction, so this is two: the draft, then
 * the topic's article_id set only if still empty. Two calls at once may both draft; the one
 * that loses deletes its draft and returns the winner's.
 */
export async function draftArticle(ctx: CoreCtx, actor: Actor, topicId: string) {
  if (!canDraftArticle(actor))
    throw new AppError("forbidden", `Your role (${actor.role}) may not write help articles`);
  const reader = await readerFor(ctx, actor, undefined);
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const t = await readableTopic(scope, reader, topicId);
  if (t.article_id) return { articleId: t.article_id, created: false };
  if (t.kind !== "question" || !t.solved)
    throw new AppError("conflict", "Only a solved question can become a help article");
  const opening = await openingPostOf(scope, t.id);
  const answers = await scope
    .selectFrom("community_posts")
    .select(["body", "author_member_id"])
    .where("topic_id", "=", t.id)
    .where("kind", "=", "answer")
    .where("accepted", "=", true)
    .where("deleted_at", "is", null)
    .where("hidden", "=", false)
    .orderBy("accepted_at")
    .execute();
  const authors = await memberRefs(
    scope,
    answers.map((a) => a.author_member_id),
  );
  const url = topicUrl(t.number, t.slug);
  const parts = [
    opening.body,
    ...answers.map(
      (a) =>
        `## Answer\n\n${a.body}\n\n*Answered by ${escapeMd(authors.get(a.author_member_id)?.displayName ?? "a member")} in the community.*`,
    ),
    `[Read the whole discussion in the community](${url})`,
  ];
  const article = await createArticle(ctx, actor, {
    title: t.title,
    body: parts.join("\n\n"),
    state: "draft",
    visibility: "public",
  });
  const claimed = await scope
    .updateTable("community_topics")
    .set({ article_id: article.id, updated_at: new Date() })
    .where("id", "=", t.id)
    // A deleted draft sets article_id back to null (foreign key), so a new one may be made.
    .where("article_id", "is", null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 1) return { articleId: article.id, created: true };
  await deleteArticle(ctx, actor, article.id);
  const winner = await scope
    .selectFrom("community_topics")
    .select("article_id")
    .where("id", "=", t.id)
    .executeTakeFirstOrThrow();
  return { articleId: winner.article_id as string, created: false };
}

/** A display name is the member's own text: markdown in it must stay text. */
function escapeMd(s: string): string {
  return s.replace(/[\\`*_[\]()#<>!|~]/g, (c) => `\\${c}`);
}
