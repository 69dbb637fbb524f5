import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { staffClient } from "../../../test/factories.ts";
import {
  type ActionsWorld,
  auditActions,
  CREDIT_FIELDS,
  defineAction,
  membershipOf,
  newCase,
  runOn,
  startActionsWorld,
  timelineKinds,
} from "./actions.testkit.ts";

let w: ActionsWorld;
let creditId: string;
let lead: TestClient;
let plainAgent: TestClient;
let teamCaseId: string;

before(async () => {
  w = await startActionsWorld();
  const credit = await defineAction(w, {
    name: "Issue a credit",
    url: `${w.fulfilment.url}/credit`,
    fields: CREDIT_FIELDS,
    approvalAbove: 50,
  });
  creditId = credit.id;
  // A team whose lead decides for its cases, and an agent who leads nothing.
  const made = await staffClient(w.server, "agent");
  lead = made.client;
  plainAgent = (await staffClient(w.server, "agent")).client;
  const leadMember = await membershipOf(w.server, made.email);
  const team = await w.admin.post("/api/v1/teams", { name: "Billing", memberIds: [leadMember] });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  const teamId = team.body.items.find((t: { name: string }) => t.name === "Billing").id;
  await w.server.runtime.ctx.pool.query("update team_members set is_lead = true where membership_id = $1", [
    leadMember,
  ]);
  teamCaseId = await newCase(w.agent, w.customerId);
  const moved = await w.agent.patch(`/api/v1/cases/${teamCaseId}`, { teamId });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
});
after(async () => w?.close());

async function askCredit(caseId: string, amount: number) {
  const res = await runOn(w.agent, caseId, creditId, { amount, reason: "Two weeks without internet" });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

test("a credit at or under the limit runs at once; over it waits for a manager, and nothing is sent", async () => {
  const small = await askCredit(w.caseId, 50);
  assert.equal(small.status, "succeeded");
  const before = w.fulfilment.calls.length;
  const big = await askCredit(w.caseId, 120);
  assert.equal(big.status, "pending_approval");
  assert.equal(big.approval.status, "pending");
  assert.equal(big.approval.amount, 120);
  assert.equal(big.approval.limit, 50);
  assert.equal(w.fulfilment.calls.length, before, "nothing sent while waiting");
  const events = await timelineKinds(w.agent, w.caseId);
  assert.ok(
    events.some(
      (e) => e.kind === "action.approval" && e.data.runId === big.id && e.data.decision === "requested",
    ),
  );
  const queue = await w.admin.get("/api/v1/approvals");
  assert.equal(queue.status, 200);
  const item = queue.body.items.find((i: { run: { id: string } }) => i.run.id === big.id);
  assert.ok(item, "the admin sees it in the queue");
  assert.equal(item.case.subject, "Modem is dead");
});

test("approving runs the action and tells the case", async () => {
  const big = await askCredit(w.caseId, 80);
  const res = await w.admin.post(`/api/v1/approvals/${big.approval.id}`, { decision: "approve" });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.status, "succeeded");
  assert.equal(res.body.approval.status, "approved");
  assert.equal(res.body.approval.decidedBy, "Ada Admin");
  const call = w.fulfilment.calls.find((c) => c.headers["idempotency-key"] === big.id);
  assert.equal(JSON.parse(call?.body ?? "{}").input.amount, 80);
  const events = await timelineKinds(w.agent, w.caseId);
  assert.ok(
    events.some(
      (e) => e.kind === "action.approval" && e.data.runId === big.id && e.data.decision === "approved",
    ),
  );
  assert.ok(
    events.some((e) => e.kind === "action.run" && e.data.runId === big.id && e.data.status === "succeeded"),
  );
  assert.deepEqual(await auditActions(w.server, big.approval.id), ["approval.approved"]);
  assert.deepEqual(await auditActions(w.server, big.id), ["approval.requested", "action.executed"]);
  const decided = await w.admin.get("/api/v1/approvals?status=decided");
  assert.ok(decided.body.items.some((i: { id: string }) => i.id === big.approval.id));
});

