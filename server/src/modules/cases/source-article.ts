import type { Actor } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { articleNotFound, canReadArticle, readerOf } from "../help/help.policy.ts";

/** What a case records about the help article its customer came from (timeline `article.source`). */
export type SourceArticle = { articleId: string; title: string; url: string };

/**
 * The article a new case came from (the help center's "contact support"). It must be one the
 * requester may read by the help center's own rules, else 404 naming `articleId`: a customer
 * learns nothing about articles that are hidden from them, not even that they exist.
 */
export async function findSourceArticle(
  scope: TenantScope,
  actor: Actor,
  articleId: string,
): Promise<SourceArticle> {
  const a = await scope
    .selectFrom("help_articles")
    .where("id", "=", articleId)
    .select(["id", "title", "slug", "state", "visibility"])
    .executeTakeFirst();
  if (!a || !canReadArticle(readerOf(actor, scope.workspaceId), a)) throw articleNotFound("articleId");
  // Relative: the agent's browser opens it on the workspace's own host.
  return { articleId: a.id, title: a.title, url: `/help/articles/${encodeURIComponent(a.slug)}` };
}
