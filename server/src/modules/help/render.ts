import MarkdownIt from "markdown-it";
import { sanitizeEmailHtml } from "../email/sanitize.ts";

// Raw HTML in an article is shown as text (html: false), and the result goes through the
// inbound-mail sanitiser: articles reach anonymous readers, so script, event handlers,
// javascript: links and frames must never survive, whoever wrote the markdown.
const md = new MarkdownIt({ html: false, linkify: true });

export function renderArticle(markdown: string): string {
  return sanitizeEmailHtml(md.render(markdown));
}

/**
 * renderArticle remembered per key (a post, an idea, a comment) while its text is unchanged:
 * rendering and sanitising is most of a long public page's cost, and posted text rarely changes.
 * The entry is checked against the text itself, so an edit is never served stale. Bounded:
 * oldest-inserted first out, and a re-render moves the entry to the end.
 */
const REMEMBERED_MAX = 20_000;
const remembered = new Map<string, { text: string; html: string }>();

export function renderRemembered(key: string, text: string): string {
  const hit = remembered.get(key);
  if (hit && hit.text === text) return hit.html;
  const html = renderArticle(text);
  remembered.delete(key);
  remembered.set(key, { text, html });
  if (remembered.size > REMEMBERED_MAX) remembered.delete(remembered.keys().next().value as string);
  return html;
}
