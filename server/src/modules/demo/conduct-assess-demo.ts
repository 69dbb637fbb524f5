import { sql } from "kysely";
import type { Logger } from "pino";
import type { AppContext } from "../../platform/context.ts";
import { createCase } from "../cases/cases.service.ts";
import { drainAssessments } from "../conduct/assess/assess-job.ts";
import { sweepRepeats } from "../repeats/sweep.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files"> & Partial<Pick<AppContext, "log" | "boss">>;
const quiet = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;

// Angry at the product, polite to the person: flagged Frustrated, never Abusive (issue #20).
const FRUSTRATED = [
  {
    subject: "Firmware update broke my speakers again",
    message:
      "I'm furious: this is the third time a firmware update broke my speakers. I know it isn't your doing, but please make it stop.",
  },
  {
    subject: "Soundbar keeps dropping off the wifi",
    message:
      "This is unacceptable. The soundbar dropped off the wifi in the middle of a film again, the worst week I've had with this product.",
  },
  {
    subject: "App logs me out every day",
    message: "I'm really fed up. The app logs me out every day and I have to pair every speaker again.",
  },
];

/**
 * Staff protection (issue #20): three customers write in frustration (through the cases
 * service, as they would), then every customer message and post the demo wrote is assessed, so
 * a freshly loaded demo already shows its Frustrated flags instead of waiting for the worker.
 * Runs again harmlessly: the cases are written once, and the queue is empty the second time.
 */
export async function loadConductAssessDemo(ctx: Ctx, workspaceId: string) {
  const agent = await staffActor(ctx, sample.staff[1].email);
  const { rows: already } = await sql<{ n: number }>`
    select count(*)::int as n from cases
     where workspace_id = ${workspaceId} and subject = ${FRUSTRATED[0]?.subject ?? ""}`.execute(ctx.db);
  if (agent && (already[0]?.n ?? 0) === 0) {
    // Three customers with nothing open, in a stable order.
    const { rows: customers } = await sql<{ id: string }>`
      select cu.id from customers cu
       where cu.workspace_id = ${workspaceId} and cu.merged_into is null
         and not exists (select 1 from cases c where c.customer_id = cu.id and c.status in ('new', 'open', 'pending', 'on_hold'))
       order by cu.name, cu.id limit ${FRUSTRATED.length}`.execute(ctx.db);
    for (const [i, customer] of customers.entries()) {
      const text = FRUSTRATED[i];
      if (!text) break;
      await createCase(ctx, agent, {
        customerId: customer.id,
        subject: text.subject,
        message: text.message,
        channel: "email",
      });
    }
  }
  const assessed = await drainAssessments(ctx, { workspaceId });
  // The new cases, and the frustration the assessments found, count toward repeats and risk:
  // sweep them now, as the repeats demo does, so nothing waits for the worker.
  const run = { db: ctx.db, log: ctx.log ?? quiet, boss: ctx.boss };
  for (let i = 0; i < 20; i++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from repeat_queue where workspace_id = ${workspaceId}`.execute(ctx.db);
    if ((rows[0]?.n ?? 0) === 0) break;
    await sweepRepeats(run, { workspaceId });
  }
  return assessed;
}
