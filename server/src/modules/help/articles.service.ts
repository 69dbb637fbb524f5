import { sql } from "kysely";
import type {
  ArticlePatch,
  ArticleState,
  ArticleVisibility,
  CreateArticle,
} from "../../../../contracts/help.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { readProblem } from "../problems/problems.service.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { findWorkspaceLocale } from "../workspaces/workspaces.repo.ts";
import { articleNotFound, assertCanManageHelp, canReadArticle, type HelpReader } from "./help.policy.ts";
import {
  type ArticleRow,
  findArticle,
  findArticleBySlug,
  findArticleForProblem,
  findCategory,
  findRedirect,
  findSection,
  findVersion,
  freeSlug,
  listArticles,
  listTranslations,
  listVersions,
  lockArticle,
  presentArticle,
  presentArticleSummary,
} from "./help.repo.ts";
import { lineDiff } from "./line-diff.ts";
import { slugify } from "./slugs.ts";

// boss is absent in the CLI: no webhooks are announced there.
export type HelpCtx = Pick<AppContext, "db"> & Partial<Pick<AppContext, "boss" | "log">>;
/** Who saved a version: a person, or the problem whose workaround it publishes. */
type Doer = { userId: string | null; name: string | null };
const doerOf = (actor: Actor): Doer => ({ userId: actor.userId, name: actor.name });

/** Everything a save decides; a version is written whenever one of these changes. */
type Values = {
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

function valuesOf(r: ArticleRow): Values {
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
async function problemOf(scope: TenantScope, problemId: string, field = "problemId") {
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

async function present(scope: TenantScope, reader: HelpReader, row: ArticleRow) {
  return presentArticle(row, await problemFor(scope, reader, row.problemId));
}

/**
 * Category, section and problem exist in this workspace (else 404 naming the field), and the
 * section belongs to the category. A section alone implies its category.
 */
async function checkRefs(scope: TenantScope, v: Values, sectionGiven: boolean): Promise<Values> {
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

async function assertSlugFree(scope: TenantScope, locale: string, slug: string, exceptId?: string) {
  const other = await findArticleBySlug(scope, locale, slug);
  if (other && other.id !== exceptId)
    throw new AppError("conflict", `Another ${locale} article already uses the slug "${slug}"`, "slug");
}

/**
 * The one write path: insert or update the article, freeze a version, keep an old slug as a
 * redirect, and write the audit entries and webhook deliveries in the same transaction.
 */
async function save(
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

function changed(before: Values, after: Values): boolean {
  return JSON.stringify(before) !== JSON.stringify(after);
}

export async function createArticle(ctx: HelpCtx, actor: Actor, input: CreateArticle) {
  assertCanManageHelp(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const locale = input.locale ?? (await findWorkspaceLocale(tx, actor.workspaceId));
    let translationGroup: string | undefined;
    if (input.translationOf) {
      const source = await findArticle(scope, input.translationOf);
      if (!source) throw articleNotFound("translationOf");
      translationGroup = source.translationGroupId;
      const sibling = await scope
        .selectFrom("help_articles")
        .select("id")
        .where("translation_group", "=", translationGroup)
        .where("locale", "=", locale)
        .executeTakeFirst();
      if (sibling)
        throw new AppError(
          "conflict",
          `This article already has a ${locale} version; edit that one instead`,
          "locale",
        );
    }
    const values = await checkRefs(
      scope,
      {
        title: input.title,
        body: input.body,
        state: input.state,
        visibility: input.visibility,
        categoryId: input.categoryId ?? null,
        sectionId: input.sectionId ?? null,
        tags: dedupe(input.tags ?? []),
        productModels: dedupe(input.productModels ?? []),
        problemId: input.problemId ?? null,
        playbookSlug: input.playbookSlug ?? null,
        slug: "",
      },
      input.sectionId != null,
    );
    if (input.slug) {
      await assertSlugFree(scope, locale, input.slug);
      values.slug = input.slug;
    } else {
      values.slug = await freeSlug(scope, locale, slugify(input.title));
    }
    const row = await save(ctx, scope, doerOf(actor), null, values, { locale, translationGroup });
    return present(scope, { kind: "staff", workspaceId: actor.workspaceId, actor }, row);
  });
}

const dedupe = (xs: string[]) => [...new Set(xs)];

export async function updateArticle(ctx: HelpCtx, actor: Actor, id: string, patch: ArticlePatch) {
  assertCanManageHelp(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await lockArticle(scope, id);
    if (!before) throw articleNotFound();
    const current = valuesOf(before);
    const next = await checkRefs(
      scope,
      {
        ...current,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        ...(patch.tags ? { tags: dedupe(patch.tags) } : {}),
        ...(patch.productModels ? { productModels: dedupe(patch.productModels) } : {}),
        // Leaving the category leaves its section too (a new category drops an old section in checkRefs).
        ...(patch.categoryId === null && patch.sectionId === undefined ? { sectionId: null } : {}),
      } as Values,
      patch.sectionId != null,
    );
    if (patch.slug !== undefined && patch.slug !== before.slug)
      await assertSlugFree(scope, before.locale, patch.slug, id);
    const reader: HelpReader = { kind: "staff", workspaceId: actor.workspaceId, actor };
    if (!changed(current, next)) return present(scope, reader, before);
    return present(scope, reader, await save(ctx, scope, doerOf(actor), before, next));
  });
}

export async function deleteArticle(ctx: HelpCtx, actor: Actor, id: string) {
  assertCanManageHelp(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await lockArticle(scope, id);
    if (!before) throw articleNotFound();
    await scope.deleteFrom("help_articles").where("id", "=", id).execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "article.deleted",
      subjectType: "help_article",
      subjectId: id,
      data: { title: before.title, locale: before.locale, slug: before.slug, state: before.state },
    });
  });
}

