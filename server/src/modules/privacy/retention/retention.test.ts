import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { sendRaw } from "../../../../test/mail.ts";

/** Retention policies: old closed unheld cases, raw email and snapshots go; everything else stays. */
let server: TestServer;
let admin: TestClient;
let workspaceId: string;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
});
after(async () => server.close());

async function openCase(client: TestClient, customerId: string, subject: string, extra: object = {}) {
  const res = await client.post("/api/v1/cases", { customerId, subject, message: "Hello", ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; number: number };
}
/** Closes a case and moves its last activity `days` back, as if it had been idle that long. */
const age = (caseId: string, days: number, status = "closed") =>
  q(`update cases set status = $2, last_activity_at = now() - make_interval(days => $3) where id = $1`, [
    caseId,
    status,
    days,
  ]);

test("the policy is admin-only and bad days are refused naming the field", async () => {
  assert.deepEqual((await admin.get("/api/v1/retention-policies")).body, {
    closedCaseDays: null,
    rawEmailDays: null,
    snapshotDays: null,
  });
  for (const [body, field] of [
    [{ closedCaseDays: 0, rawEmailDays: null, snapshotDays: null }, "closedCaseDays"],
    [{ closedCaseDays: 30, rawEmailDays: 2.5, snapshotDays: null }, "rawEmailDays"],
    [{ closedCaseDays: 30, rawEmailDays: null }, "snapshotDays"],
    [{ closedCaseDays: 30, rawEmailDays: null, snapshotDays: "7" }, "snapshotDays"],
  ] as const) {
    const res = await admin.put("/api/v1/retention-policies", body);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.field, field);
  }
  const { client: agent } = await staffClient(server, "agent");
  assert.equal((await agent.get("/api/v1/retention-policies")).status, 403);
  assert.equal((await agent.post("/api/v1/retention-policies/run")).status, 403);
});

