import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import {
  customerClient,
  otherWorkspace,
  setUpWorkspace,
  staffClient,
  uniqueEmail,
} from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { registerWorkaroundPublisher } from "./workaround.ts";

let server: TestServer;
let agent: TestClient;
let engineer: TestClient;
let other: TestClient;
before(async () => {
  server = await startTestServer();
  await setUpWorkspace(server);
  ({ client: agent } = await staffClient(server, "agent"));
  ({ client: engineer } = await staffClient(server, "engineer"));
  ({ client: other } = await otherWorkspace(server));
});
after(() => server.close());

async function newCase(subject = "Error 1013 on my Play:5", email = uniqueEmail("c")) {
  const cu = await agent.post("/api/v1/customers", {
    name: `Customer ${email.slice(2, 8)}`,
    emails: [email],
  });
  assert.equal(cu.status, 201, JSON.stringify(cu.body));
  const c = await agent.post("/api/v1/cases", {
    customerId: cu.body.id,
    subject,
    message: "It stopped playing.",
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  return {
    caseId: c.body.id as string,
    number: c.body.number as number,
    customerId: cu.body.id as string,
    email,
  };
}

async function newProblem(body: Record<string, unknown> = {}) {
  const res = await agent.post("/api/v1/problems", {
    title: "Error 1013 after the 12.1 update",
    description: "Speakers drop off the network after updating.",
    affectedProducts: [{ model: "Play:5", firmware: "< 12.2" }],
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

describe("problems", () => {
  test("a problem gets a number, an owner, and shows in the list and the search box", async () => {
    const p = await newProblem({ title: "Brownout reboots on Beam" });
    assert.ok(p.number >= 1);
    assert.equal(p.status, "investigating");
    assert.equal(p.owner.name, "Test agent", "the creator owns it by default");
    const list = await agent.get("/api/v1/problems");
    assert.ok(list.body.items.some((x: { id: string }) => x.id === p.id));
    const byNumber = await agent.get(`/api/v1/problems?q=P-${p.number}`);
    assert.deepEqual(
      byNumber.body.items.map((x: { id: string }) => x.id),
      [p.id],
    );
    const search = await agent.get(`/api/v1/search?q=${encodeURIComponent("brownout reboots")}`);
    assert.equal(search.status, 200);
    assert.equal(search.body.problems[0]?.id, p.id);
    const searchNumber = await agent.get(`/api/v1/search?q=P-${p.number}`);
    assert.ok(searchNumber.body.problems.some((x: { id: string }) => x.id === p.id));
  });

  test("bad input is refused naming the field, and nothing is written", async () => {
    const before = (await agent.get("/api/v1/problems?status=all")).body.items.length;
    const noTitle = await agent.post("/api/v1/problems", { title: " ", affectedProducts: [] });
    assert.equal(noTitle.status, 400);
    assert.equal(noTitle.body.error.field, "title");
    const badRange = await agent.post("/api/v1/problems", {
      title: "x",
      affectedProducts: [{ model: "Play:5", firmware: "<<12; drop table" }],
    });
    assert.equal(badRange.status, 400);
    assert.equal(badRange.body.error.field, "affectedProducts.0.firmware");
    const badOwner = await agent.post("/api/v1/problems", { title: "x", ownerId: crypto.randomUUID() });
    assert.equal(badOwner.status, 404);
    assert.equal(badOwner.body.error.field, "ownerId");
    const badStatus = await agent.patch(`/api/v1/problems/${(await newProblem()).id}`, { status: "solved" });
    assert.equal(badStatus.status, 400);
    assert.equal(badStatus.body.error.field, "status");
    const huge = await agent.post("/api/v1/problems", { title: "x".repeat(201) });
    assert.equal(huge.status, 400);
    assert.equal(huge.body.error.field, "title");
    assert.equal((await agent.get("/api/v1/problems?status=all")).body.items.length, before + 1);
  });

  test("linking cases: counts, per-day chart, case timeline, and 404 for unknown or foreign cases", async () => {
    const p = await newProblem();
    const a = await newCase();
    const b = await newCase();
    const foreignCustomer = await other.post("/api/v1/customers", {
      name: "Foreign",
      emails: [uniqueEmail("f")],
    });
    const foreign = await other.post("/api/v1/cases", {
      customerId: foreignCustomer.body.id,
      subject: "Theirs",
      message: "x",
    });
    const refused = await agent.post(`/api/v1/problems/${p.id}/cases`, {
      caseIds: [a.caseId, foreign.body.id],
    });
    assert.equal(refused.status, 404);
    assert.equal(refused.body.error.field, "caseIds.1");
    const unknown = await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: [crypto.randomUUID()] });
    assert.equal(unknown.status, 404);
    assert.equal(
      (await agent.get(`/api/v1/problems/${p.id}/cases`)).body.items.length,
      0,
      "nothing half-linked",
    );

    const linked = await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: [a.caseId, b.caseId] });
    assert.deepEqual(linked.body, { linked: 2, alreadyLinked: 0 });
    const again = await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: [a.caseId] });
    assert.deepEqual(again.body, { linked: 0, alreadyLinked: 1 });

    const detail = await agent.get(`/api/v1/problems/${p.id}`);
    assert.equal(detail.body.caseCount, 2);
    assert.equal(detail.body.customerCount, 2);
    assert.equal(detail.body.openCaseCount, 2);
    assert.ok(detail.body.firstSeenAt && detail.body.lastSeenAt);
    assert.equal(detail.body.perDay.length, 30);
    assert.equal(detail.body.perDay.at(-1).count, 2, "both cases were created today");
    const cases = await agent.get(`/api/v1/problems/${p.id}/cases`);
    assert.deepEqual(
      new Set(cases.body.items.map((c: { caseId: string }) => c.caseId)),
      new Set([a.caseId, b.caseId]),
    );
    assert.ok(cases.body.items[0].customer.name.startsWith("Customer"));

    const timeline = await agent.get(`/api/v1/cases/${a.caseId}/timeline`);
    const note = timeline.body.items.find((e: { kind: string }) => e.kind === "problem.linked");
    assert.equal(note?.data.number, p.number);

    assert.equal(
      (await other.get(`/api/v1/problems/${p.id}`)).status,
      404,
      "another workspace cannot see it",
    );
    assert.equal(
      (await other.post(`/api/v1/problems/${p.id}/cases`, { caseIds: [foreign.body.id] })).status,
      404,
    );

    const unlink = await agent.delete(`/api/v1/problems/${p.id}/cases/${b.caseId}`);
    assert.equal(unlink.status, 204);
    assert.equal((await agent.delete(`/api/v1/problems/${p.id}/cases/${b.caseId}`)).status, 404);
    const events = await agent.get(`/api/v1/problems/${p.id}/events`);
    assert.deepEqual(
      events.body.items.map((e: { kind: string }) => e.kind),
      ["problem.case_unlinked", "problem.cases_linked", "problem.created"],
    );
  });

  test("a case waits on a problem as its pending reason, and stops waiting when unlinked", async () => {
    const p = await newProblem();
    const c = await newCase();
    const wait = await agent.put(`/api/v1/cases/${c.caseId}/waiting-on-problem`, { problemId: p.id });
    assert.equal(wait.status, 200, JSON.stringify(wait.body));
    assert.equal(wait.body.items[0].waiting, true, "waiting links the case too");
    assert.equal((await agent.get(`/api/v1/cases/${c.caseId}`)).body.status, "pending");
    const linked = await agent.get(`/api/v1/problems/${p.id}/cases`);
    assert.equal(linked.body.items[0].waiting, true);
    const stop = await agent.put(`/api/v1/cases/${c.caseId}/waiting-on-problem`, { problemId: null });
    assert.equal(stop.body.items[0].waiting, false);
    assert.equal((await agent.get(`/api/v1/cases/${c.caseId}`)).body.status, "open");

    await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: [c.caseId], wait: true });
    assert.equal((await agent.get(`/api/v1/cases/${c.caseId}`)).body.status, "pending");
    await agent.delete(`/api/v1/problems/${p.id}/cases/${c.caseId}`);
    assert.equal(
      (await agent.get(`/api/v1/cases/${c.caseId}`)).body.status,
      "open",
      "unlinked: no longer waits",
    );

    await agent.patch(`/api/v1/cases/${c.caseId}`, { status: "solved" });
    const solved = await agent.put(`/api/v1/cases/${c.caseId}/waiting-on-problem`, { problemId: p.id });
    assert.equal(solved.status, 409);
    assert.equal(solved.body.error.field, "problemId");
  });

  test("status and workaround changes are noted on the problem and every linked case, and published", async () => {
    const published: string[] = [];
    const stop = registerWorkaroundPublisher({
      publish: async (w) => void published.push(`publish ${w.number} ${w.publicTitle}`),
      withdraw: async (_ws, id) => void published.push(`withdraw ${id}`),
    });
    try {
      const p = await newProblem();
      const c = await newCase();
      await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: [c.caseId] });
      const patched = await agent.patch(`/api/v1/problems/${p.id}`, {
        status: "workaround_available",
        publicTitle: "Speakers drop off after an update",
        publicWorkaround: "1. Unplug the speaker\n2. <script>alert(1)</script> **wait** 10 s",
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.match(patched.body.publicWorkaroundHtml, /<strong>wait<\/strong>/);
      assert.doesNotMatch(patched.body.publicWorkaroundHtml, /<script/);
      const kinds = (await agent.get(`/api/v1/cases/${c.caseId}/timeline`)).body.items.map(
        (e: { kind: string }) => e.kind,
      );
      assert.ok(kinds.includes("problem.workaround_published"));
      assert.ok(kinds.includes("problem.status_changed"));
      const events = (await agent.get(`/api/v1/problems/${p.id}/events`)).body.items.map(
        (e: { kind: string }) => e.kind,
      );
      assert.ok(events.includes("problem.status_changed") && events.includes("problem.workaround_published"));
      assert.deepEqual(published, [`publish ${p.number} Speakers drop off after an update`]);
      await agent.patch(`/api/v1/problems/${p.id}`, { publicWorkaround: null });
      assert.equal(published.at(-1), `withdraw ${p.id}`);
    } finally {
      stop();
    }
  });

  test("engineers read problems and their cases but may not change them", async () => {
    const p = await newProblem();
    assert.equal((await engineer.get(`/api/v1/problems/${p.id}`)).status, 200);
    assert.equal((await engineer.patch(`/api/v1/problems/${p.id}`, { status: "identified" })).status, 403);
    assert.equal((await engineer.post("/api/v1/problems", { title: "x" })).status, 403);
    assert.equal(
      (await new (agent.constructor as typeof TestClient)(server.url).get("/api/v1/problems")).status,
      401,
    );
  });

  test("escalations link to problems; a foreign or unknown escalation is 404", async () => {
    const p = await newProblem();
    const c = await newCase();
    const e = await agent.post(`/api/v1/cases/${c.caseId}/escalations`, { summary: "s", question: "q" });
    assert.equal(e.status, 201);
    const linked = await agent.post(`/api/v1/problems/${p.id}/escalations`, { escalationId: e.body.id });
    assert.equal(linked.status, 200);
    assert.equal(linked.body.escalations[0].id, e.body.id);
    const unknown = await agent.post(`/api/v1/problems/${p.id}/escalations`, {
      escalationId: crypto.randomUUID(),
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.field, "escalationId");
    assert.equal((await agent.delete(`/api/v1/problems/${p.id}/escalations/${e.body.id}`)).status, 204);
  });
});

