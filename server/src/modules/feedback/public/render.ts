import { renderArticle } from "../../help/render.ts";

/**
 * Idea descriptions and comments rendered to sanitised HTML (the help center's renderer:
 * markdown-it without raw HTML, then the sanitiser), remembered while the text is unchanged:
 * rendering is most of an idea page's cost and a description rarely changes. The entry is
 * checked against the text itself, so an edit is never served stale.
 */
const MAX_ENTRIES = 20_000;
const cache = new Map<string, { text: string; html: string }>();

export function renderMarkdown(key: string, text: string): string {
  const hit = cache.get(key);
  if (hit && hit.text === text) return hit.html;
  const html = renderArticle(text);
  cache.delete(key);
  cache.set(key, { text, html });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return html;
}

/** Plain text of sanitised HTML (tags dropped, the entities the renderer writes decoded). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(lt|gt|quot|#39|#x27|apos|nbsp|amp);/g, (_m, e: string) =>
      e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "nbsp" ? " " : e === "amp" ? "&" : "'",
    )
    .replace(/\s+/g, " ")
    .trim();
}
