import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { runImportJob } from "./import-job.ts";
import { createRun } from "./zendesk/run-import.ts";

/**
 * The import API through HTTP. The server runs as a web process (it enqueues, no worker takes
 * the jobs), so runs stay queued while a test looks at them; the job itself is run directly at
 * the end. Hosts under .test never resolve, so they pass the private-address check offline.
 */
const TOKEN = "zd-token-NEVER-SHOWN-4f1c9a";
const start = (over: Record<string, unknown> = {}) => ({
  url: "https://acme.zendesk.test",
  email: "admin@acme.example",
  token: TOKEN,
  dryRun: false,
  ...over,
});

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let workspaceId: string;
const responses: string[] = [];
const record = <T extends { body: unknown }>(res: T): T => {
  responses.push(JSON.stringify(res.body));
  return res;
};

before(async () => {
  server = await startTestServer({ role: "web" });
  ({ admin, workspaceId } = await setUpWorkspace(server));
  ({ client: agent } = await staffClient(server, "agent"));
});
after(async () => {
  await server.close();
});

describe("starting an import", () => {
  test("bad input is a 400 naming the field, and nothing is queued", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [start({ subdomain: "acme" }), "url"], // both a subdomain and a URL
      [start({ url: undefined }), "subdomain"], // neither
      [start({ url: undefined, subdomain: "acme corp" }), "subdomain"],
      [start({ url: "ftp://files.example.test" }), "url"],
      [start({ url: "not a url" }), "url"],
      [start({ url: "https://user:pw@acme.zendesk.test" }), "url"],
      [start({ email: "nobody" }), "email"],
      [start({ token: "" }), "token"],
      [start({ token: undefined }), "token"],
      [start({ since: "last tuesday" }), "since"],
      [start({ dryRun: "yes" }), "dryRun"],
      [start({ password: "x" }), "password"],
    ];
    for (const [body, field] of cases) {
      const res = record(await admin.post("/api/v1/imports/zendesk", body));
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(body));
    }
    assert.equal((await admin.get("/api/v1/imports")).body.items.length, 0, "nothing half-written");
  });

  test("a URL into Rapport's own network is refused, since the server fetches it", async () => {
    for (const url of [
      "http://127.0.0.1:8080",
      "http://localhost:3000",
      "http://169.254.169.254",
      "http://[::1]",
    ]) {
      const res = record(await admin.post("/api/v1/imports/zendesk", start({ url })));
      assert.equal(res.status, 400, url);
      assert.equal(res.body.error.field, "url", url);
      assert.match(res.body.error.message, /WEBHOOK_ALLOW_PRIVATE/);
    }
  });

  test("only admins import; agents get 403 on every route", async () => {
    const some = "00000000-0000-4000-8000-000000000000";
    assert.equal((await agent.post("/api/v1/imports/zendesk", start())).status, 403);
    assert.equal((await agent.get("/api/v1/imports")).status, 403);
    assert.equal((await agent.get(`/api/v1/imports/${some}`)).status, 403);
    assert.equal((await agent.get(`/api/v1/imports/${some}/skips`)).status, 403);
    assert.equal((await agent.post(`/api/v1/imports/${some}/cancel`)).status, 403);
    assert.equal(
      (await agent.post(`/api/v1/imports/${some}/resume`, { email: "a@b.test", token: "t" })).status,
      403,
    );
  });

  test("a run is queued with its job in one go, audited, and a second live run of the account is 409", async () => {
    const res = record(
      await admin.post("/api/v1/imports/zendesk", start({ since: "2024-01-01", dryRun: true })),
    );
    assert.equal(res.status, 202);
    assert.equal(res.body.status, "queued");
    assert.equal(res.body.baseUrl, "https://acme.zendesk.test");
    assert.equal(res.body.source, "zendesk:acme.zendesk.test");
    assert.equal(res.body.dryRun, true);
    assert.equal(res.body.since, "2024-01-01T00:00:00.000Z");
    assert.deepEqual(res.body.totals, { created: 0, updated: 0, skipped: 0, failed: 0 });

    const { db } = server.runtime.ctx;
    const jobs = await sql<{ data: { workspaceId: string; runId: string } }>`
      select data from pgboss.job where name = 'import.run'`.execute(db);
    assert.deepEqual(
      jobs.rows.map((j) => j.data),
      [{ workspaceId, runId: res.body.id }],
      "the job names the run",
    );

    const again = record(await admin.post("/api/v1/imports/zendesk", start()));
    assert.equal(again.status, 409);
    assert.equal(again.body.error.field, "url");
    // Another account is another run.
    const other = record(
      await admin.post("/api/v1/imports/zendesk", start({ url: "https://beta.zendesk.test" })),
    );
    assert.equal(other.status, 202);
    // A subdomain is Zendesk's own host.
    const sub = record(
      await admin.post("/api/v1/imports/zendesk", start({ url: undefined, subdomain: "Gamma-Audio" })),
    );
    assert.equal(sub.status, 202);
    assert.equal(sub.body.baseUrl, "https://gamma-audio.zendesk.com");

    const history = record(await admin.get("/api/v1/imports"));
    assert.deepEqual(
      history.body.items.map((r: { id: string }) => r.id),
      [sub.body.id, other.body.id, res.body.id],
      "newest first",
    );
    const audited = await sql<{ action: string; data: Record<string, unknown> }>`
      select action, data from audit_log where subject_id = ${res.body.id}`.execute(db);
    assert.equal(audited.rows.length, 1);
    assert.equal(audited.rows[0]?.action, "import.started");
    assert.equal(audited.rows[0]?.data.baseUrl, "https://acme.zendesk.test");
    // The sealed credentials exist while the run needs them, and are not the token in clear.
    const sealed = await sql<{ credentials_sealed: string }>`
      select credentials_sealed from import_runs where id = ${res.body.id}`.execute(db);
    assert.ok(sealed.rows[0]?.credentials_sealed);
    assert.ok(!sealed.rows[0]?.credentials_sealed.includes(TOKEN));
  });
});

