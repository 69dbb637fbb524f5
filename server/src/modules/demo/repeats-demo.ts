import { sql } from "kysely";
import type { Logger } from "pino";
import type { AppContext } from "../../platform/context.ts";
import { createCase } from "../cases/cases.service.ts";
import { sweepRepeats } from "../repeats/sweep.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files"> & Partial<Pick<AppContext, "log" | "boss">>;
const quiet = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;

/**
 * Repeat contacts and at-risk customers (issue #19) on whatever cases the demo holds (the six
 * months of history first, then this): the triggers of migration 0048 queued every case the
 * demo wrote, so draining that queue through the repeats job finds the repeats over the whole
 * history, dated by when each customer came back. Then a handful of customers whose latest
 * solved case was recent write again, apologetic, about the same thing (through the cases
 * service, as they would), which makes them at risk today with reasons to read.
 * Runs again harmlessly: the queue is empty, repeats are recorded once per case, and the
 * customers who wrote again are not made to write a third time.
 */
export async function loadRepeatsDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  const run = { db: ctx.db, log: ctx.log ?? quiet, boss: ctx.boss };
  await drain(run, workspaceId);
  const agent = await staffActor(ctx, sample.staff[1].email);
  if (!agent) return;
  const { rows: already } = await sql<{ n: number }>`
    select count(*)::int as n from cases where workspace_id = ${workspaceId} and subject like 'Again: %'`.execute(
    ctx.db,
  );
  if ((already[0]?.n ?? 0) > 0) return;
  // The most recently solved case of up to four customers, each still a customer of ours.
  const { rows: recent } = await sql<{ customer_id: string; subject: string }>`
    select distinct on (c.customer_id) c.customer_id, c.subject from cases c
      join customers cu on cu.id = c.customer_id and cu.merged_into is null
     where c.workspace_id = ${workspaceId} and c.status in ('solved', 'closed') and c.merged_into_case_id is null
     order by c.customer_id, c.updated_at desc
     limit 40`.execute(ctx.db);
  const picked = recent.sort((a, b) => a.customer_id.localeCompare(b.customer_id)).slice(0, 4);
  const lines = [
    "Sorry to bother you again, but this is still not working.",
    "I feel like I'm bugging you, the same problem is back.",
  ];
  for (const r of picked) {
    for (const [i, line] of lines.entries()) {
      await createCase(ctx, agent, {
        customerId: r.customer_id,
        subject: `Again: ${r.subject}`.slice(0, 200),
        message: `${line} ${r.subject}.`,
        channel: "email",
      });
      // Each comes back after the one before was seen: detection reads them in order.
      if (i === 0) await drain(run, workspaceId);
    }
  }
  await drain(run, workspaceId);
}

async function drain(ctx: Parameters<typeof sweepRepeats>[0], workspaceId: string) {
  // Bounded: each batch takes up to 200 queued changes; the demo writes a few thousand.
  for (let i = 0; i < 100; i++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from repeat_queue where workspace_id = ${workspaceId}`.execute(ctx.db);
    if ((rows[0]?.n ?? 0) === 0) return;
    await sweepRepeats(ctx, { workspaceId });
  }
}
