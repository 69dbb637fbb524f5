import { type PageLoader, registerPublicPages, type SitemapSource } from "../../../platform/public-pages.ts";
import { loadAcademyPage } from "./pages.ts";
import { academySitemapEntries } from "./sitemap.ts";

/**
 * The public academy pages (/academy and /academy/courses/<slug>) and their sitemap entries.
 * The platform dispatches one loader per first path segment, so the other parts of the academy
 * that serve /academy/… pages (live sessions) pass theirs here: each answers null for URLs that
 * are not its own, the first page found wins, and every part's sitemap entries are listed.
 */
export type AcademyPagesPart = { loader: PageLoader; sitemap?: SitemapSource };

export function registerAcademyPublicPages(more: AcademyPagesPart[] = []) {
  const parts: AcademyPagesPart[] = [{ loader: loadAcademyPage, sitemap: academySitemapEntries }, ...more];
  registerPublicPages(
    "/academy",
    async (app, request) => {
      for (const part of parts) {
        const page = await part.loader(app, request);
        if (page) return page;
      }
      return null;
    },
    {
      sitemap: async (app, workspace, base) => {
        const lists = await Promise.all(parts.map((p) => p.sitemap?.(app, workspace, base) ?? []));
        return lists.flat();
      },
    },
  );
}
