import sanitizeHtml from "sanitize-html";

/**
 * Links may only lead to web pages, mail addresses or parts of the same message. `data:`
 * (a whole page in a URL), `javascript:` and `vbscript:` never survive, so stored HTML and
 * everything built from it (the API, exports, webhooks) is safe without the browser's second pass.
 */
const LINK_SCHEMES = ["http", "https", "mailto", "cid"];
/** Images may be inline parts (cid:) or embedded pictures (data:); remote ones are disarmed below. */
const IMAGE_SCHEMES = ["cid", "data"];

/**
 * Email HTML is hostile: only an allow-list of tags and attributes survives. Remote images are
 * disarmed (their address moves to data-remote-src) so nothing loads until an agent asks.
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "span", "font", "center"],
    allowedAttributes: {
      a: ["href", "title", "rel", "target"],
      img: ["src", "alt", "width", "height", "data-remote-src", "data-cid"],
      td: ["colspan", "rowspan", "align"],
      div: ["data-quote"],
      th: ["colspan", "rowspan", "align"],
      "*": ["style", "dir", "lang"],
    },
    allowedSchemes: LINK_SCHEMES,
    allowedSchemesByTag: { img: IMAGE_SCHEMES },
    transformTags: {
      // The quoted history of Outlook (div#divRplyFwdMsg, then the old mail as siblings) and
      // Gmail (div.gmail_quote) is not a <blockquote>; it is marked so the page can fold it.
      div: (tagName, attribs) => {
        const outlook = attribs.id === "divRplyFwdMsg";
        const gmail = /(^|\s)gmail_quote(\s|$)/.test(attribs.class ?? "");
        return { tagName, attribs: outlook || gmail ? { ...attribs, "data-quote": "history" } : attribs };
      },
      img: (tag, attribs) => {
        // data-remote-src and data-cid are ours: a sender's own copy (which escapes the scheme
        // check) is dropped, so the page's "load images" can only load what was an https/http src.
        const { "data-remote-src": _remote, "data-cid": _cid, ...own } = attribs;
        const src = own.src ?? "";
        if (/^https?:/i.test(src))
          return { tagName: "img", attribs: { ...own, src: "", "data-remote-src": src } };
        if (/^cid:/i.test(src)) return { tagName: "img", attribs: { ...own, "data-cid": src.slice(4) } };
        return { tagName: tag, attribs: own };
      },
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
    },
    allowedStyles: {
      "*": {
        color: [/^[#a-z0-9(),.\s%]+$/i],
        "text-align": [/^(left|right|center|justify)$/],
        "font-weight": [/^\w+$/],
      },
    },
  });
}
