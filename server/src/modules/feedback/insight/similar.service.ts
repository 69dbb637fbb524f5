import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { findSimilar } from "../../../platform/text/find-similar.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";
import type { HelpReader } from "../../help/help.policy.ts";
import { suggestions } from "../../help/search/search.service.ts";
import { type FeedbackReader, ideaUrl, scopeOf } from "./common.ts";
import { catchUpIdeas } from "./vectors.ts";

/** At most this many ideas are compared with what is being typed (the newest readable ones). */
export const MAX_CANDIDATES = 10_000;
const MAX_IDEAS = 5;
/**
 * An idea sharing none of the typed words is shown only when its embedding is this close to
 * them (USE-lite, raw vectors). Typed text is short, so cosines run lower than between two
 * ideas; 0.5 keeps reworded duplicates and drops "also about the app" (bench/FEEDBACK-SIMILAR.md).
 */
export const QUERY_COSINE_FLOOR = 0.5;

/**
 * Before someone posts: existing ideas that say the same (full text and embeddings fused by
 * reciprocal rank, platform/text findSimilar over the feedback_idea_text view) and help
 * articles (the help center's own suggestion service, with its reading rules). Only ideas on
 * boards the reader may read, never deleted or merged ones.
 */
export async function similarIdeas(
  ctx: Pick<AppContext, "db">,
  reader: FeedbackReader,
  input: { q: string; boardId?: string | undefined; session: string },
) {
  const scope = scopeOf(ctx, reader.workspaceId);
  const embedder = sharedEmbedder();
  const [candidates, vector, articles] = await Promise.all([
    readableIdeaIds(ctx, reader, input.boardId),
    embedder.embed([input.q]).then(
      (v) => v[0] ?? null,
      () => null,
    ),
    suggestions(ctx, helpReaderOf(reader), { q: input.q, session: input.session }),
    catchUpIdeas(scope),
  ]);
  const hits = await findSimilar(
    scope.db,
    {
      table: "feedback_idea_text",
      id: "idea_id",
      workspace: "workspace_id",
      tsv: "search",
      vector: "vector",
      model: "model_id",
    },
    {
      workspaceId: reader.workspaceId,
      text: input.q,
      vector,
      modelId: embedder.modelId,
      candidateIds: candidates,
      limit: 20,
    },
  );
  const relevant = hits
    .filter((h) => h.ftsRank !== null || (h.cosine ?? 0) >= QUERY_COSINE_FLOOR)
    .slice(0, MAX_IDEAS);
  const rows =
    relevant.length === 0
      ? []
      : await scope
          .selectFrom("feedback_ideas")
          .where(
            "id",
            "in",
            relevant.map((h) => h.id),
          )
          .select(["id", "number", "slug", "title", "status", "vote_count"])
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    ideas: relevant
      .map((h) => byId.get(h.id))
      .filter((r) => r !== undefined)
      .map((r) => ({
        id: r.id,
        number: String(r.number),
        url: ideaUrl(String(r.number), r.slug),
        title: r.title,
        status: r.status,
        votes: r.vote_count,
      })),
    articles: articles.items
      .filter((a) => a.kind === "article")
      .map((a) => ({ id: a.id, title: a.title, slug: a.slug, snippet: a.snippet })),
  };
}

/** Live ideas (not deleted, not merged) on boards the reader may read, newest first, bounded. */
async function readableIdeaIds(
  ctx: Pick<AppContext, "db">,
  reader: FeedbackReader,
  boardId: string | undefined,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select i.id from feedback_ideas i
      join feedback_boards b on b.id = i.board_id
     where i.workspace_id = ${reader.workspaceId}
       and b.visibility = any(${reader.visibilities}::text[])
       and i.deleted_at is null and i.merged_into_id is null
       and (${boardId ?? null}::uuid is null or i.board_id = ${boardId ?? null}::uuid)
     order by i.created_at desc
     limit ${MAX_CANDIDATES}`.execute(ctx.db);
  return rows.map((r) => r.id);
}

function helpReaderOf(reader: FeedbackReader): HelpReader {
  if (!reader.actor) return { kind: "anonymous", workspaceId: reader.workspaceId };
  if (reader.staff) return { kind: "staff", workspaceId: reader.workspaceId, actor: reader.actor };
  return { kind: "customer", workspaceId: reader.workspaceId, actor: reader.actor };
}
