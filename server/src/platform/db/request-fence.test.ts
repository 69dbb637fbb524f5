import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { twoWorkspacesWithACase } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { enqueueInTx } from "../jobs/enqueue.ts";
import { fence, unfenced } from "./fence.ts";
import { installRequestFence } from "./request-fence.ts";
import { TenantScope } from "./tenant.ts";
import { inTransaction } from "./tx.ts";

/**
 * The fence for queries that forgot their scope (request-fence.ts): inside a request, once the
 * request has named its workspace through a TenantScope, a deliberately unscoped query on the
 * app's own connection (`ctx.db`, no workspace filter) sees that workspace's rows and no other's.
 * The routes below are a second Fastify instance with the app's own hook and the app's own
 * database handle, so each can run the one forgotten query the test is about.
 */
process.env.DB_TENANT_FENCE = "on";

let server: TestServer;
let http: FastifyInstance;
let mine: string;
let theirs: string;

type Row = { workspace_id: string };
const workspacesIn = async (run: Promise<{ rows: Row[] }>) =>
  [...new Set((await run).rows.map((r) => r.workspace_id))].sort();
const forgotten = sql<Row>`select workspace_id from cases`;

before(async () => {
  server = await startTestServer();
  ({ mine, theirs } = await twoWorkspacesWithACase(server, "Request Fence"));
  const { db } = server.runtime.ctx;
  assert.equal(fence.enabled, true);

  http = Fastify();
  installRequestFence(http);
  http.get("/before-and-after", async () => {
    const before = await workspacesIn(forgotten.execute(db));
    new TenantScope(db, mine);
    return {
      before,
      raw: await workspacesIn(forgotten.execute(db)),
      built: [
        ...new Set(
          (await db.selectFrom("cases").select("workspace_id").execute()).map((r) => r.workspace_id),
        ),
      ],
      inTransaction: await inTransaction(db, (tx) => workspacesIn(forgotten.execute(tx))),
      marked: await workspacesIn(forgotten.execute(unfenced(db))),
    };
  });
  http.post("/with-a-body", async (request) => {
    const { workspaceId } = request.body as { workspaceId: string };
    new TenantScope(db, workspaceId);
    return { seen: await workspacesIn(forgotten.execute(db)) };
  });
  http.get("/two-workspaces", async () => {
    new TenantScope(db, mine);
    new TenantScope(db, theirs);
    return { seen: await workspacesIn(forgotten.execute(db)) };
  });
  http.get("/an-update", async () => {
    new TenantScope(db, mine);
    const changed = await sql`update cases set subject = 'Touched by mine'`.execute(db);
    return { changed: Number(changed.numAffectedRows) };
  });
  let later: Promise<string[]> | undefined;
  http.get("/after-the-answer", async (_request, reply) => {
    new TenantScope(db, mine);
    // Work a request leaves behind runs after the answer, outside the request's note.
    reply.raw.once("finish", () => {
      later = workspacesIn(forgotten.execute(db));
    });
    return { ok: true };
  });
  http.get("/later", async () => ({ seen: await later }));
  // A request that queues a job after naming its workspace, in its transaction, as routes do.
  http.post("/queue-a-job", async () => {
    const scope = new TenantScope(db, mine);
    await inTransaction(db, (tx) =>
      enqueueInTx(server.runtime.ctx.boss, scope.with(tx).db, "files.collect", { marker: "request-fence" }),
    );
    return { ok: true };
  });
  await http.ready();
});
after(async () => {
  await http?.close();
  await server.close();
});

test("after the request names its workspace, a query that forgot its scope sees that workspace only", async () => {
  const res = await http.inject({ method: "GET", url: "/before-and-after" });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  // Before any scope the request does not know its workspace yet (the session and host look-ups).
  assert.deepEqual(body.before, [mine, theirs].sort());
  assert.deepEqual(body.raw, [mine], "raw SQL on ctx.db");
  assert.deepEqual(body.built, [mine], "a Kysely query on ctx.db");
  assert.deepEqual(body.inTransaction, [mine], "inside a transaction on ctx.db");
  // unfenced() is the explicit way out, for the reviewed cross-workspace reads.
  assert.deepEqual(body.marked, [mine, theirs].sort());
});

test("a request with a JSON body is fenced too (the body's parsing does not lose the note)", async () => {
  for (const workspaceId of [mine, theirs]) {
    const res = await http.inject({ method: "POST", url: "/with-a-body", payload: { workspaceId } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().seen, [workspaceId]);
  }
});

test("an unscoped update in a fenced request changes only that workspace's rows", async () => {
  const res = await http.inject({ method: "GET", url: "/an-update" });
  assert.equal(res.statusCode, 200, res.body);
  assert.ok(res.json().changed >= 1);
  const { rows } = await server.runtime.ctx.pool.query<{ workspace_id: string; subject: string }>(
    "select workspace_id, subject from cases",
  );
  for (const r of rows)
    assert.equal(r.subject === "Touched by mine", r.workspace_id === mine, JSON.stringify(r));
});

test("a request working for two workspaces, and work left after the answer, keep today's unfenced reads", async () => {
  const two = await http.inject({ method: "GET", url: "/two-workspaces" });
  assert.deepEqual(two.json().seen, [mine, theirs].sort());
  await http.inject({ method: "GET", url: "/after-the-answer" });
  const later = await http.inject({ method: "GET", url: "/later" });
  assert.deepEqual(later.json().seen, [mine, theirs].sort());
});

test("the fence holds between requests on the same connections: a later request of the other workspace sees its own", async () => {
  const seen = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      http
        .inject({ method: "POST", url: "/with-a-body", payload: { workspaceId: i % 2 ? theirs : mine } })
        .then((r) => ({ want: i % 2 ? theirs : mine, seen: r.json().seen })),
    ),
  );
  for (const s of seen) assert.deepEqual(s.seen, [s.want]);
});

test("the job queue's own SQL stays outside the fence: a fenced request can queue a job where rapport_app may not", async () => {
  // On a first start pg-boss makes its schema after the fence's grants, so the fenced role has
  // no rights there; CI's browser suite found every queued email and update failing with
  // "permission denied for schema pgboss" once the request fence was on.
  const { pool } = server.runtime.ctx;
  await pool.query("revoke all on all tables in schema pgboss from rapport_app");
  await pool.query("revoke usage on schema pgboss from rapport_app");
  try {
    const res = await http.inject({ method: "POST", url: "/queue-a-job" });
    assert.equal(res.statusCode, 200, res.body);
    const { rows } = await pool.query(
      "select count(*)::int as n from pgboss.job where name = 'files.collect' and data->>'marker' = 'request-fence'",
    );
    assert.equal(rows[0].n, 1);
  } finally {
    await pool.query("grant usage on schema pgboss to rapport_app");
    await pool.query("grant select, insert, update, delete on all tables in schema pgboss to rapport_app");
  }
});
