import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { enqueueInTx } from "../../../platform/jobs/enqueue.ts";
import { tellCustomer } from "./notices.ts";
import type { SessionRow } from "./sessions.repo.ts";

/**
 * Reminders 24 h and 1 h before a live session: durable pg-boss jobs queued with `startAfter`
 * in the transaction that set the time. A job carries the schedule_version it was queued for;
 * when it runs, a session moved since (a newer version), cancelled or already held makes it do
 * nothing, since the move queued its own. The session row is locked and the version sent is
 * remembered (0063), so a retried job never reminds twice.
 */
type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log">;

export const REMINDERS = { "24h": 24 * 3600_000, "1h": 3600_000 } as const;
export type ReminderWhich = keyof typeof REMINDERS;

export const reminderJobSchema = z.object({
  workspaceId: z.uuid(),
  sessionId: z.uuid(),
  scheduleVersion: z.number().int(),
  which: z.enum(["24h", "1h"]),
});
export type ReminderJob = z.infer<typeof reminderJobSchema>;

/** Queues both reminders for the session's current time; those already past are not queued. */
export async function queueReminders(
  boss: AppContext["boss"],
  scope: TenantScope,
  session: Pick<SessionRow, "id" | "starts_at" | "schedule_version">,
  now = new Date(),
): Promise<ReminderWhich[]> {
  const queued: ReminderWhich[] = [];
  for (const which of Object.keys(REMINDERS) as ReminderWhich[]) {
    const at = new Date(session.starts_at.getTime() - REMINDERS[which]);
    if (at.getTime() <= now.getTime()) continue;
    const job: ReminderJob = {
      workspaceId: scope.workspaceId,
      sessionId: session.id,
      scheduleVersion: session.schedule_version,
      which,
    };
    await enqueueInTx(boss, scope.db, "academy.session.reminder", job, { startAfter: at });
    queued.push(which);
  }
  return queued;
}

export type ReminderOutcome =
  | { sent: number }
  | { skipped: "gone" | "stale" | "not_scheduled" | "already_sent" };

/** The `academy.session.reminder` job: reminds every confirmed registrant, unless stale. */
export async function sendSessionReminder(ctx: Ctx, data: ReminderJob): Promise<ReminderOutcome> {
  const job = reminderJobSchema.parse(data);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, job.workspaceId);
    const session = await scope
      .selectFrom("academy_sessions")
      .selectAll()
      .where("id", "=", job.sessionId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!session) return { skipped: "gone" } as const;
    if (session.schedule_version !== job.scheduleVersion) return { skipped: "stale" } as const;
    if (session.state !== "scheduled") return { skipped: "not_scheduled" } as const;
    const column = job.which === "24h" ? "reminded_24h_version" : "reminded_1h_version";
    if (session[column] >= job.scheduleVersion) return { skipped: "already_sent" } as const;
    const confirmed = await scope
      .selectFrom("academy_registrations")
      .select("customer_id")
      .where("session_id", "=", session.id)
      .where("status", "=", "confirmed")
      .orderBy("created_at")
      .execute();
    let sent = 0;
    for (const r of confirmed) {
      if (await tellCustomer(ctx, scope, session as SessionRow, r.customer_id, `reminder${job.which}`))
        sent++;
    }
    await scope
      .updateTable("academy_sessions")
      .set({ [column]: job.scheduleVersion })
      .where("id", "=", session.id)
      .execute();
    return { sent };
  });
}
