import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import pg from "pg";
import { type PgBouncer, startPgBouncer, suitePooled } from "../../src/platform/db/direct.testkit.ts";
import { readDb } from "../../src/platform/db/replica.ts";
import { TenantScope } from "../../src/platform/db/tenant.ts";
import type { TestClient } from "../client.ts";
import { setUpWorkspace } from "../factories.ts";
import { eventually, freePort, startTestServer, type TestServer } from "../harness.ts";
import { PGBIN, type ReplicatedPair, startReplicatedPair } from "./cluster.ts";

/**
 * Read replicas against a real streaming standby (issue #25). Rapport runs its migrations on a
 * PostgreSQL 15 primary and reads reports from a hot standby made by pg_basebackup. Pausing the
 * standby's replay (pg_wal_replay_pause) freezes what it shows, which is how the test tells
 * which server answered: a report that misses a case the primary has came from the replica.
 */
const skip = fs.existsSync(`${PGBIN}/pg_basebackup`)
  ? false
  : `Debian's PostgreSQL 15 is not installed (${PGBIN} missing): apt-get install postgresql-15`;

// Long enough for a loaded machine to read a report after the pause, short enough to wait out.
const MAX_LAG = 10;
let pair: ReplicatedPair | undefined;
let server: TestServer | undefined;
let admin: TestClient;
let workspaceId: string;
let standby: pg.Client | undefined;
let primary: pg.Client | undefined;
let bouncer: PgBouncer | undefined;

before(async () => {
  if (skip) return;
  pair = await startReplicatedPair();
  // CREATE DATABASE is replicated like everything else.
  const boot = new pg.Client({ connectionString: pair.primaryUrl() });
  await boot.connect();
  await boot.query("create database rapport");
  await boot.end();
  // The suite run through PgBouncer (scripts/pgbouncer-suite.sh): the app's DATABASE_URL is a
  // transaction pooler in front of this file's own primary (the suite's pooler forwards to the
  // suite's server, which has no such database), its sessions on the primary directly.
  if (suitePooled()) bouncer = await startPgBouncer(pair.primaryUrl(), await freePort(), 10);
  server = await startTestServer({
    databaseUrl: pair.primaryUrl("rapport"),
    env: {
      ...(bouncer
        ? {
            DATABASE_URL: bouncer.url("rapport"),
            DATABASE_DIRECT_URL: pair.primaryUrl("rapport"),
            DB_PREPARED_STATEMENTS: process.env.DB_PREPARED_STATEMENTS ?? "false",
          }
        : {}),
      DATABASE_REPLICA_URL: pair.replicaUrl("rapport"),
      REPLICA_MAX_LAG_SECONDS: String(MAX_LAG),
      REPLICA_CHECK_SECONDS: "0.2",
    },
  });
  ({ admin, workspaceId } = await setUpWorkspace(server));
  primary = new pg.Client({ connectionString: pair.primaryUrl("rapport") });
  await primary.connect();
  standby = await eventually(async () => {
    const c = new pg.Client({ connectionString: pair?.replicaUrl("rapport") });
    return c.connect().then(
      () => c,
      () => undefined,
    );
  }, 30_000);
});

after(async () => {
  // Each step on its own: the servers are stopped (by PID) even when an earlier step fails.
  await standby?.end().catch(() => {});
  await primary?.end().catch(() => {});
  await server?.close().catch((err) => console.error("closing the server:", err));
  await bouncer?.stop();
  await pair?.stop();
});

const backlog = async () => {
  const res = await admin.get("/api/v1/reports/backlog");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.total.value as number;
};
const openCases = async () =>
  (await (primary as pg.Client).query("select count(*)::int as n from cases where status <> 'solved'"))
    .rows[0].n;
const metrics = async () => {
  const res = await admin.get("/metrics");
  assert.equal(res.status, 200);
  const text = res.body as string;
  const lag = /^rapport_replica_lag_seconds (\S+)$/m.exec(text)?.[1];
  const reads = /^rapport_replica_reads (\S+)$/m.exec(text)?.[1];
  return { lag: Number(lag), onReplica: reads === "1" };
};
async function newCase(subject: string): Promise<string> {
  const cu = await admin.post("/api/v1/customers", { name: `${subject} customer` });
  assert.equal(cu.status, 201, JSON.stringify(cu.body));
  const res = await admin.post("/api/v1/cases", { customerId: cu.body.id, subject, message: "Hello" });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}
