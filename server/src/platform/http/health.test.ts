import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let db: pg.Client;
before(async () => {
  server = await startTestServer();
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
});
after(async () => {
  await db.end();
  await server.close();
});

const probe = async (path: string) => {
  const res = await fetch(server.url + path);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

test("live and ready both answer 200 on a started process; /api/health keeps its old answer", async () => {
  assert.deepEqual(await probe("/api/health/live"), { status: 200, body: { status: "alive" } });
  const ready = await eventually(async () => {
    const r = await probe("/api/health/ready");
    return r.status === 200 ? r : undefined;
  });
  assert.deepEqual(ready.body, {
    status: "ok",
    checks: { migrations: "ok", database: "ok", listener: "ok" },
  });
  assert.deepEqual(await probe("/api/health"), { status: 200, body: { status: "ok" } });
});

test("ready is 503 naming the listener while its connection is down, and 200 again once it reconnects; live stays 200", async () => {
  // Cut the realtime listener's connection from the database side, as a failover or a pooler would.
  const { rows } = await db.query(
    `select pg_terminate_backend(pid) as done from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'`,
  );
  assert.ok(rows.length >= 1, "the listener connection was found");
  const down = await eventually(async () => {
    const r = await probe("/api/health/ready");
    return r.status === 503 ? r : undefined;
  }, 5_000);
  assert.equal(down.body.error.code, "unavailable");
  assert.equal(down.body.error.field, "listener");
  assert.match(down.body.error.message, /realtime listener/);
  assert.equal((await probe("/api/health/live")).status, 200, "alive: nobody should restart it for this");
  // The hub reconnects after a second; readiness follows without a restart.
  await eventually(
    async () => ((await probe("/api/health/ready")).status === 200 ? true : undefined),
    10_000,
  );
});

test("ready is 503 naming migrations when the schema is behind this code", async () => {
  const { rows } = await db.query("select name from schema_migrations order by name desc limit 1");
  const last = rows[0].name as string;
  await db.query("delete from schema_migrations where name = $1", [last]);
  try {
    const r = await probe("/api/health/ready");
    assert.equal(r.status, 503);
    assert.equal(r.body.error.field, "migrations");
    assert.match(r.body.error.message, new RegExp(last.replace(".", "\\.")));
  } finally {
    await db.query("insert into schema_migrations (name) values ($1)", [last]);
  }
  assert.equal((await probe("/api/health/ready")).status, 200);
});
