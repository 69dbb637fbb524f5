import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { createCase, updateCase } from "../cases/cases.service.ts";
import { addMessage, addMessageInTx } from "../cases/conversation.service.ts";
import { findIdentityOwner } from "../customers/customers.repo.ts";
import { createCustomer, recordFact } from "../customers/customers.service.ts";
import { refreshMetrics } from "../reports/refresh.ts";
import { ensureDemoTeams } from "./demo-teams.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files" | "boss">;

/**
 * Six months of support history for the demo (issue #19), so the reports, surveys, repeat
 * contacts and retention dashboards show real shapes: ~300 cases from 40 customers in six time
 * zones, across both desks, five channels and a handful of tags; most answered within the
 * desk's hours, some overnight; most solved in one touch, some after a back-and-forth, a few
 * reopened, and the last fortnight's still partly open (the backlog).
 *
 * Written through the case services (so timelines, SLA and webhooks behave as for a person),
 * then each case's times are moved onto its planned schedule, as demo-clock.ts does. A seeded
 * random source makes every load the same history. Runs again harmlessly: when its first
 * customer exists, nothing is written.
 */

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const DAYS = 182;
const ZONES = [
  { zone: "Europe/Berlin", desk: "berlin", utc: 1 },
  { zone: "Europe/London", desk: "berlin", utc: 0 },
  { zone: "Asia/Tokyo", desk: "berlin", utc: 9 },
  { zone: "America/New_York", desk: "losAngeles", utc: -5 },
  { zone: "America/Los_Angeles", desk: "losAngeles", utc: -8 },
  { zone: "Australia/Sydney", desk: "losAngeles", utc: 10 },
] as const;
const FIRST = ["Ines", "Tomas", "Yuki", "Aisha", "Liam", "Sofia", "Kenji", "Olga", "Ravi", "Chloe"];
const LAST = ["Moreau", "Novak", "Sato", "Bello"];
const CHANNELS = [
  ["email", 50],
  ["web", 20],
  ["chat", 15],
  ["phone", 10],
  ["social", 5],
] as const;
const TOPICS = [
  { subject: "Speaker will not join the Wi-Fi", tags: ["wifi", "setup"] },
  { subject: "Charged twice for my Care Plus plan", tags: ["billing"] },
  { subject: "Error 1013 during update", tags: ["update", "error-1013"] },
  { subject: "Return a damaged Beam", tags: ["returns"] },
  { subject: "Sub drops out after an hour", tags: ["hardware"] },
  { subject: "NetHub keeps rebooting", tags: ["wifi", "hardware"] },
  { subject: "How do I group two rooms?", tags: ["setup"] },
  { subject: "Invoice address is wrong", tags: ["billing"] },
] as const;

/** mulberry32: a small seeded generator, so the history is the same on every machine. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Plan = {
  customer: number;
  opened: Date;
  channel: string;
  desk: "berlin" | "losAngeles";
  topic: (typeof TOPICS)[number];
  /** Steps after the opening message, in order, each at its own time. */
  steps: Array<{ at: Date; kind: "reply" | "customer" | "solve" | "reopen" }>;
};

/** The whole six months, planned up front from the seed (no database needed). */
export function planHistory(now: Date, customers: number): Plan[] {
  const rnd = seeded(19);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const weighted = () => {
    let r = rnd() * 100;
    for (const [c, w] of CHANNELS) {
      r -= w;
      if (r < 0) return c;
    }
    return "email";
  };
  // A reply after a realistic wait: minutes in the day, overnight now and then.
  const wait = () =>
    (rnd() < 0.7 ? 5 + rnd() * 180 : rnd() < 0.8 ? 240 + rnd() * 600 : 900 + rnd() * 1500) * MIN;
  const plans: Plan[] = [];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (let daysAgo = DAYS; daysAgo >= 1; daysAgo--) {
    const weekday = new Date(today - daysAgo * DAY).getUTCDay();
    // Busier on weekdays, and a little busier as the product grew.
    const base = weekday === 0 || weekday === 6 ? 0.6 : 1.6 + (DAYS - daysAgo) / DAYS;
    const count = Math.floor(base + rnd());
    for (let i = 0; i < count; i++) {
      const customer = Math.floor(rnd() * customers);
      const where = ZONES[customer % ZONES.length] as (typeof ZONES)[number];
      // Written in the customer's daytime (08:00–21:00 their time).
      const localHour = 8 + rnd() * 13;
      const opened = new Date(today - daysAgo * DAY + (localHour - where.utc) * 60 * MIN);
      const steps: Plan["steps"] = [];
      let at = opened.getTime() + wait();
      const push = (kind: Plan["steps"][number]["kind"], gap: number) => {
        at += gap;
        steps.push({ at: new Date(at), kind });
      };
      push("reply", 0);
      const story = rnd();
      if (story > 0.68) {
        push("customer", 20 * MIN + rnd() * 600 * MIN);
        push("reply", wait());
      }
      const stillOpen = daysAgo <= 14 && rnd() < 0.45;
      if (!stillOpen) {
        push("solve", 10 * MIN + rnd() * 1800 * MIN);
        if (story > 0.92) {
          push("reopen", DAY * (0.5 + rnd() * 4));
          push("reply", wait());
          push("solve", 30 * MIN + rnd() * 600 * MIN);
        }
      }
      // Never in the future: the last day's cases stop where "now" is.
      const kept = steps.filter((s) => s.at.getTime() < now.getTime() - MIN);
      plans.push({
        customer,
        opened,
        channel: weighted(),
        desk: where.desk,
        topic: pick(TOPICS),
        steps: kept,
      });
    }
  }
  return plans;
}

