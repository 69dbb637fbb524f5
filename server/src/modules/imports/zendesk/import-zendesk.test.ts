import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runCli, spawnCli } from "../../../../test/cli.ts";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { type FakeZendesk, startFakeZendesk } from "../../../../test/zendesk/fake-server.ts";

/**
 * The Zendesk importer end to end (issue #24): the CLI, the HTTP client, the pipeline and the
 * writers against the fake Zendesk server on loopback, on the test server's database. What a
 * company moving its helpdesk would check: everything importable arrives once, odd records are
 * skipped with reasons and never stop the run, a killed import resumes with nothing duplicated
 * or missed, a second run imports only what changed, Zendesk's 429s are waited out, the dry run
 * writes nothing, and nobody is mailed, surveyed or notified by history.
 */
let server: TestServer;
let workspaceId: string;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
const ENV = { WEBHOOK_ALLOW_PRIVATE: "true" };
const count = async (text: string, params: unknown[] = []) => Number((await q(text, params)).rows[0].n);

before(async () => {
  server = await startTestServer();
  const { admin } = await setUpWorkspace(server);
  workspaceId = (await q("select id from workspaces order by created_at limit 1")).rows[0].id;
  // A webhook that would hear of every case and message: an import must not call it.
  const hook = await admin.post("/api/v1/webhooks", {
    url: "https://hooks.example.com/rapport",
    events: [
      "problem.created",
      "problem.status_changed",
      "sla.breached",
      "customer.at_risk",
      "survey.responded",
      "article.published",
    ],
  });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
});
after(() => server.close());

function importArgs(fake: FakeZendesk, more: string[] = []): string[] {
  return [
    "import",
    "zendesk",
    "--url",
    fake.url,
    "--email",
    fake.email,
    "--token",
    fake.token,
    "--rate",
    "100000",
    "--incremental-rate",
    "100000",
    ...more,
  ];
}
const source = (fake: FakeZendesk) => `zendesk:${new URL(fake.url).host}`;
const casesOf = (fake: FakeZendesk) =>
  count(
    "select count(*) as n from cases c join import_ids i on i.local_id = c.id and i.kind = 'ticket' where i.source = $1",
    [source(fake)],
  );
/** An account whose every third request waits a second (429), so a run is still going when stopped. */
const slowFake = (seed: number) =>
  startFakeZendesk({
    tickets: 2500,
    endUsers: 50,
    commentsPerTicket: 2,
    seed,
    rateLimit: { everyNth: 3, retryAfterSeconds: 1 },
  });
/** The same command run again finishes the import: every ticket and comment, none twice. */
async function resumesToTheEnd(fake: FakeZendesk) {
  const res = await runCli(server.databaseUrl, importArgs(fake), 180_000, ENV);
  assert.equal(res.status, 0, res.stderr + res.stdout);
  const expected = fake.expected();
  assert.equal(await casesOf(fake), expected.tickets.importable);
  assert.equal(await messagesOf(fake), expected.comments.importable);
}
/** Resolves once a run has committed its first page of tickets (so it is mid-way, resumable). */
const firstTicketPage = (fake: FakeZendesk) =>
  eventually(async () => {
    const n = await count(
      "select count(*) as n from import_checkpoints where source = $1 and resource = 'tickets'",
      [source(fake)],
    );
    return n === 1 ? true : undefined;
  }, 60_000);
const messagesOf = (fake: FakeZendesk) =>
  count(
    "select count(*) as n from messages m join import_ids i on i.local_id = m.case_id and i.kind = 'ticket' where i.source = $1",
    [source(fake)],
  );

