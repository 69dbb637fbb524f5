import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { readArticle } from "./article-reads.service.ts";
import { doerOf, type HelpCtx, present, save, type Values, valuesOf } from "./article-save.ts";
import { articleNotFound, assertCanManageHelp, type HelpReader } from "./help.policy.ts";
import { findVersion, listVersions, lockArticle } from "./help.repo.ts";
import { lineDiff } from "./line-diff.ts";

/** An article's versions (issue #15): the history, one version, a comparison, and restoring one. */

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
