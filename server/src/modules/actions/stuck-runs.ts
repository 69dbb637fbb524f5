import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { recordRunOutcome } from "./run-outcome.ts";
import { TIMEOUT_MS } from "./send.ts";

type Ctx = Pick<AppContext, "db"> & Partial<Pick<AppContext, "boss">>;

/**
 * A run is `running` only while one request calls its target (at most TIMEOUT_MS) and records
 * the answer. One still `running` well past that belongs to a process that died mid-call: nobody
 * will ever finish it, and the agent could not retry it (only failed runs are retried). The
 * margin covers the DNS check before the call and a slow commit after it on a loaded machine.
 */
export const STUCK_AFTER_MS = TIMEOUT_MS + 2 * 60_000;
export const INTERRUPTED =
  "Interrupted: Rapport stopped before the target's answer was recorded. Retrying is safe: the target gets the same Idempotency-Key.";

type Stuck = {
  id: string;
  workspace_id: string;
  action_id: string;
  action_name: string;
  case_id: string;
  case_number: string;
  customer_id: string;
  input: Record<string, unknown>;
  attempts: number;
  requested_by: string;
  requested_by_name: string;
};

/**
 * The minute's sweep (pg-boss schedule "actions.stuck"): runs `running` for longer than
 * STUCK_AFTER_MS become `failed` with a plain reason, recorded like any other failure (case
 * timeline, audit, `action.executed` webhook, live notice). The update and the records share
 * one transaction and the update only takes runs still `running`, so an overlapping sweep
 * records nothing twice. A retry keeps the run id, so the target's Idempotency-Key is unchanged.
 */
export async function sweepStuckRuns(ctx: Ctx, now = new Date()) {
  const before = new Date(now.getTime() - STUCK_AFTER_MS);
  return inTransaction(ctx.db, async (tx) => {
    const { rows } = await sql<Stuck>`
      with stuck as (
        update action_runs set status = 'failed', error = ${INTERRUPTED}, finished_at = ${now}
         where status = 'running' and running_since < ${before}
        returning id, workspace_id, action_id, case_id, customer_id, input, attempts,
                  requested_by, requested_by_name
      )
      select stuck.*, actions.name as action_name, cases.number as case_number
        from stuck
        join actions on actions.id = stuck.action_id
        join cases on cases.id = stuck.case_id`.execute(tx);
    for (const run of rows) {
      await recordRunOutcome(
        new TenantScope(tx, run.workspace_id),
        ctx.boss,
        run,
        { name: run.action_name, caseNumber: Number(run.case_number) },
        { ok: false, error: INTERRUPTED },
        { actorUserId: null, extra: { sweptAfterMs: STUCK_AFTER_MS } },
      );
    }
    return { interrupted: rows.length };
  });
}
