import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw } from "../../../test/mail.ts";
import { sweepSla } from "./sweep.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let lead: TestClient;
let agentId: string;
let leadId: string;
let teamId: string;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  const a = await staffClient(server, "agent");
  const l = await staffClient(server, "agent");
  agent = a.client;
  lead = l.client;
  const members = (await admin.get("/api/v1/members?limit=100")).body.items as Array<{
    id: string;
    email: string;
  }>;
  agentId = members.find((m) => m.email === a.email)?.id ?? "";
  leadId = members.find((m) => m.email === l.email)?.id ?? "";
  const teams = await admin.post("/api/v1/teams", { name: "Berlin desk", memberIds: [agentId, leadId] });
  assert.equal(teams.status, 201, JSON.stringify(teams.body));
  teamId = teams.body.items.find((t: { name: string }) => t.name === "Berlin desk").id;
  // Leads are set by the people part's screens; the SLA only reads the flag.
  await q("update team_members set is_lead = true where membership_id = $1", [leadId]);
  // Urgent cases: 2 business hours to the first reply, in the team's hours.
  const urgent = await admin.post("/api/v1/sla-policies", {
    name: "Urgent",
    position: 0,
    conditions: { priority: "urgent" },
    targets: { firstReplyMinutes: 120 },
  });
  assert.equal(urgent.status, 201, JSON.stringify(urgent.body));
  // Everything else: around the clock, 1 h first reply, 30 min next reply, 10 h resolution.
  const normal = await admin.post("/api/v1/sla-policies", {
    name: "Standard",
    position: 1,
    targets: { firstReplyMinutes: 60, nextReplyMinutes: 30, resolutionMinutes: 600 },
    calendar: "always",
  });
  assert.equal(normal.status, 201, JSON.stringify(normal.body));
});
after(() => server.close());

