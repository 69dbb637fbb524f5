import { sql } from "kysely";
import type { HelpSearchItem } from "../../../../contracts/help-pages.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { escapeLike } from "../problems/problems.repo.ts";
import { type HelpReader, readableBy } from "./help.policy.ts";
import { escapeHtml } from "./public-pages.ts";

/**
 * A plain search, written while the search module was on another branch. The pages now use
 * the search module (searchArticles); this is no longer called and can go with its tests:
 * a plain case-insensitive match of the words in title or body, published articles the reader
 * may see only (anonymous: `public`), in one locale, title matches first. The snippet is the
 * text around the first match, HTML-escaped, with only <mark> tags added.
 */
export async function searchPublicArticlesFallback(
  ctx: Pick<AppContext, "db">,
  reader: HelpReader,
  q: string,
  locale: string,
  limit = 20,
): Promise<Array<Omit<HelpSearchItem, "href">>> {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return [];
  const { visibilities } = readableBy(reader);
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  let query = scope
    .selectFrom("help_articles")
    .select(["id", "title", "slug", "locale", "body", "category_id as categoryId"])
    .where("state", "=", "published")
    .where("locale", "=", locale);
  if (visibilities) query = query.where("visibility", "in", [...visibilities]);
  for (const w of words) {
    const like = `%${escapeLike(w)}%`;
    query = query.where((eb) => eb.or([eb("title", "ilike", like), eb("body", "ilike", like)]));
  }
  const rows = await query
    .orderBy(sql`title ilike ${`%${escapeLike(words[0] as string)}%`}`, "desc")
    .orderBy("updated_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    slug: r.slug,
    locale: r.locale,
    categoryId: r.categoryId,
    snippet: snippetOf(r.body, words),
  }));
}

/** ~160 characters around the first match, escaped, with the words in <mark>. */
export function snippetOf(markdown: string, words: string[]): string {
  const text = markdown
    .replace(/[#*_`>[\]()!|~-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const lower = text.toLowerCase();
  const first = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), text.length);
  const start = first === text.length ? 0 : Math.max(0, first - 60);
  const window = text.slice(start, start + 160);
  const pattern = new RegExp(
    `(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`,
    "gi",
  );
  const marked = window
    .split(pattern)
    .map((part, i) => (i % 2 === 1 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part)))
    .join("");
  return `${start > 0 ? "…" : ""}${marked}${start + 160 < text.length ? "…" : ""}`;
}