test("refusing needs a reason; the run is refused, nothing is sent, and the agent sees why", async () => {
  const big = await askCredit(w.caseId, 500);
  const bare = await w.admin.post(`/api/v1/approvals/${big.approval.id}`, { decision: "refuse" });
  assert.equal(bare.status, 400);
  assert.equal(bare.body.error.field, "reason");
  const res = await w.admin.post(`/api/v1/approvals/${big.approval.id}`, {
    decision: "refuse",
    reason: "Credits over 200 go through billing",
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.status, "refused");
  assert.equal(res.body.approval.reason, "Credits over 200 go through billing");
  assert.match(res.body.error, /Credits over 200 go through billing/);
  assert.ok(!w.fulfilment.calls.some((c) => c.headers["idempotency-key"] === big.id), "never sent");
  const runs = await w.agent.get(`/api/v1/cases/${w.caseId}/action-runs`);
  assert.equal(runs.body.items.find((r: { id: string }) => r.id === big.id).status, "refused");
  const events = await timelineKinds(w.agent, w.caseId);
  const told = events.find(
    (e) => e.kind === "action.approval" && e.data.decision === "refused" && e.data.runId === big.id,
  );
  assert.equal(told?.data.reason, "Credits over 200 go through billing");
  const later = await w.admin.post(`/api/v1/approvals/${big.approval.id}`, { decision: "approve" });
  assert.equal(later.status, 409, "a decided approval stays decided");
});

test("two managers approving at once: the action runs exactly once", async () => {
  const big = await askCredit(teamCaseId, 90);
  const before = w.fulfilment.calls.length;
  const [a, b] = await Promise.all([
    w.admin.post(`/api/v1/approvals/${big.approval.id}`, { decision: "approve" }),
    lead.post(`/api/v1/approvals/${big.approval.id}`, { decision: "approve" }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [200, 409], JSON.stringify([a.body, b.body]));
  assert.equal(w.fulfilment.calls.length - before, 1, "one call to the target");
  assert.equal(w.fulfilment.shipped.has(big.id), true);
});

test("a team's lead decides for the team's cases only; other agents, engineers and customers may not", async () => {
  const onTeam = await askCredit(teamCaseId, 70);
  const elsewhere = await askCredit(w.caseId, 70);
  const queue = await lead.get("/api/v1/approvals");
  assert.equal(queue.status, 200);
  const ids = queue.body.items.map((i: { id: string }) => i.id);
  assert.ok(ids.includes(onTeam.approval.id));
  assert.ok(!ids.includes(elsewhere.approval.id), "not the lead's team");
  const refusedElsewhere = await lead.post(`/api/v1/approvals/${elsewhere.approval.id}`, {
    decision: "approve",
  });
  assert.equal(refusedElsewhere.status, 403);
  for (const client of [plainAgent, w.engineer, w.customer]) {
    assert.equal((await client.get("/api/v1/approvals")).status, 403);
    assert.equal(
      (await client.post(`/api/v1/approvals/${onTeam.approval.id}`, { decision: "approve" })).status,
      403,
    );
  }
  const ok = await lead.post(`/api/v1/approvals/${onTeam.approval.id}`, { decision: "approve" });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.status, "succeeded");
});

test("runs over the limit with the same key stay one approval", async () => {
  const k = "credit-key-0001";
  const [a, b] = await Promise.all([
    runOn(w.agent, w.caseId, creditId, { amount: 300, reason: "Outage" }, k),
    runOn(w.agent, w.caseId, creditId, { amount: 300, reason: "Outage" }, k),
  ]);
  assert.equal(a.body.id, b.body.id);
  assert.equal(a.body.approval.id, b.body.approval.id);
  const rows = await w.server.runtime.ctx.pool.query(
    "select count(*)::int as n from action_approvals where run_id = $1",
    [a.body.id],
  );
  assert.equal(rows.rows[0].n, 1);
});
