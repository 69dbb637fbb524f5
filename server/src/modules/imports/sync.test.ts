import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { type FakeZendesk, startFakeZendesk } from "../../../test/zendesk/fake-server.ts";
import { sweepImportSyncs } from "./sync-sweep.ts";
import { executeRun } from "./zendesk/run-import.ts";

/**
 * Scheduled delta sync for the cut-over (issue #24): an admin keeps a finished import's account
 * in sync; the minute's sweep queues a delta run when it is due; the run imports what was added
 * to Zendesk since, with nothing duplicated; turning it off stops the runs and deletes the
 * sealed credentials. The server is a web process, so queued jobs wait; the test plays the
 * worker: the sweep with a chosen clock, then each queued import.run at Zendesk-unlimited speed.
 */
let server: TestServer;
let admin: TestClient;
let workspaceId: string;
let fake: FakeZendesk;
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await server.runtime.ctx.pool.query(text, params)).rows as T[];
const MINUTE = 60_000;

/** What the import.run worker does with the queued jobs (executeRun; fast limits for the fake). */
async function runQueuedImports(): Promise<string[]> {
  const { ctx } = server.runtime;
  const jobs = await q<{ id: string; data: { workspaceId: string; runId: string } }>(
    `select id, data from pgboss.job where name = 'import.run' and state = 'created' order by created_on`,
  );
  for (const job of jobs) {
    await executeRun(
      {
        db: ctx.db,
        files: ctx.files,
        secret: ctx.secret,
        log: ctx.log,
        allowPrivate: true,
        requestsPerMinute: 100_000,
        incrementalPerMinute: 100_000,
      },
      job.data.workspaceId,
      job.data.runId,
    );
    await q(`update pgboss.job set state = 'completed' where id = $1`, [job.id]);
  }
  return jobs.map((j) => j.data.runId);
}

const casesOfAccount = async () =>
  (
    await q<{ n: string; numbers: string }>(
      `select count(*) as n, count(distinct c.import_number) as numbers
         from cases c join import_ids i on i.local_id = c.id and i.kind = 'ticket'
        where c.workspace_id = $1`,
      [workspaceId],
    )
  )[0];

let firstRun: string;