/** Waits until the standby has replayed everything it received, then freezes it there. */
async function pauseReplayWhenCaughtUp() {
  const s = standby as pg.Client;
  await eventually(async () => {
    const { rows } = await s.query(
      "select pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() as caught_up, pg_is_wal_replay_paused() as paused",
    );
    return rows[0].caught_up ? true : undefined;
  }, 20_000);
  await s.query("select pg_wal_replay_pause()");
}

test("reports read from the replica: with replay paused they miss a new case, which the case page shows", {
  skip,
}, async () => {
  await newCase("Before the pause");
  // The replica serves reads once it has caught up: the report sees the case, /metrics says so.
  await eventually(async () => ((await backlog()) === 1 ? true : undefined), 30_000);
  await eventually(async () => ((await metrics()).onReplica ? true : undefined), 10_000);

  // A fresh commit just replayed keeps the measured lag small while the standby is paused.
  await primary?.query("select txid_current()");
  await pauseReplayWhenCaughtUp();
  const id = await newCase("After the pause: marmalade");

  // The report, read from the frozen replica, still counts one open case; the primary has two.
  // Replay stays paused, so the lag only grows: reads still on the replica after the report
  // means they were on it during the report.
  const stale = await backlog();
  assert.ok((await metrics()).onReplica, `the report was read within ${MAX_LAG} s of the pause`);
  assert.equal(stale, 1, "the report came from the replica, which has not replayed the new case");
  assert.equal(await openCases(), 2);
  // The search box too; and a fenced TenantScope read (role switch, row-level security) works
  // on the standby and sees its state, not the primary's.
  const found = await admin.get(`/api/v1/search?q=${encodeURIComponent("marmalade")}`);
  assert.equal(found.status, 200, JSON.stringify(found.body));
  const ctx = (server as TestServer).runtime.ctx;
  const scoped = await new TenantScope(readDb(ctx), workspaceId)
    .selectFrom("cases")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  assert.ok((await metrics()).onReplica, "still on the replica after the search");
  assert.equal(found.body.cases.length, 0, "the search box read the replica");
  assert.equal(Number(scoped.n), 1, "a scoped read through readDb ran on the replica");

  // Read-your-own-writes: the case page and its conversation come from the primary, at once.
  const page = await admin.get(`/api/v1/cases/${id}`);
  assert.equal(page.status, 200, JSON.stringify(page.body));
  assert.equal(page.body.subject, "After the pause: marmalade");
  const reply = await admin.post(`/api/v1/cases/${id}/messages`, { body: "Looking into it.", kind: "reply" });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  const conversation = await admin.get(`/api/v1/cases/${id}/messages`);
  assert.equal(conversation.status, 200);
  assert.ok(
    JSON.stringify(conversation.body).includes("Looking into it."),
    "the reply just written is on the case page",
  );
});

test("replay paused past the bound: reads fall back to the primary and /metrics shows the lag", {
  skip,
}, async () => {
  // Replay is still paused from the test above, and the primary keeps committing (jobs, the
  // case just written), so the measured lag grows until it passes REPLICA_MAX_LAG_SECONDS.
  const fellBack = await eventually(async () => {
    const m = await metrics();
    return !m.onReplica && m.lag > MAX_LAG ? m : undefined;
  }, 30_000);
  assert.ok(fellBack.lag > MAX_LAG, `lag ${fellBack.lag} s is shown`);
  // Now from the primary: the report and the search box are current, the replica still is not.
  assert.equal(await backlog(), 2);
  const found = await admin.get(`/api/v1/search?q=${encodeURIComponent("marmalade")}`);
  assert.equal(found.body.cases.length, 1, "the search box reads the primary");
  const { rows } = await (standby as pg.Client).query("select count(*)::int as n from cases");
  assert.equal(rows[0].n, 1, "the replica itself is still behind");

  // Replay resumes: the replica catches up and serves reads again.
  await standby?.query("select pg_wal_replay_resume()");
  const back = await eventually(async () => {
    const m = await metrics();
    return m.onReplica ? m : undefined;
  }, 30_000);
  assert.ok(back.lag <= MAX_LAG);
  assert.equal(await backlog(), 2);
});

test("an unreachable replica: reads go to the primary, reports keep working", { skip }, async () => {
  await standby?.end();
  standby = undefined;
  await pair?.stopStandby();
  const m = await eventually(async () => {
    const now = await metrics();
    return now.onReplica ? undefined : now;
  }, 15_000);
  assert.ok(Number.isNaN(m.lag), "the lag is unknown while the replica does not answer");
  await newCase("With the replica down");
  assert.equal(await backlog(), 3);
});
