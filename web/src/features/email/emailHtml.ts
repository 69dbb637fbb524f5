/**
 * Prepares an email's HTML (already sanitised by the server) for showing inside the page.
 *
 * Why a container and not a sandboxed iframe: an opaque-origin iframe cannot be sized to its
 * content without scripts, breaks text selection for "Record as fact", and lets an email's
 * own colours fail the accessibility checks. The server's sanitiser removes scripts, styles
 * and event handlers; this second pass (DOMParser, which never runs scripts nor loads images)
 * keeps an allowlist anyway, so a server-side slip still cannot run code in the agent app.
 */
export type Attachment = { id: string; name: string; contentType: string; cid?: string | undefined };

const DROP = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "object",
  "embed",
  "form",
  "input",
  "button",
  "textarea",
  "select",
  "link",
  "meta",
  "base",
  "svg",
  "math",
  "video",
  "audio",
  "source",
]);
const KEEP_ATTRS = new Set([
  "href",
  "alt",
  "title",
  "width",
  "height",
  "colspan",
  "rowspan",
  "data-cid",
  "data-quote",
]);
const SAFE_HREF = /^(https?:|mailto:)/i;

export type PreparedHtml = {
  html: string;
  remoteImages: number;
  hasQuote: boolean;
  hasSignature: boolean;
};

/** Maps each inline image's Content-ID to its attachment. */
function cidMap(doc: Document, attachments: Attachment[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const a of attachments) if (a.cid) map.set(a.cid.replace(/^<|>$/g, ""), a.id);
  if (map.size > 0) return map;
  // Older responses leave out the Content-ID; mail clients list inline images in the order
  // they appear, so pair them by position when the counts agree.
  const cids = [
    ...new Set([...doc.querySelectorAll("img[data-cid]")].map((i) => i.getAttribute("data-cid"))),
  ];
  const images = attachments.filter((a) => a.contentType.startsWith("image/"));
  if (cids.length !== images.length) return map;
  for (const [i, cid] of cids.entries()) {
    const id = images[i]?.id;
    if (cid && id) map.set(cid, id);
  }
  return map;
}

function scrub(root: Element) {
  for (const el of [...root.querySelectorAll("*")]) {
    if (DROP.has(el.localName)) {
      el.remove();
      continue;
    }
    for (const attr of [...el.attributes]) {
      if (!KEEP_ATTRS.has(attr.name) && !(el.localName === "img" && attr.name === "data-remote-src"))
        el.removeAttribute(attr.name);
    }
    if (el.localName === "a") {
      const href = el.getAttribute("href") ?? "";
      if (!SAFE_HREF.test(href)) el.removeAttribute("href");
      // Links leave the app in a new tab and never tell the target where they came from.
      el.setAttribute("target", "_blank");
      el.setAttribute("rel", "noopener noreferrer nofollow");
    }
  }
}

/**
 * Marks the quoted history for folding: blockquotes with the "On … wrote:" line above them,
 * and the server's data-quote marker (Outlook's header block and Gmail's forward container),
 * which starts a history that runs to the end, with Outlook's rule line just above it.
 */
function markQuotes(body: HTMLElement): boolean {
  const starts = [...body.querySelectorAll("[data-quote]")].filter(
    (q) => !q.parentElement?.closest("blockquote, [data-quote]"),
  );
  for (const start of starts) {
    const before = start.previousElementSibling;
    if (before?.localName === "hr") before.setAttribute("data-fold", "quote");
    for (let n: Element | null = start; n; n = n.nextElementSibling) n.setAttribute("data-fold", "quote");
  }
  const quotes = [...body.querySelectorAll("blockquote")].filter(
    (q) => !q.parentElement?.closest("blockquote, [data-quote]"),
  );
  for (const q of quotes) {
    q.setAttribute("data-fold", "quote");
    const before = q.previousElementSibling;
    if (before && /wrote:\s*$/i.test(before.textContent ?? "")) before.setAttribute("data-fold", "quote");
  }
  return quotes.length > 0 || starts.length > 0;
}

/** Marks a "-- " signature: from the block holding that line to the next quote or the end. */
function markSignature(body: HTMLElement): boolean {
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/^\s*--\s?$/.test(node.textContent ?? "")) continue;
    if (node.parentElement?.closest("[data-fold]")) return false;
    let block: Node = node;
    while (block.parentNode && block.parentNode !== body) block = block.parentNode;
    const marked: Element[] = [];
    for (let n: Node | null = block; n; n = n.nextSibling) {
      // Stop at the quoted history, even when it sits inside a wrapper after the signature.
      if (n instanceof Element && (n.hasAttribute("data-fold") || n.querySelector("[data-fold]"))) break;
      if (n instanceof Element) marked.push(n);
      else if (n.textContent?.trim()) {
        // Bare text beside the separator: wrap it so it can be hidden with the rest.
        const span = body.ownerDocument.createElement("span");
        n.parentNode?.replaceChild(span, n);
        span.appendChild(n);
        marked.push(span);
        n = span;
      }
    }
    for (const el of marked) el.setAttribute("data-fold", "signature");
    return marked.length > 0;
  }
  return false;
}

export function prepareEmailHtml(
  source: string,
  attachments: Attachment[],
  opts: { loadRemote: boolean },
): PreparedHtml {
  const doc = new DOMParser().parseFromString(source, "text/html");
  scrub(doc.body);
  const cids = cidMap(doc, attachments);
  let remoteImages = 0;
  for (const img of [...doc.body.querySelectorAll("img")]) {
    const cid = img.getAttribute("data-cid");
    const remote = img.getAttribute("data-remote-src");
    img.removeAttribute("src");
    if (cid && cids.get(cid)) img.setAttribute("src", `/api/v1/attachments/${cids.get(cid)}`);
    else if (remote && /^https?:/i.test(remote)) {
      remoteImages++;
      // Remote images tell the sender when and where the mail was read; load only on request.
      if (opts.loadRemote) img.setAttribute("src", remote);
      img.setAttribute("referrerpolicy", "no-referrer");
    }
    if (!img.hasAttribute("alt")) img.setAttribute("alt", "");
  }
  const hasQuote = markQuotes(doc.body);
  const hasSignature = markSignature(doc.body);
  return { html: doc.body.innerHTML, remoteImages, hasQuote, hasSignature };
}