describe("what customers see", () => {
  test("only the public title, status and workaround of problems linked to their own cases", async () => {
    const maria = await customerClient(server);
    const opened = await maria.client.post("/api/v1/cases", {
      subject: "My Play:5 says 1013",
      message: "Help",
    });
    assert.equal(opened.status, 201);
    const p = await newProblem({ title: "INTERNAL: bad DHCP lease handling in 12.1" });
    await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: [opened.body.id] });
    const before = await maria.client.get(`/api/v1/cases/${opened.body.id}/problems`);
    assert.equal(before.status, 200);
    assert.equal(before.body.items[0].title, "A known problem we are working on");
    assert.equal(before.body.items[0].number, null);
    assert.doesNotMatch(JSON.stringify(before.body), /INTERNAL|DHCP/);
    await agent.patch(`/api/v1/problems/${p.id}`, {
      publicTitle: "Speakers drop off after an update",
      publicWorkaround: "Restart the router, then the speaker.",
      status: "workaround_available",
    });
    const after = await maria.client.get(`/api/v1/cases/${opened.body.id}/problems`);
    assert.equal(after.body.items[0].title, "Speakers drop off after an update");
    assert.equal(after.body.items[0].status, "workaround_available");
    assert.match(after.body.items[0].workaroundHtml, /Restart the router/);
    const timeline = await maria.client.get(`/api/v1/cases/${opened.body.id}/timeline`);
    assert.ok(!JSON.stringify(timeline.body).includes("problem."), "problem notes are staff-only");

    const den = await customerClient(server);
    assert.equal((await den.client.get(`/api/v1/cases/${opened.body.id}/problems`)).status, 404);
    assert.equal((await den.client.get(`/api/v1/problems/${p.id}`)).status, 403);
    assert.equal(
      (await den.client.post(`/api/v1/cases/${opened.body.id}/problems/${p.id}/opt-out`)).status,
      404,
    );
    const optOut = await maria.client.post(`/api/v1/cases/${opened.body.id}/problems/${p.id}/opt-out`);
    assert.equal(optOut.status, 204);
    const audience = await agent.get(`/api/v1/problems/${p.id}/audience`);
    assert.equal(audience.body.excluded[0].reason, "opted_out");
  });
});

