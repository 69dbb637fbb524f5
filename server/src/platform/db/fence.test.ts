import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { FENCE_ROLE, fence } from "./fence.ts";
import { raiseFence } from "./fence-setup.ts";
import { createDb, createPool } from "./pool.ts";
import { TenantScope } from "./tenant.ts";
import { inTransaction } from "./tx.ts";

/**
 * The second tenancy fence (issue #23): row-level security behind TenantScope. Each test runs
 * deliberately unscoped SQL (no workspace_id filter) through the app's own connection and
 * checks that PostgreSQL itself keeps the other workspace's rows out.
 */
// On by default (fence-setup.ts); set here so that DB_TENANT_FENCE=off in the environment
// cannot skip the proof.
process.env.DB_TENANT_FENCE = "on";

let server: TestServer;
let mine: string;
let theirs: string;

before(async () => {
  // No job workers: the switch count below is the request path's own, not a sweep's (which
  // also switch now that jobs are fenced per workspace, platform/jobs/fenced-jobs.ts).
  server = await startTestServer({ role: "web" });
  const a = await setUpWorkspace(server);
  mine = a.workspaceId;
  const b = await otherWorkspace(server);
  const { db } = server.runtime.ctx;
  theirs = (await db.selectFrom("workspaces").select("id").where("id", "<>", mine).executeTakeFirstOrThrow())
    .id;
  // Each workspace gets a customer and a case (with its first message) through the API.
  for (const client of [a.admin, b.client]) {
    const cu = await client.post("/api/v1/customers", { name: "Fence Tester" });
    assert.equal(cu.status, 201, JSON.stringify(server.logs.filter((l) => Number(l.level) >= 50).at(-1)));
    const kase = await client.post("/api/v1/cases", {
      customerId: cu.body.id,
      subject: "Fenced",
      message: "Hi.",
    });
    assert.equal(kase.status, 201, JSON.stringify(server.logs.filter((l) => Number(l.level) >= 50).at(-1)));
  }
});
after(() => server.close());

type Row = { workspace_id: string };
const workspacesOf = (rows: Row[]) => [...new Set(rows.map((r) => r.workspace_id))];

test("the fence is up: the app switches to a role that is neither superuser nor bypasses RLS", async () => {
  assert.equal(fence.enabled, true);
  const { rows } = await server.runtime.ctx.pool.query(
    "select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = $1",
    [FENCE_ROLE],
  );
  assert.deepEqual(rows[0], { rolsuper: false, rolbypassrls: false, rolcanlogin: false });
});

test("an unscoped select through a scope's connection sees only that workspace's cases, customers and messages", async () => {
  const scope = new TenantScope(server.runtime.ctx.db, mine);
  for (const table of ["cases", "customers", "messages"]) {
    const { rows } = await sql<Row>`select * from ${sql.table(table)}`.execute(scope.db);
    assert.ok(rows.length > 0, `${table}: my own rows are visible`);
    assert.deepEqual(workspacesOf(rows), [mine], `${table}: no other workspace's rows`);
  }
  // The same from the other side, so the two workspaces' rows really are both there.
  const { rows } = await sql<Row>`select * from cases`.execute(
    new TenantScope(server.runtime.ctx.db, theirs).db,
  );
  assert.deepEqual(workspacesOf(rows), [theirs]);
});

test("inside a transaction too, and an unscoped update cannot reach the other workspace", async () => {
  await inTransaction(server.runtime.ctx.db, async (tx) => {
    const scope = new TenantScope(tx, mine);
    const changed = await sql`update cases set subject = 'Renamed by my workspace'`.execute(scope.db);
    assert.ok(Number(changed.numAffectedRows) >= 1);
  });
  const { rows } = await server.runtime.ctx.pool.query<{ workspace_id: string; subject: string }>(
    "select workspace_id, subject from cases",
  );
  for (const r of rows)
    assert.equal(r.subject === "Renamed by my workspace", r.workspace_id === mine, JSON.stringify(r));
});

test("a row written for another workspace through a scope is refused by PostgreSQL", async () => {
  const scope = new TenantScope(server.runtime.ctx.db, mine);
  await assert.rejects(
    sql`update customers set workspace_id = ${theirs}::uuid`.execute(scope.db),
    /row-level security/,
  );
});

test("with no workspace set, the fenced role sees nothing at all", async () => {
  const client = await server.runtime.ctx.pool.connect();
  try {
    await client.query("begin");
    await client.query(`set local role ${FENCE_ROLE}`);
    for (const table of ["cases", "customers", "messages", "memberships"]) {
      const { rows } = await client.query(`select count(*)::int as n from ${table}`);
      assert.equal(rows[0].n, 0, table);
    }
  } finally {
    await client.query("rollback");
    client.release();
  }
});

