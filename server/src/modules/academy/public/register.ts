import { type PageLoader, registerPublicPages } from "../../../platform/public-pages.ts";
import { loadAcademyPage } from "./pages.ts";
import { academySitemapEntries } from "./sitemap.ts";

/**
 * The public academy pages (/academy and /academy/courses/<slug>) and their sitemap entries.
 * The platform dispatches one loader per first path segment, so other parts of the academy
 * that serve /academy/… pages (sessions, verify) pass theirs here: each answers null for URLs
 * that are not its own and the first page found wins.
 */
const loaders: PageLoader[] = [loadAcademyPage];

export function registerAcademyPublicPages(more: PageLoader[] = []) {
  for (const l of more) if (!loaders.includes(l)) loaders.push(l);
  registerPublicPages(
    "/academy",
    async (app, request) => {
      for (const loader of loaders) {
        const page = await loader(app, request);
        if (page) return page;
      }
      return null;
    },
    { sitemap: academySitemapEntries },
  );
}
