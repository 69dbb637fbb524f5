import type { Suggestion, WidgetApi } from "./api.ts";
import { clear, h } from "./dom.ts";
import { t } from "./texts.ts";
import type { View } from "./view.ts";

/** Text of a suggestion snippet: the server marks matches with <mark>; we want words only. */
function plainSnippet(snippet: string): string {
  return new DOMParser().parseFromString(snippet, "text/html").body.textContent ?? "";
}

const urlOf = (s: Suggestion) =>
  s.kind === "article"
    ? `/help/articles/${encodeURIComponent(s.slug)}`
    : `/portal/help/${encodeURIComponent(s.slug)}`;

/**
 * Before a case: while the visitor writes their first message, articles and playbooks that may
 * answer it, debounced (350 ms after the last key). Opening one asks "did this answer it?";
 * "This solved it" records a deflection and no case is made.
 */
export class Suggestions {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastQuery = "";
  private opened: Suggestion | null = null;
  private seq = 0;
  readonly helpSessionId: string;
  private readonly api: WidgetApi;
  private readonly view: View;
  private readonly onSolved: () => void;

  constructor(api: WidgetApi, view: View, helpSessionId: string, onSolved: () => void) {
    this.api = api;
    this.view = view;
    this.helpSessionId = helpSessionId;
    this.onSolved = onSolved;
    view.solvedButton.addEventListener("click", () => void this.solved());
    view.notSolvedButton.addEventListener("click", () => {
      this.opened = null;
      view.solvedBox.hidden = true;
      view.text.focus();
    });
  }

  typed(text: string): void {
    clearTimeout(this.timer);
    const q = text.trim();
    if (q.length < 3) {
      this.hide();
      return;
    }
    this.timer = setTimeout(() => void this.fetch(q), 350);
  }

  hide(): void {
    clearTimeout(this.timer);
    this.lastQuery = "";
    this.view.suggestions.hidden = true;
    this.view.solvedBox.hidden = true;
    this.opened = null;
  }

  private async fetch(q: string) {
    if (q === this.lastQuery) return;
    this.lastQuery = q;
    const seq = ++this.seq;
    const result = await this.api.suggestions(q.slice(0, 200), this.helpSessionId).catch(() => null);
    if (seq !== this.seq || !result) return; // a newer query answered, or suggestions are down
    this.draw(result.items);
  }

  private draw(items: Suggestion[]) {
    const list = this.view.suggestionList;
    clear(list);
    for (const item of items) {
      const link = h(
        "a",
        { href: urlOf(item), target: "_blank", rel: "noopener noreferrer", class: "suggestion" },
        h("span", { class: "suggestion-title" }, item.title),
        h("span", { class: "suggestion-snippet" }, plainSnippet(item.snippet)),
      );
      link.setAttribute("aria-description", t.openArticle);
      link.addEventListener("click", () => {
        this.opened = item;
        this.view.solvedBox.hidden = false;
      });
      list.append(h("li", {}, link));
    }
    this.view.suggestions.hidden = items.length === 0;
  }

  private async solved() {
    const item = this.opened;
    if (!item) return;
    this.view.solvedButton.disabled = true;
    try {
      await this.api.deflect({
        helpSessionId: this.helpSessionId,
        ...(item.kind === "article" ? { articleId: item.id } : {}),
      });
      this.hide();
      this.onSolved();
    } catch {
      this.view.textError.textContent = t.errorGeneric;
    } finally {
      this.view.solvedButton.disabled = false;
    }
  }
}
