import type {
  WidgetAvailability,
  WidgetConfig,
  WidgetConversation,
  WidgetSession,
} from "../../../contracts/widget.ts";
import { clear, h } from "./dom.ts";
import { t } from "./texts.ts";
import type { View } from "./view.ts";

/** What the frame knows that decides its header, notices and form (app.ts keeps it). */
export type ChromeState = {
  config: WidgetConfig | null;
  availability: WidgetAvailability | null;
  session: WidgetSession | null;
  conversation: Omit<WidgetConversation, "messages"> | null;
};

const whenFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  hour: "numeric",
  minute: "2-digit",
});

export function statusLine(s: ChromeState): string {
  const c = s.conversation;
  if (c?.status === "ended") return t.ended;
  if (c?.agent && c.status === "active") return s.config?.workspaceName ?? "";
  const a = s.availability;
  if (!a) return "";
  if (a.available) {
    const wait = a.expectedWaitSeconds;
    return wait === null ? t.online : t.waitAbout(Math.max(1, Math.round(wait / 60)));
  }
  return t.away;
}

export function needsEmail(s: ChromeState): boolean {
  return s.availability?.available === false && !s.session?.email;
}

export function showsPrechat(s: ChromeState): boolean {
  if (s.conversation) return false;
  const known = Boolean(s.session?.name && s.session.email);
  return !known && (Boolean(s.config?.prechatForm) || needsEmail(s));
}

/** Header, notices and which parts of the form show: everything but the messages themselves. */
export function renderChrome(v: View, s: ChromeState): void {
  const c = s.conversation;
  const agent = c?.agent ?? null;
  v.title.textContent = agent ? agent.name : t.title(s.config?.workspaceName ?? "");
  clear(v.avatar);
  if (agent?.photoUrl) v.avatar.append(h("img", { src: agent.photoUrl, alt: "" }));
  else v.avatar.textContent = (agent?.name ?? s.config?.workspaceName ?? "?").slice(0, 1).toUpperCase();
  v.status.textContent = statusLine(s);

  // Closed: say so honestly, when someone will reply, and that email carries the conversation.
  const closed = s.availability?.available === false;
  const offlineConversation = c?.status === "offline" || (closed && c !== null);
  clear(v.notice);
  if (closed && !c) {
    const when = s.availability?.nextAvailableAt;
    v.notice.append(
      h("strong", {}, t.offline),
      " ",
      when ? t.replyAt(whenFormat.format(new Date(when))) : t.replyLater,
      " ",
      t.askEmail,
    );
  } else if (c?.offlineEmail && offlineConversation) {
    v.notice.append(t.emailSaved(c.offlineEmail));
  } else if (c && c.status === "waiting" && !closed) {
    v.notice.append(t.waitingForAgent);
  }
  v.notice.hidden = !v.notice.firstChild;
  v.emailForm.hidden = !(c && offlineConversation && !c.offlineEmail);
  if (!v.emailForm.hidden && !v.emailFormInput.value) v.emailFormInput.value = s.session?.email ?? "";

  const prechat = showsPrechat(s);
  v.prechat.hidden = !prechat;
  v.nameField.wrap.hidden = !s.config?.prechatForm || Boolean(s.session?.name);
  v.topicField.wrap.hidden = !s.config?.prechatForm;
  v.emailField.label.textContent = needsEmail(s) ? t.emailRequired : t.email;
  v.sendButton.textContent = c ? t.send : t.startChat;
  v.attachLabel.hidden = !c;
  v.fileInput.disabled = !c;
  v.fileInput.hidden = !c;
  v.transcriptButton.hidden = !c;
}