/** One article as the reader may see it; anything they may not read is 404. */
export async function readArticle(ctx: HelpCtx, reader: HelpReader, id: string) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const row = await findArticle(scope, id);
  if (!row || !canReadArticle(reader, row)) throw articleNotFound();
  return { scope, row };
}

export async function getArticle(ctx: HelpCtx, reader: HelpReader, id: string) {
  const { scope, row } = await readArticle(ctx, reader, id);
  return present(scope, reader, row);
}

/** By slug: the article, or where an old slug now leads (`redirectTo`), or 404. */
export async function getArticleBySlug(ctx: HelpCtx, reader: HelpReader, locale: string, slug: string) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const row = await findArticleBySlug(scope, locale, slug);
  if (row) {
    if (!canReadArticle(reader, row)) throw articleNotFound();
    return { article: await present(scope, reader, row) };
  }
  const redirect = await findRedirect(scope, locale, slug);
  const target = redirect ? await findArticle(scope, redirect.articleId) : undefined;
  if (!target || !canReadArticle(reader, target)) throw articleNotFound();
  return { redirectTo: target.slug };
}

export async function listArticlesFor(
  ctx: HelpCtx,
  reader: HelpReader,
  query: {
    state?: string | undefined;
    locale?: string | undefined;
    categoryId?: string | undefined;
    q?: string | undefined;
  },
) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  return { items: (await listArticles(scope, reader, query)).map(presentArticleSummary) };
}

export async function translationsOf(ctx: HelpCtx, reader: HelpReader, id: string) {
  const { scope, row } = await readArticle(ctx, reader, id);
  const rows = await listTranslations(scope, reader, row.translationGroupId, row.id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      locale: r.locale,
      title: r.title,
      slug: r.slug,
      state: r.state as ArticleState,
    })),
  };
}

// ---- versions ----

export async function versionsOf(ctx: HelpCtx, reader: HelpReader, id: string) {
  const { scope } = await readArticle(ctx, reader, id);
  return { items: await listVersions(scope, id) };
}

async function versionOrNotFound(scope: TenantScope, id: string, n: number, field?: string) {
  const v = await findVersion(scope, id, n);
  if (!v) throw new AppError("not_found", `Version ${n} was not found`, field);
  return v;
}

export async function versionOf(ctx: HelpCtx, reader: HelpReader, id: string, n: number) {
  const { scope } = await readArticle(ctx, reader, id);
  const { meta: _meta, ...v } = await versionOrNotFound(scope, id, n);
  return v;
}

export async function compareVersions(
  ctx: HelpCtx,
  reader: HelpReader,
  id: string,
  from: number,
  to: number,
) {
  const { scope } = await readArticle(ctx, reader, id);
  const a = await versionOrNotFound(scope, id, from, "from");
  const b = await versionOrNotFound(scope, id, to, "to");
  return { from, to, title: lineDiff(a.title, b.title), body: lineDiff(a.body, b.body) };
}

