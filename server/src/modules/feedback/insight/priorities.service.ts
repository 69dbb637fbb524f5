import type { AppContext } from "../../../platform/context.ts";
import type { IdeaStatus } from "../schema-feedback.ts";
import { loadSettings } from "../settings.service.ts";
import { IDEA_COLUMNS, type IdeaRow, scopeOf, summaryOf } from "./common.ts";
import { scoreIdeas } from "./score.ts";

/** The views read at most this many ideas (newest first) and say when there were more. */
export const MAX_IDEAS = 10_000;
const UNDECIDED: IdeaStatus[] = ["open", "under_review", "planned", "in_progress"];

/**
 * The prioritisation view: ideas still to decide or build, ranked by the transparent score
 * (score.ts), each with every term. Staff only (feedback.triage), so every board counts.
 */
export async function priorities(
  ctx: Pick<AppContext, "db">,
  workspaceId: string,
  input: { boardId?: string | undefined; status?: string | undefined; limit: number },
) {
  const scope = scopeOf(ctx, workspaceId);
  const settings = await loadSettings(scope);
  const statuses = input.status ? (input.status.split(",") as IdeaStatus[]) : UNDECIDED;
  let q = ctx.db
    .selectFrom("feedback_ideas as i")
    .select(IDEA_COLUMNS)
    .where("i.workspace_id", "=", workspaceId)
    .where("i.deleted_at", "is", null)
    .where("i.merged_into_id", "is", null)
    .where("i.status", "in", statuses)
    .orderBy("i.created_at", "desc")
    .limit(MAX_IDEAS + 1);
  if (input.boardId) q = q.where("i.board_id", "=", input.boardId);
  const rows = (await q.execute()) as IdeaRow[];
  const truncated = rows.length > MAX_IDEAS;
  const ideas = rows.slice(0, MAX_IDEAS);
  const scores = await scoreIdeas(
    scope,
    ideas.map((i) => i.id),
    { settings },
  );
  const items = ideas
    .flatMap((row) => {
      const s = scores.get(row.id);
      return s ? [{ idea: summaryOf(row, settings), ...s }] : [];
    })
    .sort(
      (a, b) =>
        b.score - a.score || b.idea.requesters - a.idea.requesters || (a.idea.id < b.idea.id ? -1 : 1),
    )
    .slice(0, input.limit);
  return { items, weights: settings.scoreWeights, valueFactKey: settings.valueFactKey, truncated };
}
