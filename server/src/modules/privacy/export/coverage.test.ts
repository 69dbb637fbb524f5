import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { COVERED, EXCLUDED } from "./sections.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => server.close());

/**
 * Every table that names a customer (a `customer_id` column, or `author_customer_id` and the
 * like) must be in the export or excluded with a reason (sections.ts). A migration adding
 * such a table fails here until someone decides, so personal data cannot hide from the export.
 */
test("every table with a customer column is exported or excluded with a reason", async () => {
  const { rows } = await server.runtime.ctx.pool.query<{ table: string }>(
    `select distinct table_name as table from information_schema.columns
      where table_schema = 'public' and (column_name = 'customer_id' or column_name like '%\\_customer\\_id')
      order by 1`,
  );
  const tables = rows.map((r) => r.table);
  const missing = tables.filter((t) => !(t in COVERED) && !(t in EXCLUDED));
  assert.deepEqual(
    missing,
    [],
    `decide for these tables in privacy/export/sections.ts: ${missing.join(", ")}`,
  );
  const both = Object.keys(COVERED).filter((t) => t in EXCLUDED);
  assert.deepEqual(both, [], "a table is either exported or excluded");
  // The lists stay true: no entry for a table that does not exist (customers is the root).
  const stale = [...Object.keys(COVERED), ...Object.keys(EXCLUDED)].filter(
    (t) => t !== "customers" && !tables.includes(t),
  );
  assert.deepEqual(stale, [], "entries for tables without a customer column");
  for (const [t, reason] of Object.entries(EXCLUDED)) assert.ok(reason.length > 10, `${t} needs a reason`);
});
