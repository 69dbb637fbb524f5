import MarkdownIt from "markdown-it";
import { sanitizeEmailHtml } from "../email/sanitize.ts";

// Raw HTML in an article is shown as text (html: false), and the result goes through the
// inbound-mail sanitiser: articles reach anonymous readers, so script, event handlers,
// javascript: links and frames must never survive, whoever wrote the markdown.
const md = new MarkdownIt({ html: false, linkify: true });

export function renderArticle(markdown: string): string {
  return sanitizeEmailHtml(md.render(markdown));
}
