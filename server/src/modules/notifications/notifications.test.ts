import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { otherWorkspace, staffClient } from "../../../test/factories.ts";
import {
  type ActionsWorld,
  CREDIT_FIELDS,
  defineAction,
  membershipOf,
  newCase,
  runOn,
  startActionsWorld,
} from "../actions/actions.testkit.ts";
import { sweepSla } from "../sla/sweep.ts";

/**
 * The bell, through HTTP against a real database: who hears of approvals and SLA breaches,
 * that nobody else (other people, other workspaces) sees them, and reading them.
 */
let w: ActionsWorld;
let lead: TestClient;
let plainAgent: TestClient;
let creditId: string;
let teamId: string;
let teamCaseId: string;
let agentMember: string;

type Item = {
  id: string;
  kind: string;
  title: string;
  summary: string | null;
  caseId: string | null;
  link: string | null;
  subjectId: string;
  readAt: string | null;
};

before(async () => {
  w = await startActionsWorld();
  creditId = (
    await defineAction(w, {
      name: "Issue a credit",
      url: `${w.fulfilment.url}/credit`,
      fields: CREDIT_FIELDS,
      approvalAbove: 50,
    })
  ).id;
  const made = await staffClient(w.server, "agent");
  lead = made.client;
  plainAgent = (await staffClient(w.server, "agent")).client;
  const leadMember = await membershipOf(w.server, made.email);
  agentMember = await membershipOf(w.server, w.agentEmail);
  const team = await w.admin.post("/api/v1/teams", { name: "Billing", memberIds: [leadMember, agentMember] });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  teamId = team.body.items.find((t: { name: string }) => t.name === "Billing").id;
  // Leads are set on the team screens; the notices only read the flag.
  await w.server.runtime.ctx.pool.query("update team_members set is_lead = true where membership_id = $1", [
    leadMember,
  ]);
  teamCaseId = await newCase(w.agent, w.customerId);
  const moved = await w.agent.patch(`/api/v1/cases/${teamCaseId}`, { teamId });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
});
after(async () => w?.close());

