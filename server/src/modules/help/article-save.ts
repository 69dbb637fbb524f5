import type { ArticleState, ArticleVisibility } from "../../../../contracts/help.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { readProblem } from "../problems/problems.service.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { articleNotFound, type HelpReader } from "./help.policy.ts";
import {
  type ArticleRow,
  findArticle,
  findArticleBySlug,
  findCategory,
  findSection,
  presentArticle,
} from "./help.repo.ts";

/**
 * The help articles' one write path (issue #15): what a save decides (`Values`), the checks
 * every save runs (category, section, problem, free slug), and `save` itself, which writes the
 * article, freezes a version, keeps an old slug as a redirect, and writes audit entries and
 * webhook deliveries in the caller's transaction. Commands, restores and problem workarounds
 * all save through here.
 */

// boss is absent in the CLI: no webhooks are announced there.
export type HelpCtx = Pick<AppContext, "db"> & Partial<Pick<AppContext, "boss" | "log">>;
/** Who saved a version: a person, or the problem whose workaround it publishes. */
export type Doer = { userId: string | null; name: string | null };
export const doerOf = (actor: Actor): Doer => ({ userId: actor.userId, name: actor.name });

/** Everything a save decides; a version is written whenever one of these changes. */
export type Values = {
  title: string;
  body: string;
  state: ArticleState;
  visibility: ArticleVisibility;
  categoryId: string | null;
  sectionId: string | null;
  tags: string[];
  productModels: string[];
  problemId: string | null;
  playbookSlug: string | null;
  slug: string;
};

