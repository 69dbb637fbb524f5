import assert from "node:assert/strict";
import { hostname } from "node:os";
import { after, before, beforeEach, describe, test } from "node:test";
import { sql } from "kysely";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { waitFor } from "../../../../test/wait.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { executeRun, type RunOverrides } from "./pipeline.ts";
import type { Page, ResourceName, ZendeskSource } from "./resources.ts";
import { createRun, type RunDeps, THIS_RUNNER } from "./run-import.ts";
import type { ResourceWriter } from "./writer.ts";
import type { ZdGroup } from "./zendesk-types.ts";

/**
 * The import pipeline (issue #24) with a scripted source and a small writer of its own, so
 * what is proved here is the pipeline's part: checkpoints that make a run resumable and a
 * second run a delta, a bad record isolated without aborting, dry runs that write nothing,
 * cancellation between pages. The real writers and the HTTP client are tested on their own,
 * and together against the fake Zendesk server in import-zendesk.test.ts.
 */
let server: TestServer;
let workspaceId: string;
let deps: RunDeps;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer();
  await setUpWorkspace(server);
  const ws = await q("select id from workspaces order by created_at limit 1");
  workspaceId = ws.rows[0].id;
  const ctx = server.runtime.ctx;
  deps = { db: ctx.db, files: ctx.files, secret: ctx.secret, log: ctx.log };
});
after(() => server.close());

/** Groups served 10 to a page, the checkpoint being how many were served. */
class ScriptedSource implements ZendeskSource {
  groups: ZdGroup[] = [];
  asked: Array<string | null> = [];
  failAtPage: number | null = null;
  /** Each page after the first lists the previous page's last record again, as Zendesk's time-based exports do. */
  repeatLast = false;
  async *pages<R extends ResourceName>(resource: R, checkpoint: string | null): AsyncIterable<Page<R>> {
    if (resource !== "groups") return;
    this.asked.push(checkpoint);
    let start = checkpoint ? Number(checkpoint) : 0;
    let served = 0;
    while (start < this.groups.length) {
      if (this.failAtPage !== null && served === this.failAtPage) {
        this.failAtPage = null;
        throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      }
      const end = Math.min(start + 10, this.groups.length);
      yield {
        resource,
        records: this.groups.slice(start, end) as never,
        sideloads: {},
        checkpoint: String(end),
        endOfStream: end >= this.groups.length,
      };
      served += 1;
      start = this.repeatLast && end < this.groups.length ? end - 1 : end;
    }
  }
  async download(): Promise<{ bytes: Buffer; contentType: string | null }> {
    throw new Error("no attachments here");
  }
}

function group(id: number, name = `Group ${id}`): ZdGroup {
  return {
    id,
    name,
    description: "",
    deleted: false,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
  };
}

/** Maps each group to an import_ids row; an over-long name becomes an over-long external id,
 * which PostgreSQL refuses (a check constraint): a record the database itself rejects. */
