import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { unfenced } from "../../../platform/db/fence.ts";
import { cosine } from "../../../platform/text/embedder.ts";
import { findSimilar } from "../../../platform/text/find-similar.ts";
import { terms } from "../../../platform/text/lexical.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";
import type { HelpReader } from "../../help/help.policy.ts";
import { suggestions } from "../../help/search/search.service.ts";
import type { Reader as FeedbackReader } from "../feedback.policy.ts";
import { ideaUrl } from "../feedback.repo.ts";
import { scopeOf } from "./common.ts";
import { catchUpIdeas, ideaVectors } from "./vectors.ts";

/**
 * How many ideas each ranking passes on to findSimilar: the best by full text among readable
 * ideas, and the best by cosine among the workspace's cached vectors (then filtered to readable
 * ones). findSimilar reads the vectors of its candidates, so they are bounded; at 10,000 ideas
 * shipping every vector per keystroke cost seconds (bench in bench/FEEDBACK-SIMILAR.md).
 */
const PRE_RANK = 100;
const MAX_IDEAS = 5;
/**
 * An idea sharing none of the typed words is shown only when its embedding is this close to
 * them (USE-lite, raw vectors). Typed text is short, so cosines run lower than between two
 * ideas; 0.5 keeps reworded duplicates and drops "also about the app" (bench/FEEDBACK-SIMILAR.md).
 */
export const QUERY_COSINE_FLOOR = 0.5;

const SOURCE = {
  table: "feedback_idea_text",
  id: "idea_id",
  workspace: "workspace_id",
  tsv: "search",
  vector: "vector",
  model: "model_id",
};

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
  const words = [...new Set(terms(input.q))].slice(0, 30);
  const [byText, vector, articles] = await Promise.all([
    words.length > 0 ? textRanking(ctx, reader, words.join(" or "), input.boardId) : Promise.resolve([]),
    embedder.embed([input.q]).then(
      (v) => v[0] ?? null,
      () => null,
    ),
    suggestions(ctx, helpReaderOf(reader), { q: input.q, session: input.session }),
    catchUpIdeas(scope),
  ]);
  let byVector: string[] = [];
  if (vector) {
    const vectors = await ideaVectors(scope, embedder.modelId);
    const near: Array<[string, number]> = [];
    for (const [id, v] of vectors) {
      const c = cosine(vector, v);
      if (c >= QUERY_COSINE_FLOOR) near.push([id, c]);
    }
    near.sort((a, b) => b[1] - a[1]);
    byVector = await readable(
      ctx,
      reader,
      near.slice(0, PRE_RANK * 2).map(([id]) => id),
      input.boardId,
    );
  }
  const candidates = [...new Set([...byText, ...byVector.slice(0, PRE_RANK)])];
  const hits = await findSimilar(scope.db, SOURCE, {
    workspaceId: reader.workspaceId,
    text: input.q,
    vector,
    modelId: embedder.modelId,
    candidateIds: candidates,
    limit: 20,
  });
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

/** What the reader may see of an idea: live (not deleted, not merged) on a readable board. */
function readableSql(reader: FeedbackReader, boardId: string | undefined) {
  return sql`i.workspace_id = ${reader.workspaceId}
    and b.visibility = any(${reader.visibilities}::text[])
    and i.deleted_at is null and i.merged_into_id is null
    and (${boardId ?? null}::uuid is null or i.board_id = ${boardId ?? null}::uuid)`;
}

/** The best PRE_RANK readable ideas sharing any of the words (English stems, the GIN index). */
async function textRanking(
  ctx: Pick<AppContext, "db">,
  reader: FeedbackReader,
  query: string,
  boardId: string | undefined,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select i.id from feedback_ideas i join feedback_boards b on b.id = i.board_id
     where ${readableSql(reader, boardId)} and i.search @@ websearch_to_tsquery('english', ${query})
     order by ts_rank(i.search, websearch_to_tsquery('english', ${query})) desc, i.id
     limit ${PRE_RANK}`.execute(
    // Outside the request's fence on purpose: `@@` is not LEAKPROOF, so behind the row-level
    // security policy PostgreSQL would not use the GIN index. readableSql names the workspace.
    unfenced(ctx.db),
  );
  return rows.map((r) => r.id);
}

/** The ids the reader may see, in the order given. */
async function readable(
  ctx: Pick<AppContext, "db">,
  reader: FeedbackReader,
  ids: string[],
  boardId: string | undefined,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    select i.id from feedback_ideas i join feedback_boards b on b.id = i.board_id
     where ${readableSql(reader, boardId)} and i.id = any(${ids}::uuid[])`.execute(ctx.db);
  const ok = new Set(rows.map((r) => r.id));
  return ids.filter((id) => ok.has(id));
}

function helpReaderOf(reader: FeedbackReader): HelpReader {
  if (!reader.actor) return { kind: "anonymous", workspaceId: reader.workspaceId };
  if (reader.staff) return { kind: "staff", workspaceId: reader.workspaceId, actor: reader.actor };
  return { kind: "customer", workspaceId: reader.workspaceId, actor: reader.actor };
}
