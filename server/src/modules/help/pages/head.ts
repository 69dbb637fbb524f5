/**
 * The <head> of a public page (title, description, canonical, hreflang, Open Graph) and the
 * escaping and text helpers it needs. Shared with the community's public pages.
 */

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string,
  );

/** The first ~155 characters of a text, cut at a word. */
export function describe(text: string, max = 155): string {
  const plain = text.replace(/\s+/g, " ").trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 60 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/**
 * Plain text of sanitised HTML (tags dropped, the few entities the renderer writes decoded,
 * whitespace collapsed): page descriptions and structured data of the help center, the
 * community and the feedback portal.
 */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(lt|gt|quot|#39|#x27|apos|nbsp|amp);/g, (_m, e: string) =>
      e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "nbsp" ? " " : e === "amp" ? "&" : "'",
    )
    .replace(/\s+/g, " ")
    .trim();
}

type HeadInput = {
  title: string;
  description: string;
  url: string | null;
  siteName: string;
  type: "website" | "article";
  alternates?: Array<{ locale: string; url: string }>;
  noindex?: boolean;
};

/** The page's <head> tags; every value is escaped. */
export function headTags(h: HeadInput): string {
  const e = escapeHtml;
  const tags = [
    `<title>${e(h.title)}</title>`,
    `<meta name="description" content="${e(h.description)}">`,
    `<meta property="og:title" content="${e(h.title)}">`,
    `<meta property="og:description" content="${e(h.description)}">`,
    `<meta property="og:type" content="${h.type}">`,
    `<meta property="og:site_name" content="${e(h.siteName)}">`,
  ];
  if (h.url) {
    tags.push(`<link rel="canonical" href="${e(h.url)}">`, `<meta property="og:url" content="${e(h.url)}">`);
  }
  for (const a of h.alternates ?? []) {
    tags.push(`<link rel="alternate" hreflang="${e(a.locale)}" href="${e(a.url)}">`);
  }
  if (h.noindex) tags.push(`<meta name="robots" content="noindex">`);
  return tags.join("");
}
