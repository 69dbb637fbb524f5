import { registerPublicPages } from "../../../platform/public-pages.ts";
import { loadCommunityPage } from "./public-pages.ts";
import { communitySitemapEntries } from "./sitemap.ts";

/** The community's public pages and sitemap entries (platform/public-pages.ts dispatches /community). */
export function registerCommunityPublicPages() {
  registerPublicPages("/community", loadCommunityPage, { sitemap: communitySitemapEntries });
}
