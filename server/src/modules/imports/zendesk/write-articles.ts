import { randomUUID } from "node:crypto";
import { MAX_ARTICLE_BODY } from "../../../../../contracts/help.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { freeSlug } from "../../help/help.repo.ts";
import { slugify } from "../../help/slugs.ts";
import { localIds, rememberIds, zdTime, zid } from "./extras-ids.ts";
import { htmlToMarkdown } from "./html-markdown.ts";
import type { Page } from "./resources.ts";
import type { ResourceWriter, Skip, WriteOutcome } from "./writer.ts";
import type { ZdHcArticle, ZdHcTranslation } from "./zendesk-types.ts";

/**
 * Zendesk Guide articles with their translations → help articles (issue #24).
 *
 * Each translation is one Rapport article; an article's translations share a translation
 * group (import_ids "hc_article" → the group, "hc_translation" → the article row). Bodies are
 * HTML in Zendesk and markdown in Rapport: html-markdown.ts sanitises, then converts. Drafts stay
 * drafts, published stay published; visibility is public (the export carries no user segment).
 * Created and updated times are Zendesk's. Slugs come from the title like the help center's own
 * (freeSlug: -2, -3 per locale) and are kept on a delta so links stay valid.
 *
 * Locales: Rapport matches a visitor by language, and its own articles are usually written as
 * "en", "de"; so Zendesk's "en-us" becomes "en". When one article has two variants of a
 * language (en-us and en-gb), the source locale's (else the first) gets "en" and the other
 * keeps its region ("en-GB"). A stored translation keeps the locale it got.
 *
 * Versions: like every save in the help center, each imported state is a frozen
 * help_article_versions row: version 1 on import, and a new version when a delta brings a
 * changed title, body, state, section or labels (an unchanged one writes nothing). Rows are
 * written directly rather than through help's `save`, which announces webhooks
 * (article.published) that a history import must not fire.
 */

const IMPORT_DOER = "Zendesk import";
const TAG = /^.{1,40}$/u;

/** "en-us" → { lang: "en", region: "US" }; null when Rapport's locale pattern cannot hold it. */
export function splitLocale(locale: string): { lang: string; region: string | null } | null {
  const m = /^([a-z]{2,3})(?:[-_]([a-z]{2}|[0-9]{3}))?$/i.exec(locale.trim());
  if (!m) return null;
  return { lang: (m[1] as string).toLowerCase(), region: m[2] ? (m[2] as string).toUpperCase() : null };
}

type Row = {
  ext: string;
  title: string;
  body: string;
  locale: string;
  state: "draft" | "published";
  createdAt: Date;
  updatedAt: Date;
};

function translationsOf(a: ZdHcArticle): ZdHcTranslation[] {
  const listed = (a.translations ?? []).filter((t) => t && (t.source_type ?? "Article") === "Article");
  if (listed.length > 0) return listed;
  return [
    {
      id: 0,
      source_id: a.id,
      source_type: "Article",
      locale: a.locale,
      title: a.title,
      body: a.body,
      draft: a.draft,
      outdated: false,
      created_at: a.created_at,
      updated_at: a.edited_at ?? a.updated_at,
    },
  ];
}

/** The article's translations as rows, with Rapport locales assigned (see above). */
function rowsOf(a: ZdHcArticle, stored: Map<string, string>, skips: Skip[]): Row[] {
  const ext = String(a.id);
  const source = (a.source_locale ?? a.locale ?? "").toLowerCase();
  const list = translationsOf(a).sort(
    (x, y) =>
      Number((y.locale ?? "").toLowerCase() === source) - Number((x.locale ?? "").toLowerCase() === source),
  );
  const used = new Set(stored.values());
  const rows: Row[] = [];
  for (const t of list) {
    const key = zid(t.id) ? `t${t.id}` : `a${ext}:${t.locale}`;
    const tag = splitLocale(String(t.locale ?? ""));
    if (!tag) {
      skips.push({
        externalId: ext,
        outcome: "skipped",
        reason: `translation in locale "${t.locale}": not a language tag Rapport stores`,
      });
      continue;
    }
    const title = (t.title ?? "").trim();
    if (!title) {
      skips.push({ externalId: ext, outcome: "skipped", reason: `translation ${tag.lang} without a title` });
      continue;
    }
    let locale = stored.get(key);
    if (!locale) {
      const regional = tag.region ? `${tag.lang}-${tag.region}` : null;
      locale = !used.has(tag.lang) ? tag.lang : regional && !used.has(regional) ? regional : undefined;
      if (!locale) {
        skips.push({ externalId: ext, outcome: "skipped", reason: `a second translation in ${t.locale}` });
        continue;
      }
      used.add(locale);
    }
    const body = htmlToMarkdown(t.body ?? "");
    if (body.length > MAX_ARTICLE_BODY)
      skips.push({
        externalId: ext,
        outcome: "skipped",
        reason: `${locale} text is ${body.length} characters, over the ${MAX_ARTICLE_BODY} an editor may save (kept whole)`,
      });
    const createdAt = zdTime(t.created_at) ?? zdTime(a.created_at) ?? new Date();
    rows.push({
      ext: key,
      title,
      body,
      locale,
      state: t.draft ? "draft" : "published",
      createdAt,
      updatedAt: zdTime(t.updated_at) ?? createdAt,
    });
  }
  return rows;
}

