import type { ResourceName } from "./resources.ts";
import { hcArticlesWriter } from "./write-articles.ts";
import { hcCategoriesWriter, hcSectionsWriter } from "./write-guide.ts";
import { macrosWriter } from "./write-macros.ts";
import { ratingsWriter } from "./write-ratings.ts";
import type { ResourceWriter } from "./writer.ts";

/**
 * The extras' writers by resource, for the pipeline's registry (issue #24). Problem and incident
 * links are not a resource: the pipeline calls `linkIncidents` (link-incidents.ts) after the
 * tickets writer, for the same page and transaction.
 */
export const extrasWriters: Partial<{ [R in ResourceName]: ResourceWriter<R> }> = {
  satisfaction_ratings: ratingsWriter,
  macros: macrosWriter,
  hc_categories: hcCategoriesWriter,
  hc_sections: hcSectionsWriter,
  hc_articles: hcArticlesWriter,
};
export { linkIncidents } from "./link-incidents.ts";
