import { h } from "./dom.ts";
import { t } from "./texts.ts";

/**
 * The composer's emoji button (issue #22: "Emoji"). A short, fixed palette rather than a full
 * picker: the whole Unicode list with names and search would cost more than the rest of the
 * widget, and a phone's keyboard already has every emoji. Each choice is inserted as plain
 * text at the cursor, so it travels and is stored like any other character. The palette is a
 * disclosure (a button with aria-expanded) holding named buttons; Esc closes it and returns
 * focus to the message without closing the chat.
 */
const PALETTE: ReadonlyArray<readonly [string, string]> = [
  ["🙂", "Smiling face"],
  ["😀", "Grinning face"],
  ["😂", "Face with tears of joy"],
  ["😍", "Heart eyes"],
  ["😕", "Confused face"],
  ["😢", "Crying face"],
  ["😡", "Angry face"],
  ["🤔", "Thinking face"],
  ["👍", "Thumbs up"],
  ["👎", "Thumbs down"],
  ["👏", "Clapping hands"],
  ["🙏", "Folded hands"],
  ["❤️", "Red heart"],
  ["🎉", "Party popper"],
  ["✅", "Check mark"],
  ["❌", "Cross mark"],
];

export function buildEmojiPicker(text: HTMLTextAreaElement) {
  const panel = h("div", { class: "emoji-panel", id: "emoji-panel", role: "group", "aria-label": t.emoji });
  panel.hidden = true;
  const toggle = h(
    "button",
    {
      type: "button",
      class: "icon-button emoji-toggle",
      "aria-label": t.emoji,
      "aria-expanded": "false",
      "aria-controls": panel.id,
      title: t.emoji,
    },
    "🙂",
  );
  let open = false;
  const setOpen = (next: boolean) => {
    open = next;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  };
  const close = () => {
    setOpen(false);
    text.focus();
  };

  for (const [emoji, name] of PALETTE) {
    const choice = h("button", { type: "button", class: "emoji", "aria-label": name, title: name }, emoji);
    choice.addEventListener("click", () => {
      insertAtCursor(text, emoji);
      close();
    });
    panel.append(choice);
  }
  toggle.addEventListener("click", () => {
    setOpen(!open);
    if (open) (panel.firstElementChild as HTMLElement | null)?.focus();
  });
  // Esc inside the palette closes only the palette; the frame's own Esc handler closes the chat.
  panel.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    close();
  });
  return { toggle, panel };
}

function insertAtCursor(text: HTMLTextAreaElement, value: string) {
  const start = text.selectionStart ?? text.value.length;
  const end = text.selectionEnd ?? start;
  text.setRangeText(value, start, end, "end");
  // The composer listens for input (suggestions before a chat, typing during one).
  text.dispatchEvent(new Event("input", { bubbles: true }));
}