test("a run deletes only old closed unheld cases (with files), old raw email and snapshots, and reports counts", async () => {
  const c = (await admin.post("/api/v1/customers", { name: "Rita Retained", emails: ["rita@example.org"] }))
    .body;
  const held = (await admin.post("/api/v1/customers", { name: "Hal Held" })).body;
  const oldClosed = await openCase(admin, c.id, "Old closed one");
  const oldClosedWithFile = await openCase(admin, c.id, "Old closed with a file");
  const upload = await admin.post(`/api/v1/cases/${oldClosedWithFile.id}/messages`, {
    body: "Attached",
    attachments: [
      { name: "a.txt", contentType: "text/plain", dataBase64: Buffer.from("old file").toString("base64") },
    ],
  });
  assert.equal(upload.status, 201, JSON.stringify(upload.body));
  const recentClosed = await openCase(admin, c.id, "Recently closed");
  const oldOpen = await openCase(admin, c.id, "Old but open");
  const oldHeldCase = await openCase(admin, c.id, "Old closed but held");
  const oldOfHeldCustomer = await openCase(admin, held.id, "Old closed, customer held");
  await age(oldClosed.id, 100);
  await age(oldClosedWithFile.id, 100);
  await age(recentClosed.id, 5);
  await age(oldOpen.id, 100, "open");
  await age(oldHeldCase.id, 100);
  await age(oldOfHeldCustomer.id, 100);
  assert.equal(
    (await admin.post("/api/v1/legal-holds", { caseId: oldHeldCase.id, reason: "Dispute" })).status,
    201,
  );
  assert.equal(
    (await admin.post("/api/v1/legal-holds", { customerId: held.id, reason: "Audit" })).status,
    201,
  );
  const { rows: keyRows } = await q(
    "select attachments->0->>'key' as key from messages where case_id = $1 and attachments <> '[]'",
    [oldClosedWithFile.id],
  );
  const filePath = path.join(server.runtime.ctx.config.dataDir, "files", keyRows[0].key);
  assert.ok(fs.existsSync(filePath));

  // Another workspace's old closed case is not ours to delete.
  const { client: other } = await otherWorkspace(server);
  const theirs = (await other.post("/api/v1/customers", { name: "Their Customer" })).body;
  const theirCase = await openCase(other, theirs.id, "Their old closed case");
  await age(theirCase.id, 100);

  // Raw email: one old, one new.
  for (const id of ["old", "new"]) {
    await sendRaw(
      server.runtime.ctx.config.smtpPort,
      `From: rita@example.org\r\nTo: support@localhost\r\nSubject: Mail ${id}\r\nMessage-ID: <rita-${id}@example.org>\r\n\r\nBody\r\n`,
      { from: "rita@example.org" },
    );
  }
  await eventually(async () => {
    const { rows } = await q(
      "select count(*)::int as n from inbound_emails where workspace_id = $1 and status = 'processed'",
      [workspaceId],
    );
    return rows[0].n === 2 ? true : undefined;
  });
  await q("update inbound_emails set received_at = now() - interval '40 days' where subject = 'Mail old'");
  // Snapshots: one old, one new, one old on the held customer.
  for (const [customerId, days] of [
    [c.id, 20],
    [c.id, 0],
    [held.id, 20],
  ] as const) {
    const s = await admin.post("/api/v1/diagnostics", { customerId, source: "app", data: { v: 1 } });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    await q("update diagnostic_snapshots set captured_at = now() - make_interval(days => $2) where id = $1", [
      s.body.id,
      days,
    ]);
  }

  const set = await admin.put("/api/v1/retention-policies", {
    closedCaseDays: 30,
    rawEmailDays: 30,
    snapshotDays: 10,
  });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const run = await admin.post("/api/v1/retention-policies/run");
  assert.equal(run.status, 201, JSON.stringify(run.body));
  assert.equal(run.body.trigger, "manual");
  assert.equal(run.body.casesDeleted, 2);
  assert.equal(run.body.filesDeleted, 1);
  assert.equal(run.body.rawEmailsDeleted, 1);
  assert.equal(run.body.snapshotsDeleted, 1);
  assert.equal(run.body.heldSkipped, 3, "two held cases and one held snapshot");

  const exists = async (id: string) => (await q("select 1 from cases where id = $1", [id])).rows.length === 1;
  assert.equal(await exists(oldClosed.id), false);
  assert.equal(await exists(oldClosedWithFile.id), false);
  assert.equal(fs.existsSync(filePath), false, "the attachment's file is gone");
  for (const kept of [recentClosed, oldOpen, oldHeldCase, oldOfHeldCustomer, theirCase])
    assert.equal(await exists(kept.id), true);
  const { rows: mails } = await q(
    "select subject, octet_length(raw)::int as size from inbound_emails where workspace_id = $1 order by subject",
    [workspaceId],
  );
  assert.deepEqual(
    mails.map((m) => [m.subject, m.size > 0]),
    [
      ["Mail new", true],
      ["Mail old", false],
    ],
  );
  const { rows: snaps } = await q(
    "select count(*)::int as n from diagnostic_snapshots where workspace_id = $1",
    [workspaceId],
  );
  assert.equal(snaps[0].n, 2);

  // A second run finds nothing more; the history lists both, newest first; both are audited.
  const second = await admin.post("/api/v1/retention-policies/run");
  assert.deepEqual(
    [second.body.casesDeleted, second.body.rawEmailsDeleted, second.body.snapshotsDeleted],
    [0, 0, 0],
  );
  const runs = (await admin.get("/api/v1/retention-policies/runs")).body.items;
  assert.deepEqual(
    runs.map((r: { id: string }) => r.id),
    [second.body.id, run.body.id],
  );
  assert.equal((await other.get("/api/v1/retention-policies/runs")).body.items.length, 0);
  const { rows: audits } = await q(
    "select data from audit_log where workspace_id = $1 and action = 'retention.run' order by id",
    [workspaceId],
  );
  assert.equal(audits.length, 2);
  assert.equal(audits[0].data.cases, 2);
});

test("an old case another transaction is writing a row for is deleted once that write ends, not skipped", async () => {
  // A metrics refresh or a late message holds the key-share lock of the case it points at. The
  // run used to skip such cases silently (`for update skip locked`) and report fewer.
  const c = (await admin.post("/api/v1/customers", { name: "Wanda Written" })).body;
  const kase = await openCase(admin, c.id, "Old closed, being written to");
  await age(kase.id, 100);
  assert.equal(
    (
      await admin.put("/api/v1/retention-policies", {
        closedCaseDays: 30,
        rawEmailDays: null,
        snapshotDays: null,
      })
    ).status,
    200,
  );
  const writer = await server.runtime.ctx.pool.connect();
  try {
    await writer.query("begin");
    await writer.query(
      `insert into messages (workspace_id, case_id, kind, author_name, body, channel)
       values ($1, $2, 'note', 'Late writer', 'still writing', 'web')`,
      [workspaceId, kase.id],
    );
    const run = admin.post("/api/v1/retention-policies/run");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await writer.query("commit");
    const res = await run;
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.casesDeleted, 1);
  } finally {
    await writer.query("rollback").catch(() => {});
    writer.release();
  }
  assert.equal((await q("select 1 from cases where id = $1", [kase.id])).rows.length, 0);
});
