import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runCli } from "../../../test/cli.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import {
  createTestDatabase,
  dropTestDatabase,
  startTestServer,
  type TestServer,
} from "../../../test/harness.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { audit } from "./audit.ts";
import { verifyChain } from "./verify.ts";

/**
 * The hash chain: appends through audit() form one chain per workspace, even when many run at
 * once, and `rapport audit verify` (a separate process, as an operator runs it) names the first
 * record that was changed, deleted or reordered behind the application's back.
 */
let databaseUrl: string;
let server: TestServer;
let workspaceId: string;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  databaseUrl = await createTestDatabase();
  server = await startTestServer({ databaseUrl });
  ({ workspaceId } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
  await dropTestDatabase(databaseUrl);
});

const verify = (...extra: string[]) => runCli(databaseUrl, ["audit", "verify", ...extra]);

async function appendSome(n: number, action = "test.appended") {
  const scope = new TenantScope(server.runtime.ctx.db, workspaceId);
  for (let i = 0; i < n; i++) await audit(scope, { actorUserId: null, action, data: { i } });
}

test("50 concurrent appends keep one unbroken chain, numbered without gaps", async () => {
  const db = server.runtime.ctx.db;
  const before = (await q("select count(*)::int as n from audit_log where workspace_id = $1", [workspaceId]))
    .rows[0].n as number;
  // Each append in its own transaction, all at once, as concurrent requests would.
  await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      db.transaction().execute((tx) =>
        audit(new TenantScope(tx, workspaceId), {
          actorUserId: null,
          action: "test.concurrent",
          data: { i },
        }),
      ),
    ),
  );
  const { rows } = await q(
    "select seq, prev_hash, hash from audit_log where workspace_id = $1 order by seq",
    [workspaceId],
  );
  assert.equal(rows.length, before + 50);
  rows.forEach((r, i) => {
    assert.equal(Number(r.seq), i + 1, "sequence numbers run 1..n");
    if (i > 0) assert.equal(r.prev_hash, rows[i - 1].hash, `record ${i + 1} follows record ${i}`);
  });
  const report = await verifyChain(db, workspaceId);
  assert.equal(report.broken, null);
  assert.equal(report.records, before + 50);
});

test("audit verify passes on an intact log and names a changed record, exiting non-zero", async () => {
  await appendSome(5, "test.change");
  const ok = await verify();
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /ok, \d+ records/);

  const victim = (
    await q(
      "select id, seq from audit_log where workspace_id = $1 and action = 'test.change' order by seq limit 1 offset 2",
      [workspaceId],
    )
  ).rows[0];
  await q(`update audit_log set data = '{"i": 99}' where id = $1`, [victim.id]);
  const broken = await verify("--workspace", workspaceId);
  assert.notEqual(broken.status, 0);
  assert.match(broken.stdout, new RegExp(`BROKEN at record #${victim.seq} \\(id ${victim.id}\\), changed`));
  assert.match(broken.stderr, /audit chain is broken/);
  await q(`update audit_log set data = '{"i": 2}' where id = $1`, [victim.id]);
  assert.equal((await verify()).status, 0, "putting the original back makes it verify again");
});

test("a forger who recomputes the changed record's hash is caught at the next record", async () => {
  await appendSome(3, "test.forge");
  const rows = (
    await q("select id, seq from audit_log where workspace_id = $1 and action = 'test.forge' order by seq", [
      workspaceId,
    ])
  ).rows;
  await q(
    `update audit_log set data = '{"i": 7}',
       hash = audit_record_hash(workspace_id, seq, created_at, actor_user_id, action, subject_type, subject_id,
                                '{"i": 7}'::jsonb, request_id, prev_hash)
     where id = $1`,
    [rows[0].id],
  );
  const r = await verify();
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, new RegExp(`BROKEN at record #${rows[1].seq} \\(id ${rows[1].id}\\), reordered`));
  assert.match(r.stdout, new RegExp(`does not follow record #${rows[0].seq}`));
  // Undo, so the next test starts from an intact chain.
  await q(
    `update audit_log set data = '{"i": 0}',
       hash = audit_record_hash(workspace_id, seq, created_at, actor_user_id, action, subject_type, subject_id,
                                '{"i": 0}'::jsonb, request_id, prev_hash)
     where id = $1`,
    [rows[0].id],
  );
  assert.equal((await verify()).status, 0);
});

test("a deleted record is named by the record after the gap", async () => {
  await appendSome(4, "test.delete");
  const rows = (
    await q("select id, seq from audit_log where workspace_id = $1 and action = 'test.delete' order by seq", [
      workspaceId,
    ])
  ).rows;
  await q("delete from audit_log where id = $1", [rows[1].id]);
  const middle = await verify();
  assert.notEqual(middle.status, 0);
  assert.match(middle.stdout, new RegExp(`BROKEN at record #${rows[2].seq} \\(id ${rows[2].id}\\), deleted`));
  assert.match(middle.stdout, new RegExp(`records #${rows[1].seq}\\.\\.#${rows[1].seq} before`));
});

test("removing the newest records is caught by the chain head", async () => {
  const other = await createTestDatabase();
  const s2 = await startTestServer({ databaseUrl: other });
  try {
    const { workspaceId: ws } = await setUpWorkspace(s2);
    const scope = new TenantScope(s2.runtime.ctx.db, ws);
    for (let i = 0; i < 3; i++) await audit(scope, { actorUserId: null, action: "test.tail" });
    const last = (await s2.runtime.ctx.pool.query("select max(seq)::int as n from audit_log")).rows[0].n;
    await s2.runtime.ctx.pool.query("delete from audit_log where seq = $1", [last]);
    const r = await runCli(other, ["audit", "verify"]);
    assert.notEqual(r.status, 0);
    assert.match(
      r.stdout,
      new RegExp(`BROKEN at record #${last}, deleted: the chain ends at record #${last - 1}`),
    );
  } finally {
    await s2.close();
    await dropTestDatabase(other);
  }
});

test("--workspace names an unknown workspace plainly", async () => {
  const r = await verify("--workspace", "nowhere.example");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--workspace nowhere.example matches no workspace/);
});
