import type { BadgeInput, BadgeRule } from "../../../../../contracts/community-reputation.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { enqueueInTx } from "../../../platform/jobs/enqueue.ts";
import { audit } from "../../audit/audit.ts";
import { ensureDefaultBadges, findBadge, insertBadge, listBadges, updateBadge } from "./badges.repo.ts";

/**
 * Badge definitions, changed by community managers. A new or
 * changed badge queues a sweep of the workspace, so members who already qualify get it
 * without waiting for their next activity.
 */
type Ctx = Pick<AppContext, "db" | "boss">;

const present = (b: NonNullable<Awaited<ReturnType<typeof findBadge>>>) => ({
  id: b.id,
  slug: b.slug,
  name: b.name,
  description: b.description,
  tier: b.tier,
  rule: b.rule as BadgeRule,
  enabled: b.enabled,
  awardedCount: b.awardedCount ?? 0,
});

export async function badgesOf(ctx: Ctx, workspaceId: string) {
  const scope = new TenantScope(ctx.db, workspaceId);
  // Seeding is a write; it happens once per workspace, on its first look at the badges.
  if ((await listBadges(scope)).length === 0) {
    await inTransaction(ctx.db, (tx) => ensureDefaultBadges(scope.with(tx)));
  }
  return { items: (await listBadges(scope)).map(present) };
}

async function assertCategory(scope: TenantScope, rule: BadgeRule | undefined) {
  if (!rule?.categoryId) return;
  const found = await scope
    .selectFrom("community_categories")
    .select("id")
    .where("id", "=", rule.categoryId)
    .executeTakeFirst();
  if (!found) throw new AppError("validation_failed", "No such category", "rule.categoryId");
}

async function sweepLater(ctx: Ctx, scope: TenantScope) {
  await enqueueInTx(ctx.boss, scope.db, "community.badges", { workspaceId: scope.workspaceId, sweep: true });
}

export async function createBadge(ctx: Ctx, actor: Actor, input: BadgeInput) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await ensureDefaultBadges(scope);
    await assertCategory(scope, input.rule);
    const row = await insertBadge(scope, input);
    if (!row) throw new AppError("conflict", "A badge with this slug exists", "slug");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.badge_created",
      subjectType: "community_badge",
      subjectId: row.id,
      data: { slug: input.slug, rule: input.rule },
    });
    await sweepLater(ctx, scope);
    return present((await findBadge(scope, row.id)) as NonNullable<Awaited<ReturnType<typeof findBadge>>>);
  });
}

export async function patchBadge(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: {
    name?: string | undefined;
    description?: string | undefined;
    tier?: BadgeInput["tier"] | undefined;
    rule?: BadgeRule | undefined;
    enabled?: boolean | undefined;
  },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await assertCategory(scope, patch.rule);
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (!(await updateBadge(scope, id, clean))) throw new AppError("not_found", "Badge was not found");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.badge_changed",
      subjectType: "community_badge",
      subjectId: id,
      data: clean,
    });
    // Awards already made stay: a badge earned under an older rule is not taken back.
    if (patch.rule || patch.enabled) await sweepLater(ctx, scope);
    return present((await findBadge(scope, id)) as NonNullable<Awaited<ReturnType<typeof findBadge>>>);
  });
}
