import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw } from "../../../test/mail.ts";

let server: TestServer;
let admin: TestClient;
let smtpPort: number;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  smtpPort = server.runtime.ctx.config.smtpPort;
});
after(() => server.close());

type Case = { id: string; number: number; subject: string; status: string; mergedInto: unknown };
const mail = (h: Record<string, string>, body: string) =>
  `${Object.entries({ From: "Maria Gonzalez <maria@example.com>", To: "support@localhost", ...h })
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}\r\n`;

/** A case opened by the customer's email, as most duplicates are. */
async function emailCase(subject: string, body: string): Promise<Case> {
  await sendRaw(
    smtpPort,
    mail({ Subject: subject, "Message-ID": `<${subject.replace(/\W/g, "")}@example.com>` }, body),
  );
  return eventually(async () =>
    (await admin.get("/api/v1/cases?status=all&limit=100")).body.items.find(
      (c: Case) => c.subject === subject,
    ),
  );
}
const bodies = async (id: string) =>
  (await admin.get(`/api/v1/cases/${id}/messages?limit=100`)).body.items.map((m: { body: string }) => m.body);
const kinds = async (id: string) =>
  (await admin.get(`/api/v1/cases/${id}/timeline?limit=200`)).body.items.map((e: { kind: string }) => e.kind);

test("merging moves messages and history to the survivor, leaves closed tombstones, and a reply to a merged thread lands on the survivor", async () => {
  const survivor = await emailCase("Beam drops out", "Every 20 minutes.");
  const dup = await emailCase("Beam drops again", "Still dropping.");
  const res = await admin.post(`/api/v1/cases/${survivor.id}/merge`, { caseIds: [dup.id] });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.ok(Date.parse(res.body.undoUntil) > Date.now() + 9 * 60_000);
  assert.deepEqual(await bodies(survivor.id), ["Every 20 minutes.", "Still dropping."]);
  assert.deepEqual(await bodies(dup.id), []);
  const tomb = (await admin.get(`/api/v1/cases/${dup.id}`)).body;
  assert.equal(tomb.status, "closed");
  assert.deepEqual(tomb.mergedInto, { id: survivor.id, number: survivor.number });
  const survivorKinds = await kinds(survivor.id);
  assert.equal(survivorKinds[0], "case.merged");
  assert.equal(
    survivorKinds.filter((k: string) => k === "case.created").length,
    2,
    "the duplicate's history moved",
  );
  assert.deepEqual(await kinds(dup.id), ["case.merged_into"]);

  // The customer answers in the duplicate's thread ([#n] in the subject): it lands on the survivor.
  await sendRaw(smtpPort, mail({ Subject: `Re: Beam drops again [#${dup.number}]` }, "Any news?"));
  await eventually(async () => ((await bodies(survivor.id)).includes("Any news?") ? true : undefined));
  assert.deepEqual(await bodies(dup.id), []);
  const opened = (await admin.get("/api/v1/cases?status=all&limit=100")).body.items.filter((c: Case) =>
    c.subject.includes("Beam drops again"),
  );
  assert.equal(opened.length, 1, "no follow-up case was opened");
});

test("a merge PostgreSQL picks to break a deadlock is tried again, and goes through", async () => {
  const customer = (await admin.post("/api/v1/customers", { name: "Dana Deadlock" })).body;
  const open = async (subject: string) =>
    (await admin.post("/api/v1/cases", { customerId: customer.id, subject, message: subject })).body as Case;
  // The merge locks its cases in id order: the duplicate (the lower id) first, then the survivor.
  const [dup, survivor] = [await open("Fan noise"), await open("Fan noise again")].sort((a, b) =>
    a.id < b.id ? -1 : 1,
  ) as [Case, Case];
  const { pool } = server.runtime.ctx;
  const other = await pool.connect();
  try {
    // Another writer (a sweep, routing) holds the survivor, then wants the duplicate the merge holds.
    await other.query("begin");
    await other.query("update cases set priority = 'high' where id = $1", [survivor.id]);
    const merging = admin.post(`/api/v1/cases/${survivor.id}/merge`, { caseIds: [dup.id] });
    await eventually(async () => {
      const { rows } = await pool.query(
        "select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%for no key update%'",
      );
      return rows[0];
    });
    // The merge waited first, so its deadlock check fires first and PostgreSQL fails it.
    await other.query("update cases set priority = 'low' where id = $1", [dup.id]);
    await other.query("commit");
    const res = await merging;
    assert.equal(res.status, 200, JSON.stringify(res.body));
  } finally {
    other.release();
  }
  assert.deepEqual(await bodies(survivor.id), ["Fan noise", "Fan noise again"]);
  assert.equal((await admin.get(`/api/v1/cases/${dup.id}`)).body.mergedInto.id, survivor.id);
});

