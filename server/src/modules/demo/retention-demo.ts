import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { LifecycleEventKind } from "../../../../contracts/lifecycle.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { addMessage } from "../cases/conversation.service.ts";
import { recordLifecycleInTx } from "../retention/lifecycle.service.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "files"> & Partial<Pick<AppContext, "config">>;
const DAY = 86_400_000;
const PLANS = [19, 49, 99, 249];
const MAX_CUSTOMERS = 400;

/** A stable number in [0, 1) from a customer id and a purpose: the same demo every time. */
const roll = (id: string, what: string) =>
  createHash("sha256").update(`${id}:${what}`).digest().readUInt32BE(0) / 2 ** 32;

/**
 * Six months and more of billing history for the demo's customers (retention, issue #19):
 * each subscribed 7–12 months ago, renews quarterly, some upgrade or downgrade, and some churn
 * in the last six months, more often after repeat contacts or a negative survey (read from the
 * shared tables the surveys and repeats demos filled), so the dashboard shows a real shape.
 * Trained customers come from the academy demo (academy-demo.ts), and a few solved cases
 * carry offers, accepted, ignored or waiting. Runs after the history; a second run changes
 * nothing (the events carry external ids, and a loaded workspace is left as it is).
 */
export async function loadRetentionDemo(ctx: Ctx, workspaceId: string, now = new Date()): Promise<void> {
  const scope = new TenantScope(ctx.db, workspaceId);
  const loaded = await scope
    .selectFrom("customer_lifecycle_events")
    .select("id")
    .where("external_id", "like", "demo-%")
    .executeTakeFirst();
  if (loaded) return;
  const customers = await scope
    .selectFrom("customers")
    .select(["id", "name"])
    .where("merged_into", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .limit(MAX_CUSTOMERS)
    .execute();
  if (customers.length === 0) return;
  const risky = await sql<{ customer_id: string }>`
    select customer_id from repeat_contacts where workspace_id = ${workspaceId}
    union select customer_id from survey_responses where workspace_id = ${workspaceId} and sentiment = 'negative'`.execute(
    ctx.db,
  );
  const atRisk = new Set(risky.rows.map((r) => r.customer_id));

  await inTransaction(ctx.db, async (tx) => {
    const s = new TenantScope(tx, workspaceId);
    for (const c of customers) {
      const events = historyOf(c.id, atRisk.has(c.id), now);
      for (const [i, e] of events.entries()) {
        await recordLifecycleInTx(
          s,
          undefined,
          { customerId: c.id, customerName: c.name, ...e, externalId: `demo-${c.id}-${i}` },
          { userId: null, name: "Billing (demo)" },
        );
      }
    }
    // The timeline shows each fact at its own date, not at the minute the demo loaded.
    await sql`
      update timeline_events set occurred_at = (data->>'at')::timestamptz
       where workspace_id = ${workspaceId} and kind = 'customer.lifecycle'`.execute(tx);
  });

  const agent = await staffActor(ctx as AppContext, sample.staff[1].email);
  if (!agent) return;
  await demoOffers(ctx, scope, agent, now);
}

type Planned = { event: LifecycleEventKind; at: Date; value: number | null };

function historyOf(id: string, risky: boolean, now: Date): Planned[] {
  const start = new Date(now.getTime() - (210 + Math.floor(roll(id, "start") * 150)) * DAY);
  let plan = Math.floor(roll(id, "plan") * PLANS.length);
  const out: Planned[] = [{ event: "subscribed", at: start, value: PLANS[plan] ?? 49 }];
  const churnChance = 0.1 + (risky ? 0.35 : 0);
  const churnAt =
    roll(id, "churn") < churnChance
      ? new Date(now.getTime() - Math.floor(roll(id, "when") * 175 + 5) * DAY)
      : null;
  for (let at = start.getTime() + 91 * DAY; at < now.getTime(); at += 91 * DAY) {
    if (churnAt && at >= churnAt.getTime()) break;
    const r = roll(id, `step-${at}`);
    if (r < 0.12 && plan < PLANS.length - 1) plan++;
    else if (r > 0.93 && plan > 0) plan--;
    const event: LifecycleEventKind = r < 0.12 ? "upgraded" : r > 0.93 ? "downgraded" : "renewed";
    out.push({ event, at: new Date(at), value: PLANS[plan] ?? 49 });
  }
  if (churnAt && churnAt > start) out.push({ event: "churned", at: churnAt, value: null });
  return out;
}

const OFFERS = [
  { title: "Pro plan: three months free", url: "https://shop.example.com/pro?ref=support" },
  { title: "Spare ear cushions, 20% off", url: "https://shop.example.com/cushions?ref=support" },
  { title: "Extended warranty", url: "https://shop.example.com/warranty?ref=support" },
];

/** Offers on a few solved cases, as an agent would send them; then their outcomes over time. */
async function demoOffers(
  ctx: Ctx,
  scope: TenantScope,
  agent: NonNullable<Awaited<ReturnType<typeof staffActor>>>,
  now: Date,
) {
  const solved = await scope
    .selectFrom("cases")
    .select(["id", "created_at"])
    .where("status", "=", "solved")
    .where("merged_into_case_id", "is", null)
    .orderBy("created_at", "desc")
    .limit(9)
    .execute();
  for (const [i, c] of solved.entries()) {
    const offer = OFFERS[i % OFFERS.length] as (typeof OFFERS)[number];
    const message = await addMessage(ctx, agent, c.id, {
      body: "Glad that is sorted. Since you asked about more, this might help:",
      offer,
    });
    // A third accepted, a third ignored (sent three weeks ago), a third still waiting.
    const outcome = i % 3;
    if (outcome === 0)
      await scope
        .updateTable("retention_offers")
        .set({ status: "accepted", accepted_at: new Date(now.getTime() - 2 * DAY) })
        .where("message_id", "=", message.id)
        .execute();
    if (outcome === 1)
      await scope
        .updateTable("retention_offers")
        .set({
          status: "ignored",
          created_at: new Date(now.getTime() - 21 * DAY),
          ignored_at: new Date(now.getTime() - 7 * DAY),
        })
        .where("message_id", "=", message.id)
        .execute();
  }
}