async function writeArticles(scope: TenantScope, source: string, records: ZdHcArticle[], dry: boolean) {
  const out = { created: 0, updated: 0, skips: [] as Skip[] };
  const valid = records.filter((a) => {
    const ok = zid(a?.id) && zid(a.section_id);
    if (!ok)
      out.skips.push({
        externalId: String(a?.id ?? "?"),
        outcome: "failed",
        reason: "article without a valid id or section",
      });
    return ok;
  });
  const keys = valid.flatMap((a) =>
    translationsOf(a).map((t) => (zid(t.id) ? `t${t.id}` : `a${a.id}:${t.locale}`)),
  );
  const [groups, translations, sections] = await Promise.all([
    localIds(
      scope,
      source,
      "hc_article",
      valid.map((a) => String(a.id)),
    ),
    localIds(scope, source, "hc_translation", keys),
    localIds(
      scope,
      source,
      "hc_section",
      valid.map((a) => String(a.section_id)),
    ),
  ]);
  const [current, liveSections] = await Promise.all([
    translations.size === 0
      ? Promise.resolve([])
      : scope
          .selectFrom("help_articles")
          .select([
            "id",
            "locale",
            "title",
            "body",
            "state",
            "section_id",
            "tags",
            "version",
            "slug",
            "published_at",
          ])
          .where("id", "in", [...translations.values()])
          .execute(),
    sections.size === 0
      ? Promise.resolve([])
      : scope
          .selectFrom("help_sections")
          .select(["id", "category_id"])
          .where("id", "in", [...sections.values()])
          .execute(),
  ]);
  const byId = new Map(current.map((r) => [r.id, r]));
  const sectionById = new Map(liveSections.map((s) => [s.id, s.category_id]));

  for (const a of valid) {
    const ext = String(a.id);
    const sectionId = sections.get(String(a.section_id));
    const categoryId = sectionId ? sectionById.get(sectionId) : undefined;
    if (dry && !sectionId) {
      out.created += translationsOf(a).length; // a dry run wrote no sections: assume this one's will be
      continue;
    }
    if (!sectionId || !categoryId) {
      out.skips.push({
        externalId: ext,
        outcome: "skipped",
        reason: `its section ${a.section_id} was not imported`,
      });
      continue;
    }
    // Stored translations keep their locale; new ones take a free one.
    const stored = new Map<string, string>();
    for (const t of translationsOf(a)) {
      const key = zid(t.id) ? `t${t.id}` : `a${ext}:${t.locale}`;
      const row = byId.get(translations.get(key) ?? "");
      if (row) stored.set(key, row.locale);
    }
    const tags = (Array.isArray(a.label_names) ? a.label_names : [])
      .map((l) => String(l).trim())
      .filter((l) => TAG.test(l))
      .slice(0, 20);
    const group = groups.get(ext) ?? randomUUID();
    const made: Array<{ externalId: string; localId: string }> = [];
    for (const r of rowsOf(a, stored, out.skips)) {
      const before = byId.get(translations.get(r.ext) ?? "");
      const values = {
        title: r.title,
        body: r.body,
        state: r.state,
        section_id: sectionId,
        category_id: categoryId,
      };
      if (before) {
        out.updated++;
        const same =
          before.title === r.title &&
          before.body === r.body &&
          before.state === r.state &&
          before.section_id === sectionId &&
          JSON.stringify(before.tags) === JSON.stringify(tags);
        if (dry || same) continue;
        const number = Number(before.version) + 1;
        await scope
          .updateTable("help_articles")
          .set({
            ...values,
            tags: JSON.stringify(tags),
            version: number,
            updated_at: r.updatedAt,
            updated_by_user_id: null,
            ...(r.state === "published" && !before.published_at ? { published_at: r.updatedAt } : {}),
          })
          .where("id", "=", before.id)
          .execute();
        await freezeVersion(scope, before.id, number, { ...values, tags, slug: before.slug }, r.updatedAt);
        continue;
      }
      out.created++;
      if (dry) continue;
      const slug = await freeSlug(scope, r.locale, slugify(r.title));
      const row = await scope
        .insertInto("help_articles", {
          ...values,
          translation_group: group,
          locale: r.locale,
          slug,
          tags: JSON.stringify(tags),
          product_models: "[]",
          visibility: "public",
          version: 1,
          published_at: r.state === "published" ? r.createdAt : null,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await freezeVersion(scope, row.id, 1, { ...values, tags, slug }, r.updatedAt);
      made.push({ externalId: r.ext, localId: row.id });
    }
    if (!dry) {
      await rememberIds(scope, source, "hc_translation", made);
      if (!groups.has(ext) && made.length > 0)
        await rememberIds(scope, source, "hc_article", [{ externalId: ext, localId: group }]);
    }
  }
  return out;
}

/** The help center's version row for a save (help/article-save.ts writes the same shape). */
async function freezeVersion(
  scope: TenantScope,
  articleId: string,
  number: number,
  v: {
    title: string;
    body: string;
    state: string;
    section_id: string;
    category_id: string;
    tags: string[];
    slug: string;
  },
  at: Date,
) {
  await scope
    .insertInto("help_article_versions", {
      article_id: articleId,
      number,
      title: v.title,
      body: v.body,
      meta: JSON.stringify({
        state: v.state,
        visibility: "public",
        categoryId: v.category_id,
        sectionId: v.section_id,
        tags: v.tags,
        productModels: [],
        problemId: null,
        playbookSlug: null,
        slug: v.slug,
      }),
      created_by_user_id: null,
      created_by_name: IMPORT_DOER,
      created_at: at,
    })
    .execute();
}

export const hcArticlesWriter: ResourceWriter<"hc_articles"> = {
  resource: "hc_articles",
  assess: (scope, source, page: Page<"hc_articles">): Promise<WriteOutcome> =>
    writeArticles(scope, source, page.records, true),
  write: (ctx, page) => writeArticles(ctx.scope, ctx.source, page.records, false),
};
