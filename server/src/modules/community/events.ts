import type PgBoss from "pg-boss";
import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * What happened in the community, told to whoever registered to listen: reputation and
 * badges, following and notifications, the spam check, webhooks. The core module (topics,
 * posts, votes) emits; it does not know the listeners. Listeners run inside the emitting
 * transaction and must only write their own rows or enqueue durable jobs keyed so that a
 * retry does nothing twice — never send mail or call out directly.
 */
export type CommunityEvent =
  | { type: "topic.created"; topicId: string; postId: string; memberId: string; categoryId: string }
  | { type: "post.created"; topicId: string; postId: string; memberId: string; kind: "answer" | "comment" }
  | {
      type: "post.voted";
      postId: string;
      voterMemberId: string;
      /** The vote before and after: 0 means none (a vote removed, or a first vote). */
      previous: -1 | 0 | 1;
      value: -1 | 0 | 1;
    }
  | { type: "answer.accepted"; topicId: string; postId: string; acceptedByMemberId: string }
  | { type: "answer.unaccepted"; topicId: string; postId: string }
  | { type: "post.hidden"; postId: string; reason: "flags" | "spam" | "staff" }
  | { type: "post.restored"; postId: string }
  | { type: "post.spam_confirmed"; postId: string; authorMemberId: string }
  | { type: "topic.problem_linked"; topicId: string; problemId: string }
  | { type: "topic.official_post"; topicId: string; postId: string };

export type EventContext = { scope: TenantScope; boss: PgBoss };
export type CommunityListener = (ctx: EventContext, event: CommunityEvent) => Promise<void>;

const listeners: CommunityListener[] = [];

/** Called once per listener at startup (app.ts), never per request. */
export function onCommunityEvent(listener: CommunityListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Tells every listener, in registration order, inside the caller's transaction. */
export async function emitCommunityEvent(ctx: EventContext, event: CommunityEvent): Promise<void> {
  for (const listener of listeners) await listener(ctx, event);
}
