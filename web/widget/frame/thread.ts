import { h } from "./dom.ts";
import { type Bubble, renderBubble } from "./messages.ts";
import { randomId } from "./storage.ts";
import { t } from "./texts.ts";

/**
 * The messages on screen: one element per message, pending bubbles swapped for stored ones when
 * the server acknowledges them, and "Seen" under the visitor's last message the agent has read.
 */
export class Thread {
  private readonly bubbles = new Map<string, { bubble: Bubble; el: HTMLElement }>();
  /** When the newest agent message was written (read receipts are sent up to it). */
  lastAgentMessageAt = "";
  private readonly list: HTMLElement;
  private readonly agentReadAt: () => string | null | undefined;
  private readonly openAttachment: (id: string, name: string) => void;

  constructor(
    list: HTMLElement,
    agentReadAt: () => string | null | undefined,
    openAttachment: (id: string, name: string) => void,
  ) {
    this.list = list;
    this.agentReadAt = agentReadAt;
    this.openAttachment = openAttachment;
  }

  has(id: string): boolean {
    return this.bubbles.has(id);
  }

  pending(clientId: string): Bubble | undefined {
    return this.bubbles.get(clientId)?.bubble;
  }

  /** Everything but the greeting goes (a new conversation, or shutdown). */
  clear(): void {
    for (const [id, entry] of this.bubbles) {
      if (id === "greeting") continue;
      entry.el.remove();
      this.bubbles.delete(id);
    }
    this.lastAgentMessageAt = "";
  }

  addLocal(author: Bubble["author"], authorName: string, body: string, id = `local-${randomId()}`): void {
    this.upsert({
      id,
      author,
      authorName,
      body,
      attachments: [],
      createdAt: new Date().toISOString(),
      state: "sent",
    });
  }

  upsert(bubble: Bubble): void {
    const existing = this.bubbles.get(bubble.id);
    const el = renderBubble(bubble, this.openAttachment);
    if (existing) existing.el.replaceWith(el);
    else this.list.append(el);
    this.bubbles.set(bubble.id, { bubble, el });
    if (bubble.author === "agent" && !bubble.id.startsWith("proactive-") && bubble.id !== "greeting")
      this.lastAgentMessageAt =
        bubble.createdAt > this.lastAgentMessageAt ? bubble.createdAt : this.lastAgentMessageAt;
    this.drawSeen();
    this.list.scrollTop = this.list.scrollHeight;
  }

  /** Swaps a pending bubble for the stored message (or marks it failed). */
  replace(clientId: string, bubble: Bubble): void {
    const pending = this.bubbles.get(clientId);
    if (!pending) {
      this.upsert(bubble);
      return;
    }
    this.bubbles.delete(clientId);
    if (this.bubbles.has(bubble.id)) {
      pending.el.remove(); // the live "message" frame already brought it
      return;
    }
    const el = renderBubble(bubble, this.openAttachment);
    pending.el.replaceWith(el);
    this.bubbles.set(bubble.id, { bubble, el });
    this.drawSeen();
  }

  /** "Seen" under the visitor's last message the agent has read. */
  drawSeen(): void {
    for (const old of this.list.querySelectorAll(".seen")) old.remove();
    const readAt = this.agentReadAt();
    if (!readAt) return;
    let last: HTMLElement | null = null;
    for (const { bubble, el } of this.bubbles.values())
      if (bubble.author === "visitor" && bubble.state === "sent" && bubble.createdAt <= readAt) last = el;
    last?.append(h("span", { class: "seen" }, t.seen));
  }
}