describe("watching, cancelling and resuming", () => {
  test("a run shows counts per resource, their totals and a rate", async () => {
    const created = record(
      await admin.post("/api/v1/imports/zendesk", start({ url: "https://counts.zendesk.test" })),
    );
    const { db } = server.runtime.ctx;
    const startedAt = new Date(Date.now() - 10_000);
    await new TenantScope(db, workspaceId)
      .updateTable("import_runs")
      .set({
        status: "running",
        resource: "tickets",
        started_at: startedAt,
        counts: JSON.stringify({
          users: { created: 300, updated: 0, skipped: 2, failed: 0 },
          tickets: { created: 690, updated: 5, skipped: 2, failed: 1 },
        }),
      })
      .where("id", "=", created.body.id)
      .execute();
    const run = record(await admin.get(`/api/v1/imports/${created.body.id}`));
    assert.equal(run.status, 200);
    assert.equal(run.body.status, "running");
    assert.equal(run.body.resource, "tickets");
    assert.deepEqual(run.body.totals, { created: 990, updated: 5, skipped: 4, failed: 1 });
    assert.equal(run.body.counts.tickets.failed, 1);
    // 1000 records in about 10 s.
    assert.ok(
      run.body.recordsPerSecond >= 90 && run.body.recordsPerSecond <= 100,
      String(run.body.recordsPerSecond),
    );
  });

  test("cancel ends a live run and drops its credentials; resume continues it as a new run", async () => {
    const run = record(
      await admin.post("/api/v1/imports/zendesk", start({ url: "https://cancel.zendesk.test" })),
    );
    const cancelled = record(await admin.post(`/api/v1/imports/${run.body.id}/cancel`));
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, "cancelled");
    assert.ok(cancelled.body.finishedAt);
    const { db } = server.runtime.ctx;
    const row = await sql<{ credentials_sealed: string | null }>`
      select credentials_sealed from import_runs where id = ${run.body.id}`.execute(db);
    assert.equal(row.rows[0]?.credentials_sealed, null, "credentials go when the run ends");
    assert.equal((await admin.post(`/api/v1/imports/${run.body.id}/cancel`)).status, 409, "already ended");

    // Resuming needs the credentials again.
    const noToken = record(
      await admin.post(`/api/v1/imports/${run.body.id}/resume`, { email: "admin@acme.example" }),
    );
    assert.equal(noToken.status, 400);
    assert.equal(noToken.body.error.field, "token");
    const resumed = record(
      await admin.post(`/api/v1/imports/${run.body.id}/resume`, {
        email: "admin@acme.example",
        token: TOKEN,
      }),
    );
    assert.equal(resumed.status, 202);
    assert.notEqual(resumed.body.id, run.body.id);
    assert.equal(resumed.body.baseUrl, "https://cancel.zendesk.test");
    assert.equal(resumed.body.status, "queued");
    // The resumed run is live: neither it nor the old one can be resumed now.
    const twice = record(
      await admin.post(`/api/v1/imports/${run.body.id}/resume`, {
        email: "admin@acme.example",
        token: TOKEN,
      }),
    );
    assert.equal(twice.status, 409);
    assert.equal(
      (await admin.post(`/api/v1/imports/${resumed.body.id}/resume`, { email: "a@b.test", token: TOKEN }))
        .status,
      409,
      "a queued run is not resumed",
    );
    const audited = await sql<{ action: string }>`
      select action from audit_log where subject_id = ${run.body.id} order by seq`.execute(db);
    assert.deepEqual(
      audited.rows.map((a) => a.action),
      ["import.started", "import.cancelled"],
    );
  });

  test("the skip report is keyset paged, and a tampered cursor is a 400", async () => {
    const run = record(
      await admin.post("/api/v1/imports/zendesk", start({ url: "https://skips.zendesk.test" })),
    );
    const scope = new TenantScope(server.runtime.ctx.db, workspaceId);
    for (const [externalId, reason] of [
      ["11", "comment body over 200 kB"],
      ["12", "unknown status: on_fire"],
      ["13", "requester was deleted"],
    ] as const)
      await scope
        .insertInto("import_skips", {
          run_id: run.body.id,
          resource: "tickets",
          external_id: externalId,
          outcome: externalId === "13" ? "failed" : "skipped",
          reason,
        })
        .execute();
    const first = record(await admin.get(`/api/v1/imports/${run.body.id}/skips?limit=2`));
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.items.map((s: { externalId: string }) => s.externalId),
      ["11", "12"],
    );
    assert.equal(first.body.items[1].reason, "unknown status: on_fire");
    assert.ok(first.body.nextCursor);
    const second = record(
      await admin.get(`/api/v1/imports/${run.body.id}/skips?limit=2&cursor=${first.body.nextCursor}`),
    );
    assert.deepEqual(
      second.body.items.map((s: { externalId: string; outcome: string }) => [s.externalId, s.outcome]),
      [["13", "failed"]],
    );
    assert.equal(second.body.nextCursor, null);
    const bad = await admin.get(`/api/v1/imports/${run.body.id}/skips?cursor=1;drop`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "cursor");
  });

  test("another workspace's runs answer 404 on every route", async () => {
    const run = record(
      await admin.post("/api/v1/imports/zendesk", start({ url: "https://mine.zendesk.test" })),
    );
    const { client: stranger } = await otherWorkspace(server);
    const id = run.body.id;
    assert.equal((await stranger.get(`/api/v1/imports/${id}`)).status, 404);
    assert.equal((await stranger.get(`/api/v1/imports/${id}/skips`)).status, 404);
    assert.equal((await stranger.post(`/api/v1/imports/${id}/cancel`)).status, 404);
    assert.equal(
      (await stranger.post(`/api/v1/imports/${id}/resume`, { email: "a@b.test", token: "t" })).status,
      404,
    );
    assert.deepEqual((await stranger.get("/api/v1/imports")).body.items, []);
    // Their own import of the same account is theirs alone: no conflict with ours.
    assert.equal(
      (await stranger.post("/api/v1/imports/zendesk", start({ url: "https://mine.zendesk.test" }))).status,
      202,
    );
    assert.equal((await admin.get(`/api/v1/imports/${id}`)).body.status, "queued");
  });
});

