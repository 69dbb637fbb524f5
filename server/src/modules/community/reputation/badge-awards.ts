import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { enabledBadges, ensureDefaultBadges } from "./badges.repo.ts";
import { qualifying } from "./metrics.ts";
import { loadSettings } from "./settings.ts";
import { recomputeTrustForWorkspace } from "./trust-sweep.ts";

/**
 * Awards badges: the `community.badges` job. A job names a member (queued after events that
 * change their record) or a workspace (after a badge is added or changed), or is the hourly
 * sweep of every workspace, which also recomputes trust levels.
 * Each badge's rule is one set query; awards are inserted with the (badge, member) primary
 * key and `on conflict do nothing`, so a retried or repeated job never awards twice.
 */
export type BadgeJob = { workspaceId: string; memberId?: string } | { sweep: true; workspaceId?: string };

export async function runBadgeJob(ctx: Pick<AppContext, "db">, job: BadgeJob): Promise<number> {
  if ("memberId" in job && job.memberId) return awardBadges(ctx, job.workspaceId, [job.memberId]);
  if (job.workspaceId) return awardBadges(ctx, job.workspaceId);
  // The hourly sweep: every workspace with a community, trust levels too.
  const workspaces = await ctx.db.selectFrom("community_members").select("workspace_id").distinct().execute();
  let awarded = 0;
  for (const w of workspaces) {
    const scope = new TenantScope(ctx.db, w.workspace_id);
    await recomputeTrustForWorkspace(scope, await loadSettings(scope));
    awarded += await awardBadges(ctx, w.workspace_id);
  }
  return awarded;
}

/** Awards every enabled badge the members (or everyone in the workspace) now qualify for. */
export async function awardBadges(
  ctx: Pick<AppContext, "db">,
  workspaceId: string,
  memberIds?: string[],
): Promise<number> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    await ensureDefaultBadges(scope);
    let awarded = 0;
    for (const badge of await enabledBadges(scope)) {
      const result = await sql`
        insert into community_badge_awards (workspace_id, badge_id, member_id)
        select ${workspaceId}::uuid, ${badge.id}::uuid, q.member_id
        from (${qualifying(badge.rule, workspaceId, memberIds)}) q
        on conflict (badge_id, member_id, workspace_id) do nothing
      `.execute(tx);
      awarded += Number(result.numAffectedRows ?? 0n);
    }
    return awarded;
  });
}
