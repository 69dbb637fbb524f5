import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { ERASURE_COVERAGE } from "./erase-data.ts";
import { runErasure } from "./erasure.job.ts";

/**
 * The erasure job on its own: a web-only server queues it without running it, so the test runs
 * it by hand with storage that fails once, as a crash between the steps would.
 */
let server: TestServer;
let admin: TestClient;
let workspaceId: string;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer({ role: "web" });
  ({ admin, workspaceId } = await setUpWorkspace(server));
});
after(async () => server.close());

test("every table with a customer column is handled by erasure or excluded with a reason", async () => {
  const { rows } = await q(
    `select distinct table_name as t from information_schema.columns
      where table_schema = 'public' and (column_name like '%customer_id' or column_name = 'customer_ids')
      order by 1`,
  );
  const missing = rows.map((r) => r.t as string).filter((t) => !(t in ERASURE_COVERAGE));
  assert.deepEqual(missing, [], "add these tables to ERASURE_COVERAGE in erase-data.ts (and erase them)");
  const { rows: all } = await q(
    "select table_name as t from information_schema.tables where table_schema = 'public'",
  );
  const tables = new Set(all.map((r) => r.t as string));
  const stale = Object.keys(ERASURE_COVERAGE).filter((t) => !tables.has(t));
  assert.deepEqual(stale, [], "ERASURE_COVERAGE names tables that do not exist");
});

test("a job that fails after the database pass is retried and completes, deleting the files it listed", async () => {
  const c = (await admin.post("/api/v1/customers", { name: "Rory Retry", emails: ["rory@example.org"] }))
    .body;
  const kase = (await admin.post("/api/v1/cases", { customerId: c.id, subject: "Hum", message: "Rory here" }))
    .body;
  const msg = await admin.post(`/api/v1/cases/${kase.id}/messages`, {
    body: "Log attached",
    attachments: [
      {
        name: "log.txt",
        contentType: "text/plain",
        dataBase64: Buffer.from("rory's log").toString("base64"),
      },
    ],
  });
  assert.equal(msg.status, 201, JSON.stringify(msg.body));
  const { rows: keyRows } = await q("select attachments->0->>'key' as key from messages where id = $1", [
    msg.body.id,
  ]);
  const filePath = path.join(server.runtime.ctx.config.dataDir, "files", keyRows[0].key);
  assert.ok(fs.existsSync(filePath));

  const erase = await admin.request("DELETE", `/api/v1/customers/${c.id}`, { confirm: true });
  assert.equal(erase.status, 202);
  const { rows: queued } = await q("select data from pgboss.job where name = 'privacy.erase'");
  assert.deepEqual(
    queued[0]?.data,
    { workspaceId, erasureId: erase.body.id },
    "queued in the request's transaction",
  );

  const ctx = server.runtime.ctx;
  const failing = {
    ...ctx,
    files: {
      ...ctx.files,
      delete: async () => {
        throw new Error("storage unreachable");
      },
    },
  };
  await assert.rejects(runErasure(failing, { workspaceId, erasureId: erase.body.id }), /storage unreachable/);
  const { rows: mid } = await q("select status, attempts, last_error from erasure_requests where id = $1", [
    erase.body.id,
  ]);
  assert.deepEqual(mid[0], { status: "pending", attempts: 1, last_error: "storage unreachable" });
  assert.equal(
    (await admin.get(`/api/v1/customers/${c.id}`)).body.name,
    "Erased customer",
    "the rows are erased",
  );
  assert.ok(fs.existsSync(filePath), "the file survived the failed attempt");
  assert.equal(
    (await q("select count(*)::int as n from audit_log where action = 'customer.erased'")).rows[0].n,
    0,
    "not reported erased before it is",
  );

  // The retry: the attachment lists are empty now, so the file is known only from the request row.
  await runErasure(ctx, { workspaceId, erasureId: erase.body.id });
  const { rows: done } = await q("select status, attempts from erasure_requests where id = $1", [
    erase.body.id,
  ]);
  assert.deepEqual(done[0], { status: "completed", attempts: 2 });
  assert.equal(fs.existsSync(filePath), false, "the file is deleted on the retry");
  const state = (await admin.get(`/api/v1/customers/${c.id}/erasure`)).body;
  assert.equal(state.erasure.status, "completed");
  assert.ok(state.erasedAt);

  // A late duplicate delivery of the job changes nothing and audits nothing twice.
  await runErasure(ctx, { workspaceId, erasureId: erase.body.id });
  assert.equal(
    (await q("select count(*)::int as n from audit_log where action = 'customer.erased'")).rows[0].n,
    1,
  );
});
