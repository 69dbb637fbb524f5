import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { forWorkspace } from "../../../platform/jobs/fenced-jobs.ts";
import { bytesToVector, vectorToBytes } from "../../../platform/text/embedder.ts";
import { sharedEmbedder } from "../../../platform/text/use-embedder.ts";
import { embeddingText } from "../../help/search/vectors.ts";

/**
 * Idea embeddings, kept the way help articles keep theirs (help/search/vectors.ts): the
 * `feedback.vectors` sweep (every minute, worker processes) embeds ideas with no vector, a
 * vector of another model, or one computed from another text (`source_hash`); readers
 * (similar ideas, merge suggestions) first catch up the few the sweep has not reached, so an
 * idea posted a second ago is found and test servers (sweep off) embed on demand. Deleted ideas
 * are never embedded. The text is the title and the start of the description (60 words).
 */
const BATCH = 64;

export const ideaSourceHash = (title: string, description: string) =>
  createHash("md5").update(`${title}\n${description}`).digest("hex");

/**
 * Ideas to (re-)embed, newest first: no vector, another model's, or made from another text
 * (the hash of title and description). `since` limits the search to ideas created or edited
 * since then, so readers do not join 10,000 ideas to their vectors on every keystroke.
 */
async function ideasNeedingVectors(
  scope: TenantScope,
  modelId: string,
  limit: number,
  since: Date | null,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select i.id from feedback_ideas i
      left join feedback_idea_vectors v on v.idea_id = i.id
     where i.workspace_id = ${scope.workspaceId} and i.deleted_at is null
       and (${since}::timestamptz is null or i.created_at >= ${since} or i.updated_at >= ${since})
       and (v.idea_id is null or v.model_id <> ${modelId}
            or v.source_hash <> md5(i.title || E'\\n' || i.description))
     order by i.created_at desc
     limit ${limit}`.execute(scope.db);
  return rows.map((r) => r.id);
}

export async function computeIdeaVectors(scope: TenantScope, ids: string[]): Promise<void> {
  const embedder = sharedEmbedder();
  for (let i = 0; i < ids.length; i += BATCH) {
    const ideas = await scope
      .selectFrom("feedback_ideas")
      .where("id", "in", ids.slice(i, i + BATCH))
      .select(["id", "title", "description"])
      .execute();
    if (ideas.length === 0) continue;
    const vectors = await embedder.embed(ideas.map((d) => embeddingText(d.title, d.description)));
    await scope.db
      .insertInto("feedback_idea_vectors")
      .values(
        ideas.map((d, j) => ({
          idea_id: d.id,
          workspace_id: scope.workspaceId,
          vector: vectorToBytes(vectors[j] as Float32Array),
          model_id: embedder.modelId,
          source_hash: ideaSourceHash(d.title, d.description),
        })),
      )
      .onConflict((oc) =>
        oc.columns(["idea_id", "workspace_id"]).doUpdateSet((eb) => ({
          vector: eb.ref("excluded.vector"),
          model_id: eb.ref("excluded.model_id"),
          source_hash: eb.ref("excluded.source_hash"),
          computed_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }
}

/** When this process last caught up each workspace (for readers; the sweep checks everything). */
const caughtUp = new Map<string, number>();
// A transaction's rows carry its start time, which can precede our mark by its duration.
const SLACK_MS = 10_000;

/**
 * Embeds what the sweep has not reached yet for one workspace (at most `limit`, newest first).
 * Readers (`recent`) look only at ideas created or edited since their previous catch-up in this
 * process (the first looks at all), relying on the writer setting updated_at on edits; the
 * sweep (every minute) finds anything else, edits that did not touch updated_at included.
 */
export async function catchUpIdeas(scope: TenantScope, limit = 256, recent = true): Promise<number> {
  const started = Date.now();
  const last = recent ? caughtUp.get(scope.workspaceId) : undefined;
  const since = last === undefined ? null : new Date(last - SLACK_MS);
  const ids = await ideasNeedingVectors(scope, sharedEmbedder().modelId, limit, since);
  await computeIdeaVectors(scope, ids);
  // Only a complete catch-up moves the mark; a capped one leaves the rest for the next reader.
  if (recent && ids.length < limit) {
    if (caughtUp.size > 10_000) caughtUp.clear();
    caughtUp.set(scope.workspaceId, started);
  }
  return ids.length;
}

/** The `feedback.vectors` job: every workspace with ideas to (re-)embed. */
export async function sweepIdeaVectors(ctx: Pick<AppContext, "db" | "log">): Promise<void> {
  const modelId = sharedEmbedder().modelId;
  const { rows } = await sql<{ workspace_id: string }>`
    select distinct i.workspace_id from feedback_ideas i
      left join feedback_idea_vectors v on v.idea_id = i.id
     where i.deleted_at is null
       and (v.idea_id is null or v.model_id <> ${modelId}
            or v.source_hash <> md5(i.title || E'\\n' || i.description))`.execute(ctx.db);
  for (const r of rows) {
    const n = await forWorkspace(r.workspace_id, () =>
      catchUpIdeas(new TenantScope(ctx.db, r.workspace_id), 1024, false),
    );
    ctx.log.debug({ workspaceId: r.workspace_id, ideas: n }, "feedback idea vectors computed");
  }
}

/**
 * The workspace's idea vectors, cached per process and revalidated by one cheap query (count
 * and newest computed_at), as the help center caches article vectors: at 10,000 ideas the
 * vectors are 20 MB, which must not cross the wire on every keystroke of "similar ideas".
 */
const cache = new Map<string, { stamp: string; vectors: Map<string, Float32Array> }>();

export async function ideaVectors(scope: TenantScope, modelId: string): Promise<Map<string, Float32Array>> {
  const { rows } = await sql<{ stamp: string }>`
    select count(*)::text || ':' || coalesce(max(computed_at)::text, '') as stamp
      from feedback_idea_vectors where workspace_id = ${scope.workspaceId} and model_id = ${modelId}`.execute(
    scope.db,
  );
  const stamp = rows[0]?.stamp ?? "";
  const hit = cache.get(scope.workspaceId);
  if (hit && hit.stamp === stamp) return hit.vectors;
  const all = await scope
    .selectFrom("feedback_idea_vectors")
    .where("model_id", "=", modelId)
    .select(["idea_id", "vector"])
    .execute();
  const vectors = new Map(all.map((r) => [r.idea_id, bytesToVector(r.vector)]));
  if (cache.size > 1000) cache.clear();
  cache.set(scope.workspaceId, { stamp, vectors });
  return vectors;
}