before(async () => {
  server = await startTestServer({ role: "web", env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  ({ admin, workspaceId } = await setUpWorkspace(server));
  fake = await startFakeZendesk({ tickets: 30, endUsers: 12, seed: 7 });
  const started = await admin.post("/api/v1/imports/zendesk", {
    url: fake.url,
    email: fake.email,
    token: fake.token,
  });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  firstRun = started.body.id;
  assert.deepEqual(await runQueuedImports(), [firstRun]);
  const done = await admin.get(`/api/v1/imports/${firstRun}`);
  assert.equal(done.body.status, "done", JSON.stringify(done.body.error));
  assert.equal(done.body.sync, null);
});
after(async () => {
  await fake?.close();
  await server.close();
});

const keep = (over: Record<string, unknown> = {}) => ({
  everyMinutes: 15,
  email: fake.email,
  token: fake.token,
  ...over,
});

describe("scheduled delta sync", () => {
  test("bad input is a 400 naming the field; only admins; other workspaces' runs are 404", async () => {
    for (const [body, field] of [
      [keep({ everyMinutes: 2 }), "everyMinutes"],
      [keep({ everyMinutes: 2000 }), "everyMinutes"],
      [keep({ everyMinutes: 7.5 }), "everyMinutes"],
      [keep({ email: "nobody" }), "email"],
      [keep({ token: "" }), "token"],
      [keep({ cron: "* * * * *" }), "cron"],
    ] as const) {
      const res = await admin.request("PUT", `/api/v1/imports/${firstRun}/sync`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(body));
    }
    const { client: agent } = await staffClient(server, "agent");
    assert.equal((await agent.request("PUT", `/api/v1/imports/${firstRun}/sync`, keep())).status, 403);
    assert.equal((await agent.request("DELETE", `/api/v1/imports/${firstRun}/sync`)).status, 403);
    const { client: other } = await otherWorkspace(server);
    assert.equal((await other.request("PUT", `/api/v1/imports/${firstRun}/sync`, keep())).status, 404);
    assert.equal((await other.request("DELETE", `/api/v1/imports/${firstRun}/sync`)).status, 404);
    assert.equal((await q(`select 1 from import_syncs`)).length, 0, "nothing was stored");
  });

  test("a dry run's account cannot be kept in sync (409)", async () => {
    const dry = await admin.post("/api/v1/imports/zendesk", {
      url: fake.url,
      email: fake.email,
      token: fake.token,
      dryRun: true,
    });
    assert.equal(dry.status, 202);
    const queued = await admin.request("PUT", `/api/v1/imports/${dry.body.id}/sync`, keep());
    assert.equal(queued.status, 409, "a queued run is not finished");
    await runQueuedImports();
    const res = await admin.request("PUT", `/api/v1/imports/${dry.body.id}/sync`, keep());
    assert.equal(res.status, 409);
    assert.match(res.body.error.message, /dry run/);
  });

  test("a due sync queues a delta run that imports the ticket added since, with nothing duplicated", async () => {
    const on = await admin.request("PUT", `/api/v1/imports/${firstRun}/sync`, keep());
    assert.equal(on.status, 200, JSON.stringify(on.body));
    assert.equal(on.body.sync.everyMinutes, 15);
    assert.equal(on.body.sync.lastSyncAt, null);
    const next = Date.parse(on.body.sync.nextSyncAt);
    assert.ok(Math.abs(next - (Date.now() + 15 * MINUTE)) < MINUTE, on.body.sync.nextSyncAt);
    assert.ok(!JSON.stringify(on.body).includes(fake.token), "the token is never sent back");
    const [stored] = await q<{ credentials_sealed: string }>(`select credentials_sealed from import_syncs`);
    assert.ok(stored && !stored.credentials_sealed.includes(fake.token), "sealed, not in clear");

    const before = await casesOfAccount();
    // Not due yet: the sweep queues nothing.
    assert.deepEqual(await sweepImportSyncs(server.runtime.ctx, new Date(next - MINUTE)), []);

    const added = fake.advance({ newTickets: 1 });
    assert.equal(added.newTicketIds.length, 1);
    const at = new Date(next + 1000);
    const queued = await sweepImportSyncs(server.runtime.ctx, at);
    assert.equal(queued.length, 1, "one delta run queued");
    // The same minute again (another worker's sweep): nothing more.
    assert.deepEqual(await sweepImportSyncs(server.runtime.ctx, at), []);
    assert.deepEqual(await runQueuedImports(), queued);

    const delta = await admin.get(`/api/v1/imports/${queued[0]}`);
    assert.equal(delta.body.status, "done", JSON.stringify(delta.body.error));
    assert.equal(delta.body.since, null);
    assert.equal(delta.body.counts.tickets.created, 1, "only the new ticket is created");
    const afterSync = await casesOfAccount();
    assert.equal(Number(afterSync?.n), Number(before?.n) + 1);
    assert.equal(afterSync?.n, afterSync?.numbers, "no ticket twice");
    const [found] = await q(`select 1 from cases where workspace_id = $1 and import_number = $2`, [
      workspaceId,
      String(added.newTicketIds[0]),
    ]);
    assert.ok(found, "the added ticket is a case");
    const [creds] = await q<{ credentials_sealed: string | null }>(
      `select credentials_sealed from import_runs where id = $1`,
      [queued[0]],
    );
    assert.equal(creds?.credentials_sealed, null, "the run dropped its copy when it ended");

    // The progress view: the last sync and the next.
    const shown = await admin.get(`/api/v1/imports/${firstRun}`);
    assert.equal(shown.body.sync.lastSyncAt, at.toISOString());
    assert.equal(shown.body.sync.lastRunId, queued[0]);
    assert.equal(shown.body.sync.lastStatus, "done");
    assert.equal(shown.body.sync.nextSyncAt, new Date(at.getTime() + 15 * MINUTE).toISOString());
    const list = await admin.get("/api/v1/imports");
    const listed = (list.body.items as Array<{ id: string; sync: unknown }>).find((r) => r.id === queued[0]);
    assert.deepEqual(listed?.sync, shown.body.sync, "every run of the account shows its sync");
  });

  test("a sync whose account has a live run waits for it instead of racing it", async () => {
    const live = await admin.post("/api/v1/imports/zendesk", {
      url: fake.url,
      email: fake.email,
      token: fake.token,
    });
    assert.equal(live.status, 202);
    const far = new Date(Date.now() + 24 * 60 * MINUTE);
    assert.deepEqual(await sweepImportSyncs(server.runtime.ctx, far), []);
    await runQueuedImports();
    assert.equal((await sweepImportSyncs(server.runtime.ctx, far)).length, 1, "due once the run ended");
    await runQueuedImports();
  });

  test("turned off: no more runs, the sealed credentials deleted, audited without them", async () => {
    const off = await admin.request("DELETE", `/api/v1/imports/${firstRun}/sync`);
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.sync, null);
    assert.equal((await q(`select 1 from import_syncs`)).length, 0);
    assert.deepEqual(await sweepImportSyncs(server.runtime.ctx, new Date(Date.now() + 48 * 60 * MINUTE)), []);
    assert.equal((await admin.request("DELETE", `/api/v1/imports/${firstRun}/sync`)).status, 404);
    const entries = await sql<{ action: string; data: unknown }>`
      select action, data from audit_log where action like 'import.sync%' order by created_at`.execute(
      server.runtime.ctx.db,
    );
    assert.deepEqual(
      entries.rows.map((e) => e.action),
      ["import.sync_enabled", "import.sync_disabled"],
    );
    assert.ok(!JSON.stringify(entries.rows).includes(fake.token));
  });
});
