import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { after, test } from "node:test";
import { sql } from "kysely";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import {
  createTestDatabase,
  dropTestDatabase,
  startTestServer,
  type TestServer,
} from "../../../test/harness.ts";
import { scratchDir, stopTracked, track } from "../../../test/processes.ts";

/**
 * A broadcast survives a worker killed with SIGKILL mid-way: after a restart every linked
 * case has the update exactly once (no duplicates, nobody missed).
 */
const CASES = 300;
const BODY = "Update: firmware 12.2 fixes Error 1013.";
const dataDir = scratchDir("rapport-broadcast-crash-");
let server: TestServer | undefined;
let databaseUrl: string | undefined;
after(async () => {
  await stopTracked();
  await server?.close();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(url: string): ChildProcess {
  return track(
    spawn(process.execPath, ["server/src/main.ts", "--worker"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        AUTH_SECRET: "broadcast-crash-secret-long-enough-ok",
      },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
}

const exited = (child: ChildProcess) =>
  new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r()),
  );

test("a worker killed mid-broadcast leaves no duplicate and misses no case", {
  timeout: 300_000,
}, async () => {
  databaseUrl = await createTestDatabase();
  // HTTP only: the job handlers run in the child worker, which the test kills.
  server = await startTestServer({ databaseUrl, role: "web" });
  const { workspaceId } = await setUpWorkspace(server);
  const { client: agent } = await staffClient(server, "agent");
  const db = server.runtime.ctx.db;
  const rows = await sql<{ id: string }>`
    with cu as (
      insert into customers (workspace_id, name)
      select ${workspaceId}, 'Crash customer ' || g from generate_series(1, ${CASES}) g returning id),
    numbered as (select id, row_number() over () as n from cu)
    insert into cases (workspace_id, number, customer_id, subject, status, channel)
    select ${workspaceId}, 100000 + n, id, 'Error 1013 #' || n, 'open', 'web' from numbered
    returning id`.execute(db);
  const caseIds = rows.rows.map((r) => r.id);
  const p = (await agent.post("/api/v1/problems", { title: "Error 1013" })).body;
  for (let i = 0; i < caseIds.length; i += 500) {
    const linked = await agent.post(`/api/v1/problems/${p.id}/cases`, { caseIds: caseIds.slice(i, i + 500) });
    assert.equal(linked.status, 200, JSON.stringify(linked.body));
  }
  const sent = await agent.post(`/api/v1/problems/${p.id}/updates`, { body: BODY });
  assert.equal(sent.status, 202);
  assert.equal(sent.body.audienceCount, CASES);

  const countSent = async () =>
    Number(
      (
        await sql<{ n: number }>`select count(*)::int as n from problem_update_deliveries
                                  where update_id = ${sent.body.id} and status = 'sent'`.execute(db)
      ).rows[0]?.n,
    );
  let worker = startWorker(databaseUrl);
  const killBy = Date.now() + 120_000;
  while ((await countSent()) < CASES / 5) {
    assert.ok(Date.now() < killBy, "the worker never started delivering");
    await new Promise((r) => setTimeout(r, 20));
  }
  worker.kill("SIGKILL");
  await exited(worker);
  const atKill = await countSent();
  assert.ok(atKill < CASES, `the kill came mid-way (${atKill} of ${CASES} sent)`);

  worker = startWorker(databaseUrl);
  const doneBy = Date.now() + 150_000;
  for (;;) {
    const u = (await agent.get(`/api/v1/problems/${p.id}/updates`)).body.items[0];
    if (u?.finishedAt) {
      assert.equal(u.sent, CASES);
      assert.equal(u.pending, 0);
      break;
    }
    assert.ok(
      Date.now() < doneBy,
      `the broadcast did not finish after the restart (${await countSent()} sent)`,
    );
    await new Promise((r) => setTimeout(r, 250));
  }
  const replies = await sql<{ caseId: string; n: number }>`
    select c.id as "caseId", count(m.id)::int as n from cases c
      left join messages m on m.case_id = c.id and m.kind = 'reply' and m.body = ${BODY}
     where c.id in (${sql.join(caseIds)}) group by c.id`.execute(db);
  const wrong = replies.rows.filter((r) => r.n !== 1);
  assert.deepEqual(wrong, [], "every case has the update exactly once");
  const events = (await agent.get(`/api/v1/problems/${p.id}/events`)).body.items.filter(
    (e: { kind: string }) => e.kind === "problem.update_sent",
  );
  assert.equal(events.length, 1, "the broadcast finished once");
  worker.kill("SIGTERM");
  await exited(worker);
});
