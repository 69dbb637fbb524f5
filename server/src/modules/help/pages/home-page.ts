import { readContext } from "../../../platform/db/replica.ts";
import { categoryViews, withoutIds } from "./category-views.ts";
import { describe, headTags } from "./head.ts";
import type { LoadedPage, PageRequest } from "./page.ts";

/** Titles per list on the home and category pages (the rest is a link away). */
export const FIRST_TITLES = 5;

/** /help: every category with its sections and the first few titles of each list. */
export async function loadHomePage(p: PageRequest, lang: string): Promise<LoadedPage> {
  const { app, v, site, abs } = p;
  const ws = v.workspace;
  const categories = await categoryViews(readContext(app.ctx), v, FIRST_TITLES);
  return {
    status: 200,
    lang,
    head: headTags({
      title: site,
      description: describe(
        `Answers and guides from ${ws.name}: ${categories.map((c) => c.name).join(", ")}`,
      ),
      url: abs("/help"),
      siteName: ws.name,
      type: "website",
    }),
    data: { page: "home", categories: categories.map(withoutIds) },
  };
}
