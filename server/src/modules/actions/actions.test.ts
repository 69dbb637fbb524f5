import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer } from "../../../test/harness.ts";
import { signWebhook } from "../webhooks/sign.ts";
import {
  type ActionsWorld,
  auditActions,
  CREDIT_FIELDS,
  defineAction,
  key,
  runOn,
  startActionsWorld,
  timelineKinds,
} from "./actions.testkit.ts";

let w: ActionsWorld;
before(async () => {
  w = await startActionsWorld();
});
after(async () => w?.close());

const SHIP_INPUT = { address: "12 Oak St, Springfield", model: "NetHub 300", express: true };

test("an admin defines an action; the secret is shown once; agents see it with canRun", async () => {
  const a = await defineAction(w);
  assert.match(a.secret, /^acsec_/);
  assert.equal(a.secretPreview, `…${a.secret.slice(-4)}`);
  const listed = await w.agent.get("/api/v1/actions");
  assert.equal(listed.status, 200);
  const mine = listed.body.items.find((x: { id: string }) => x.id === a.id);
  assert.equal(mine.canRun, true);
  assert.equal(mine.secret, undefined, "the secret is never shown again");
  const agentMakes = await w.agent.post("/api/v1/actions", {
    name: "x",
    url: "https://x.example",
    fields: [],
  });
  assert.equal(agentMakes.status, 403);
});

test("action definitions are checked: unique keys, known types, select options, a number for the limit", async () => {
  const base = { name: "Credit", url: "https://billing.example.com/credit" };
  const dup = await w.admin.post("/api/v1/actions", {
    ...base,
    fields: [CREDIT_FIELDS[0], CREDIT_FIELDS[0]],
  });
  assert.equal(dup.status, 400);
  assert.equal(dup.body.error.field, "fields.1.key");
  const unknownType = await w.admin.post("/api/v1/actions", {
    ...base,
    fields: [{ key: "a", type: "money" }],
  });
  assert.equal(unknownType.status, 400);
  assert.equal(unknownType.body.error.field, "fields.0.type");
  const noOptions = await w.admin.post("/api/v1/actions", {
    ...base,
    fields: [{ key: "a", type: "select" }],
  });
  assert.equal(noOptions.body.error.field, "fields.0.options");
  const noNumber = await w.admin.post("/api/v1/actions", {
    ...base,
    fields: [{ key: "reason", type: "text" }],
    approvalAbove: 50,
  });
  assert.equal(noNumber.status, 400);
  assert.equal(noNumber.body.error.field, "approvalAbove");
  const ok = await w.admin.post("/api/v1/actions", { ...base, fields: CREDIT_FIELDS, approvalAbove: 50 });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.approvalAbove, { field: "amount", amount: 50 });
});

test("the form fills defaults from the case's customer; a missing fact is an empty field flagged missing", async () => {
  const a = await defineAction(w);
  const res = await w.agent.get(`/api/v1/cases/${w.caseId}/actions/${a.id}/form`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const byKey = Object.fromEntries(res.body.fields.map((f: { key: string }) => [f.key, f]));
  assert.equal(byKey.address.value, "12 Oak St, Springfield");
  assert.equal(byKey.model.value, "NetHub 300");
  assert.equal(byKey.express.value, false);
  assert.equal(byKey.note.value, null, "no plan on file: never sent as a gap");
  assert.deepEqual(byKey.note.missing, ["fact.plan"]);
});

test("a run is signed like a webhook, carries the run id as Idempotency-Key, and is recorded everywhere", async () => {
  const a = await defineAction(w);
  const before = w.fulfilment.calls.length;
  const res = await runOn(w.agent, w.caseId, a.id, SHIP_INPUT);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.status, "succeeded");
  assert.match(res.body.result.trackingNumber, /^TRK-/);
  const call = w.fulfilment.calls[before];
  assert.ok(call, "the fulfilment system was called");
  assert.equal(call.path, "/ship");
  assert.equal(call.signatureOk, true, "the signature verifies with the action's secret");
  assert.equal(call.headers["idempotency-key"], res.body.id);
  const sent = JSON.parse(call.body);
  assert.equal(sent.event, "action.run");
  assert.deepEqual(sent.input, SHIP_INPUT);
  assert.equal(sent.customer.name, "Dana Park");
  assert.equal(sent.run.id, res.body.id);
  // A forged signature would not verify.
  assert.notEqual(
    call.headers["x-rapport-signature"],
    signWebhook("wrong", String(call.headers["x-rapport-timestamp"]), call.body),
  );

  const events = await timelineKinds(w.agent, w.caseId);
  const ran = events.find((e) => e.kind === "action.run" && e.data.runId === res.body.id);
  assert.ok(ran, "the case timeline says what was done");
  assert.equal(ran.data.status, "succeeded");
  assert.deepEqual(ran.data.input, SHIP_INPUT);
  assert.equal(
    (ran.data.result as { trackingNumber: string }).trackingNumber,
    res.body.result.trackingNumber,
  );
  assert.equal(ran.actor?.name, "Test agent");
  const customerTimeline = await w.agent.get(`/api/v1/customers/${w.customerId}/timeline`);
  assert.ok(customerTimeline.body.items.some((e: { kind: string }) => e.kind === "action.run"));
  assert.deepEqual(await auditActions(w.server, res.body.id), ["action.executed"]);
  const runs = await w.agent.get(`/api/v1/cases/${w.caseId}/action-runs`);
  assert.ok(runs.body.items.some((r: { id: string }) => r.id === res.body.id));
});