describe("import zendesk", () => {
  test("a dry run counts and lists what will not map, and writes nothing", async () => {
    const fake = await startFakeZendesk({ tickets: 40, endUsers: 20, odd: true, seed: 1 });
    try {
      const res = await runCli(server.databaseUrl, importArgs(fake, ["--dry-run"]), 120_000, ENV);
      assert.equal(res.status, 0, res.stderr + res.stdout);
      assert.match(res.stdout, /dry run: nothing was written/);
      assert.match(res.stdout, /Not imported:/);
      assert.equal(await casesOf(fake), 0);
      assert.equal(
        await count("select count(*) as n from import_checkpoints where source = $1", [source(fake)]),
        0,
      );
      assert.equal(res.stdout.includes(fake.token), false, "the token is never printed");
    } finally {
      await fake.close();
    }
  });

  test("a full import brings every importable ticket and comment once, through 429s, silently", async () => {
    const fake = await startFakeZendesk({
      tickets: 60,
      endUsers: 30,
      commentsPerTicket: 3,
      attachmentsRatio: 0.1,
      odd: true,
      seed: 2,
      rateLimit: { everyNth: 7, retryAfterSeconds: 1 },
    });
    const mailBefore = await count("select count(*) as n from outbound_mail");
    const hooksBefore = await count("select count(*) as n from webhook_deliveries");
    try {
      const res = await runCli(server.databaseUrl, importArgs(fake), 180_000, ENV);
      assert.equal(res.status, 0, res.stderr + res.stdout);
      const expected = fake.expected();
      assert.ok((fake.responses[429] ?? 0) > 0, "Zendesk answered 429 at least once and was waited out");
      assert.equal(await casesOf(fake), expected.tickets.importable);
      assert.equal(await messagesOf(fake), expected.comments.importable);
      // Skips are reported with their reasons, and the run still ended done.
      const run = (await q("select id, status from import_runs where source = $1", [source(fake)])).rows[0];
      assert.equal(run.status, "done");
      const skipped = await q("select resource, external_id, reason from import_skips where run_id = $1", [
        run.id,
      ]);
      for (const id of expected.tickets.deleted) {
        assert.ok(
          skipped.rows.some((s) => s.resource === "tickets" && s.external_id === String(id)),
          `deleted ticket ${id} reported`,
        );
      }
      // Silent: no mail, no webhook delivery, no survey planned for history.
      assert.equal(await count("select count(*) as n from outbound_mail"), mailBefore);
      assert.equal(await count("select count(*) as n from webhook_deliveries"), hooksBefore);
      // The original ticket number is on the case.
      const numbered = await count(
        "select count(*) as n from cases where import_source = 'zendesk' and import_number is not null and workspace_id = $1",
        [workspaceId],
      );
      assert.ok(numbered >= expected.tickets.importable);
      // Running it again changes nothing: the import is idempotent.
      const again = await runCli(server.databaseUrl, importArgs(fake), 180_000, ENV);
      assert.equal(again.status, 0, again.stderr);
      assert.equal(await casesOf(fake), expected.tickets.importable);
      assert.equal(await messagesOf(fake), expected.comments.importable);

      // Delta: new and changed tickets and comments, and only those, after a second run.
      const changed = fake.advance({
        newTickets: 3,
        updatedTickets: fake.updatableTicketIds(2),
        newComments: 4,
      });
      const delta = await runCli(server.databaseUrl, importArgs(fake), 180_000, ENV);
      assert.equal(delta.status, 0, delta.stderr);
      assert.equal(await casesOf(fake), expected.tickets.importable + changed.newTicketIds.length);
      const after = fake.expected();
      assert.equal(await messagesOf(fake), after.comments.importable);
      const deltaRun = (
        await q("select counts from import_runs where source = $1 order by created_at desc limit 1", [
          source(fake),
        ])
      ).rows[0];
      assert.equal(deltaRun.counts.tickets.created, changed.newTicketIds.length);
    } finally {
      await fake.close();
    }
  });

  test("an import killed mid-way resumes with nothing duplicated or missed", async () => {
    const fake = await slowFake(3);
    try {
      const { child, result } = spawnCli(server.databaseUrl, importArgs(fake), ENV);
      // Killed (no chance to clean up) once the first page of tickets is committed.
      await firstTicketPage(fake);
      child.kill("SIGKILL");
      await result;
      const partial = await casesOf(fake);
      assert.ok(partial > 0 && partial < 2500, `partly imported (${partial})`);

      await resumesToTheEnd(fake);
      const runs = await q("select status, error from import_runs where source = $1 order by created_at", [
        source(fake),
      ]);
      assert.deepEqual(
        runs.rows.map((r) => r.status),
        ["failed", "done"],
      );
      assert.match(runs.rows[0].error, /Interrupted/);
    } finally {
      await fake.close();
    }
  });

  test("Ctrl-C stops the import thread after the page being written; the same command resumes", async () => {
    // The import runs in a worker thread (cli/import-thread.ts): SIGINT must reach it as a stop.
    const fake = await slowFake(4);
    try {
      const { child, result } = spawnCli(server.databaseUrl, importArgs(fake), ENV);
      await firstTicketPage(fake);
      child.kill("SIGINT");
      const { status: code, stdout, stderr } = await result;
      assert.equal(code, 1, stderr + stdout);
      assert.match(stderr, /Stopping after the current page/);
      assert.match(stderr, /run the same command again to resume/);
      // The report was printed before the CLI exited: nothing of the thread's output is lost.
      assert.match(stdout, /^Import \w+\./m);
      const partial = await casesOf(fake);
      assert.ok(partial > 0 && partial < 2500, `partly imported (${partial})`);

      await resumesToTheEnd(fake);
    } finally {
      await fake.close();
    }
  });

  test("the import's heap cap is checked before the thread starts", async () => {
    const res = await runCli(
      server.databaseUrl,
      ["import", "zendesk", "--url", "http://127.0.0.1:9", "--email", "a@example.com", "--token", "t"],
      60_000,
      { ...ENV, RAPPORT_IMPORT_HEAP_MB: "12" },
    );
    assert.equal(res.status, 1);
    assert.match(res.stderr, /RAPPORT_IMPORT_HEAP_MB must be a whole number of megabytes, at least 64/);
  });
});
