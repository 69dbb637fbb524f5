import type { FastifyInstance } from "fastify";
import { readDb } from "../../../platform/db/replica.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import type { SitemapEntry, SitemapWorkspace } from "../../../platform/public-pages.ts";
import { categoryHref, topicHref } from "./views.ts";

/** Topics a sitemap lists at most (the newest activity first); the sitemap protocol allows 50,000 URLs. */
const TOPIC_LIMIT = 20_000;

/**
 * The community's part of /sitemap.xml: its home, public categories and their visible topics.
 * Read as a stranger: only `public` categories, never hidden or merged topics.
 */
export async function communitySitemapEntries(
  app: FastifyInstance,
  workspace: SitemapWorkspace,
  base: string,
): Promise<SitemapEntry[]> {
  // Lag-tolerant: read from the replica while it keeps up (db/replica.ts).
  const scope = new TenantScope(readDb(app.ctx), workspace.id);
  const [cats, topics] = await Promise.all([
    scope
      .selectFrom("community_categories")
      .select(["slug", "updated_at as updatedAt"])
      .where("visibility", "=", "public")
      .orderBy("position")
      .limit(500)
      .execute(),
    scope
      .selectFrom("community_topics")
      .innerJoin("community_categories as c", "c.id", "community_topics.category_id")
      .select([
        "community_topics.number",
        "community_topics.slug",
        "community_topics.last_activity_at as lastActivityAt",
      ])
      .where("c.visibility", "=", "public")
      .where("community_topics.hidden", "=", false)
      .where("community_topics.merged_into_id", "is", null)
      .orderBy("community_topics.last_activity_at", "desc")
      .limit(TOPIC_LIMIT)
      .execute(),
  ]);
  if (cats.length === 0) return [];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const newest = topics[0] ? day(topics[0].lastActivityAt) : null;
  return [
    { loc: `${base}/community`, lastmod: newest },
    ...cats.map((c) => ({ loc: base + categoryHref(c.slug), lastmod: day(c.updatedAt) })),
    ...topics.map((t) => ({ loc: base + topicHref(t.number, t.slug), lastmod: day(t.lastActivityAt) })),
  ];
}