test("the same Idempotency-Key returns the same run and never reaches the target twice, even at once", async () => {
  const a = await defineAction(w);
  const k = key();
  const before = w.fulfilment.calls.length;
  const [one, two, three] = await Promise.all([
    runOn(w.agent, w.caseId, a.id, SHIP_INPUT, k),
    runOn(w.agent, w.caseId, a.id, SHIP_INPUT, k),
    runOn(w.agent, w.caseId, a.id, SHIP_INPUT, k),
  ]);
  const later = await runOn(w.agent, w.caseId, a.id, SHIP_INPUT, k);
  assert.deepEqual(
    [one, two, three].map((r) => r.status).sort(),
    [200, 200, 201],
    JSON.stringify([one.body, two.body, three.body]),
  );
  assert.equal(later.status, 200);
  assert.equal(new Set([one, two, three, later].map((r) => r.body.id)).size, 1);
  assert.equal(w.fulfilment.calls.length - before, 1, "the target was called once");
  const reused = await runOn(w.agent, w.caseId, a.id, { ...SHIP_INPUT, express: false }, k);
  assert.equal(reused.status, 409, "a key reused for different input is refused");
  const noKey = await w.agent.post(`/api/v1/cases/${w.caseId}/actions/${a.id}`, { input: SHIP_INPUT });
  assert.equal(noKey.status, 400);
  assert.equal(noKey.body.error.field, "Idempotency-Key");
});

test("invalid input is 400 naming input.<key>, and nothing is sent or stored", async () => {
  const a = await defineAction(w);
  const before = w.fulfilment.calls.length;
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ model: "NetHub 300" }, "input.address"],
    [{ ...SHIP_INPUT, model: "Toaster" }, "input.model"],
    [{ ...SHIP_INPUT, express: "yes" }, "input.express"],
    [{ ...SHIP_INPUT, colour: "red" }, "input.colour"],
  ];
  for (const [input, field] of cases) {
    const res = await runOn(w.agent, w.caseId, a.id, input);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.field, field);
  }
  assert.equal(w.fulfilment.calls.length, before, "nothing reached the target");
  const runs = await w.agent.get(`/api/v1/cases/${w.caseId}/action-runs`);
  assert.ok(!runs.body.items.some((r: { actionId: string }) => r.actionId === a.id), "no run was stored");
});

test("roles: an action for admins only is 403 to agents; engineers and customers may not run actions", async () => {
  const a = await defineAction(w, { roles: ["admin"] });
  const agent = await runOn(w.agent, w.caseId, a.id, SHIP_INPUT);
  assert.equal(agent.status, 403);
  const listed = await w.agent.get("/api/v1/actions");
  assert.ok(!listed.body.items.some((x: { id: string }) => x.id === a.id), "agents do not see it");
  const admin = await runOn(w.admin, w.caseId, a.id, SHIP_INPUT);
  assert.equal(admin.status, 201);
  const open = await defineAction(w);
  for (const client of [w.engineer, w.customer]) {
    assert.equal((await runOn(client, w.caseId, open.id, SHIP_INPUT)).status, 403);
    assert.equal((await client.get("/api/v1/actions")).status, 403);
    assert.equal((await client.get(`/api/v1/cases/${w.caseId}/action-runs`)).status, 403);
    assert.equal((await client.get(`/api/v1/cases/${w.caseId}/actions/${open.id}/form`)).status, 403);
  }
});

