import { sql } from "kysely";
import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { readProblem } from "../problems/problems.service.ts";
import { findWorkspaceLocale } from "../workspaces/workspaces.repo.ts";
import {
  changed,
  type Doer,
  doerOf,
  type HelpCtx,
  present,
  problemOf,
  save,
  type Values,
  valuesOf,
} from "./article-save.ts";
import { assertCanManageHelp, type HelpReader } from "./help.policy.ts";
import { findArticleForProblem, freeSlug, lockArticle } from "./help.repo.ts";
import { slugify } from "./slugs.ts";

/**
 * Problems' public workarounds as help articles (issue #15): published in one step by staff,
 * or by the problems module's announcements, and archived when the workaround is withdrawn.
 */

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