async function bell(client: TestClient, query = "") {
  const res = await client.get(`/api/v1/notifications${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { items: Item[]; nextCursor: string | null; unreadCount: number };
}
const about = (items: Item[], subjectId: string, kind: string) =>
  items.filter((n) => n.subjectId === subjectId && n.kind === kind);

async function askCredit(amount: number) {
  const res = await runOn(w.agent, teamCaseId, creditId, { amount, reason: "Two weeks without internet" });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.status, "pending_approval");
  return res.body as { id: string; approval: { id: string } };
}

test("an approval request reaches the case team's lead and the admins, not a plain agent nor the asker", async () => {
  const run = await askCredit(120);
  const forLead = about((await bell(lead)).items, run.approval.id, "approval.requested");
  assert.equal(forLead.length, 1);
  assert.match(forLead[0]?.title ?? "", /Issue a credit/);
  assert.equal(forLead[0]?.caseId, teamCaseId);
  assert.equal(forLead[0]?.link, "/app/approvals");
  assert.equal(about((await bell(w.admin)).items, run.approval.id, "approval.requested").length, 1);
  assert.equal(about((await bell(plainAgent)).items, run.approval.id, "approval.requested").length, 0);
  assert.equal(about((await bell(w.agent)).items, run.approval.id, "approval.requested").length, 0);
});

test("a refusal tells the agent who asked, with the reason and a link to the case; an approval too", async () => {
  const refused = await askCredit(150);
  const res = await lead.post(`/api/v1/approvals/${refused.approval.id}`, {
    decision: "refuse",
    reason: "Credit was already given last month",
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const mine = about((await bell(w.agent)).items, refused.approval.id, "approval.decided");
  assert.equal(mine.length, 1);
  assert.match(mine[0]?.title ?? "", /refused/);
  assert.match(mine[0]?.summary ?? "", /Credit was already given last month/);
  assert.equal(mine[0]?.link, `/app/cases/${teamCaseId}`);
  assert.equal(about((await bell(plainAgent)).items, refused.approval.id, "approval.decided").length, 0);

  const approved = await askCredit(90);
  const ok = await w.admin.post(`/api/v1/approvals/${approved.approval.id}`, { decision: "approve" });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const told = about((await bell(w.agent)).items, approved.approval.id, "approval.decided");
  assert.equal(told.length, 1);
  assert.match(told[0]?.title ?? "", /approved/);
});

test("an SLA near-breach and breach tell the assignee and the team lead once each", async () => {
  const policy = await w.admin.post("/api/v1/sla-policies", {
    name: "Bell test",
    position: 0,
    targets: { firstReplyMinutes: 60 },
    calendar: "always",
  });
  assert.equal(policy.status, 201, JSON.stringify(policy.body));
  const made = await w.admin.post("/api/v1/cases", {
    customerId: w.customerId,
    subject: "Line keeps dropping",
    message: "Every evening.",
    teamId,
    assigneeId: agentMember,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const caseId = made.body.id as string;
  const ctx = w.server.runtime.ctx;
  const late = new Date(Date.now() + 61 * 60_000);
  await sweepSla(ctx, new Date(Date.now() + 50 * 60_000));
  await sweepSla(ctx, late);
  await sweepSla(ctx, new Date(late.getTime() + 60_000));
  for (const who of [w.agent, lead]) {
    const items = (await bell(who)).items;
    assert.equal(about(items, caseId, "sla.breached").length, 1);
    assert.equal(about(items, caseId, "sla.warning").length, 1);
    assert.equal(about(items, caseId, "sla.breached")[0]?.link, `/app/cases/${caseId}`);
  }
  assert.equal(about((await bell(plainAgent)).items, caseId, "sla.breached").length, 0);
  // The SLA part's own list keeps working.
  const sla = await w.agent.get("/api/v1/sla/notifications");
  assert.equal(sla.status, 200);
  assert.ok(
    sla.body.items.some(
      (n: { caseId: string; kind: string }) => n.caseId === caseId && n.kind === "breached",
    ),
  );
  await w.admin.delete(`/api/v1/sla-policies/${policy.body.id}`);
});

test("another workspace sees none of these, may not read them, and customers have no bell", async () => {
  const { client: other } = await otherWorkspace(w.server);
  const theirs = await bell(other);
  assert.equal(theirs.items.length, 0);
  assert.equal(theirs.unreadCount, 0);
  const some = (await bell(w.agent)).items[0];
  assert.ok(some);
  const poke = await other.post(`/api/v1/notifications/${some.id}/read`, {});
  assert.equal(poke.status, 404);
  const byColleague = await plainAgent.post(`/api/v1/notifications/${some.id}/read`, {});
  assert.equal(byColleague.status, 404, "one's colleague's notice is not theirs to read");
  assert.equal((await bell(w.agent)).items.find((n) => n.id === some.id)?.readAt, null);
  const customer = await w.customer.get("/api/v1/notifications");
  assert.equal(customer.status, 403);
});

test("reading one lowers the count; read-all clears it; pages follow the cursor", async () => {
  const before = await bell(w.agent);
  assert.ok(before.unreadCount >= 3, JSON.stringify(before));
  const first = before.items[0] as Item;
  const read = await w.agent.post(`/api/v1/notifications/${first.id}/read`, {});
  assert.equal(read.status, 200, JSON.stringify(read.body));
  assert.equal(read.body.unreadCount, before.unreadCount - 1);
  const again = await w.agent.post(`/api/v1/notifications/${first.id}/read`, {});
  assert.equal(again.body.unreadCount, before.unreadCount - 1, "reading twice counts once");
  const unread = await bell(w.agent, "?unread=true");
  assert.ok(!unread.items.some((n) => n.id === first.id));

  const pageOne = await bell(w.agent, "?limit=2");
  assert.equal(pageOne.items.length, 2);
  assert.ok(pageOne.nextCursor);
  const pageTwo = await bell(w.agent, `?limit=2&cursor=${pageOne.nextCursor}`);
  assert.ok(pageTwo.items.length >= 1);
  const ids = new Set(pageOne.items.map((n) => n.id));
  assert.ok(!pageTwo.items.some((n) => ids.has(n.id)), "no notice on two pages");

  const all = await w.agent.post("/api/v1/notifications/read-all", {});
  assert.equal(all.status, 200, JSON.stringify(all.body));
  assert.equal(all.body.unreadCount, 0);
  assert.equal((await bell(w.agent)).unreadCount, 0);
  // The lead's notices are untouched by the agent's read-all.
  assert.ok((await bell(lead)).unreadCount > 0);
});

test("bad input is refused naming the field", async () => {
  const cases: Array<[string, string]> = [
    ["?limit=0", "limit"],
    ["?limit=abc", "limit"],
    ["?cursor=not-a-cursor", "cursor"],
    ["?unread=maybe", "unread"],
  ];
  for (const [query, field] of cases) {
    const res = await w.agent.get(`/api/v1/notifications${query}`);
    assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.field, field, query);
  }
  const badId = await w.agent.post("/api/v1/notifications/nope/read", {});
  assert.equal(badId.status, 400);
  assert.equal(badId.body.error.field, "id");
  const badPrefs = await w.agent.put("/api/v1/notifications/preferences", { muted: ["Not A Kind"] });
  assert.equal(badPrefs.status, 400);
  assert.equal(badPrefs.body.error.field, "muted.0");
});

test("a muted kind is not delivered to that person, and others still hear of it", async () => {
  const put = await lead.put("/api/v1/notifications/preferences", { muted: ["approval.requested"] });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.deepEqual((await lead.get("/api/v1/notifications/preferences")).body, {
    muted: ["approval.requested"],
  });
  const run = await askCredit(200);
  assert.equal(about((await bell(lead)).items, run.approval.id, "approval.requested").length, 0);
  assert.equal(about((await bell(w.admin)).items, run.approval.id, "approval.requested").length, 1);
  await lead.put("/api/v1/notifications/preferences", { muted: [] });
});
