import type { WidgetMessage } from "../../../contracts/widget.ts";
import { h } from "./dom.ts";
import { linkified } from "./linkify.ts";
import { t } from "./texts.ts";

export type Bubble = {
  id: string;
  author: WidgetMessage["author"];
  authorName: string;
  body: string;
  attachments: WidgetMessage["attachments"];
  createdAt: string;
  state: "sent" | "pending" | "failed";
};

const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

/**
 * One message as a list item. Text is linkified into DOM nodes (never HTML). Attachments are
 * buttons: the file is fetched with the visitor's token and opened from a blob URL.
 */
export function renderBubble(
  bubble: Bubble,
  openAttachment: (id: string, name: string) => void,
): HTMLElement {
  const mine = bubble.author === "visitor";
  const li = h("div", {
    class: `msg msg-${bubble.author}${bubble.state !== "sent" ? ` msg-${bubble.state}` : ""}`,
    "data-id": bubble.id,
  });
  const who = mine ? t.you : bubble.authorName;
  li.append(h("span", { class: mine ? "visually-hidden" : "msg-author" }, `${who}: `));
  if (bubble.body) li.append(h("p", { class: "msg-body" }, linkified(bubble.body)));
  for (const attachment of bubble.attachments) {
    const button = h("button", { type: "button", class: "attachment" }, `📎 ${attachment.name}`);
    button.setAttribute("aria-label", t.attachment(attachment.name));
    button.addEventListener("click", () => openAttachment(attachment.id, attachment.name));
    li.append(button);
  }
  const meta = h("span", { class: "msg-meta" });
  if (bubble.state === "pending") meta.textContent = t.sending;
  else if (bubble.state === "failed") meta.textContent = t.failed;
  else {
    const at = new Date(bubble.createdAt);
    if (!Number.isNaN(at.getTime())) meta.append(h("time", { datetime: bubble.createdAt }, time.format(at)));
  }
  li.append(meta);
  return li;
}

export function fromMessage(message: WidgetMessage): Bubble {
  return { ...message, state: "sent" };
}