/**
 * Restores a version's content (title, body, tags, product models) as a new version. State,
 * visibility, category and slug stay as they are now: restoring text never unpublishes.
 */
export async function restoreVersion(ctx: HelpCtx, actor: Actor, id: string, n: number) {
  assertCanManageHelp(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await lockArticle(scope, id);
    if (!before) throw articleNotFound();
    const v = await versionOrNotFound(scope, id, n);
    const meta = v.meta as { tags?: string[]; productModels?: string[] };
    const next: Values = {
      ...valuesOf(before),
      title: v.title,
      body: v.body,
      tags: meta.tags ?? (before.tags as string[]),
      productModels: meta.productModels ?? (before.productModels as string[]),
    };
    const reader: HelpReader = { kind: "staff", workspaceId: actor.workspaceId, actor };
    return present(scope, reader, await save(ctx, scope, doerOf(actor), before, next));
  });
}

// ---- problems' public workarounds ----

type Workaround = { problemId: string; number: number; publicTitle: string; workaround: string };

/**
 * Creates or updates the article that publishes a problem's workaround: the oldest article
 * linked to the problem in the workspace's language (public, published). Serialised per
 * problem so two announcements at once cannot make two articles.
 */
async function upsertProblemArticle(ctx: HelpCtx, scope: TenantScope, doer: Doer, w: Workaround) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`help-problem:${w.problemId}`}, 0))`.execute(
    scope.db,
  );
  const locale = await findWorkspaceLocale(scope.db, scope.workspaceId);
  const existing = await findArticleForProblem(scope, w.problemId, locale);
  const before = existing ? await lockArticle(scope, existing.id) : undefined;
  if (before) {
    const current = valuesOf(before);
    const next: Values = {
      ...current,
      title: w.publicTitle,
      body: w.workaround,
      state: "published",
      visibility: "public",
    };
    if (!changed(current, next)) return { row: before, created: false };
    return { row: await save(ctx, scope, doer, before, next), created: false };
  }
  const values: Values = {
    title: w.publicTitle,
    body: w.workaround,
    state: "published",
    visibility: "public",
    categoryId: null,
    sectionId: null,
    tags: [],
    productModels: [],
    problemId: w.problemId,
    playbookSlug: null,
    slug: await freeSlug(scope, locale, slugify(w.publicTitle)),
  };
  return { row: await save(ctx, scope, doer, null, values, { locale }), created: true };
}

/** `POST /help/articles/from-problem/{id}`: publish a problem's public workaround in one step. */
export async function articleFromProblem(ctx: HelpCtx, actor: Actor, problemId: string) {
  assertCanManageHelp(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const p = await problemOf(scope, problemId);
    if (!p.publicTitle || !p.publicWorkaround)
      throw new AppError(
        "conflict",
        "Write the problem's public title and workaround first",
        p.publicTitle ? "publicWorkaround" : "publicTitle",
      );
    const { row, created } = await upsertProblemArticle(ctx, scope, doerOf(actor), {
      problemId,
      number: p.number,
      publicTitle: p.publicTitle,
      workaround: p.publicWorkaround,
    });
    const reader: HelpReader = { kind: "staff", workspaceId: actor.workspaceId, actor };
    return { article: await present(scope, reader, row), created };
  });
}

/** The problems module's announcements, applied without an actor (called after its commit). */
export async function publishWorkaroundArticle(
  ctx: HelpCtx,
  w: Workaround & { workspaceId: string },
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, w.workspaceId);
    // Another app in this process (tests) may announce problems this database does not hold.
    if (!(await readProblem(scope, w.problemId).catch(() => null))) return;
    await upsertProblemArticle(ctx, scope, { userId: null, name: `Problem P-${w.number}` }, w);
  });
}

export async function withdrawWorkaroundArticle(ctx: HelpCtx, workspaceId: string, problemId: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    const p = await readProblem(scope, problemId).catch(() => null);
    if (!p) return;
    const locale = await findWorkspaceLocale(tx, workspaceId);
    const existing = await findArticleForProblem(scope, problemId, locale);
    const before = existing ? await lockArticle(scope, existing.id) : undefined;
    if (!before || before.state === "archived") return;
    await save(ctx, scope, { userId: null, name: `Problem P-${p.number}` }, before, {
      ...valuesOf(before),
      state: "archived",
    });
  });
}
