import {
  DEFAULT_FEEDBACK_SETTINGS,
  type FeedbackSettings,
  type IdeaSummary,
} from "../../../../../contracts/feedback.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import type { BoardVisibility, IdeaStatus } from "../schema-feedback.ts";

/**
 * What the insight views share: who is reading (docs/feedback-api.md "Who"), the workspace's
 * feedback settings, and the idea summary shape. A local adapter so this part does not wait
 * for the core's policy and repo; it follows the same contract (visibility by reader, 404s).
 */
export type FeedbackReader = {
  workspaceId: string;
  actor: Actor | null;
  staff: boolean;
  visibilities: BoardVisibility[];
};

export async function feedbackReader(
  ctx: Pick<AppContext, "db">,
  actor: Actor | undefined | null,
  host: string | undefined,
): Promise<FeedbackReader> {
  if (!actor) {
    const ws = await findWorkspaceForHost(ctx.db, host);
    if (!ws) throw new AppError("not_found", "The feedback portal was not found");
    return { workspaceId: ws.id, actor: null, staff: false, visibilities: ["public"] };
  }
  const staff = actor.permissions.includes("app.use");
  return {
    workspaceId: actor.workspaceId,
    actor,
    staff,
    visibilities: staff ? ["public", "customers", "staff"] : ["public", "customers"],
  };
}

export const ideaUrl = (number: string, slug: string) => `/feedback/ideas/${number}-${slug}`;

const DEFAULT_LABELS: Record<IdeaStatus, string> = {
  open: "Open",
  under_review: "Under review",
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
  declined: "Declined",
  duplicate: "Duplicate",
};

/** The workspace's settings over the defaults (a workspace that never saved any has no row). */
export async function feedbackSettings(scope: TenantScope): Promise<FeedbackSettings> {
  const row = await scope
    .selectFrom("feedback_settings")
    .select(["status_labels", "score_weights", "value_fact_key", "anonymous_voting"])
    .executeTakeFirst();
  const d = DEFAULT_FEEDBACK_SETTINGS;
  if (!row) return d;
  const weights: Record<string, unknown> = row.score_weights ?? {};
  const num = (k: keyof FeedbackSettings["scoreWeights"]) =>
    typeof weights[k] === "number" && Number.isFinite(weights[k])
      ? (weights[k] as number)
      : d.scoreWeights[k];
  return {
    statusLabels: row.status_labels ?? {},
    scoreWeights: {
      requesters: num("requesters"),
      value: num("value"),
      repeats: num("repeats"),
      churned: num("churned"),
      recencyHalfLifeDays: Math.max(1, num("recencyHalfLifeDays")),
    },
    valueFactKey: row.value_fact_key,
    anonymousVoting: row.anonymous_voting,
  };
}

export const statusLabel = (settings: FeedbackSettings, status: IdeaStatus) =>
  settings.statusLabels[status] ?? DEFAULT_LABELS[status];

export type IdeaRow = {
  id: string;
  number: string;
  slug: string;
  board_id: string;
  title: string;
  tags: string[];
  status: IdeaStatus;
  vote_count: number;
  requester_count: number;
  case_count: number;
  comment_count: number;
  created_at: Date;
  status_changed_at: Date | null;
};

export const IDEA_COLUMNS = [
  "i.id",
  "i.number",
  "i.slug",
  "i.board_id",
  "i.title",
  "i.tags",
  "i.status",
  "i.vote_count",
  "i.requester_count",
  "i.case_count",
  "i.comment_count",
  "i.created_at",
  "i.status_changed_at",
] as const;

/** An idea as the lists show it; the views here are staff views of live ideas (no vote, not merged). */
export function summaryOf(row: IdeaRow, settings: FeedbackSettings): IdeaSummary & { mergedInto: null } {
  return {
    id: row.id,
    number: String(row.number),
    url: ideaUrl(String(row.number), row.slug),
    boardId: row.board_id,
    title: row.title,
    tags: row.tags,
    status: row.status,
    statusLabel: statusLabel(settings, row.status),
    votes: row.vote_count,
    requesters: row.requester_count,
    caseCount: row.case_count,
    commentCount: row.comment_count,
    myVote: false,
    mergedInto: null,
    createdAt: row.created_at.toISOString(),
    statusChangedAt: row.status_changed_at?.toISOString() ?? null,
  };
}

export const scopeOf = (ctx: Pick<AppContext, "db">, workspaceId: string) =>
  new TenantScope(ctx.db, workspaceId);
