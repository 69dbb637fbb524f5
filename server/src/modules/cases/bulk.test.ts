import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import WebSocket from "ws";
import type { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
let customerId: string;
let agentMemberId: string;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  customerId = (await admin.post("/api/v1/customers", { name: "Maria Gonzalez" })).body.id;
  const { email } = await staffClient(server, "agent");
  const members = await admin.get("/api/v1/members?limit=100");
  agentMemberId = members.body.items.find((m: { email: string }) => m.email === email).id;
});
after(() => server.close());

const openCase = async (subject: string, extra: Record<string, unknown> = {}) => {
  const res = await admin.post("/api/v1/cases", { customerId, subject, message: "Hello", ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; number: number };
};
const kinds = async (id: string) =>
  (await admin.get(`/api/v1/cases/${id}/timeline`)).body.items.map((e: { kind: string }) => e.kind);

test("bulk changes assign, set status and priority and add/remove tags on every case, each with its timeline and a live update", async () => {
  const a = await openCase("Bulk one", { tags: ["old"] });
  const b = await openCase("Bulk two");
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/realtime`, {
    headers: { cookie: admin.cookieHeader(), origin: server.url },
  });
  const heard: Array<Record<string, unknown>> = [];
  ws.on("message", (d) => heard.push(JSON.parse(d.toString())));
  await eventually(() => (heard.length ? true : undefined));

  const res = await admin.post("/api/v1/cases/bulk", {
    caseIds: [a.id, b.id],
    set: {
      assigneeId: agentMemberId,
      status: "pending",
      priority: "high",
      addTags: ["vip"],
      removeTags: ["old"],
    },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  for (const id of [a.id, b.id]) {
    const c = (await admin.get(`/api/v1/cases/${id}`)).body;
    assert.equal(c.assignee.id, agentMemberId);
    assert.equal(c.status, "pending");
    assert.equal(c.priority, "high");
    assert.deepEqual(c.tags, ["vip"]);
    const k = await kinds(id);
    for (const kind of [
      "case.assigned",
      "case.status_changed",
      "case.priority_changed",
      "case.tags_changed",
    ]) {
      assert.ok(k.includes(kind), `${kind} on #${c.number}`);
    }
    await eventually(() => heard.find((m) => m.type === "case.updated" && m.caseId === id));
  }
  ws.close();
});

test("bulk changes are all or nothing: a foreign case is 404, a bad field 400 naming it, and nothing changes", async () => {
  const a = await openCase("Stays new");
  const { client: other } = await otherWorkspace(server);
  const theirCustomer = (await other.post("/api/v1/customers", { name: "Theirs" })).body.id;
  const theirs = (
    await other.post("/api/v1/cases", { customerId: theirCustomer, subject: "x", message: "y" })
  ).body;

  const foreign = await admin.post("/api/v1/cases/bulk", {
    caseIds: [a.id, theirs.id],
    set: { status: "solved" },
  });
  assert.equal(foreign.status, 404);
  assert.equal(foreign.body.error.field, "caseIds");

  const badStatus = await admin.post("/api/v1/cases/bulk", { caseIds: [a.id], set: { status: "done" } });
  assert.equal(badStatus.status, 400);
  assert.equal(badStatus.body.error.field, "set.status");

  const badAssignee = await admin.post("/api/v1/cases/bulk", {
    caseIds: [a.id],
    set: { status: "solved", assigneeId: customerId },
  });
  assert.equal(badAssignee.status, 400);
  assert.equal(badAssignee.body.error.field, "set.assigneeId");

  const tooMany = await admin.post("/api/v1/cases/bulk", {
    caseIds: Array.from({ length: 101 }, () => a.id),
    set: { status: "solved" },
  });
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.body.error.field, "caseIds");

  const empty = await admin.post("/api/v1/cases/bulk", { caseIds: [a.id], set: {} });
  assert.equal(empty.status, 400);
  assert.equal(empty.body.error.field, "set");

  const after = (await admin.get(`/api/v1/cases/${a.id}`)).body;
  assert.equal(after.status, "new", "the valid case was not changed either");
  assert.deepEqual(await kinds(a.id), ["message.added", "case.created"]);
  const mine = (await other.get(`/api/v1/cases/${theirs.id}`)).body;
  assert.equal(mine.status, "new");
});

test("counts per view: mine, unassigned, all unsolved, each team and saved views, capped at 1000", async () => {
  const { client: agent } = await staffClient(server, "agent");
  const team = (await admin.post("/api/v1/teams", { name: "Speakers", memberIds: [] })).body.items.find(
    (t: { name: string }) => t.name === "Speakers",
  );
  const before = (await admin.get("/api/v1/cases/counts")).body;
  await openCase("Team case", { teamId: team.id, tags: ["counted"] });
  await openCase("Mine", { assigneeId: agentMemberId, tags: ["counted"] });
  const solved = await openCase("Solved one", { tags: ["counted"] });
  await admin.patch(`/api/v1/cases/${solved.id}`, { status: "solved" });
  const view = (await admin.post("/api/v1/views", { name: "Counted", filters: { tag: "counted" } })).body;
  const searching = (await admin.post("/api/v1/views", { name: "Search", filters: { q: "speaker" } })).body;

  const counts = await admin.get("/api/v1/cases/counts");
  assert.equal(counts.status, 200, JSON.stringify(counts.body));
  assert.equal(counts.body.cap, 1000);
  assert.equal(counts.body.all, before.all + 2, "solved cases are not counted");
  assert.equal(counts.body.unassigned, before.unassigned + 1);
  assert.equal(counts.body.teams[team.id], 1);
  assert.equal(counts.body.views[view.id], 2, "a saved view counts its own filters (unsolved by default)");
  assert.equal(counts.body.views[searching.id], null, "text-search views are not counted");
  assert.equal(counts.body.mine, 0, "the admin has none");
  const agentCounts = (await agent.get("/api/v1/cases/counts")).body;
  assert.equal(agentCounts.views[view.id], undefined, "saved views are the agent's own");

  // A backlog beyond the cap stops counting at the cap.
  await sql`insert into cases (workspace_id, number, customer_id, subject, channel)
    select workspace_id, 100000 + g, customer_id, 'Backlog', 'email'
      from cases, generate_series(1, 1001) g where id = ${solved.id}`.execute(server.runtime.ctx.db);
  const capped = (await admin.get("/api/v1/cases/counts")).body;
  assert.equal(capped.all, 1000);
  assert.equal(capped.unassigned, 1000);
});
