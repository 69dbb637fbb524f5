import { sql } from "kysely";
import type { Executor } from "../db/tenant.ts";
import { bytesToVector, cosine } from "./embedder.ts";
import { terms } from "./lexical.ts";
import { reciprocalRankFusion } from "./rrf.ts";

/**
 * Which of a set of candidates say the same as a text: a full-text ranking (PostgreSQL,
 * English stems, any of the text's content words) and a vector ranking (cosine of stored
 * embeddings), fused by reciprocal rank. The full-text stage finds candidates that share the
 * rare words (a product name, "0x80070005") that embeddings blur; the vectors find those that
 * say it in other words. Generic over the table, so the help center or the community can
 * search their own rows the same way; the caller names the table and its columns.
 */
export type SimilarSource = {
  table: string;
  id: string;
  workspace: string;
  tsv: string;
  vector: string;
  model: string;
};

export type SimilarHit = { id: string; score: number; cosine: number | null; ftsRank: number | null };

export async function findSimilar(
  db: Executor,
  source: SimilarSource,
  query: {
    workspaceId: string;
    text: string;
    vector: Float32Array | null;
    modelId: string;
    candidateIds: string[];
    limit?: number;
  },
): Promise<SimilarHit[]> {
  if (query.candidateIds.length === 0) return [];
  const limit = query.limit ?? 50;
  const words = [...new Set(terms(query.text))].slice(0, 30);
  const t = sql.table(source.table);
  const col = (c: string) => sql.ref(`${source.table}.${c}`);
  const rows = await sql<{ id: string; vector: Buffer | null; model: string | null; fts: number | null }>`
    select ${col(source.id)} as id, ${col(source.vector)} as vector, ${col(source.model)} as model,
           case when ${words.length > 0}
                then nullif(ts_rank(${col(source.tsv)}, websearch_to_tsquery('english', ${words.join(" or ")})), 0)
           end as fts
    from ${t}
    where ${col(source.workspace)} = ${query.workspaceId}
      and ${col(source.id)} = any(${query.candidateIds}::uuid[])`.execute(db);
  const byFts = rows.rows
    .filter((r) => r.fts !== null)
    .sort((a, b) => (b.fts as number) - (a.fts as number))
    .slice(0, limit * 4);
  const cosines = new Map<string, number>();
  if (query.vector) {
    for (const r of rows.rows) {
      if (r.vector && r.model === query.modelId)
        cosines.set(r.id, cosine(query.vector, bytesToVector(r.vector)));
    }
  }
  const byVector = [...cosines].sort((a, b) => b[1] - a[1]).slice(0, limit * 4);
  const fts = new Map(byFts.map((r) => [r.id, r.fts as number]));
  return reciprocalRankFusion([byFts.map((r) => r.id), byVector.map(([id]) => id)])
    .slice(0, limit)
    .map(({ id, score }) => ({ id, score, cosine: cosines.get(id) ?? null, ftsRank: fts.get(id) ?? null }));
}