const groupsWriter: ResourceWriter<"groups"> = {
  resource: "groups",
  async assess(_scope, _source, page) {
    const skips = page.records
      .filter((g) => g.name.length > 200)
      .map((g) => ({
        externalId: String(g.id),
        outcome: "skipped" as const,
        reason: "name longer than 200 characters",
      }));
    return { created: page.records.length - skips.length, updated: 0, skips };
  },
  async write(ctx, page) {
    const rows = await ctx.scope.db
      .insertInto("import_ids")
      .values(
        page.records.map((g) => ({
          workspace_id: ctx.scope.workspaceId,
          source: ctx.source,
          kind: "test_group",
          external_id: g.name.length > 200 ? g.name : String(g.id),
          local_id: sql<string>`gen_random_uuid()`,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning("external_id")
      .execute();
    return { created: rows.length, updated: page.records.length - rows.length, skips: [] };
  },
};

/**
 * A groups writer that runs beside the page before it (overlapKeys), as the comments writer
 * does: it claims its records' ids, leaving those the page before holds, then waits its turn.
 * The hooks run at those two points, with the page's first group id.
 */
function besideWriter(hooks: {
  claimed?: (first: number) => Promise<void>;
  beforeClaim?: (first: number) => Promise<void>;
  inTurn?: (first: number) => Promise<void>;
}): ResourceWriter<"groups"> {
  return {
    resource: "groups",
    assess: groupsWriter.assess,
    overlapKeys: (page) => page.records.map((g) => String(g.id)),
    async write(ctx, page) {
      const first = page.records[0]?.id ?? 0;
      const mine = page.records.filter((g) => !ctx.heldByPageBefore.has(String(g.id)));
      // A page that waited on the other's claim would wait for ever: fail instead.
      await sql`set local lock_timeout = '3s'`.execute(ctx.scope.db);
      await hooks.beforeClaim?.(first);
      const rows = await ctx.scope.db
        .insertInto("import_ids")
        .values(
          mine.map((g) => ({
            workspace_id: ctx.scope.workspaceId,
            source: ctx.source,
            kind: "test_group",
            external_id: String(g.id),
            local_id: sql<string>`gen_random_uuid()`,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .returning("external_id")
        .execute();
      await hooks.claimed?.(first);
      await ctx.inTurn();
      await hooks.inTurn?.(first);
      return { created: rows.length, updated: 0, skips: [] };
    },
  };
}

async function start(opts: { dryRun?: boolean } = {}): Promise<string> {
  const scope = new TenantScope(server.runtime.ctx.db, workspaceId);
  const run = await createRun(scope, deps.secret, {
    baseUrl: "http://127.0.0.1:1",
    email: "admin@example.com",
    token: "secret-token-value",
    since: null,
    dryRun: opts.dryRun ?? false,
    startedBy: null,
  });
  return run.id;
}

const run = (id: string, source: ScriptedSource, more: RunOverrides = {}) =>
  executeRun(deps, workspaceId, id, { source, writers: { groups: groupsWriter }, afterTickets: [], ...more });

async function runRow(id: string) {
  const { rows } = await q(
    "select status, counts, report, error, credentials_sealed from import_runs where id = $1",
    [id],
  );
  return rows[0];
}
const imported = async () =>
  Number(
    (
      await q("select count(*) from import_ids where kind = 'test_group' and workspace_id = $1", [
        workspaceId,
      ])
    ).rows[0].count,
  );

describe("import pipeline", () => {
  beforeEach(async () => {
    await q("delete from import_ids where workspace_id = $1", [workspaceId]);
    await q("delete from import_checkpoints where workspace_id = $1", [workspaceId]);
    await q("delete from import_runs where workspace_id = $1", [workspaceId]);
  });

  test("a run imports every record once, checkpoints the resource and forgets the credentials", async () => {
    const source = new ScriptedSource();
    source.groups = Array.from({ length: 25 }, (_, i) => group(i + 1));
    const id = await start();
    await run(id, source);
    const row = await runRow(id);
    assert.equal(row.status, "done");
    assert.equal(row.credentials_sealed, null, "the token is not kept after the run");
    const { rows } = await q("select runner from import_runs where id = $1", [id]);
    assert.equal(rows[0].runner, THIS_RUNNER, "the run names the process that ran it");
    assert.deepEqual(row.counts.groups, { created: 25, updated: 0, skipped: 0, failed: 0 });
    assert.equal(await imported(), 25);
    const cp = await q("select checkpoint, caught_up from import_checkpoints where resource = 'groups'");
    assert.deepEqual(cp.rows[0], { checkpoint: "25", caught_up: true });
  });

  test("a run cut off by a network failure fails, and the next one resumes after the last written page", async () => {
    const source = new ScriptedSource();
    source.groups = Array.from({ length: 45 }, (_, i) => group(i + 1));
    source.failAtPage = 2;
    const first = await start();
    await run(first, source);
    const failed = await runRow(first);
    assert.equal(failed.status, "failed");
    assert.match(failed.error, /socket hang up/);
    assert.equal(await imported(), 20, "the two pages before the failure were kept");

    const second = await start();
    await run(second, source);
    assert.equal((await runRow(second)).status, "done");
    assert.equal(source.asked.at(-1), "20", "the resumed run asked Zendesk from the checkpoint");
    assert.equal(await imported(), 45, "nothing duplicated, nothing missed");
  });

  test("a record the database refuses is reported as failed; the rest of its page is written", async () => {
    const source = new ScriptedSource();
    source.groups = Array.from({ length: 10 }, (_, i) => group(i + 1));
    source.groups[6] = group(7, "x".repeat(300));
    const id = await start();
    await run(id, source);
    const row = await runRow(id);
    assert.equal(row.status, "done");
    assert.deepEqual(row.counts.groups, { created: 9, updated: 0, skipped: 0, failed: 1 });
    assert.equal(await imported(), 9);
    const skips = await q("select external_id, outcome, reason from import_skips where run_id = $1", [id]);
    assert.equal(skips.rows.length, 1);
    assert.equal(skips.rows[0].external_id, "7");
    assert.equal(skips.rows[0].outcome, "failed");
    assert.match(skips.rows[0].reason, /check constraint/);
  });

  test("a dry run counts and reports without writing, not even a checkpoint", async () => {
    const source = new ScriptedSource();
    source.groups = Array.from({ length: 12 }, (_, i) => group(i + 1));
    source.groups[3] = group(4, "y".repeat(250));
    const id = await start({ dryRun: true });
    await run(id, source);
    const row = await runRow(id);
    assert.equal(row.status, "done");
    assert.equal(row.counts.groups.created, 11);
    assert.deepEqual(row.report["groups: name longer than 200 characters"], { count: 1, examples: ["4"] });
    assert.equal(await imported(), 0);
    assert.equal(Number((await q("select count(*) from import_checkpoints")).rows[0].count), 0);
  });

  test("a cancelled run stops between pages, and a delta run reads only what came after", async () => {
    const source = new ScriptedSource();
    source.groups = Array.from({ length: 30 }, (_, i) => group(i + 1));
    const id = await start();
    await run(id, source, {
      onProgress: () => void q("update import_runs set status = 'cancelled' where id = $1", [id]),
    });
    // The cancel lands while the next page is written at the latest.
    assert.equal((await runRow(id)).status, "cancelled");
    assert.ok((await imported()) < 30);

    const resumed = await start();
    await run(resumed, source);
    assert.equal(await imported(), 30);

    source.groups.push(group(31), group(32));
    const delta = await start();
    await run(delta, source);
    assert.equal(source.asked.at(-1), "30", "the delta starts at the end of the last run");
    assert.deepEqual((await runRow(delta)).counts.groups, { created: 2, updated: 0, skipped: 0, failed: 0 });
    assert.equal(await imported(), 32);
  });

  test("a writer that runs beside the page before it overlaps it, yet commits and checkpoints in page order", async () => {
    const source = new ScriptedSource();
    source.groups = Array.from({ length: 30 }, (_, i) => group(i + 1));
    const secondClaimed = Promise.withResolvers<void>();
    const committedWhenSecondsTurn: number[] = [];
    const writer = besideWriter({
      claimed: async (first) => {
        if (first === 11) secondClaimed.resolve();
      },
      inTurn: async (first) => {
        // The first page holds its transaction open until the second has written its rows:
        // this only ends if the second page started before the first committed.
        if (first === 1) await waitFor("the second page to run beside the first", secondClaimed.promise);
        if (first === 11) committedWhenSecondsTurn.push(await imported());
      },
    });
    const id = await start();
    await run(id, source, { writers: { groups: writer } });
    const row = await runRow(id);
    assert.equal(row.status, "done", row.error);
    assert.deepEqual(
      committedWhenSecondsTurn,
      [10],
      "the second page's turn came once the first had committed",
    );
    assert.deepEqual(row.counts.groups, { created: 30, updated: 0, skipped: 0, failed: 0 });
    assert.equal(await imported(), 30);
    const cp = await q("select checkpoint from import_checkpoints where resource = 'groups'");
    assert.equal(cp.rows[0].checkpoint, "30");
  });

  test("when a page fails, the page beside it after it is rolled back too, and a resume writes both once", async () => {
    const source = new ScriptedSource();
    source.groups = Array.from({ length: 30 }, (_, i) => group(i + 1));
    const thirdClaimed = Promise.withResolvers<void>();
    const failing = besideWriter({
      claimed: async (first) => {
        if (first === 21) thirdClaimed.resolve();
      },
      inTurn: async (first) => {
        if (first !== 11) return;
        // The second page fails once the third, beside it, has claimed its records.
        await waitFor("the third page to run beside the second", thirdClaimed.promise);
        throw Object.assign(new Error("server closed the connection"), { code: "08006" });
      },
    });
    // So the first page commits; the second, and the third that had written its rows, do not.
    const first = await start();
    await run(first, source, { writers: { groups: failing } });
    assert.equal((await runRow(first)).status, "failed");
    assert.equal(await imported(), 10, "only the page before the failure was kept, not the one after it");
    const cp = await q("select checkpoint from import_checkpoints where resource = 'groups'");
    assert.equal(cp.rows[0].checkpoint, "10", "the checkpoint did not pass the failed page");

    const firstFails = besideWriter({
      beforeClaim: async (first) => {
        if (first === 21) throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      },
    });
    // Now the page from 21 fails before its claim, with nothing of its own written: the run stops there.
    const second = await start();
    await run(second, source, { writers: { groups: firstFails } });
    assert.equal((await runRow(second)).status, "failed");
    assert.equal(source.asked.at(-1), "10");
    assert.equal(await imported(), 20);

    const third = await start();
    await run(third, source, { writers: { groups: besideWriter({}) } });
    assert.equal((await runRow(third)).status, "done");
    assert.equal(await imported(), 30, "nothing duplicated, nothing missed");
  });

  test("a record an export lists on two pages is left to the earlier page, which never waits for the later", async () => {
    const source = new ScriptedSource();
    source.groups = Array.from({ length: 25 }, (_, i) => group(i + 1));
    source.repeatLast = true;
    const laterClaimed = Promise.withResolvers<void>();
    const writer = besideWriter({
      // The earlier page claims only after the later page has claimed its own: had the later
      // page claimed the shared record, the earlier one would wait for it, and it for the
      // earlier one's commit, forever.
      beforeClaim: async (first) => {
        if (first === 1) await waitFor("the later page's claim", laterClaimed.promise);
      },
      claimed: async (first) => {
        if (first === 10) laterClaimed.resolve();
      },
    });
    const id = await start();
    await run(id, source, { writers: { groups: writer } });
    const row = await runRow(id);
    assert.equal(row.status, "done", row.error);
    assert.equal(await imported(), 25);
    assert.deepEqual(
      row.counts.groups,
      { created: 25, updated: 0, skipped: 0, failed: 0 },
      "each record written and counted once, none failed for waiting",
    );
  });

  test("a second live run of the same account is refused, unless the first stopped making progress", async () => {
    const first = await start();
    await assert.rejects(start(), /already running/);
    await q(
      "update import_runs set status = 'running', heartbeat_at = now() - interval '5 minutes' where id = $1",
      [first],
    );
    const second = await start();
    assert.notEqual(second, first);
    const old = await runRow(first);
    assert.equal(old.status, "failed");
    assert.match(old.error, /Interrupted/);
  });

  test("a run whose process on this host is gone is closed at once", async () => {
    const first = await start();
    // A pid far above pid_max: no such process.
    await q("update import_runs set status = 'running', heartbeat_at = now(), runner = $2 where id = $1", [
      first,
      `${hostname()}:99999999`,
    ]);
    const second = await start();
    assert.equal((await runRow(first)).status, "failed");
    // A run whose process lives (this one) is respected.
    await q("update import_runs set status = 'running', heartbeat_at = now(), runner = $2 where id = $1", [
      second,
      THIS_RUNNER,
    ]);
    await assert.rejects(start(), /already running/);
  });
});