test("merging refuses itself (400), foreign cases (404), another customer's cases (409)", async () => {
  const a = await emailCase("Remote lost", "It is gone.");
  const other = (await admin.post("/api/v1/customers", { name: "Ravi Patel" })).body;
  const ravis = (
    await admin.post("/api/v1/cases", { customerId: other.id, subject: "Hum", message: "Hums." })
  ).body;
  const { client: stranger } = await otherWorkspace(server);
  const theirCustomer = (await stranger.post("/api/v1/customers", { name: "Theirs" })).body.id;
  const theirs = (
    await stranger.post("/api/v1/cases", { customerId: theirCustomer, subject: "x", message: "y" })
  ).body;

  const self = await admin.post(`/api/v1/cases/${a.id}/merge`, { caseIds: [a.id] });
  assert.equal(self.status, 400);
  assert.equal(self.body.error.field, "caseIds");
  const foreign = await admin.post(`/api/v1/cases/${a.id}/merge`, { caseIds: [theirs.id] });
  assert.equal(foreign.status, 404);
  assert.equal(foreign.body.error.field, "caseIds");
  const customers = await admin.post(`/api/v1/cases/${a.id}/merge`, { caseIds: [ravis.id] });
  assert.equal(customers.status, 409);
  assert.equal(customers.body.error.field, "caseIds");
  assert.match(customers.body.error.message, new RegExp(`#${ravis.number}`));
  const bad = await admin.post(`/api/v1/cases/${a.id}/merge`, { caseIds: ["nope"] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "caseIds.0");
  assert.deepEqual(await bodies(a.id), ["It is gone."]);
});

test("a merged message's tone assessment follows it to the survivor, and back on undo", async () => {
  const survivor = await emailCase("Speaker hisses", "It hisses at low volume.");
  const dup = await emailCase("Speaker hisses still", "This is useless, it still hisses!");
  const { pool } = server.runtime.ctx;
  // The conduct job assesses every customer message (#20); wait for the duplicate's.
  const caseOfAssessment = async () =>
    (
      await pool.query(
        `select a.case_id from text_assessments a join messages m on m.id = a.source_id
          where a.source = 'message' and m.body = 'This is useless, it still hisses!'`,
      )
    ).rows[0]?.case_id as string | undefined;
  assert.equal(await eventually(caseOfAssessment), dup.id);
  await admin.post(`/api/v1/cases/${survivor.id}/merge`, { caseIds: [dup.id] });
  assert.equal(await caseOfAssessment(), survivor.id, "the survivor's conduct history includes it");
  const undo = await admin.post(`/api/v1/cases/${survivor.id}/merge/undo`);
  assert.equal(undo.status, 200, JSON.stringify(undo.body));
  assert.equal(await caseOfAssessment(), dup.id);
});

test("a merge is undone within the window: messages, history, status and tags go back; twice is 409", async () => {
  const survivor = await emailCase("Update failed", "Error 1013.");
  const dup = await emailCase("Update failed again", "Error 1013 again.");
  await admin.patch(`/api/v1/cases/${dup.id}`, { status: "pending", tags: ["firmware"] });
  await admin.post(`/api/v1/cases/${survivor.id}/merge`, { caseIds: [dup.id] });
  assert.deepEqual((await admin.get(`/api/v1/cases/${survivor.id}`)).body.tags, ["firmware"]);

  const undo = await admin.post(`/api/v1/cases/${survivor.id}/merge/undo`);
  assert.equal(undo.status, 200, JSON.stringify(undo.body));
  assert.deepEqual(undo.body.case.tags, []);
  assert.deepEqual(await bodies(survivor.id), ["Error 1013."]);
  assert.deepEqual(await bodies(dup.id), ["Error 1013 again."]);
  const restored = (await admin.get(`/api/v1/cases/${dup.id}`)).body;
  assert.equal(restored.status, "pending");
  assert.equal(restored.mergedInto, null);
  const dupKinds = await kinds(dup.id);
  assert.equal(dupKinds[0], "case.merge_undone");
  assert.ok(
    dupKinds.includes("case.created") && dupKinds.includes("case.status_changed"),
    "its history is back",
  );
  assert.ok(!(await kinds(survivor.id)).includes("case.status_changed"));

  const again = await admin.post(`/api/v1/cases/${survivor.id}/merge/undo`);
  assert.equal(again.status, 409);

  // After the window, an undo is refused and nothing moves.
  await admin.post(`/api/v1/cases/${survivor.id}/merge`, { caseIds: [dup.id] });
  await server.runtime.ctx.db
    .updateTable("case_moves")
    .set({ created_at: new Date(Date.now() - 11 * 60_000) })
    .where("case_id", "=", survivor.id)
    .where("undone_at", "is", null)
    .execute();
  const late = await admin.post(`/api/v1/cases/${survivor.id}/merge/undo`);
  assert.equal(late.status, 409);
  assert.match(late.body.error.message, /10 minutes/);
  assert.equal((await admin.get(`/api/v1/cases/${dup.id}`)).body.status, "closed");
});

test("merging moves the duplicate's diagnostics and escalation to the survivor, and an undo moves them back", async () => {
  const survivor = await emailCase("Speaker drops wifi", "It drops at night.");
  const dup = await emailCase("Speaker drops wifi again", "Dropped again.");
  const customerId = (await admin.get(`/api/v1/cases/${dup.id}`)).body.customer.id;
  const snap = await admin.post("/api/v1/diagnostics", {
    customerId,
    caseId: dup.id,
    source: "agent",
    data: { wifi: { signal_dbm: -81 }, error_code: 1013 },
  });
  assert.equal(snap.status, 201, JSON.stringify(snap.body));
  const esc = await admin.post(`/api/v1/cases/${dup.id}/escalations`, {
    summary: "Drops every night",
    question: "Is the router's lease too short?",
  });
  assert.equal(esc.status, 201, JSON.stringify(esc.body));
  const snapIds = async (id: string) =>
    (await admin.get(`/api/v1/cases/${id}/diagnostics`)).body.items.map((s: { id: string }) => s.id);
  const escIds = async (id: string) =>
    (await admin.get(`/api/v1/cases/${id}/escalations`)).body.items.map((e: { id: string }) => e.id);

  await admin.post(`/api/v1/cases/${survivor.id}/merge`, { caseIds: [dup.id] });
  assert.deepEqual(await snapIds(survivor.id), [snap.body.id], "engineering sees the duplicate's snapshot");
  assert.deepEqual(await escIds(survivor.id), [esc.body.id]);
  assert.deepEqual(await snapIds(dup.id), []);

  assert.equal((await admin.post(`/api/v1/cases/${survivor.id}/merge/undo`)).status, 200);
  assert.deepEqual(await snapIds(dup.id), [snap.body.id]);
  assert.deepEqual(await escIds(dup.id), [esc.body.id]);
  assert.deepEqual(await snapIds(survivor.id), []);
});

test("splitting moves chosen messages to a new case of the same customer, and is undone within the window", async () => {
  const c = await emailCase("Two questions", "My beam drops.");
  const second = await admin.post(`/api/v1/cases/${c.id}/messages`, {
    body: "Also: my invoice is wrong.",
    kind: "note",
  });
  const messages = (await admin.get(`/api/v1/cases/${c.id}/messages`)).body.items;

  const all = await admin.post(`/api/v1/cases/${c.id}/split`, {
    messageIds: messages.map((m: { id: string }) => m.id),
  });
  assert.equal(all.status, 400);
  assert.equal(all.body.error.field, "messageIds");
  const foreign = await admin.post(`/api/v1/cases/${c.id}/split`, { messageIds: [crypto.randomUUID()] });
  assert.equal(foreign.status, 404);
  assert.equal(foreign.body.error.field, "messageIds");

  const split = await admin.post(`/api/v1/cases/${c.id}/split`, { messageIds: [second.body.id] });
  assert.equal(split.status, 201, JSON.stringify(split.body));
  const created = split.body.case;
  assert.equal(created.subject, `Split from #${c.number}: Two questions`);
  assert.equal(created.customer.name, "Maria Gonzalez");
  assert.deepEqual(await bodies(created.id), ["Also: my invoice is wrong."]);
  assert.deepEqual(await bodies(c.id), ["My beam drops."]);
  assert.equal((await kinds(c.id))[0], "case.split");
  const newKinds = await kinds(created.id);
  assert.ok(newKinds.includes("case.split_from") && newKinds.includes("message.added"));

  const undo = await admin.post(`/api/v1/cases/${c.id}/split/undo`);
  assert.equal(undo.status, 200, JSON.stringify(undo.body));
  assert.deepEqual(await bodies(c.id), ["My beam drops.", "Also: my invoice is wrong."]);
  const tomb = (await admin.get(`/api/v1/cases/${created.id}`)).body;
  assert.equal(tomb.status, "closed");
  assert.deepEqual(tomb.mergedInto, { id: c.id, number: c.number });
  assert.equal((await admin.post(`/api/v1/cases/${c.id}/split/undo`)).status, 409);

  const again = await admin.post(`/api/v1/cases/${c.id}/split`, { messageIds: [second.body.id] });
  await server.runtime.ctx.db
    .updateTable("case_moves")
    .set({ created_at: new Date(Date.now() - 11 * 60_000) })
    .where("case_id", "=", c.id)
    .where("undone_at", "is", null)
    .execute();
  assert.equal((await admin.post(`/api/v1/cases/${c.id}/split/undo`)).status, 409);
  assert.deepEqual(await bodies(again.body.case.id), ["Also: my invoice is wrong."]);
});