describe("the job", () => {
  let refusing: Server;
  before(async () => {
    // A Zendesk that refuses the credentials (no retry can help).
    refusing = createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "Couldn't authenticate you" }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
  });
  after(async () => {
    refusing.closeAllConnections();
    await new Promise((resolve) => refusing.close(resolve));
  });

  test("a run that cannot go on ends failed with its credentials dropped; resuming checks the address again", async () => {
    const ctx = server.runtime.ctx;
    const baseUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    const scope = new TenantScope(ctx.db, workspaceId);
    const { id } = await createRun(scope, ctx.secret, {
      baseUrl,
      email: "admin@acme.example",
      token: TOKEN,
      since: null,
      dryRun: false,
      startedBy: null,
    });
    await runImportJob(ctx, { workspaceId, runId: id });
    const run = record(await admin.get(`/api/v1/imports/${id}`));
    assert.equal(run.body.status, "failed");
    assert.ok(run.body.error, "the reason is shown");
    assert.ok(run.body.finishedAt);
    const row = await sql<{ credentials_sealed: string | null }>`
      select credentials_sealed from import_runs where id = ${id}`.execute(ctx.db);
    assert.equal(row.rows[0]?.credentials_sealed, null);
    // A failed run may be resumed, but this one reads from loopback, which this server does not
    // allow (only a run created behind the API's back could point there): refused, naming url.
    const resumed = record(
      await admin.post(`/api/v1/imports/${id}/resume`, { email: "admin@acme.example", token: TOKEN }),
    );
    assert.equal(resumed.status, 400);
    assert.equal(resumed.body.error.field, "url");
  });
});

