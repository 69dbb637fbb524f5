/**
 * A slug from a title: accents folded, lower case, words joined by hyphens, at most 80
 * characters. A title with no letters or digits (all emoji, say) gives "article".
 */
export function slugify(title: string, fallback = "article"): string {
  const s = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return s || fallback;
}
