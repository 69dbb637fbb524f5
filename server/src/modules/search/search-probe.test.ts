import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/**
 * The word probes of the search box (migration 0013): a word the planner estimates to be
 * common is not probed (null), so the search goes to the newest cases instead of betting on a
 * sequential scan that reads the whole table when the word's rows are the newest; any other
 * word is looked up by its index and all its matches returned.
 */
let server: TestServer;
let admin: TestClient;
let db: pg.Client;
let workspaceId: string;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  workspaceId = (await admin.get("/api/v1/me")).body.workspace.id;
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
});
after(async () => {
  await db?.end();
  await server?.close();
});

test("a rare word is answered from its index; a word estimated common is not probed at all", async () => {
  const customer = (await admin.post("/api/v1/customers", { name: "Ola Brown" })).body;
  for (let i = 0; i < 30; i++) {
    const subject = i < 3 ? `Brownout on the mesh ${i}` : `Question ${i}`;
    const created = await admin.post("/api/v1/cases", {
      customerId: customer.id,
      subject,
      message: i < 3 ? "brownout after the update" : "all fine",
    });
    assert.equal(created.status, 201);
  }
  await db.query("analyze cases; analyze messages");
  const probe = async (fn: string, word: string, common: number) =>
    (
      await db.query(
        `select ${fn}($1, plainto_tsquery('simple', $2), plainto_tsquery('rapport_stems', $2), 201, $3) as ids`,
        [workspaceId, word, common],
      )
    ).rows[0].ids as string[] | null;

  assert.equal((await probe("search_probe_subjects", "brownout", 5000))?.length, 3);
  assert.equal((await probe("search_probe_messages", "brownout", 5000))?.length, 3);
  assert.deepEqual(await probe("search_probe_messages", "zebra", 5000), []);
  // "question" is in 27 of 30 subjects: above a threshold of 10 it counts as common.
  assert.equal(await probe("search_probe_subjects", "question", 10), null);
  assert.equal(await probe("search_probe_messages", "fine", 10), null);

  // Whatever the probe said, the search box shows the same cases.
  const found = await admin.get("/api/v1/search?q=brownout");
  assert.equal(found.status, 200);
  assert.equal(found.body.cases.length, 3);
  const common = await admin.get("/api/v1/search?q=question");
  assert.equal(common.body.cases.length, 8, "a full box of the newest matching cases");
});