test("a failure is shown plainly and a retry succeeds under the same run id, shipping once", async () => {
  const a = await defineAction(w);
  w.fulfilment.mode = "fail";
  const failed = await runOn(w.agent, w.caseId, a.id, SHIP_INPUT);
  w.fulfilment.mode = "ok";
  assert.equal(failed.status, 201);
  assert.equal(failed.body.status, "failed");
  assert.match(failed.body.error, /HTTP 503: Warehouse system is down/);
  const events = await timelineKinds(w.agent, w.caseId);
  assert.ok(
    events.some(
      (e) => e.kind === "action.run" && e.data.runId === failed.body.id && e.data.status === "failed",
    ),
  );

  const [r1, r2] = await Promise.all([
    w.agent.post(`/api/v1/action-runs/${failed.body.id}/retry`),
    w.agent.post(`/api/v1/action-runs/${failed.body.id}/retry`),
  ]);
  assert.deepEqual([r1.status, r2.status].sort(), [200, 409], "two retries at once: one runs");
  const ok = r1.status === 200 ? r1 : r2;
  assert.equal(ok.body.status, "succeeded");
  assert.equal(ok.body.id, failed.body.id);
  assert.equal(ok.body.attempts, 2);
  const keys = w.fulfilment.calls.filter((c) => c.headers["idempotency-key"] === failed.body.id);
  assert.equal(keys.length, 2, "the same key both times");
  const again = await w.agent.post(`/api/v1/action-runs/${failed.body.id}/retry`);
  assert.equal(again.status, 409, "a succeeded run is not retried");
  assert.deepEqual(await auditActions(w.server, failed.body.id), [
    "action.failed",
    "action.retried",
    "action.executed",
  ]);
});

test("a redirect is a failure, never followed", async () => {
  const a = await defineAction(w);
  w.fulfilment.mode = "redirect";
  const res = await runOn(w.agent, w.caseId, a.id, SHIP_INPUT);
  w.fulfilment.mode = "ok";
  assert.equal(res.body.status, "failed");
  assert.match(res.body.error, /HTTP 307/);
});

test("the action.executed webhook is queued with the run and its result", async () => {
  const hook = await w.admin.post("/api/v1/webhooks", {
    url: "https://hooks.example.com/actions",
    events: ["action.executed"],
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  const a = await defineAction(w);
  const run = await runOn(w.agent, w.caseId, a.id, SHIP_INPUT);
  const rows = await w.server.runtime.ctx.pool.query(
    "select body from webhook_deliveries where endpoint_id = $1 and event_type = 'action.executed'",
    [hook.body.id],
  );
  const data = rows.rows.map((r) => JSON.parse(r.body).data).find((d) => d.run.id === run.body.id);
  assert.ok(data, "delivered to the endpoint");
  assert.equal(data.run.status, "succeeded");
  assert.equal(data.result.trackingNumber, run.body.result.trackingNumber);
});

test("without WEBHOOK_ALLOW_PRIVATE a target in Rapport's own network or on http is refused at save", async () => {
  const strict = await startTestServer();
  try {
    const { admin } = await setUpWorkspace(strict);
    const fields = CREDIT_FIELDS;
    for (const url of ["https://127.0.0.1/credit", "https://169.254.169.254/latest", "https://localhost/x"]) {
      const res = await admin.post("/api/v1/actions", { name: "Credit", url, fields });
      assert.equal(res.status, 400, url);
      assert.equal(res.body.error.field, "url");
      assert.match(res.body.error.message, /WEBHOOK_ALLOW_PRIVATE/);
    }
    const http = await admin.post("/api/v1/actions", {
      name: "Credit",
      url: "http://billing.example.com/x",
      fields,
    });
    assert.equal(http.status, 400);
    assert.match(http.body.error.message, /https/);
    const ok = await admin.post("/api/v1/actions", {
      name: "Credit",
      url: "https://203.0.113.9/credit",
      fields,
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const moved = await admin.patch(`/api/v1/actions/${ok.body.id}`, { url: "https://10.0.0.5/credit" });
    assert.equal(moved.status, 400);
  } finally {
    await strict.close();
  }
});

test("admins change and remove actions; past runs stay on the case", async () => {
  const a = await defineAction(w);
  const run = await runOn(w.agent, w.caseId, a.id, SHIP_INPUT);
  const renamed = await w.admin.patch(`/api/v1/actions/${a.id}`, {
    name: "Ship a modem",
    roles: ["admin", "agent"],
  });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.body.name, "Ship a modem");
  assert.equal((await w.agent.patch(`/api/v1/actions/${a.id}`, { name: "x" })).status, 403);
  assert.equal((await w.admin.delete(`/api/v1/actions/${a.id}`)).status, 204);
  assert.equal((await runOn(w.agent, w.caseId, a.id, SHIP_INPUT)).status, 404);
  const runs = await w.agent.get(`/api/v1/cases/${w.caseId}/action-runs`);
  assert.ok(runs.body.items.some((r: { id: string }) => r.id === run.body.id));
  assert.deepEqual(await auditActions(w.server, a.id), [
    "action.created",
    "action.updated",
    "action.deleted",
  ]);
});