export function valuesOf(r: ArticleRow): Values {
  return {
    title: r.title,
    body: r.body,
    state: r.state as ArticleState,
    visibility: r.visibility as ArticleVisibility,
    categoryId: r.categoryId,
    sectionId: r.sectionId,
    tags: r.tags as string[],
    productModels: r.productModels as string[],
    problemId: r.problemId,
    playbookSlug: r.playbookSlug,
    slug: r.slug,
  };
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "23505";

/** A problem of this workspace, or a 404 naming `field`. */
export async function problemOf(scope: TenantScope, problemId: string, field = "problemId") {
  try {
    return await readProblem(scope, problemId);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found")
      throw new AppError("not_found", "Problem was not found", field);
    throw err;
  }
}

/** Customers and anonymous readers never see a problem's internal title or number. */
async function problemFor(scope: TenantScope, reader: HelpReader, problemId: string | null) {
  if (!problemId) return null;
  const p = await readProblem(scope, problemId).catch(() => null);
  if (!p) return null;
  return {
    id: p.id,
    ...(reader.kind === "staff" ? { number: p.number } : {}),
    publicTitle: p.publicTitle,
    status: p.status,
  };
}

const staffReader = (workspaceId: string): HelpReader => ({ kind: "staff", workspaceId });

export async function present(scope: TenantScope, reader: HelpReader, row: ArticleRow) {
  return presentArticle(row, await problemFor(scope, reader, row.problemId));
}

/**
 * Category, section and problem exist in this workspace (else 404 naming the field), and the
 * section belongs to the category. A section alone implies its category.
 */
export async function checkRefs(scope: TenantScope, v: Values, sectionGiven: boolean): Promise<Values> {
  const out = { ...v };
  if (out.categoryId && !(await findCategory(scope, out.categoryId)))
    throw new AppError("not_found", "Help category was not found", "categoryId");
  if (out.sectionId) {
    const s = await findSection(scope, out.sectionId);
    if (!s) throw new AppError("not_found", "Help section was not found", "sectionId");
    if (!out.categoryId) out.categoryId = s.categoryId;
    else if (s.categoryId !== out.categoryId) {
      if (sectionGiven)
        throw new AppError("validation_failed", "The section belongs to another category", "sectionId");
      out.sectionId = null;
    }
  }
  if (out.problemId) await problemOf(scope, out.problemId);
  return out;
}

export async function assertSlugFree(scope: TenantScope, locale: string, slug: string, exceptId?: string) {
  const other = await findArticleBySlug(scope, locale, slug);
  if (other && other.id !== exceptId)
    throw new AppError("conflict", `Another ${locale} article already uses the slug "${slug}"`, "slug");
}

/**
 * The one write path: insert or update the article, freeze a version, keep an old slug as a
 * redirect, and write the audit entries and webhook deliveries in the same transaction.
 */
export async function save(
  ctx: HelpCtx,
  scope: TenantScope,
  doer: Doer,
  before: ArticleRow | null,
  v: Values,
  create?: { locale: string; translationGroup?: string | undefined },
): Promise<ArticleRow> {
  const now = new Date();
  const becomesPublished = v.state === "published" && before?.state !== "published";
  const row = {
    title: v.title,
    body: v.body,
    state: v.state,
    visibility: v.visibility,
    category_id: v.categoryId,
    section_id: v.sectionId,
    tags: JSON.stringify(v.tags),
    product_models: JSON.stringify(v.productModels),
    problem_id: v.problemId,
    playbook_slug: v.playbookSlug,
    slug: v.slug,
    updated_by_user_id: doer.userId,
    updated_at: now,
    ...(becomesPublished ? { published_at: now } : {}),
  };
  let id: string;
  let number: number;
  let locale: string;
  try {
    if (!before) {
      if (!create) throw new Error("save: a new article needs its locale");
      locale = create.locale;
      number = 1;
      const inserted = await scope
        .insertInto("help_articles", {
          ...row,
          locale,
          version: 1,
          created_by_user_id: doer.userId,
          ...(create.translationGroup ? { translation_group: create.translationGroup } : {}),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = inserted.id;
    } else {
      id = before.id;
      locale = before.locale;
      number = Number(before.version) + 1;
      await scope
        .updateTable("help_articles")
        .set({ ...row, version: number })
        .where("id", "=", id)
        .execute();
    }
  } catch (err) {
    if (isUniqueViolation(err)) {
      // Two saves raced past the checks above; name what the index refused.
      const locale = /translation_group/.test((err as { constraint?: string }).constraint ?? "");
      throw locale
        ? new AppError("conflict", "This article already has a version in that locale", "locale")
        : new AppError("conflict", "Another article in this locale already uses the slug", "slug");
    }
    throw err;
  }
  // The current slug wins over anyone's old one; a changed slug keeps answering as a redirect.
  await scope
    .deleteFrom("help_article_redirects")
    .where("locale", "=", locale)
    .where("slug", "=", v.slug)
    .execute();
  if (before && before.slug !== v.slug) {
    await scope
      .insertInto("help_article_redirects", { locale, slug: before.slug, article_id: id })
      .onConflict((oc) => oc.columns(["workspace_id", "locale", "slug"]).doUpdateSet({ article_id: id }))
      .execute();
  }
  const { title, body, slug: _slug, ...meta } = v;
  await scope
    .insertInto("help_article_versions", {
      article_id: id,
      number,
      title,
      body,
      meta: JSON.stringify({ ...meta, slug: v.slug }),
      created_by_user_id: doer.userId,
      created_by_name: doer.name,
    })
    .execute();

  const after = await findArticle(scope, id);
  if (!after) throw articleNotFound();
  const stateChange = before?.state !== v.state;
  if (stateChange && (v.state === "published" || v.state === "archived")) {
    await audit(scope, {
      actorUserId: doer.userId,
      action: `article.${v.state}`,
      subjectType: "help_article",
      subjectId: id,
      data: { title: v.title, locale, version: number, ...(doer.userId ? {} : { by: doer.name }) },
    });
  }
  if (v.state === "published") {
    const article = await present(scope, staffReader(scope.workspaceId), after);
    await emitWebhookEvent(scope, ctx.boss, becomesPublished ? "article.published" : "article.updated", {
      article,
    });
  }
  return after;
}

export function changed(before: Values, after: Values): boolean {
  return JSON.stringify(before) !== JSON.stringify(after);
}

export const dedupe = (xs: string[]) => [...new Set(xs)];
