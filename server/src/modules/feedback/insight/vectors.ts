import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { vectorToBytes } from "../../../platform/text/embedder.ts";
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

async function ideasNeedingVectors(scope: TenantScope, modelId: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select i.id from feedback_ideas i
      left join feedback_idea_vectors v on v.idea_id = i.id
     where i.workspace_id = ${scope.workspaceId} and i.deleted_at is null
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
        oc.column("idea_id").doUpdateSet((eb) => ({
          vector: eb.ref("excluded.vector"),
          model_id: eb.ref("excluded.model_id"),
          source_hash: eb.ref("excluded.source_hash"),
          computed_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }
}

/** Embeds what the sweep has not reached yet for one workspace (at most `limit`, newest first). */
export async function catchUpIdeas(scope: TenantScope, limit = 256): Promise<number> {
  const ids = await ideasNeedingVectors(scope, sharedEmbedder().modelId, limit);
  await computeIdeaVectors(scope, ids);
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
    const n = await catchUpIdeas(new TenantScope(ctx.db, r.workspace_id), 1024);
    ctx.log.debug({ workspaceId: r.workspace_id, ideas: n }, "feedback idea vectors computed");
  }
}
