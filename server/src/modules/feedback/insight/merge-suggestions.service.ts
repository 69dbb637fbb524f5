import type { AppContext } from "../../../platform/context.ts";
import { bytesToVector } from "../../../platform/text/embedder.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";
import { plainText } from "../../help/search/vectors.ts";
import { ideaUrl } from "../feedback.repo.ts";
import { scopeOf } from "./common.ts";
import { sharedWords, similarPairs } from "./pair-similarity.ts";
import { catchUpIdeas } from "./vectors.ts";

/**
 * Pairs are compared all-against-all, so the set is bounded: the newest ideas still undecided
 * or in the works. 1,000 ideas are 500,000 pairs (~0.3 s of dot products); duplicates mostly
 * arrive while the original is still open, and older ones were seen in earlier weeks.
 */
export const MAX_PAIR_ITEMS = 1_000;

/**
 * Similar ideas not merged yet (triage): every pair of live, not yet done or declined ideas
 * whose fused similarity (pair-similarity.ts) reaches the threshold, with the reason — the
 * embedding cosine and the words they share. The suggestion is to merge the idea with fewer
 * requesters (the newer one on a tie) into the other.
 */
export async function mergeSuggestions(
  ctx: Pick<AppContext, "db">,
  workspaceId: string,
  input: { boardId?: string | undefined; limit: number },
) {
  const scope = scopeOf(ctx, workspaceId);
  await catchUpIdeas(scope, MAX_PAIR_ITEMS);
  let q = ctx.db
    .selectFrom("feedback_ideas as i")
    .leftJoin("feedback_idea_vectors as v", (j) =>
      j.onRef("v.idea_id", "=", "i.id").on("v.model_id", "=", sharedEmbedder().modelId),
    )
    .select([
      "i.id",
      "i.number",
      "i.slug",
      "i.title",
      "i.description",
      "i.status",
      "i.vote_count",
      "i.requester_count",
      "i.created_at",
      "v.vector",
    ])
    .where("i.workspace_id", "=", workspaceId)
    .where("i.deleted_at", "is", null)
    .where("i.merged_into_id", "is", null)
    .where("i.status", "in", ["open", "under_review", "planned", "in_progress"])
    .orderBy("i.created_at", "desc")
    .limit(MAX_PAIR_ITEMS);
  if (input.boardId) q = q.where("i.board_id", "=", input.boardId);
  const rows = await q.execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const texts = new Map(rows.map((r) => [r.id, `${r.title}. ${plainText(r.description)}`]));
  const pairs = similarPairs(
    rows.map((r) => ({
      id: r.id,
      text: texts.get(r.id) as string,
      vector: r.vector ? bytesToVector(r.vector) : null,
    })),
    "fused",
  );
  const ref = (r: (typeof rows)[number]) => ({
    id: r.id,
    number: String(r.number),
    url: ideaUrl(String(r.number), r.slug),
    title: r.title,
    status: r.status,
    votes: r.vote_count,
    requesters: r.requester_count,
  });
  return {
    items: pairs.slice(0, input.limit).map((p) => {
      const a = byId.get(p.a) as (typeof rows)[number];
      const b = byId.get(p.b) as (typeof rows)[number];
      // Merge the smaller (or newer) into the one more people already follow.
      const aFirst =
        a.requester_count > b.requester_count ||
        (a.requester_count === b.requester_count && a.created_at <= b.created_at);
      const [into, idea] = aFirst ? [a, b] : [b, a];
      // Words of the idea to merge that the other also uses (stemmed), as the idea says them.
      const shared = sharedWords(texts.get(idea.id) as string, texts.get(into.id) as string);
      return {
        idea: ref(idea),
        into: ref(into),
        similarity: Math.round(p.similarity * 100) / 100,
        cosine: p.cosine === null ? null : Math.round(p.cosine * 100) / 100,
        sharedWords: shared,
        reason: reasonOf(p.cosine, shared),
      };
    }),
  };
}

function reasonOf(cosine: number | null, shared: string[]): string {
  const said = cosine === null ? "" : `said alike (cosine ${cosine.toFixed(2)})`;
  const words = shared.length > 0 ? `share ${shared.map((w) => `“${w}”`).join(", ")}` : "";
  const both = [said, words].filter(Boolean).join(" and ");
  return both.charAt(0).toUpperCase() + both.slice(1) || "Alike";
}
