import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * What other parts of the chat module (assignment by chat capacity, availability) hear when a
 * chat starts, without the conversation code importing them. Listeners run in the transaction
 * that created the case and the conversation, so a failure rolls the whole start back.
 */
export type ChatStarted = {
  scope: TenantScope;
  conversationId: string;
  caseId: string;
  visitorId: string;
  customerId: string;
  /** The case's team after routing (the widget's team when routing chose none). */
  teamId: string | null;
  assigneeId: string | null;
};

const startedListeners: Array<(event: ChatStarted) => Promise<void>> = [];

export function onChatStarted(listener: (event: ChatStarted) => Promise<void>): void {
  startedListeners.push(listener);
}

export async function chatStarted(event: ChatStarted): Promise<void> {
  for (const listener of startedListeners) await listener(event);
}
