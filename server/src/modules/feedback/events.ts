import type PgBoss from "pg-boss";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { IdeaStatus } from "./schema-feedback.ts";

/**
 * What happened to ideas, told to whoever registered to listen (subscriber notifications,
 * text vectors, later retention). The core (ideas, votes, comments, status, merges, case links)
 * emits inside its transaction and does not know the listeners. Listeners run in the emitting
 * transaction and must only write their own rows or enqueue durable jobs keyed so that a retry
 * does nothing twice — never send mail or call out directly.
 */
export type FeedbackEvent =
  | { type: "idea.created"; ideaId: string }
  | { type: "idea.edited"; ideaId: string }
  | {
      type: "idea.status_changed";
      ideaId: string;
      from: IdeaStatus;
      to: IdeaStatus;
      explanation: string | null;
      byUserId: string | null;
    }
  /** `ideaId` was merged into `intoId` (the final original); its subscribers now follow `intoId`. */
  | { type: "idea.merged"; ideaId: string; intoId: string; byUserId: string | null }
  | { type: "idea.commented"; ideaId: string; commentId: string; official: boolean }
  | { type: "idea.case_linked"; ideaId: string; caseId: string; customerId: string };

export type FeedbackEventContext = { scope: TenantScope; boss: PgBoss };
export type FeedbackListener = (ctx: FeedbackEventContext, event: FeedbackEvent) => Promise<void>;

const listeners: FeedbackListener[] = [];

/** Called once per listener at startup (registerFeedback), never per request. */
export function onFeedbackEvent(listener: FeedbackListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Tells every listener, in registration order, inside the caller's transaction. */
export async function emitFeedbackEvent(ctx: FeedbackEventContext, event: FeedbackEvent): Promise<void> {
  for (const listener of listeners) await listener(ctx, event);
}
