import { searchArticles } from "../search/search.service.ts";
import { headTags } from "./head.ts";
import type { LoadedPage, PageRequest } from "./page.ts";
import { articleHref } from "./visitor.ts";

/**
 * /help/search?q=: the search module's ranking, read as the visitor (staff read as a stranger
 * here, like every public page, so no draft shows up in public results). Not indexed.
 */
export async function loadSearchPage(p: PageRequest, lang: string): Promise<LoadedPage> {
  const { app, url, v, site, abs } = p;
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const results = q
    ? (await searchArticles(app.ctx, v.reader, { q: q.slice(0, 300), locale: lang })).items.map((i) => ({
        ...i,
        href: articleHref(i.slug, i.locale, v.workspace.default_locale),
      }))
    : [];
  return {
    status: 200,
    lang,
    head: headTags({
      title: q ? `“${q}” – ${site}` : `Search – ${site}`,
      description: `Search the ${site}.`,
      url: abs(`/help/search${q ? `?${new URLSearchParams({ q })}` : ""}`),
      siteName: v.workspace.name,
      type: "website",
      noindex: true,
    }),
    data: { page: "search", q, results },
  };
}