const personName = (i: number) =>
  `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
const personEmail = (i: number) => `${personName(i).toLowerCase().replace(" ", ".")}.${i}@example.net`;

export async function loadHistoryDemo(ctx: Ctx, workspaceId: string, now = new Date()): Promise<void> {
  const scope = new TenantScope(ctx.db, workspaceId);
  if (await findIdentityOwner(scope, "email", personEmail(0))) return;
  const admin = await staffActor(ctx, sample.staff[0].email);
  const dana = await staffActor(ctx, sample.staff[1].email);
  const marco = await staffActor(ctx, sample.staff[2].email);
  if (!admin || !dana || !marco) return;
  const teams = await ensureDemoTeams(ctx, admin, { dana, marco });
  const PEOPLE = FIRST.length * LAST.length;
  const customerIds: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const c = await createCustomer(ctx, admin, {
      name: personName(i),
      organization: null,
      emails: [personEmail(i)],
      phones: [],
      accounts: [],
    });
    await recordFact(ctx, admin, workspaceId, c.id, {
      key: "timezone",
      value: ZONES[i % ZONES.length]?.zone,
    });
    customerIds.push(c.id);
  }
  for (const [n, plan] of planHistory(now, PEOPLE).entries()) {
    // Marco covers Europe's evening: every fifth Berlin case is his.
    const agent: Actor = plan.desk === "losAngeles" || n % 5 === 0 ? marco : dana;
    const customerId = customerIds[plan.customer] as string;
    const c = await createCase(ctx, admin, {
      customerId,
      subject: plan.topic.subject,
      message: `${plan.topic.subject}. Can you help?`,
      channel: plan.channel as "email",
      tags: [...plan.topic.tags],
      teamId: teams[plan.desk],
      assigneeId: agent.membershipId,
    });
    for (const step of plan.steps) {
      if (step.kind === "reply")
        await addMessage(ctx, agent, c.id, { body: "Thanks for the details — here is what to do next." });
      else if (step.kind === "customer")
        await inTransaction(ctx.db, (tx) =>
          addMessageInTx(new TenantScope(tx, workspaceId), {
            caseId: c.id,
            customerId,
            kind: "customer",
            authorUserId: null,
            authorName: personName(plan.customer),
            body: "That did not quite work. Any other idea?",
            channel: plan.channel,
            attachments: [],
            doer: { userId: null, name: personName(plan.customer) },
          }),
        );
      else await updateCase(ctx, agent, c.id, { status: step.kind === "solve" ? "solved" : "open" });
    }
    await placeCase(ctx, c.id, plan);
  }
  await refreshMetrics(ctx, { workspaceId, maxCases: 100_000 });
}

/**
 * Moves one case onto its plan: creation, each message (in order) and each status change
 * (the first reply's new → open with that reply; the rest in order), every other timeline
 * event to its message or to the opening.
 */
async function placeCase(ctx: Ctx, caseId: string, plan: Plan) {
  const msgTimes = [
    plan.opened,
    ...plan.steps.filter((s) => s.kind === "reply" || s.kind === "customer").map((s) => s.at),
  ];
  const statusTimes = plan.steps.filter((s) => s.kind === "solve" || s.kind === "reopen").map((s) => s.at);
  const firstReply = plan.steps.find((s) => s.kind === "reply")?.at ?? null;
  const last = [plan.opened, ...plan.steps.map((s) => s.at)].at(-1) as Date;
  await inTransaction(ctx.db, async (tx) => {
    const msgs = await sql<{
      id: string;
    }>`select id from messages where case_id = ${caseId} order by created_at, id`.execute(tx);
    const at = new Map<string, Date>();
    for (const [i, m] of msgs.rows.entries()) {
      const t = msgTimes[i] ?? last;
      at.set(m.id, t);
      await sql`update messages set created_at = ${t} where id = ${m.id}`.execute(tx);
    }
    const events = await sql<{ id: string; kind: string; data: { messageId?: string; from?: string } }>`
      select id, kind, data from timeline_events where case_id = ${caseId} order by occurred_at, id`.execute(
      tx,
    );
    let s = 0;
    for (const e of events.rows) {
      let t: Date = plan.opened;
      if (e.kind === "message.added" && e.data.messageId) t = at.get(e.data.messageId) ?? plan.opened;
      else if (e.kind === "case.status_changed")
        t = e.data.from === "new" ? (firstReply ?? plan.opened) : (statusTimes[s++] ?? last);
      await sql`update timeline_events set occurred_at = ${t} where id = ${e.id}`.execute(tx);
    }
    await sql`update cases set created_at = ${plan.opened}, updated_at = ${last}, last_activity_at = ${last},
                first_replied_at = ${firstReply}, waiting_since = case when status in ('solved', 'closed') then null else waiting_since end
              where id = ${caseId}`.execute(tx);
  });
}