test("a connection reused by unscoped work gets the login role back and no workspace, even after a rollback", async () => {
  // One connection, so every query below shares it.
  const pool = createPool(server.databaseUrl, 1);
  const db = createDb(pool);
  try {
    const scope = new TenantScope(db, mine);
    const who = sql<{ role: string; ws: string | null }>`
      select current_user as role, current_setting('rapport.workspace_id', true) as ws`;
    assert.deepEqual((await who.execute(scope.db)).rows[0], { role: FENCE_ROLE, ws: mine });
    const unscoped = (await who.execute(db)).rows[0] as { role: string; ws: string | null };
    assert.notEqual(unscoped.role, FENCE_ROLE);
    assert.equal(unscoped.ws, "");
    assert.equal((await pool.query("select current_user as role")).rows[0].role, unscoped.role);

    // A switch made inside a transaction that rolls back is undone by PostgreSQL; the client
    // must not believe it still holds, or the next scoped query would run unfenced.
    await assert.rejects(
      inTransaction(db, async (tx) => {
        await sql`select 1`.execute(new TenantScope(tx, theirs).db);
        throw new Error("abort");
      }),
      /abort/,
    );
    const { rows } = await sql<Row>`select * from cases`.execute(new TenantScope(db, theirs).db);
    assert.deepEqual(workspacesOf(rows), [theirs]);
  } finally {
    await db.destroy();
  }
});

test("one workspace pays for the fence once per connection, not once per query", async () => {
  const pool = createPool(server.databaseUrl, 1);
  const db = createDb(pool);
  try {
    const scope = new TenantScope(db, mine);
    await scope.selectFrom("cases").select("id").execute();
    const before = fence.switches;
    for (let i = 0; i < 10; i++) await scope.selectFrom("cases").select("id").execute();
    await inTransaction(db, async (tx) => {
      await new TenantScope(tx, mine).selectFrom("customers").select("id").execute();
    });
    assert.equal(fence.switches - before, 0);
  } finally {
    await db.destroy();
  }
});

// Behind a transaction pooler (scripts/pgbouncer-suite.sh) no switch may outlive its transaction,
// so each scoped transaction pays one by design (fence.ts); direct.test.ts checks that mode.
const pooled = process.env.TEST_PG_POOLED_URL
  ? "behind a transaction pooler every transaction switches"
  : false;
test("busy API requests of one workspace do not pay a role switch each", { skip: pooled }, async () => {
  // What the fence costs a request is the round trips of its switches (fence.ts); the RLS
  // check itself is one indexed equality. An agent's usual requests, over a token as
  // integrations call: once the pool's connections are in the workspace, they stay there.
  const { client } = await staffClient(server, "admin");
  const cu = await client.post("/api/v1/customers", { name: "Switch Counter" });
  assert.equal(cu.status, 201);
  const round = async () => {
    const kase = await client.post("/api/v1/cases", {
      customerId: cu.body.id,
      subject: "Count",
      message: "Hi.",
    });
    assert.equal(kase.status, 201);
    assert.equal((await client.get("/api/v1/cases?assignee=me&limit=50")).status, 200);
    assert.equal((await client.get(`/api/v1/cases/${kase.body.id}/messages?limit=50`)).status, 200);
  };
  await round();
  const before = fence.switches;
  for (let i = 0; i < 10; i++) await round();
  // 30 requests. Measured: 0. This server runs no job workers, so no sweep shares the pool;
  // the margin is for the pool opening a connection on the way. One switch per request or more
  // would mean something in the request path alternates scoped and unscoped work.
  assert.ok(fence.switches - before <= 5, `${fence.switches - before} switches for 30 requests`);
});

test("the fence is up unless DB_TENANT_FENCE=off says otherwise", async () => {
  const client = await server.runtime.ctx.pool.connect();
  const logged: string[] = [];
  try {
    delete process.env.DB_TENANT_FENCE;
    assert.equal(await raiseFence(client, (m) => logged.push(m)), true, logged.join("\n"));
    process.env.DB_TENANT_FENCE = "off";
    assert.equal(await raiseFence(client, (m) => logged.push(m)), false);
    assert.equal(fence.enabled, false);
    assert.match(logged.join("\n"), /fence is off \(DB_TENANT_FENCE=off\)/);
  } finally {
    process.env.DB_TENANT_FENCE = "on";
    await raiseFence(client, () => {});
    client.release();
  }
  assert.equal(fence.enabled, true);
});

test("every table with a workspace_id has row-level security and the fence policy", async () => {
  const { rows } = await server.runtime.ctx.pool.query(`
    select c.relname from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped
     where c.relkind in ('r', 'p')
       and (not c.relrowsecurity
            or not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_fence'))`);
  assert.deepEqual(rows, []);
  const { rows: counted } = await server.runtime.ctx.pool.query(`
    select count(*)::int as n from pg_policy where polname = 'tenant_fence'`);
  assert.ok(counted[0].n > 50, `only ${counted[0].n} tables fenced`);
});
