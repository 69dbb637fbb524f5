import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { closeSharedEmbedder } from "../../platform/text/use-embedder.ts";
import { sweepRepeats } from "./sweep.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let agentId: string;
let teamId: string;
let workspaceId: string;
const DAY = 86_400_000;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
const sweep = (opts: { stale?: boolean; now?: Date } = {}) => sweepRepeats(server.runtime.ctx, opts);

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
  const a = await staffClient(server, "agent");
  agent = a.client;
  const members = (await admin.get("/api/v1/members?limit=100")).body.items as Array<{
    id: string;
    email: string;
  }>;
  agentId = members.find((m) => m.email === a.email)?.id ?? "";
  const teams = await admin.post("/api/v1/teams", { name: "Audio desk", memberIds: [agentId] });
  assert.equal(teams.status, 201, JSON.stringify(teams.body));
  teamId = teams.body.items.find((t: { name: string }) => t.name === "Audio desk").id;
});
after(async () => {
  await closeSharedEmbedder();
  await server.close();
});

async function customer(name: string): Promise<string> {
  const res = await admin.post("/api/v1/customers", { name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

async function openCase(
  customerId: string,
  subject: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  const res = await admin.post("/api/v1/cases", { customerId, subject, message, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; number: number };
}

async function repeatOf(caseId: string) {
  const res = await admin.get(`/api/v1/cases/${caseId}/repeat`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.repeat as { previousCaseId: string; previousCaseNumber: number; reason: string } | null;
}

const HDMI = [
  "Soundbar has no sound over HDMI",
  "The soundbar stays silent when it is connected to my TV by HDMI ARC.",
];
const HDMI_AGAIN = [
  "No sound from the soundbar over HDMI ARC",
  "My soundbar is silent over HDMI ARC from the TV, no audio at all.",
];

describe("repeat-contact window setting", () => {
  test("defaults to 7 days; bad values are refused naming the field; agents may not change it", async () => {
    assert.deepEqual((await admin.get("/api/v1/retention/settings")).body, { repeatWindowDays: 7 });
    for (const body of [
      { repeatWindowDays: 0 },
      { repeatWindowDays: 91 },
      { repeatWindowDays: 2.5 },
      { repeatWindowDays: "7" },
    ]) {
      const res = await admin.patch("/api/v1/retention/settings", body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, "repeatWindowDays");
    }
    const unknown = await admin.patch("/api/v1/retention/settings", { repeatWindowDays: 7, windowDays: 3 });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, "windowDays");
    assert.equal((await agent.patch("/api/v1/retention/settings", { repeatWindowDays: 3 })).status, 403);
    const ok = await admin.patch("/api/v1/retention/settings", { repeatWindowDays: 10 });
    assert.equal(ok.status, 200);
    assert.deepEqual((await admin.get("/api/v1/retention/settings")).body, { repeatWindowDays: 10 });
    await admin.patch("/api/v1/retention/settings", { repeatWindowDays: 7 });
  });
});

describe("repeat detection", () => {
  test("the same issue in other words within the window is a repeat of the earlier case, marked on the case", async () => {
    const cu = await customer("Mara Lind");
    const first = await openCase(cu, HDMI[0] as string, HDMI[1] as string, { assigneeId: agentId, teamId });
    const again = await openCase(cu, HDMI_AGAIN[0] as string, HDMI_AGAIN[1] as string, { tags: ["audio"] });
    await sweep();
    const repeat = await repeatOf(again.id);
    assert.ok(repeat, "the second case is a repeat contact");
    assert.equal(repeat.previousCaseId, first.id);
    assert.equal(repeat.previousCaseNumber, first.number);
    assert.ok(["similar", "signature"].includes(repeat.reason), repeat.reason);
    assert.equal(await repeatOf(first.id), null, "the first contact is not a repeat");
    // Counted against the earlier case's agent and team.
    const { rows } = await q("select agent_id, team_id from repeat_contacts where case_id = $1", [again.id]);
    assert.deepEqual(rows[0], { agent_id: agentId, team_id: teamId });
    const timeline = await admin.get(`/api/v1/cases/${again.id}/timeline`);
    const event = timeline.body.items?.find((e: { kind: string }) => e.kind === "case.repeat_contact");
    assert.equal(event?.data.previousCaseNumber, first.number, JSON.stringify(timeline.body).slice(0, 500));
  });

  test("a different issue from the same customer is not a repeat", async () => {
    const cu = await customer("Tom Berg");
    await openCase(
      cu,
      "Wrong billing address on my invoice",
      "Please correct the street name on invoice 2291.",
    );
    const other = await openCase(
      cu,
      "Remote control battery cover broke",
      "The plastic cover of the remote snapped off.",
    );
    await sweep();
    assert.equal(await repeatOf(other.id), null);
  });

  test("the same issue outside the window is not counted", async () => {
    const cu = await customer("Ines Vogel");
    const old = await openCase(cu, HDMI[0] as string, HDMI[1] as string);
    await sweep();
    await q("update cases set created_at = now() - interval '12 days' where id = $1", [old.id]);
    const later = await openCase(cu, HDMI_AGAIN[0] as string, HDMI_AGAIN[1] as string);
    await sweep();
    assert.equal(await repeatOf(later.id), null);
  });

  test("a case linked to the same problem as an earlier one is a repeat by problem, whatever its words", async () => {
    const cu = await customer("Kai Sato");
    const first = await openCase(
      cu,
      "Firmware update fails at 80 %",
      "The update stops and shows an error.",
      { assigneeId: agentId },
    );
    const second = await openCase(
      cu,
      "Speaker keeps restarting",
      "Since yesterday it reboots every few minutes.",
    );
    const problem = await admin.post("/api/v1/problems", {
      title: "Firmware 12.5 boot loop",
      caseIds: [first.id, second.id],
    });
    assert.equal(problem.status, 201, JSON.stringify(problem.body));
    await sweep();
    const repeat = await repeatOf(second.id);
    assert.equal(repeat?.reason, "problem");
    assert.equal(repeat?.previousCaseId, first.id);
  });

  test("a solved case reopened within the window is a repeat of itself", async () => {
    const cu = await customer("Lea Roth");
    const c = await openCase(cu, "Bluetooth pairing drops", "It disconnects after a minute.", {
      assigneeId: agentId,
      teamId,
    });
    await sweep();
    assert.equal((await admin.patch(`/api/v1/cases/${c.id}`, { status: "solved" })).status, 200);
    assert.equal((await admin.patch(`/api/v1/cases/${c.id}`, { status: "open" })).status, 200);
    await sweep();
    const repeat = await repeatOf(c.id);
    assert.equal(repeat?.reason, "reopen");
    assert.equal(repeat?.previousCaseId, c.id);
  });

  test("counts per agent, team and topic; an unknown grouping is refused", async () => {
    const byAgent = await admin.get("/api/v1/reports/repeat-contacts?groupBy=agent");
    assert.equal(byAgent.status, 200, JSON.stringify(byAgent.body));
    const mine = byAgent.body.items.find((i: { key: string }) => i.key === agentId);
    // The HDMI repeat, the problem repeat and the reopen were all this agent's earlier cases.
    assert.equal(mine?.count, 3, JSON.stringify(byAgent.body));
    assert.equal(mine?.label, "Test agent");
    const byTeam = await admin.get("/api/v1/reports/repeat-contacts?groupBy=team");
    assert.equal(byTeam.body.items.find((i: { key: string }) => i.key === teamId)?.count, 2);
    const byTopic = await admin.get("/api/v1/reports/repeat-contacts?groupBy=topic");
    assert.equal(byTopic.body.items.find((i: { key: string }) => i.key === "audio")?.count, 1);
    assert.equal(byTopic.body.total, 3);
    const future = await admin.get(
      `/api/v1/reports/repeat-contacts?groupBy=agent&from=${new Date(Date.now() + DAY).toISOString()}&to=${new Date(Date.now() + 2 * DAY).toISOString()}`,
    );
    assert.equal(future.body.total, 0);
    const bad = await admin.get("/api/v1/reports/repeat-contacts?groupBy=customer");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "groupBy");
  });
});

async function risk(customerId: string) {
  const res = await admin.get(`/api/v1/customers/${customerId}/risk`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as {
    score: number;
    atRisk: boolean;
    reasons: Array<{ kind: string; summary: string; evidence: Array<{ text: string }> }>;
  };
}
const kinds = (r: { reasons: Array<{ kind: string }> }) => r.reasons.map((x) => x.kind).sort();

describe("at-risk signals", () => {
  test("several open cases at once", async () => {
    const cu = await customer("Otto Brandt");
    await openCase(cu, "Wall mount missing screws", "The box had no screws.");
    await openCase(cu, "Gift card not accepted", "Code GC-19 is rejected at checkout.");
    const r = await risk(cu);
    assert.deepEqual(kinds(r), ["open_cases"]);
    assert.equal(r.atRisk, false, "one mild signal alone is not at risk");
  });

  test("apologetic or resigned wording, with the sentence as evidence", async () => {
    const cu = await customer("Pia Hahn");
    await openCase(cu, "Subwoofer hum", "Sorry to bother you again. The subwoofer hums when idle.");
    const r = await risk(cu);
    const reason = r.reasons.find((x) => x.kind === "language");
    assert.ok(reason, JSON.stringify(r));
    assert.match(reason.evidence[0]?.text ?? "", /Sorry to bother you again/);
  });

  test("waiting beyond the SLA, and a negative survey", async () => {
    const cu = await customer("Rolf Kern");
    const c = await openCase(cu, "Replacement never shipped", "Where is my replacement unit?");
    await q("update cases set status = 'open', sla_breached_at = now() - interval '1 hour' where id = $1", [
      c.id,
    ]);
    const solved = await openCase(cu, "Volume knob loose", "It wobbles.");
    const survey = await q(
      `insert into surveys (workspace_id, case_id, customer_id, kind, scale, channel, status, send_at, sent_at)
       values ($1, $2, $3, 'csat', 'five', 'email', 'responded', now(), now()) returning id`,
      [workspaceId, solved.id, cu],
    );
    await q(
      `insert into survey_responses (survey_id, workspace_id, case_id, customer_id, kind, rating, sentiment, comment)
       values ($1, $2, $3, $4, 'csat', 1, 'negative', 'Nobody answered for days')`,
      [survey.rows[0].id, workspaceId, solved.id, cu],
    );
    const r = await risk(cu);
    assert.ok(kinds(r).includes("unanswered"), JSON.stringify(r));
    assert.ok(kinds(r).includes("negative_survey"), JSON.stringify(r));
    assert.match(
      r.reasons.find((x) => x.kind === "negative_survey")?.evidence[0]?.text ?? "",
      /Nobody answered/,
    );
    assert.equal(r.atRisk, true, "breach plus a negative survey is at risk");
  });

  test("three contacts about one issue: at risk, listed with reasons, announced once; customers may not look", async () => {
    const hook = await admin.post("/api/v1/webhooks", {
      url: "https://hooks.example.com/rapport",
      events: ["customer.at_risk"],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    const cu = await customer("Nina Falk");
    await openCase(cu, HDMI[0] as string, HDMI[1] as string, { assigneeId: agentId });
    await sweep();
    await openCase(cu, HDMI_AGAIN[0] as string, HDMI_AGAIN[1] as string);
    await sweep();
    await openCase(
      cu,
      "Soundbar HDMI sound missing again",
      "The soundbar over HDMI ARC is silent with my TV again.",
    );
    const list = await admin.get("/api/v1/customers/at-risk?limit=100");
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const entry = list.body.items.find((i: { customerId: string }) => i.customerId === cu);
    assert.ok(entry, JSON.stringify(list.body));
    assert.equal(entry.customerName, "Nina Falk");
    const repeats = entry.reasons.find((x: { kind: string }) => x.kind === "repeat_contacts");
    assert.equal(repeats?.summary, "2 repeat contacts in 30 days");
    assert.equal(repeats?.evidence.length, 2);
    // Sorted by score, highest first.
    const scores = list.body.items.map((i: { score: number }) => i.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a: number, b: number) => b - a),
    );
    const page = await admin.get("/api/v1/customers/at-risk?limit=1");
    assert.equal(page.body.items.length, 1);
    assert.equal(page.body.nextCursor, "1");

    await sweep();
    const { rows: events } = await q(
      "select count(*)::int as n from timeline_events where customer_id = $1 and kind = 'customer.at_risk'",
      [cu],
    );
    assert.equal(events[0].n, 1);
    const { rows: deliveries } = await q(
      "select body from webhook_deliveries where event_type = 'customer.at_risk' and body like $1",
      [`%${cu}%`],
    );
    assert.equal(deliveries.length, 1);

    const { client: portal } = await customerClient(server);
    assert.equal((await portal.get("/api/v1/customers/at-risk")).status, 403);
    assert.equal((await portal.get(`/api/v1/customers/${cu}/risk`)).status, 403);
    const bad = await admin.get("/api/v1/customers/at-risk?sort=name");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "sort");
  });
});

describe("reach out", () => {
  test("opens one proactive case assigned to the preferred agent; a second while it is open is 409", async () => {
    const cu = await customer("Uwe Lang");
    const pref = await admin.put(`/api/v1/customers/${cu}/preferred-agent`, { agentId });
    assert.equal(pref.status, 200, JSON.stringify(pref.body));
    const bad = await agent.post(`/api/v1/customers/${cu}/reach-out`, { subject: "  " });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "subject");
    const res = await agent.post(`/api/v1/customers/${cu}/reach-out`, {
      subject: "Checking in on your soundbar",
      note: "Offer a replacement",
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.assignment, "preferred_agent");
    assert.equal(res.body.assigneeId, agentId);
    const opened = await admin.get(`/api/v1/cases/${res.body.caseId}`);
    assert.equal(opened.body.status, "open");
    assert.equal(opened.body.subject, "Checking in on your soundbar");
    const again = await agent.post(`/api/v1/customers/${cu}/reach-out`, { subject: "Again" });
    assert.equal(again.status, 409);
    const { rows } = await q(
      "select count(*)::int as n from audit_log where action = 'customer.reached_out' and subject_id = $1",
      [cu],
    );
    assert.equal(rows[0].n, 1);
    // The reach-out is not the customer coming back, nor an open case of theirs waiting on us.
    await sweep();
    assert.equal(await repeatOf(res.body.caseId), null);
    assert.equal((await risk(cu)).score, 0);
  });

  test("without a preferred agent or team the case is unassigned; unknown customers are 404", async () => {
    const cu = await customer("Vera Blum");
    const res = await agent.post(`/api/v1/customers/${cu}/reach-out`, { subject: "How are things?" });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.assignment, "unassigned");
    assert.equal(res.body.assigneeId, null);
    const missing = await agent.post("/api/v1/customers/00000000-0000-4000-8000-000000000000/reach-out", {
      subject: "Hi",
    });
    assert.equal(missing.status, 404);
  });
});

describe("ageing out", () => {
  test("when the signals age out the periodic sweep takes the customer off the list", async () => {
    const before = await admin.get("/api/v1/customers/at-risk?limit=100");
    const nina = before.body.items.find((i: { customerName: string }) => i.customerName === "Nina Falk");
    assert.ok(nina);
    await sweep({ stale: true, now: new Date(Date.now() + 45 * DAY) });
    const r = await risk(nina.customerId);
    assert.equal(r.atRisk, false, JSON.stringify(r));
    assert.ok(!kinds(r).includes("repeat_contacts"));
  });
});
