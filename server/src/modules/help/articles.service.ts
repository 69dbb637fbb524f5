import type { ArticlePatch, CreateArticle } from "../../../../contracts/help.ts";
import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { findWorkspaceLocale } from "../workspaces/workspaces.repo.ts";
import {
  assertSlugFree,
  changed,
  checkRefs,
  dedupe,
  doerOf,
  type HelpCtx,
  present,
  save,
  type Values,
  valuesOf,
} from "./article-save.ts";
import { articleNotFound, assertCanManageHelp, type HelpReader } from "./help.policy.ts";
import { findArticle, freeSlug, lockArticle } from "./help.repo.ts";
import { slugify } from "./slugs.ts";

/**
 * Help article commands (issue #15): create, update and delete, each one transaction through
 * article-save.ts. Reads are in article-reads.service.ts, versions in
 * article-versions.service.ts and problems' workaround articles in problem-articles.service.ts.
 */

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
