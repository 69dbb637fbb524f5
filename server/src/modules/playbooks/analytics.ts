import { sql } from "kysely";
import type { Analytics, Definition } from "../../../../contracts/playbooks.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { findPlaybook, listVersions } from "./playbooks.repo.ts";
import { playbookNotFound } from "./playbooks.service.ts";

/** A run with no answer for this long counts as abandoned: the customer or agent walked away. */
export const IDLE_ABANDON_MS = 24 * 60 * 60 * 1000;

/**
 * Per playbook (all versions): runs, how they ended, and the step where abandoned runs stopped
 * most — the instruction that confuses people.
 */
export async function playbookAnalytics(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  id: string,
): Promise<Analytics> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const p = await findPlaybook(scope, id);
  if (!p) throw playbookNotFound();
  const idleBefore = new Date(Date.now() - IDLE_ABANDON_MS);
  const abandoned = sql<boolean>`(status = 'abandoned' or (status = 'open' and last_activity_at < ${idleBefore}))`;
  const counts = await scope
    .selectFrom("playbook_runs")
    .select([
      sql<string>`count(*)`.as("runs"),
      sql<string>`count(*) filter (where status = 'resolved')`.as("resolved"),
      sql<string>`count(*) filter (where status = 'escalate')`.as("escalated"),
      sql<string>`count(*) filter (where status = 'known_problem')`.as("knownProblem"),
      sql<string>`count(*) filter (where ${abandoned})`.as("abandoned"),
    ])
    .where("playbook_id", "=", id)
    .executeTakeFirstOrThrow();
  const worst = await scope
    .selectFrom("playbook_runs")
    .select(["current_step_id as stepId", "version_id as versionId", sql<string>`count(*)`.as("n")])
    .where("playbook_id", "=", id)
    .where(abandoned)
    .where("current_step_id", "is not", null)
    .groupBy(["current_step_id", "version_id"])
    .execute();
  // The same step id across versions is the same step to an author: add them up.
  const byStep = new Map<string, { n: number; versionId: string }>();
  for (const w of worst) {
    const prev = byStep.get(w.stepId as string);
    byStep.set(w.stepId as string, { n: (prev?.n ?? 0) + Number(w.n), versionId: w.versionId });
  }
  let most: Analytics["mostAbandonedStep"] = null;
  if (byStep.size > 0) {
    const [stepId, { n, versionId }] = [...byStep].sort(
      (a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]),
    )[0] as [string, { n: number; versionId: string }];
    const version = (await listVersions(scope, id)).find((v) => v.id === versionId);
    const def = version?.definition as Definition | undefined;
    most = { stepId, title: def?.steps.find((s) => s.id === stepId)?.title ?? stepId, count: n };
  }
  const runs = Number(counts.runs);
  const n = (v: string) => Number(v);
  const share = (v: number) => (runs === 0 ? 0 : Math.round((v / runs) * 1000) / 1000);
  const abandonedCount = n(counts.abandoned);
  const resolved = n(counts.resolved);
  const escalated = n(counts.escalated);
  return {
    runs,
    open: runs - resolved - escalated - n(counts.knownProblem) - abandonedCount,
    resolved,
    escalated,
    knownProblem: n(counts.knownProblem),
    abandoned: abandonedCount,
    shares: { resolved: share(resolved), escalated: share(escalated), abandoned: share(abandonedCount) },
    mostAbandonedStep: most,
  };
}
