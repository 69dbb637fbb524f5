import type { ArticleState } from "../../../../contracts/help.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { type HelpCtx, present } from "./article-save.ts";
import { articleNotFound, canReadArticle, type HelpReader } from "./help.policy.ts";
import {
  findArticle,
  findArticleBySlug,
  findRedirect,
  listArticles,
  listTranslations,
  presentArticleSummary,
} from "./help.repo.ts";

/** Reading help articles as a given reader (issue #15): by id, by slug, lists and translations. */

/** One article as the reader may see it; anything they may not read is 404. */
export async function readArticle(ctx: HelpCtx, reader: HelpReader, id: string) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const row = await findArticle(scope, id);
  if (!row || !canReadArticle(reader, row)) throw articleNotFound();
  return { scope, row };
}

export async function getArticle(ctx: HelpCtx, reader: HelpReader, id: string) {
  const { scope, row } = await readArticle(ctx, reader, id);
  return present(scope, reader, row);
}

/** By slug: the article, or where an old slug now leads (`redirectTo`), or 404. */
export async function getArticleBySlug(ctx: HelpCtx, reader: HelpReader, locale: string, slug: string) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const row = await findArticleBySlug(scope, locale, slug);
  if (row) {
    if (!canReadArticle(reader, row)) throw articleNotFound();
    return { article: await present(scope, reader, row) };
  }
  const redirect = await findRedirect(scope, locale, slug);
  const target = redirect ? await findArticle(scope, redirect.articleId) : undefined;
  if (!target || !canReadArticle(reader, target)) throw articleNotFound();
  return { redirectTo: target.slug };
}

export async function listArticlesFor(
  ctx: HelpCtx,
  reader: HelpReader,
  query: {
    state?: string | undefined;
    locale?: string | undefined;
    categoryId?: string | undefined;
    q?: string | undefined;
  },
) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  return { items: (await listArticles(scope, reader, query)).map(presentArticleSummary) };
}

export async function translationsOf(ctx: HelpCtx, reader: HelpReader, id: string) {
  const { scope, row } = await readArticle(ctx, reader, id);
  const rows = await listTranslations(scope, reader, row.translationGroupId, row.id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      locale: r.locale,
      title: r.title,
      slug: r.slug,
      state: r.state as ArticleState,
    })),
  };
}
