import { sql } from "kysely";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/http/errors.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * The evaluation set's export (issue #20): every assessed text with the classifier's outcome
 * and signals and the agents' verdicts, as JSON lines, for tuning the classifier later.
 * Texts are the stored words (messages, community posts); pages by assessment id.
 */
export async function exportAssessments(
  ctx: Ctx,
  actor: Actor,
  query: { cursor?: string | undefined; limit: number },
): Promise<{ lines: string; nextCursor: string | null }> {
  if (!actor.permissions.includes("workspace.manage")) {
    throw new AppError("forbidden", "Only admins may export the assessments");
  }
  const { rows } = await sql<{
    id: string;
    source: string;
    source_id: string;
    text: string | null;
    outcome: string | null;
    verdict: string | null;
    signals: unknown;
    model: string;
    assessed_at: Date;
    verdict_at: Date | null;
  }>`
    select a.id, a.source, a.source_id, coalesce(m.body, p.body, k.note) as text, a.outcome, a.verdict, a.signals,
           a.model, a.assessed_at, a.verdict_at
      from text_assessments a
      left join messages m on a.source = 'message' and m.id = a.source_id
      left join community_posts p on a.source = 'community_post' and p.id = a.source_id
      left join calls k on a.source = 'call_note' and k.id = a.source_id
     where a.workspace_id = ${actor.workspaceId} and a.id > ${query.cursor ?? "0"}::bigint
     order by a.id limit ${query.limit + 1}`.execute(ctx.db);
  const page = rows.slice(0, query.limit);
  const lines = page
    .map((r) =>
      JSON.stringify({
        id: r.id,
        source: r.source,
        sourceId: r.source_id,
        text: r.text ?? "",
        outcome: r.outcome,
        verdict: r.verdict,
        signals: r.signals,
        model: r.model,
        assessedAt: r.assessed_at.toISOString(),
        verdictAt: r.verdict_at?.toISOString() ?? null,
      }),
    )
    .join("\n");
  const last = page[page.length - 1];
  return { lines: lines ? `${lines}\n` : "", nextCursor: rows.length > query.limit && last ? last.id : null };
}
