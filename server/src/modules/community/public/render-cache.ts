import { renderArticle } from "../../help/render.ts";

/**
 * Post bodies rendered to sanitised HTML (the help center's renderer: markdown-it without raw
 * HTML, then the mail sanitiser), remembered per post while the body is unchanged. Rendering
 * and sanitising is most of a long topic page's cost, and a body rarely changes once posted.
 * The entry is checked against the body itself, so an edit is never served stale.
 */
const MAX_ENTRIES = 20_000;
const cache = new Map<string, { body: string; html: string }>();

export function renderPost(id: string, body: string): string {
  const hit = cache.get(id);
  if (hit && hit.body === body) return hit.html;
  const html = renderArticle(body);
  // Oldest-inserted first out; a re-render moves the entry to the end.
  cache.delete(id);
  cache.set(id, { body, html });
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
