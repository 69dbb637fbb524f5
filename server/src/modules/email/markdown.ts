import MarkdownIt from "markdown-it";
import { sanitizeEmailHtml } from "./sanitize.ts";

// html: false: raw HTML in a reply is shown as text, never passed on. linkify turns bare
// addresses into links; the sanitiser then keeps only http/https/mailto/cid links.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

/** The HTML part of an agent's email: their markdown, rendered and sanitised like inbound mail. */
export function markdownToEmailHtml(markdown: string): string {
  return sanitizeEmailHtml(`<div>${md.render(markdown)}</div>`);
}
