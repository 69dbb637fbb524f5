import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { forWorkspace } from "../../../platform/jobs/fenced-jobs.ts";
import { bytesToVector, vectorToBytes } from "../../../platform/text/embedder.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";

/**
 * Article embeddings, the way case signals are kept (problems/detection/signals.ts): the
 * `help.vectors` sweep (every minute, worker processes) embeds articles that have no vector,
 * a vector of another model, or one computed from another text (`source_hash`); readers
 * (search, suggestions) first catch up the few the sweep has not reached, so a new article
 * is found at once and test servers (sweep off) embed on demand. The embedded text is the
 * title and the start of the body (the embedder keeps the first 60 words).
 */
const BATCH = 64;

export const articleSourceHash = (title: string, body: string) =>
  createHash("md5").update(`${title}\n${body}`).digest("hex");

/** Markdown reduced to words: links keep their text, images, code fences and markup go. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/[#*_`>|~]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export const embeddingText = (title: string, body: string) => `${title}. ${plainText(body)}`;

/** Lower-case words of 4+ letters, for typo correction against the article vocabulary. */
export const vocabulary = (text: string): string[] => [
  ...new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 4 && w.length <= 40),
  ),
];

async function articlesNeedingVectors(scope: TenantScope, modelId: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select a.id from help_articles a
      left join help_article_vectors v on v.article_id = a.id
     where a.workspace_id = ${scope.workspaceId}
       and (v.article_id is null or v.model_id <> ${modelId}
            or v.source_hash <> md5(a.title || E'\\n' || a.body))
     limit ${limit}`.execute(scope.db);
  return rows.map((r) => r.id);
}

export async function computeArticleVectors(scope: TenantScope, ids: string[]): Promise<void> {
  const embedder = sharedEmbedder();
  for (let i = 0; i < ids.length; i += BATCH) {
    const articles = await scope
      .selectFrom("help_articles")
      .where("id", "in", ids.slice(i, i + BATCH))
      .select(["id", "title", "body"])
      .execute();
    if (articles.length === 0) continue;
    const vectors = await embedder.embed(articles.map((a) => embeddingText(a.title, a.body)));
    await scope.db
      .insertInto("help_article_vectors")
      .values(
        articles.map((a, j) => ({
          article_id: a.id,
          workspace_id: scope.workspaceId,
          vector: vectorToBytes(vectors[j] as Float32Array),
          model_id: embedder.modelId,
          source_hash: articleSourceHash(a.title, a.body),
        })),
      )
      .onConflict((oc) =>
        oc.columns(["article_id", "workspace_id"]).doUpdateSet((eb) => ({
          vector: eb.ref("excluded.vector"),
          model_id: eb.ref("excluded.model_id"),
          source_hash: eb.ref("excluded.source_hash"),
          computed_at: sql<Date>`now()`,
        })),
      )
      .execute();
    const words = [...new Set(articles.flatMap((a) => vocabulary(`${a.title} ${plainText(a.body)}`)))];
    if (words.length > 0) {
      await sql`
        insert into help_search_words (workspace_id, word)
        select ${scope.workspaceId}, w from unnest(${words}::text[]) w
        on conflict do nothing`.execute(scope.db);
    }
  }
}

/** Embeds what the sweep has not reached yet for one workspace (at most `limit`). */
export async function catchUpArticles(scope: TenantScope, limit = 256): Promise<number> {
  const ids = await articlesNeedingVectors(scope, sharedEmbedder().modelId, limit);
  await computeArticleVectors(scope, ids);
  return ids.length;
}

export async function sweepArticleVectors(ctx: AppContext): Promise<void> {
  const modelId = sharedEmbedder().modelId;
  const { rows } = await sql<{ workspace_id: string }>`
    select distinct a.workspace_id from help_articles a
      left join help_article_vectors v on v.article_id = a.id
     where v.article_id is null or v.model_id <> ${modelId}
        or v.source_hash <> md5(a.title || E'\\n' || a.body)`.execute(ctx.db);
  for (const r of rows) {
    const n = await forWorkspace(r.workspace_id, () =>
      catchUpArticles(new TenantScope(ctx.db, r.workspace_id), 1024),
    );
    ctx.log.debug({ workspaceId: r.workspace_id, articles: n }, "help article vectors computed");
  }
}

/**
 * The workspace's article vectors, cached per process and revalidated by one cheap query
 * (count and newest computed_at): suggestions must not ship 2 kB per article per request.
 */
const cache = new Map<string, { stamp: string; vectors: Map<string, Float32Array> }>();

export async function articleVectors(
  scope: TenantScope,
  modelId: string,
): Promise<Map<string, Float32Array>> {
  const { rows } = await sql<{ stamp: string }>`
    select count(*)::text || ':' || coalesce(max(computed_at)::text, '') as stamp
      from help_article_vectors where workspace_id = ${scope.workspaceId} and model_id = ${modelId}`.execute(
    scope.db,
  );
  const stamp = rows[0]?.stamp ?? "";
  const hit = cache.get(scope.workspaceId);
  if (hit && hit.stamp === stamp) return hit.vectors;
  const all = await scope
    .selectFrom("help_article_vectors")
    .where("model_id", "=", modelId)
    .select(["article_id", "vector"])
    .execute();
  const vectors = new Map(all.map((r) => [r.article_id, bytesToVector(r.vector)]));
  if (cache.size > 1000) cache.clear();
  cache.set(scope.workspaceId, { stamp, vectors });
  return vectors;
}
