import sanitizeHtml from "sanitize-html";
import type { ZdMacro } from "./zendesk-types.ts";

/**
 * What of a Zendesk macro can be a Rapport snippet: its comment text. Snippets are plain text
 * (they are filled into the composer), so `comment_value_html` is reduced to text: every tag
 * and attribute dropped by sanitize-html (script and style with their content), line breaks
 * kept at block ends, list items marked. Everything else a macro does (status, tags, assignee,
 * public/private mode, subject) is an action, which a snippet cannot hold.
 */
const TEXT_ACTIONS = new Set(["comment_value", "comment_value_html"]);

export function htmlToPlainText(html: string): string {
  const marked = html
    .replace(/<li[^>]*>/gi, "\n- ")
    .replace(/<(br|hr)\s*\/?>/gi, "\n")
    .replace(/<\/(p|h[1-6]|blockquote|pre|table)\s*>/gi, "\n\n")
    .replace(/<\/(div|li|tr|ul|ol)\s*>/gi, "\n");
  return sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A comment action's value: a string, or Zendesk's ["channel:all", "text"] pair. */
function valueText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const last = value[value.length - 1];
    return typeof last === "string" ? last : null;
  }
  return null;
}

export function macroText(macro: ZdMacro): { text: string | null; otherActions: string[] } {
  const actions = Array.isArray(macro.actions) ? macro.actions : [];
  const html = actions.find((a) => a?.field === "comment_value_html");
  const plain = actions.find((a) => a?.field === "comment_value");
  const htmlText = html ? valueText(html.value) : null;
  const plainText = plain ? valueText(plain.value) : null;
  const text = htmlText !== null ? htmlToPlainText(htmlText) : plainText?.trim() || null;
  const otherActions = actions
    .filter((a) => a && !TEXT_ACTIONS.has(a.field))
    .map((a) => `${String(a.field)}${describe(a.value)}`);
  return { text: text || null, otherActions };
}

function describe(value: unknown): string {
  const s = typeof value === "string" ? value : JSON.stringify(value);
  if (s === undefined || s === "") return "";
  return ` = ${s.length > 60 ? `${s.slice(0, 59)}…` : s}`;
}
