import { sql } from "kysely";
import { permissionsOf } from "../../platform/auth/permissions.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { findActorForUser } from "../accounts/memberships.repo.ts";
import { findUserByEmail } from "../accounts/users.repo.ts";
import { captureSnapshot } from "../diagnostics/diagnostics.service.ts";
import {
  addEscalationNote,
  addEscalationTask,
  claimEscalation,
  escalateCase,
} from "../escalations/escalations.service.ts";
import { daysAgoAt } from "./demo-clock.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files">;
const CASE_SUBJECT = "Error 1013 again after the router swap";

export async function staffActor(ctx: Ctx, email: string): Promise<Actor | undefined> {
  const user = await findUserByEmail(ctx.db, email);
  const row = user ? await findActorForUser(ctx.db, user.id, undefined) : undefined;
  return row ? { ...row, via: "session", permissions: permissionsOf(row.role) } : undefined;
}

/**
 * One escalation on the demo's recurring "Error 1013" case: the agent's question, the
 * engineer's note and a diagnostic task, with two snapshots of the speaker to compare.
 * Runs again harmlessly: a case that already has an escalation is left as it is.
 */
export async function loadEscalationsDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  const scope = new TenantScope(ctx.db, workspaceId);
  const c = await scope
    .selectFrom("cases")
    .select(["id", "customer_id as customerId"])
    .where("subject", "=", CASE_SUBJECT)
    .orderBy("created_at")
    .executeTakeFirst();
  if (!c) return;
  const already = await scope
    .selectFrom("escalations")
    .select("id")
    .where("case_id", "=", c.id)
    .executeTakeFirst();
  if (already) return;
  const agent = await staffActor(ctx, sample.staff[1].email);
  const engineer = await staffActor(ctx, sample.staff[3].email);
  if (!agent || !engineer) return;

  const hasSnapshots = await scope
    .selectFrom("diagnostic_snapshots")
    .select("id")
    .where("case_id", "=", c.id)
    .executeTakeFirst();
  if (!hasSnapshots) {
    // Before and after the router swap: the speaker lost its DNS and its signal dropped.
    for (const [i, data] of [
      { firmware: "12.3.0", wifi: { signal_dbm: -55, dns: ["192.168.1.1"] }, update: { last_error: null } },
      { firmware: "12.3.0", wifi: { signal_dbm: -71, dns: ["10.0.0.138"] }, update: { last_error: 1013 } },
    ].entries()) {
      const snap = await captureSnapshot(ctx, agent, {
        customerId: c.customerId,
        deviceSerial: "SW5-19E0AA",
        caseId: c.id,
        source: "device",
        data,
      });
      // The "before" snapshot dates from before the swap, an evening ten days ago; the "after"
      // one moves with the case's own history (demo-clock.ts).
      if (i === 0) {
        const before = daysAgoAt(10, "18:40");
        await scope
          .updateTable("diagnostic_snapshots")
          .set({ captured_at: before })
          .where("id", "=", snap.id)
          .execute();
        await scope
          .updateTable("timeline_events")
          .set({ occurred_at: before })
          .where(sql<boolean>`data->>'snapshotId' = ${snap.id}`)
          .execute();
      }
    }
  }

  const escalation = await escalateCase(ctx, agent, c.id, {
    summary:
      "Error 1013 came back right after Den's ISP swapped his router. UPnP is on; the speaker now gets the router's DNS (10.0.0.138) and its signal dropped to -71 dBm.",
    question:
      "Does the update server refuse requests resolved through this ISP's DNS, or is it the weak signal?",
  });
  await claimEscalation(ctx, engineer, escalation.id);
  await addEscalationNote(
    ctx,
    engineer,
    escalation.id,
    "Update server logs show no request from this serial since the swap: the lookup fails before it reaches us.",
  );
  await addEscalationTask(ctx, engineer, escalation.id, {
    title: "Send a snapshot with DNS set to 1.1.1.1 on the speaker",
    detail: "Settings → Network → DNS. Then trigger an update and send a snapshot.",
  });
}
