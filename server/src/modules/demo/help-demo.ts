import fs from "node:fs";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";

type DemoArticle = {
  slug: string;
  category: string;
  locale: string;
  title: string;
  body: string;
  productModels: string[];
  translationOf?: string;
};

const CATEGORY_NAMES: Record<string, string> = {
  speakers: "Speakers",
  subwoofers: "Subwoofers",
  soundbars: "Soundbars",
  routers: "Routers & Wi-Fi",
  app: "The app",
  accounts: "Your account",
  billing: "Billing",
  shipping: "Shipping",
  returns: "Returns & warranty",
};

/**
 * The sample company's help center: categories and the published articles of the help
 * evaluation set (bench/eval/help-articles.json, 114 articles, German and Spanish ones as
 * translations of their English originals), each with its first version. Not wired into
 * demo.ts yet. Returns the number of articles created; a workspace that already has articles
 * is left alone.
 */
export async function loadHelpDemo(ctx: Pick<AppContext, "db">, workspaceId: string): Promise<number> {
  const articles: DemoArticle[] = JSON.parse(
    fs.readFileSync(new URL("../../../../bench/eval/help-articles.json", import.meta.url), "utf8"),
  );
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    if (await scope.selectFrom("help_articles").select("id").limit(1).executeTakeFirst()) return 0;
    const categories = new Map<string, string>();
    for (const [position, key] of [...new Set(articles.map((a) => a.category))].entries()) {
      const row = await scope
        .insertInto("help_categories", { name: CATEGORY_NAMES[key] ?? key, slug: key, position })
        .returning("id")
        .executeTakeFirstOrThrow();
      categories.set(key, row.id);
    }
    const groups = new Map<string, string>();
    const ordered = [...articles].sort((a, b) => Number(!!a.translationOf) - Number(!!b.translationOf));
    for (const a of ordered) {
      const group = a.translationOf ? groups.get(a.translationOf) : undefined;
      const row = await scope
        .insertInto("help_articles", {
          ...(group ? { translation_group: group } : {}),
          locale: a.locale,
          slug: a.slug,
          title: a.title,
          body: a.body,
          category_id: categories.get(a.category) ?? null,
          product_models: JSON.stringify(a.productModels),
          tags: JSON.stringify([a.category]),
          visibility: "public",
          state: "published",
          published_at: new Date(),
        })
        .returning(["id", "translation_group"])
        .executeTakeFirstOrThrow();
      groups.set(a.slug, row.translation_group);
      await scope
        .insertInto("help_article_versions", {
          article_id: row.id,
          number: 1,
          title: a.title,
          body: a.body,
          meta: JSON.stringify({ state: "published", visibility: "public", productModels: a.productModels }),
          created_by_name: "Demo",
        })
        .execute();
    }
    return ordered.length;
  });
}
