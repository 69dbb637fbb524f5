import LinkifyIt from "linkify-it";
import { h } from "./dom.ts";

const linkify = new LinkifyIt();
// Only these schemes become links; `javascript:`, `data:` and the rest stay plain text.
const SAFE = /^(https?:|mailto:)/i;

/**
 * A message's text with its web addresses and email addresses made clickable, built as DOM
 * nodes: the text is never parsed as HTML, and every link opens in a new tab without handing
 * the new page a way back to this one (noopener) or our credibility (nofollow).
 */
export function linkified(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  let last = 0;
  for (const match of linkify.match(text) ?? []) {
    if (match.index > last) out.appendChild(document.createTextNode(text.slice(last, match.index)));
    let href: URL | null = null;
    try {
      href = new URL(match.url);
    } catch {
      href = null;
    }
    if (href && SAFE.test(href.protocol)) {
      out.appendChild(
        h("a", { href: href.href, target: "_blank", rel: "noopener noreferrer nofollow" }, match.text),
      );
    } else {
      out.appendChild(document.createTextNode(match.text));
    }
    last = match.lastIndex;
  }
  if (last < text.length) out.appendChild(document.createTextNode(text.slice(last)));
  return out;
}