describe("known issues", () => {
  test("lookup, the customer context and the screen pop show a matching device's known issue", async () => {
    const phone = "+1 415 555 0123";
    const cu = await agent.post("/api/v1/customers", { name: "Known Issue Kim", phones: [phone] });
    assert.equal(cu.status, 201, JSON.stringify(cu.body));
    const dev = await agent.post(`/api/v1/customers/${cu.body.id}/devices`, {
      model: "play:5",
      serial: `KI-${Date.now()}`,
      firmware: "12.1.3",
    });
    assert.equal(dev.status, 201, JSON.stringify(dev.body));
    const none = await agent.get(`/api/v1/lookup?phone=${encodeURIComponent(phone)}`);
    assert.equal(none.status, 200);
    const p = await newProblem({ affectedProducts: [{ model: "Play:5", firmware: ">= 12 < 12.2" }] });
    const fixedRange = await newProblem({
      title: "Old",
      affectedProducts: [{ model: "Play:5", firmware: "< 11" }],
    });
    await agent.patch(`/api/v1/problems/${p.id}`, { publicWorkaround: "Hold play for 5 s." });
    const lookup = await agent.get(`/api/v1/lookup?phone=${encodeURIComponent(phone)}`);
    const ids = lookup.body.knownIssues.map((k: { problemId: string }) => k.problemId);
    assert.ok(ids.includes(p.id), "in range");
    assert.ok(!ids.includes(fixedRange.id), "out of range");
    const issue = lookup.body.knownIssues.find((k: { problemId: string }) => k.problemId === p.id);
    assert.equal(issue.device.firmware, "12.1.3");
    assert.match(issue.workaroundHtml, /Hold play/);
    const context = await agent.get(`/api/v1/customers/${cu.body.id}/context`);
    assert.ok(context.body.knownIssues.some((k: { problemId: string }) => k.problemId === p.id));
    const call = await agent.post("/api/v1/calls", { from: phone, to: "+1 800 555 0100" });
    assert.equal(call.status, 201, JSON.stringify(call.body));
    assert.ok(call.body.knownIssues.some((k: { problemId: string }) => k.problemId === p.id));
    await agent.patch(`/api/v1/problems/${p.id}`, { status: "closed" });
    const closed = await agent.get(`/api/v1/lookup?phone=${encodeURIComponent(phone)}`);
    assert.ok(
      !closed.body.knownIssues.some((k: { problemId: string }) => k.problemId === p.id),
      "closed: gone",
    );
  });
});
