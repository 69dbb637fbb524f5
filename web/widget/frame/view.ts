import { h } from "./dom.ts";
import { buildEmojiPicker } from "./emoji.ts";
import { t } from "./texts.ts";

/**
 * The panel's fixed skeleton. Parts that come and go (the pre-chat fields, the suggestions,
 * the offline email form) are in it from the start and shown or hidden, so screen readers and
 * focus order never meet a rebuilt page.
 */
export function buildView(root: HTMLElement) {
  const avatar = h("span", { class: "avatar", "aria-hidden": "true" });
  const title = h("h1", { class: "title", id: "chat-title" });
  const status = h("p", { class: "status", id: "chat-status" });
  const closeButton = h("button", { type: "button", class: "icon-button", "aria-label": t.close }, "×");
  const header = h(
    "header",
    { class: "header" },
    avatar,
    h("div", { class: "header-text" }, title, status),
    closeButton,
  );

  const notice = h("div", { class: "notice", hidden: true });
  const emailForm = h("form", { class: "email-form", hidden: true, novalidate: true });
  const emailFormInput = h("input", {
    type: "email",
    id: "offline-email",
    name: "email",
    autocomplete: "email",
    required: true,
  });
  const emailFormError = h("p", { class: "field-error", id: "offline-email-error", role: "alert" });
  emailForm.append(
    h("label", { for: "offline-email" }, t.askEmail),
    h("div", { class: "row" }, emailFormInput, h("button", { type: "submit", class: "button" }, t.saveEmail)),
    emailFormError,
  );

  // A log, not a list: role="log" takes the list's place, so the messages are plain blocks.
  const messages = h("div", { class: "messages", role: "log", "aria-label": "Messages", tabindex: "0" });
  const typing = h("p", { class: "typing", "aria-live": "polite" });

  const suggestions = h("section", {
    class: "suggestions",
    hidden: true,
    "aria-labelledby": "suggestions-title",
  });
  const suggestionsTitle = h("h2", { id: "suggestions-title" }, t.suggestionsTitle);
  const suggestionList = h("ul", { class: "suggestion-list" });
  const solvedBox = h("div", { class: "solved", hidden: true });
  const solvedButton = h("button", { type: "button", class: "button" }, t.solved);
  const notSolvedButton = h("button", { type: "button", class: "button subtle" }, t.notSolved);
  solvedBox.append(h("p", {}, t.suggestionOpened), h("div", { class: "row" }, solvedButton, notSolvedButton));
  suggestions.append(suggestionsTitle, suggestionList, solvedBox);

  const field = (id: string, label: string, type: string, autocomplete: string) => {
    const input = h("input", { id, name: id, type, autocomplete, maxlength: "200" });
    const labelEl = h("label", { for: id }, label);
    const error = h("p", { class: "field-error", id: `${id}-error`, role: "alert" });
    input.setAttribute("aria-describedby", error.id);
    return { wrap: h("div", { class: "field" }, labelEl, input, error), input, label: labelEl, error };
  };
  const nameField = field("prechat-name", t.name, "text", "name");
  const emailField = field("prechat-email", t.email, "email", "email");
  const topicField = field("prechat-topic", t.topic, "text", "off");
  const prechat = h(
    "fieldset",
    { class: "prechat", hidden: true },
    nameField.wrap,
    emailField.wrap,
    topicField.wrap,
  );

  const text = h("textarea", {
    id: "message",
    name: "message",
    rows: "2",
    maxlength: "5000",
    placeholder: t.messagePlaceholder,
    "aria-describedby": "message-error",
  });
  const textError = h("p", { class: "field-error", id: "message-error", role: "alert" });
  const fileInput = h("input", {
    type: "file",
    id: "attach",
    class: "visually-hidden",
    "aria-label": t.attach,
  });
  const attachLabel = h("label", { for: "attach", class: "icon-button attach", title: t.attach }, "📎");
  attachLabel.append(h("span", { class: "visually-hidden" }, t.attach));
  const sendButton = h("button", { type: "submit", class: "button send" }, t.send);
  const emoji = buildEmojiPicker(text);
  const composer = h(
    "form",
    { class: "composer", novalidate: true },
    prechat,
    h("label", { for: "message", class: "visually-hidden" }, t.message),
    h("div", { class: "compose-row" }, text, fileInput, attachLabel, emoji.toggle, sendButton),
    emoji.panel,
    textError,
  );

  const transcriptButton = h("button", { type: "button", class: "link-button", hidden: true }, t.transcript);
  const footer = h("footer", { class: "footer" }, transcriptButton);

  root.setAttribute("aria-labelledby", "chat-title");
  root.append(header, notice, emailForm, messages, typing, suggestions, composer, footer);
  return {
    avatar,
    title,
    status,
    closeButton,
    notice,
    emailForm,
    emailFormInput,
    emailFormError,
    messages,
    typing,
    suggestions,
    suggestionList,
    solvedBox,
    solvedButton,
    notSolvedButton,
    prechat,
    nameField,
    emailField,
    topicField,
    composer,
    text,
    textError,
    fileInput,
    attachLabel,
    sendButton,
    transcriptButton,
  };
}
export type View = ReturnType<typeof buildView>;
