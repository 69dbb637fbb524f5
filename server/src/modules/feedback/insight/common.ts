import type { FeedbackSettings, IdeaSummary } from "../../../../../contracts/feedback.ts";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { ideaUrl } from "../feedback.repo.ts";
import type { IdeaStatus } from "../schema-feedback.ts";
import { statusLabelOf } from "../settings.service.ts";

/**
 * What the insight views share: the idea row they read and its summary shape. Who is reading
 * (feedback.policy.ts readerFor) and the settings (settings.service.ts loadSettings) are the
 * core's.
 */
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
    statusLabel: statusLabelOf(settings.statusLabels, row.status),
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