describe("secrets and shapes", () => {
  test("the token never appears in a response, the audit log or the server's log", async () => {
    const { db } = server.runtime.ctx;
    const audit = await sql<{
      data: unknown;
    }>`select data from audit_log where action like 'import.%'`.execute(db);
    assert.ok(audit.rows.length >= 5);
    for (const row of audit.rows) assert.ok(!JSON.stringify(row.data).includes(TOKEN));
    assert.ok(responses.length > 20);
    for (const body of responses) assert.ok(!body.includes(TOKEN), body.slice(0, 200));
    for (const line of server.logs) assert.ok(!JSON.stringify(line).includes(TOKEN));
  });

  test("an imported case carries its original number in the case API; others carry none", async () => {
    const customer = await admin.post("/api/v1/customers", { name: "Imogen Imported" });
    const made = await admin.post("/api/v1/cases", {
      customerId: customer.body.id,
      subject: "Headphones crackle",
      message: "Left side only",
    });
    assert.equal(made.status, 201);
    assert.equal((await admin.get(`/api/v1/cases/${made.body.id}`)).body.importNumber ?? null, null);
    await new TenantScope(server.runtime.ctx.db, workspaceId)
      .updateTable("cases")
      .set({ import_source: "zendesk:acme.zendesk.com", import_number: "4411" })
      .where("id", "=", made.body.id)
      .execute();
    const shown = await admin.get(`/api/v1/cases/${made.body.id}`);
    assert.equal(shown.body.importSource, "zendesk:acme.zendesk.com");
    assert.equal(shown.body.importNumber, "4411");
  });
});
