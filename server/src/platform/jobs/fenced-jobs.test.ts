import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import type PgBoss from "pg-boss";
import { twoWorkspacesWithACase } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { fence } from "../db/fence.ts";
import { workFence } from "../db/request-fence.ts";
import { TenantScope } from "../db/tenant.ts";
import { fencedBatch, fencedJobs, forWorkspace } from "./fenced-jobs.ts";

/**
 * Jobs behind the fence for queries that forgot their scope (fenced-jobs.ts, issue #23): a job
 * about one workspace that runs a deliberately unscoped query on the app's connection sees that
 * workspace's rows only, as a request does. The first tests go through the server's own pg-boss,
 * so the note is shown to survive the queue's polling and callbacks.
 */
process.env.DB_TENANT_FENCE = "on";

let server: TestServer;
let mine: string;
let theirs: string;

type Row = { workspace_id: string };
const forgotten = sql<Row>`select workspace_id from cases`;
const seenBy = async (run: Promise<{ rows: Row[] }>) =>
  [...new Set((await run).rows.map((r) => r.workspace_id))].sort();
const job = <T>(data: T) => ({ id: crypto.randomUUID(), name: "test", data }) as PgBoss.Job<T>;

before(async () => {
  server = await startTestServer();
  ({ mine, theirs } = await twoWorkspacesWithACase(server, "Job Fence"));
  assert.equal(fence.enabled, true);
  assert.equal(workFence.enabled, true, "on by default, set by the runtime");
});
after(async () => {
  await server.close();
});

/** Sends one job through the real queue to a fenced handler and returns what it saw. */
async function throughTheQueue<T extends object>(
  queue: string,
  data: T,
  work: (data: T) => Promise<string[]>,
): Promise<string[]> {
  const { boss } = server.runtime.ctx;
  await boss.createQueue(queue);
  let settle!: (seen: string[]) => void;
  let fail!: (err: unknown) => void;
  const seen = new Promise<string[]>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const worker = await boss.work(
    queue,
    { pollingIntervalSeconds: 0.5 },
    fencedJobs<T>((d) => work(d).then(settle, fail)),
  );
  try {
    await boss.send(queue, data);
    return await Promise.race([
      seen,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the job never ran")), 15_000)),
    ]);
  } finally {
    await boss.offWork({ id: worker });
  }
}

test("a job whose payload names its workspace sees only that workspace's rows from a forgotten query", async () => {
  const { db } = server.runtime.ctx;
  for (const workspaceId of [mine, theirs]) {
    const seen = await throughTheQueue(`test.fenced.${workspaceId.slice(0, 8)}`, { workspaceId }, () =>
      seenBy(forgotten.execute(db)),
    );
    assert.deepEqual(seen, [workspaceId]);
  }
});

test("a job without a workspace in its payload is fenced from its first TenantScope on, like a request", async () => {
  const { db } = server.runtime.ctx;
  const seen = await throughTheQueue("test.fenced.learned", { deliveryId: "d-1" }, async () => {
    // The look-up that finds the job's workspace runs before any scope, across workspaces.
    const beforeScope = await seenBy(forgotten.execute(db));
    assert.deepEqual(beforeScope, [mine, theirs].sort());
    new TenantScope(db, theirs);
    return seenBy(forgotten.execute(db));
  });
  assert.deepEqual(seen, [theirs]);
});

test("a job fixed to its workspace stays fenced to it even after a scope for another workspace", async () => {
  const { db } = server.runtime.ctx;
  let seen: string[] = [];
  await fencedJobs<{ workspaceId: string }>(async () => {
    new TenantScope(db, theirs);
    seen = await seenBy(forgotten.execute(db));
  })([job({ workspaceId: mine })]);
  assert.deepEqual(seen, [mine]);
});

test("an unscoped update in a fenced job changes only its workspace's rows", async () => {
  const { db, pool } = server.runtime.ctx;
  await fencedJobs<{ workspaceId: string }>(async () => {
    await sql`update cases set subject = 'Touched by a job'`.execute(db);
  })([job({ workspaceId: theirs })]);
  const { rows } = await pool.query<{ workspace_id: string; subject: string }>(
    "select workspace_id, subject from cases",
  );
  for (const r of rows) assert.equal(r.subject === "Touched by a job", r.workspace_id === theirs);
});

test("each job of a batch gets its own note: two workspaces in one fetch each see their own", async () => {
  const { db } = server.runtime.ctx;
  const seen: string[][] = [];
  await fencedJobs<{ workspaceId: string }>(async () => {
    seen.push(await seenBy(forgotten.execute(db)));
  })([job({ workspaceId: mine }), job({ workspaceId: theirs }), job({ workspaceId: mine })]);
  assert.deepEqual(seen, [[mine], [theirs], [mine]]);
});

test("a batch handled as one piece is fenced only when all its jobs are of one workspace", async () => {
  const { db } = server.runtime.ctx;
  let seen: string[] = [];
  const handler = fencedBatch<{ workspaceId: string }>(async () => {
    seen = await seenBy(forgotten.execute(db));
  });
  await handler([job({ workspaceId: theirs }), job({ workspaceId: theirs })]);
  assert.deepEqual(seen, [theirs]);
  // Mixed: fencing it to either workspace would hide the other's rows from its own work.
  await handler([job({ workspaceId: theirs }), job({ workspaceId: mine })]);
  assert.deepEqual(seen, [mine, theirs].sort());
});

test("DB_REQUEST_FENCE=off leaves jobs unfenced, and work a job leaves running is not fenced by it", async () => {
  const { db } = server.runtime.ctx;
  let seen: string[] = [];
  workFence.enabled = false;
  try {
    await fencedJobs<{ workspaceId: string }>(async () => {
      seen = await seenBy(forgotten.execute(db));
    })([job({ workspaceId: mine })]);
  } finally {
    workFence.enabled = true;
  }
  assert.deepEqual(seen, [mine, theirs].sort());

  let later: Promise<string[]> | undefined;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await fencedJobs<{ workspaceId: string }>(async () => {
    later = gate.then(() => seenBy(forgotten.execute(db)));
  })([job({ workspaceId: mine })]);
  release();
  assert.deepEqual(await later, [mine, theirs].sort());
});

test("a payload's workspaceId that is not an id does not fence the job to it", async () => {
  const { db } = server.runtime.ctx;
  let seen: string[] = [];
  await fencedJobs<{ workspaceId: string }>(async () => {
    seen = await seenBy(forgotten.execute(db));
  })([job({ workspaceId: "'; drop table cases; --" })]);
  assert.deepEqual(seen, [mine, theirs].sort());
});

test("a sweep's look-up spans workspaces, and each workspace's share of its work is fenced to that workspace", async () => {
  const { db } = server.runtime.ctx;
  const due = await seenBy(forgotten.execute(db));
  assert.deepEqual(due, [mine, theirs].sort());
  const shares: Record<string, string[]> = {};
  for (const workspaceId of due)
    shares[workspaceId] = await forWorkspace(workspaceId, () => seenBy(forgotten.execute(db)));
  assert.deepEqual(shares, { [mine]: [mine], [theirs]: [theirs] });
});
