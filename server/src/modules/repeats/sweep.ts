import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { detectNewCase, detectReopen, recordRepeat } from "./detect.ts";
import { refreshRisk } from "./risk.ts";
import { repeatWindowDays } from "./settings.ts";

type Ctx = Pick<AppContext, "db" | "log"> & Partial<Pick<AppContext, "boss">>;
type QueueRow = {
  id: string;
  workspace_id: string;
  customer_id: string;
  case_id: string | null;
  kind: "created" | "reopened" | "message" | "survey";
  solved_at: Date | null;
  queued_at: Date;
};

const BATCH = 200;
/** At-risk customers are re-read this often by the sweep, so signals that aged out clear them. */
const STALE_MS = 60 * 60_000;

/**
 * The repeats job ("repeats.sweep", every minute; also run by readers of one workspace's risk
 * before they read, so nothing waits a minute to be seen): takes what the triggers of
 * migration 0048 queued — new and reopened cases, customer messages, survey answers, status
 * and SLA changes — detects repeat contacts, and recomputes the risk of each customer
 * touched. The periodic run (`stale: true`) also recomputes at-risk customers not looked at
 * for an hour, which is how a customer leaves the list when their signals age out.
 * One transaction per batch under an advisory lock: a crash redoes the batch, two runs never
 * announce the same customer twice.
 */
export async function sweepRepeats(
  ctx: Ctx,
  opts: { workspaceId?: string; stale?: boolean; now?: Date } = {},
): Promise<{ repeats: number; customers: number }> {
  const now = opts.now ?? new Date();
  return inTransaction(ctx.db, async (tx) => {
    const { rows: lock } = await sql<{ ok: boolean }>`
      select pg_try_advisory_xact_lock(hashtext('repeats.sweep')) as ok`.execute(tx);
    if (!lock[0]?.ok) return { repeats: 0, customers: 0 };
    const { rows } = await sql<QueueRow>`
      delete from repeat_queue where id in (
        select id from repeat_queue
         where ${opts.workspaceId ?? null}::uuid is null or workspace_id = ${opts.workspaceId ?? null}::uuid
         order by id limit ${BATCH})
      returning id, workspace_id, customer_id, case_id, kind, solved_at, queued_at`.execute(tx);
    rows.sort((a, b) => Number(a.id) - Number(b.id));
    const touched = new Map<string, Set<string>>();
    const touch = (ws: string, customerId: string) => {
      const set = touched.get(ws) ?? new Set<string>();
      set.add(customerId);
      touched.set(ws, set);
    };
    let repeats = 0;
    const windows = new Map<string, number>();
    for (const row of rows) {
      touch(row.workspace_id, row.customer_id);
      if (!row.case_id || (row.kind !== "created" && row.kind !== "reopened")) continue;
      const scope = new TenantScope(tx, row.workspace_id);
      let windowDays = windows.get(row.workspace_id);
      if (windowDays === undefined) {
        windowDays = await repeatWindowDays(scope);
        windows.set(row.workspace_id, windowDays);
      }
      const found =
        row.kind === "created"
          ? await detectNewCase(ctx, scope, row.case_id, windowDays)
          : await detectReopen(scope, row.case_id, row.queued_at, row.solved_at, windowDays);
      if (!found) continue;
      if (await recordRepeat(scope, { ...found, caseId: row.case_id, customerId: row.customer_id }, now)) {
        repeats++;
        await publish(tx, {
          workspaceId: row.workspace_id,
          audience: { kind: "staff" },
          event: { type: "case.updated", caseId: row.case_id, customerId: row.customer_id },
        });
      }
    }
    if (opts.stale) {
      const { rows: stale } = await sql<{ workspace_id: string; customer_id: string }>`
        select workspace_id, customer_id from customer_risk
         where (at_risk or score > 0) and updated_at < ${new Date(now.getTime() - STALE_MS)}
           and (${opts.workspaceId ?? null}::uuid is null or workspace_id = ${opts.workspaceId ?? null}::uuid)
         order by updated_at limit ${BATCH}`.execute(tx);
      for (const s of stale) touch(s.workspace_id, s.customer_id);
    }
    let customers = 0;
    for (const [ws, ids] of touched) {
      const scope = new TenantScope(tx, ws);
      for (const id of [...ids].sort()) {
        await refreshRisk(ctx, scope, id, now);
        customers++;
      }
    }
    if (rows.length > 0) ctx.log.debug({ queued: rows.length, repeats, customers }, "repeats swept");
    return { repeats, customers };
  });
}