const berlinWeek = [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" }));
const minutesBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;

async function staffCase(priority: string, extra: Record<string, unknown> = {}) {
  const cu = await admin.post("/api/v1/customers", { name: "Jonas Weber" });
  const res = await admin.post("/api/v1/cases", {
    customerId: cu.body.id,
    subject: "No sound",
    message: "Silent.",
    priority,
    ...extra,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

describe("business hours", () => {
  test("bad zones, periods and follow-the-sun loops are refused naming the field; agents may not change hours", async () => {
    const bad = [
      [{ timezone: "Mars/Olympus" }, "timezone"],
      [{ periods: [{ day: 1, start: "17:00", end: "09:00" }] }, "periods.0.end"],
      [{ periods: [{ day: 1, start: "9am", end: "17:00" }] }, "periods.0.start"],
      [
        {
          periods: [
            { day: 1, start: "09:00", end: "12:00" },
            { day: 1, start: "11:00", end: "15:00" },
          ],
        },
        "periods.1.start",
      ],
      [{ holidays: ["2026-13-40"] }, "holidays.0"],
    ] as const;
    for (const [patch, field] of bad) {
      const res = await admin.post("/api/v1/business-hours", {
        name: "Bad",
        timezone: "Europe/Berlin",
        periods: berlinWeek,
        holidays: [],
        ...patch,
      });
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.field, field);
    }
    const denied = await agent.post("/api/v1/business-hours", {
      name: "Mine",
      timezone: "Europe/Berlin",
      periods: berlinWeek,
    });
    assert.equal(denied.status, 403);
    const deniedPolicy = await agent.post("/api/v1/sla-policies", {
      name: "Mine",
      targets: { firstReplyMinutes: 5 },
    });
    assert.equal(deniedPolicy.status, 403);

    // Two calendars chained both ways would loop: the second link is refused.
    const la = await admin.post("/api/v1/business-hours", {
      name: "Los Angeles",
      timezone: "America/Los_Angeles",
      periods: berlinWeek,
      holidays: [],
    });
    assert.equal(la.status, 201, JSON.stringify(la.body));
    const berlin = await admin.post("/api/v1/business-hours", {
      name: "Berlin",
      teamId,
      timezone: "Europe/Berlin",
      periods: berlinWeek,
      holidays: [],
      followOnId: la.body.id,
    });
    assert.equal(berlin.status, 201, JSON.stringify(berlin.body));
    const loop = await admin.put(`/api/v1/business-hours/${la.body.id}`, {
      name: "Los Angeles",
      timezone: "America/Los_Angeles",
      periods: berlinWeek,
      followOnId: berlin.body.id,
    });
    assert.equal(loop.status, 400);
    assert.equal(loop.body.error.field, "followOnId");
    const second = await admin.post("/api/v1/business-hours", {
      name: "Again",
      teamId,
      timezone: "UTC",
      periods: [],
    });
    assert.equal(second.status, 409);
    const list = await agent.get("/api/v1/business-hours");
    assert.deepEqual(list.body.items.map((c: { name: string }) => c.name).sort(), ["Berlin", "Los Angeles"]);
  });

  test("dues count business time across a DST change and a holiday, and follow an hours change", async () => {
    const c = await staffCase("urgent", { teamId });
    const berlin = (await admin.get("/api/v1/business-hours")).body.items.find(
      (x: { name: string }) => x.name === "Berlin",
    );
    // Friday 27 March 2026, 16:00 in Berlin (CET): one hour left that day.
    await q("update cases set created_at = '2026-03-27T15:00:00Z' where id = $1", [c.id]);
    // Easter Monday off; the clocks go forward on Sunday 29 March.
    const put = await admin.put(`/api/v1/business-hours/${berlin.id}`, {
      name: "Berlin",
      teamId,
      timezone: "Europe/Berlin",
      periods: berlinWeek,
      holidays: ["2026-04-06", "2026-03-30"],
      followOnId: berlin.followOnId,
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.holidays, ["2026-03-30", "2026-04-06"]);
    const read = await agent.get(`/api/v1/cases/${c.id}`);
    // The second hour falls on Tuesday 31 March, 09:00-10:00 CEST (UTC+2).
    assert.equal(read.body.sla.firstReplyDueAt, "2026-03-31T08:00:00.000Z");
    assert.equal(read.body.sla.state, "breached", "long past");
  });
});

describe("case clocks", () => {
  test("a new case gets its policy's dues; the first staff reply meets the first-reply target", async () => {
    const c = await staffCase("normal");
    assert.ok(c.sla, "the created case carries its SLA");
    assert.equal(c.sla.state, "ok");
    assert.equal(minutesBetween(c.createdAt, c.sla.firstReplyDueAt), 60);
    assert.equal(minutesBetween(c.createdAt, c.sla.resolutionDueAt), 600);
    const reply = await agent.post(`/api/v1/cases/${c.id}/messages`, { body: "Looking into it." });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const after = (await agent.get(`/api/v1/cases/${c.id}`)).body;
    assert.equal(after.sla.firstReplyDueAt, null, "answered");
    assert.equal(after.sla.nextReplyDueAt, null);
  });

  test("each customer message after a reply starts the next-reply clock, which the next reply stops", async () => {
    const { client: customer } = await customerClient(server);
    const opened = await customer.post("/api/v1/cases", { subject: "Pairing", message: "It will not pair." });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const id = opened.body.id;
    await agent.post(`/api/v1/cases/${id}/messages`, { body: "Hold the button for 5 s." });
    const before = Date.now();
    const again = await customer.post(`/api/v1/cases/${id}/messages`, { body: "Still nothing." });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    const running = (await agent.get(`/api/v1/cases/${id}`)).body.sla;
    const left = (Date.parse(running.nextReplyDueAt) - before) / 60_000;
    assert.ok(left > 29 && left <= 30.1, `next reply due in 30 minutes, got ${left}`);
    await agent.post(`/api/v1/cases/${id}/messages`, { body: "Try a reset." });
    assert.equal((await agent.get(`/api/v1/cases/${id}`)).body.sla.nextReplyDueAt, null);
  });

  test("waiting on the customer pauses the clocks; resuming pushes the dues out by the paused time", async () => {
    const c = await staffCase("normal");
    const pending = await agent.patch(`/api/v1/cases/${c.id}`, { status: "pending" });
    assert.equal(pending.status, 200, JSON.stringify(pending.body));
    const paused = (await agent.get(`/api/v1/cases/${c.id}`)).body.sla;
    assert.equal(paused.state, "paused");
    assert.ok(paused.pausedAt);
    // Forty minutes pass while the customer is away.
    await q("update cases set sla_paused_at = sla_paused_at - interval '40 minutes' where id = $1", [c.id]);
    await agent.patch(`/api/v1/cases/${c.id}`, { status: "open" });
    const resumed = (await agent.get(`/api/v1/cases/${c.id}`)).body.sla;
    assert.equal(resumed.pausedAt, null);
    assert.equal(resumed.state, "ok");
    assert.equal(minutesBetween(c.sla.firstReplyDueAt, resumed.firstReplyDueAt), 40);
    assert.equal(minutesBetween(c.sla.resolutionDueAt, resumed.resolutionDueAt), 40);
  });
});

describe("breaches", () => {
  test("the sweep marks a breach once, tells the assignee and the team lead once, and calls the webhook", async () => {
    const hook = await admin.post("/api/v1/webhooks", {
      url: "https://hooks.example.com/sla",
      events: ["sla.breached"],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    const c = await staffCase("normal", { teamId, assigneeId: agentId });
    const ctx = server.runtime.ctx;
    const soon = new Date(Date.now() + 50 * 60_000);
    await sweepSla(ctx, soon);
    const warned = (await agent.get(`/api/v1/cases/${c.id}`)).body.sla;
    assert.equal(warned.state, "warning", "80 % of the hour is used");
    const late = new Date(Date.now() + 61 * 60_000);
    await sweepSla(ctx, late);
    await sweepSla(ctx, new Date(late.getTime() + 60_000));
    const read = (await agent.get(`/api/v1/cases/${c.id}`)).body.sla;
    assert.equal(read.state, "breached");
    assert.equal(read.breachedAt, late.toISOString());
    const mine = (await agent.get("/api/v1/sla/notifications")).body.items.filter(
      (n: { caseId: string }) => n.caseId === c.id,
    );
    assert.deepEqual(mine.map((n: { kind: string }) => n.kind).sort(), ["breached", "warning"]);
    const leads = (await lead.get("/api/v1/sla/notifications")).body.items.filter(
      (n: { caseId: string }) => n.caseId === c.id,
    );
    assert.deepEqual(leads.map((n: { kind: string }) => n.kind).sort(), ["breached", "warning"]);
    const deliveries = await q(
      "select body from webhook_deliveries where endpoint_id = $1 and event_type = 'sla.breached'",
      [hook.body.id],
    );
    const forCase = deliveries.rows.filter((r) => JSON.parse(r.body).data.case.id === c.id);
    assert.equal(forCase.length, 1);
    assert.deepEqual(
      JSON.parse(forCase[0].body).data.targets.map((t: { target: string }) => t.target),
      ["first_reply"],
    );

    // The simulated sweep ran an hour ahead, so the window reaches into the future.
    const report = await agent.get("/api/v1/reports/sla?from=2026-01-01&to=2099-01-01");
    assert.equal(report.status, 200, JSON.stringify(report.body));
    const team = report.body.teams.find((t: { teamId: string }) => t.teamId === teamId);
    assert.ok(team.firstReply.breached >= 1);
    const bad = await agent.get("/api/v1/reports/sla?from=yesterday");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "from");
  });
});

describe("#18 gaps: notices per due, problems pause", () => {
  test("a breach is found while another transaction writes a row that points at the case", async () => {
    const c = await staffCase("normal", { teamId, assigneeId: agentId });
    const ctx = server.runtime.ctx;
    // The lock a foreign key takes on the case while a row pointing at it is written (a
    // message, a metric, a timeline event): the sweep must not take it for another sweep's.
    const writer = await ctx.pool.connect();
    try {
      await writer.query("begin");
      await writer.query("select 1 from cases where id = $1 for key share", [c.id]);
      const swept = await sweepSla(ctx, new Date(Date.now() + 61 * 60_000));
      assert.ok(swept.breached >= 1);
    } finally {
      await writer.query("rollback");
      writer.release();
    }
    assert.equal((await agent.get(`/api/v1/cases/${c.id}`)).body.sla.state, "breached");
  });

  test("a next-reply breach after a first-reply breach tells the assignee and the lead again, once", async () => {
    const { client: customer } = await customerClient(server);
    const opened = await customer.post("/api/v1/cases", { subject: "Crackling", message: "It crackles." });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const c = opened.body;
    const routed = await admin.patch(`/api/v1/cases/${c.id}`, { teamId, assigneeId: agentId });
    assert.equal(routed.status, 200, JSON.stringify(routed.body));
    const ctx = server.runtime.ctx;
    await sweepSla(ctx, new Date(Date.now() + 61 * 60_000));
    await agent.post(`/api/v1/cases/${c.id}/messages`, { body: "Sorry for the wait: try a reset." });
    // The customer answers: the 30-minute next-reply clock starts.
    const again = await customer.post(`/api/v1/cases/${c.id}/messages`, { body: "Still crackling." });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    const due = (await agent.get(`/api/v1/cases/${c.id}`)).body.sla.nextReplyDueAt;
    assert.ok(due, "the next-reply clock runs");
    const afterDue = new Date(Date.parse(due) + 60_000);
    await sweepSla(ctx, afterDue);
    await sweepSla(ctx, new Date(afterDue.getTime() + 60_000));
    for (const who of [agent, lead]) {
      const mine = (await who.get("/api/v1/sla/notifications")).body.items.filter(
        (n: { caseId: string; kind: string }) => n.caseId === c.id && n.kind === "breached",
      );
      assert.equal(mine.length, 2, "one notice for the first reply, one for the next reply");
    }
    const outcomes = await q(
      "select target from sla_outcomes where case_id = $1 and outcome = 'breached' order by target",
      [c.id],
    );
    assert.deepEqual(
      outcomes.rows.map((r) => r.target),
      ["first_reply", "next_reply"],
    );
  });

  test("a case linked to an open problem pauses its clocks; closing the problem pushes the dues out", async () => {
    const c = await staffCase("normal");
    const problem = await admin.post("/api/v1/problems", {
      title: "Pairing fails after 12.1",
      description: "Speakers do not pair.",
      affectedProducts: [],
    });
    assert.equal(problem.status, 201, JSON.stringify(problem.body));
    const linked = await admin.post(`/api/v1/problems/${problem.body.id}/cases`, { caseIds: [c.id] });
    assert.ok(linked.status < 300, JSON.stringify(linked.body));
    const paused = (await agent.get(`/api/v1/cases/${c.id}`)).body;
    assert.equal(paused.status, "new", "linking alone does not change the status");
    assert.equal(paused.sla.state, "paused");
    // Twenty-five minutes pass while engineering works on the problem.
    await q("update cases set sla_paused_at = sla_paused_at - interval '25 minutes' where id = $1", [c.id]);
    const closed = await admin.patch(`/api/v1/problems/${problem.body.id}`, { status: "closed" });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const resumed = (await agent.get(`/api/v1/cases/${c.id}`)).body.sla;
    assert.equal(resumed.pausedAt, null);
    assert.equal(minutesBetween(c.sla.firstReplyDueAt, resumed.firstReplyDueAt), 25);
    assert.equal(minutesBetween(c.sla.resolutionDueAt, resumed.resolutionDueAt), 25);
  });
});

test("the inbox's most-urgent-first list puts the nearest due time first and cases without an SLA last", async () => {
  const cu = await admin.post("/api/v1/customers", { name: "Urgency Order" });
  const ids: string[] = [];
  for (const subject of ["later", "sooner", "none"]) {
    const r = await admin.post("/api/v1/cases", { customerId: cu.body.id, subject, message: "m" });
    ids.push(r.body.id);
  }
  const [later, sooner, none] = ids;
  await q("update cases set sla_first_reply_due_at = now() + interval '3 hours' where id = $1", [later]);
  await q("update cases set sla_first_reply_due_at = now() + interval '10 minutes' where id = $1", [sooner]);
  await q(
    "update cases set sla_first_reply_due_at = null, sla_next_reply_due_at = null, sla_resolution_due_at = null where id = $1",
    [none],
  );
  const list = await admin.get(`/api/v1/cases?customer=${cu.body.id}&sort=urgency`);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.deepEqual(
    list.body.items.map((c: { id: string }) => c.id),
    [sooner, later, none],
  );
  assert.equal(list.body.nextCursor, null);
  // The inbox's search box and the urgency order together.
  const searched = await admin.get(`/api/v1/cases?q=${encodeURIComponent("sooner")}&sort=urgency&status=all`);
  assert.equal(searched.body.items[0]?.id, sooner);
  assert.equal((await admin.get("/api/v1/cases?sort=soonest")).status, 400);
});

describe("emailed cases", () => {
  test("a case opened by email gets the SLA's dues like any other new case", async () => {
    const subject = `Speaker silent ${Date.now()}`;
    await sendRaw(
      server.runtime.ctx.config.smtpPort,
      `From: Ines Braun <ines.sla@example.com>\r\nTo: support@localhost\r\nSubject: ${subject}\r\nMessage-ID: <sla-${Date.now()}@example.com>\r\n\r\nNo sound since yesterday.\r\n`,
    );
    const c = await eventually(async () =>
      (await admin.get("/api/v1/cases?status=all&limit=100")).body.items.find(
        (x: { subject: string }) => x.subject === subject,
      ),
    );
    const read = (await admin.get(`/api/v1/cases/${c.id}`)).body;
    assert.ok(read.sla, "the emailed case has an SLA");
    assert.equal(minutesBetween(read.createdAt, read.sla.firstReplyDueAt), 60);
  });
});

describe("dues written by the case's own insert (sla/on-create.ts)", () => {
  test("the first policy whose priority, organization and plan hold applies, as later recomputation agrees", async () => {
    const gold = await admin.post("/api/v1/sla-policies", {
      name: "Gold plan at Acme",
      position: 0,
      conditions: { organization: "Acme GmbH", plan: "Gold" },
      targets: { firstReplyMinutes: 15, resolutionMinutes: 240 },
      calendar: "always",
    });
    assert.equal(gold.status, 201, JSON.stringify(gold.body));
    try {
      // Spelled with other case and spaces than the policy: matching ignores both.
      const acme = await admin.post("/api/v1/customers", { name: "Lena Acme", organization: " acme gmbh " });
      await admin.post(`/api/v1/customers/${acme.body.id}/facts`, { key: "plan", value: "gold " });
      const other = await admin.post("/api/v1/customers", { name: "Lena Other", organization: "Acme GmbH" });
      const open = async (customerId: string) => {
        const res = await admin.post("/api/v1/cases", { customerId, subject: "Noise", message: "Hiss." });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body;
      };
      const goldCase = await open(acme.body.id);
      assert.equal(goldCase.sla.policyId, gold.body.id, "organization and plan both hold");
      assert.equal(minutesBetween(goldCase.createdAt, goldCase.sla.firstReplyDueAt), 15);
      // No plan fact: the Gold policy does not hold, the standard one (1 h) applies.
      const plain = await open(other.body.id);
      assert.notEqual(plain.sla.policyId, gold.body.id);
      assert.equal(minutesBetween(plain.createdAt, plain.sla.firstReplyDueAt), 60);
      // A change recomputes from the case's creation with matchPolicy: the same policy and dues.
      const patched = await admin.patch(`/api/v1/cases/${goldCase.id}`, { status: "open" });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      const again = (await admin.get(`/api/v1/cases/${goldCase.id}`)).body;
      assert.equal(again.sla.policyId, gold.body.id);
      assert.equal(again.sla.firstReplyDueAt, goldCase.sla.firstReplyDueAt);
      assert.equal(again.sla.resolutionDueAt, goldCase.sla.resolutionDueAt);
    } finally {
      await admin.delete(`/api/v1/sla-policies/${gold.body.id}`);
    }
    // The deleted policy is forgotten at once: the next case gets the standard one.
    const after = await staffCase("normal");
    assert.notEqual(after.sla.policyId, gold.body.id);
    assert.equal(minutesBetween(after.createdAt, after.sla.firstReplyDueAt), 60);
  });
});
