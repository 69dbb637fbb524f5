import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
let customerId: string;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  customerId = (
    await admin.post("/api/v1/customers", { name: "Maria Gonzalez", emails: ["maria@example.com"] })
  ).body.id;
});
after(() => server.close());

const openCase = async (subject = "Error 1013 on update", extra: Record<string, unknown> = {}) => {
  const res = await admin.post("/api/v1/cases", {
    customerId,
    subject,
    message: "Both speakers show Error 1013.",
    ...extra,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
};

describe("cases", () => {
  test("a case gets the next number of its workspace, status new, and the customer's words as its first message", async () => {
    const a = await openCase();
    const b = await openCase("Second");
    assert.equal(b.number, a.number + 1);
    assert.equal(a.status, "new");
    assert.equal(a.customer.name, "Maria Gonzalez");
    const messages = await admin.get(`/api/v1/cases/${a.id}/messages`);
    assert.equal(messages.body.items.length, 1);
    assert.equal(messages.body.items[0].kind, "customer");
    assert.equal(messages.body.items[0].body, "Both speakers show Error 1013.");
    const { client: other } = await otherWorkspace(server);
    const theirs = await other.post("/api/v1/customers", { name: "Their customer" });
    const theirCase = await other.post("/api/v1/cases", {
      customerId: theirs.body.id,
      subject: "Hi",
      message: "Hello",
    });
    assert.equal(theirCase.body.number, 1, "numbers are per workspace");
  });

  test("a case opened with an assignee and a team names them; bad ones are refused with nothing written", async () => {
    const { client: agent, email } = await staffClient(server, "agent");
    const members = await admin.get("/api/v1/members?limit=100");
    const agentMember = members.body.items.find((m: { email: string }) => m.email === email);
    const teams = await admin.post("/api/v1/teams", { name: "Speakers desk", memberIds: [agentMember.id] });
    assert.equal(teams.status, 201, JSON.stringify(teams.body));
    const team = { body: teams.body.items.find((t: { name: string }) => t.name === "Speakers desk") };
    const c = await openCase("Routed at birth", {
      assigneeId: agentMember.id,
      teamId: team.body.id,
      priority: "high",
      tags: ["routed", "routed"],
    });
    assert.deepEqual(c.assignee, { id: agentMember.id, name: agentMember.name });
    assert.deepEqual(c.team, { id: team.body.id, name: "Speakers desk" });
    assert.equal(c.priority, "high");
    assert.deepEqual(c.tags, ["routed"]);
    // Newest first: the case was created, then its first message was added.
    const tl = await agent.get(`/api/v1/cases/${c.id}/timeline`);
    assert.deepEqual(
      tl.body.items.map((e: { kind: string }) => e.kind),
      ["message.added", "case.created"],
    );
    assert.deepEqual(tl.body.items[1].data, {
      number: c.number,
      subject: "Routed at birth",
      channel: "phone",
    });

    const before = (await admin.get(`/api/v1/cases?customer=${customerId}&status=all&limit=100`)).body.items
      .length;
    const { client: other } = await otherWorkspace(server);
    const foreignTeam = { body: (await other.post("/api/v1/teams", { name: "Elsewhere" })).body.items[0] };
    const { body: dup } = await admin.post("/api/v1/customers", { name: "Maria G (duplicate)" });
    await admin.post(`/api/v1/customers/${customerId}/merge`, { duplicateId: dup.id });
    const refused: Array<[Record<string, unknown>, number, string]> = [
      [{ teamId: foreignTeam.body.id }, 400, "teamId"],
      [{ assigneeId: "00000000-0000-4000-8000-000000000000" }, 400, "assigneeId"],
      [{ customerId: dup.id }, 404, "customerId"],
    ];
    for (const [extra, status, field] of refused) {
      const res = await admin.post("/api/v1/cases", { customerId, subject: "No", message: "No", ...extra });
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.equal(res.body.error.field, field);
    }
    const after = (await admin.get(`/api/v1/cases?customer=${customerId}&status=all&limit=100`)).body.items
      .length;
    assert.equal(after, before, "a refused case leaves nothing behind");
  });

  test("concurrent creation never repeats a number", async () => {
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => openCase(`Burst ${i}`)));
    const numbers = made.map((c) => c.number);
    assert.equal(new Set(numbers).size, numbers.length);
  });

  test("changes to status, assignee, priority, team-less tags each land on the timeline with who made them", async () => {
    const c = await openCase("Timeline case");
    const me = await admin.get("/api/v1/members?limit=1");
    const adminMember = me.body.items[0].id;
    const res = await admin.patch(`/api/v1/cases/${c.id}`, {
      status: "open",
      assigneeId: adminMember,
      priority: "high",
      tags: ["error-1013", "Speakers"],
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.assignee.name, "Ada Admin");
    assert.deepEqual(res.body.tags, ["error-1013", "speakers"]);
    const tl = await admin.get(`/api/v1/cases/${c.id}/timeline`);
    const kinds = tl.body.items.map((e: { kind: string }) => e.kind);
    for (const k of [
      "case.created",
      "message.added",
      "case.status_changed",
      "case.assigned",
      "case.priority_changed",
      "case.tags_changed",
    ]) {
      assert.ok(kinds.includes(k), k);
    }
    const status = tl.body.items.find((e: { kind: string }) => e.kind === "case.status_changed");
    assert.deepEqual(status.data, { from: "new", to: "open" });
    assert.equal(status.actor.name, "Ada Admin");
    assert.equal(tl.body.items[0].kind, "case.tags_changed", "newest first");
    // The first message is the customer's words, typed in by the admin: both are on record.
    const first = tl.body.items.find((e: { kind: string }) => e.kind === "message.added");
    assert.equal(first.actor.name, "Ada Admin");
    const customer = await admin.get(`/api/v1/customers/${customerId}`);
    assert.equal(first.data.authorName, customer.body.name);
  });

  test("bad updates are 400 naming the field; unknown and foreign ids are 404", async () => {
    const c = await openCase("Validation");
    for (const [body, field] of [
      [{ status: "done" }, "status"],
      [{ priority: "whenever" }, "priority"],
      [{ tags: ["has space"] }, "tags.0"],
      [{ assigneeId: "nope" }, "assigneeId"],
      [{ number: 5 }, "number"],
    ] as const) {
      const res = await admin.patch(`/api/v1/cases/${c.id}`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
    const customerMember = await customerClient(server);
    const members = await admin.get("/api/v1/members?limit=100");
    const customerMembership = members.body.items.find(
      (m: { email: string }) => m.email === customerMember.email,
    ).id;
    const notStaff = await admin.patch(`/api/v1/cases/${c.id}`, { assigneeId: customerMembership });
    assert.equal(notStaff.status, 400);
    assert.equal(notStaff.body.error.field, "assigneeId");
    assert.equal((await admin.get("/api/v1/cases/00000000-0000-4000-8000-000000000000")).status, 404);
    const { client: other } = await otherWorkspace(server);
    assert.equal((await other.get(`/api/v1/cases/${c.id}`)).status, 404);
    assert.equal((await other.patch(`/api/v1/cases/${c.id}`, { status: "closed" })).status, 404);
    assert.equal((await other.post(`/api/v1/cases/${c.id}/messages`, { body: "hi" })).status, 404);
    assert.equal((await new TestClient(server.url).get(`/api/v1/cases/${c.id}`)).status, 401);
  });

  test("replies and internal notes: the reply stops the waiting clock, the note stays internal", async () => {
    const c = await openCase("Conversation");
    assert.ok(c.waitingSince, "a new case waits for us");
    const reply = await admin.post(`/api/v1/cases/${c.id}/messages`, {
      body: "Please allow UPnP on your router.",
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.kind, "reply");
    const note = await admin.post(`/api/v1/cases/${c.id}/messages`, {
      body: "Known NetHub issue",
      kind: "note",
    });
    assert.equal(note.body.kind, "note");
    const after = await admin.get(`/api/v1/cases/${c.id}`);
    assert.equal(after.body.waitingSince, null);
    assert.equal(after.body.status, "open", "an agent's first reply opens a new case");
    const empty = await admin.post(`/api/v1/cases/${c.id}/messages`, { body: "   " });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.field, "body");
  });

  test("attachments are stored whole and downloadable by those who may see the case", async () => {
    const c = await openCase("With a log file");
    const bytes = Buffer.from("router log\nline 2\n\u0000binary\u00ff");
    const res = await admin.post(`/api/v1/cases/${c.id}/messages`, {
      body: "Attached the log",
      attachments: [{ name: "router.log", contentType: "text/plain", dataBase64: bytes.toString("base64") }],
    });
    assert.equal(res.status, 201);
    const att = res.body.attachments[0];
    assert.equal(att.size, bytes.length);
    const download = await fetch(`${server.url}/api/v1/attachments/${att.id}`, {
      headers: { cookie: admin.cookieHeader() },
    });
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes);
    const { client: other } = await otherWorkspace(server);
    assert.equal((await other.get(`/api/v1/attachments/${att.id}`)).status, 404);
    const bad = await admin.post(`/api/v1/cases/${c.id}/messages`, {
      body: "x",
      attachments: [{ name: "x", dataBase64: "!!!" }],
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "attachments.0.dataBase64");
  });
});

describe("inbox lists", () => {
  test("filters by status, assignee, tag and customer, sorted by last activity, paged by cursor", async () => {
    const { client: agent, email } = await staffClient(server, "agent");
    const members = await admin.get("/api/v1/members?limit=100");
    const agentId = members.body.items.find((m: { email: string }) => m.email === email).id;
    const mine = await openCase("Agent's case", { assigneeId: agentId, tags: ["vip"] });
    const older = await openCase("Older unassigned");
    const touched = await openCase("Touched later");
    await admin.post(`/api/v1/cases/${older.id}/messages`, { body: "bump" });

    const assigned = await agent.get("/api/v1/cases?assignee=me");
    assert.deepEqual(
      assigned.body.items.map((c: { id: string }) => c.id),
      [mine.id],
    );
    const tagged = await admin.get("/api/v1/cases?tag=vip");
    assert.deepEqual(
      tagged.body.items.map((c: { id: string }) => c.id),
      [mine.id],
    );
    const unassigned = await admin.get("/api/v1/cases?assignee=none&limit=100");
    const ids = unassigned.body.items.map((c: { id: string }) => c.id);
    assert.ok(
      ids.indexOf(older.id) < ids.indexOf(touched.id),
      "the case with the latest activity comes first",
    );
    assert.ok(!ids.includes(mine.id));

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await admin.get(
        `/api/v1/cases?status=all&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      all.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(new Set(all).size, all.length, "no case appears twice across pages");
    const total = (await admin.get("/api/v1/cases?status=all&limit=100")).body.items.length;
    assert.equal(all.length, total);

    const byCustomer = await admin.get(`/api/v1/cases?customer=${customerId}&status=all&limit=100`);
    assert.equal(byCustomer.body.items.length, total);
    const search = await admin.get(`/api/v1/cases?q=${encodeURIComponent("speakers show")}&status=all`);
    assert.ok(search.body.items.length > 0, "message text is searchable");
    const byNumber = await admin.get(`/api/v1/cases?q=${mine.number}&status=all`);
    assert.ok(byNumber.body.items.some((c: { id: string }) => c.id === mine.id));
    for (const q of ["status=nope", "assignee=someone", "limit=0", "color=red"]) {
      assert.equal((await admin.get(`/api/v1/cases?${q}`)).status, 400, q);
    }
  });
});
