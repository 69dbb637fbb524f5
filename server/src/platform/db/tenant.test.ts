import assert from "node:assert/strict";
import { test } from "node:test";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";
import { TenantScope } from "./tenant.ts";

// Compiling needs no connection; the pool is never used.
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });
const scope = new TenantScope(db, "00000000-0000-4000-8000-000000000001");

test("the workspace filter names the table as the query does, alias included", () => {
  const plain = scope.selectFrom("cases").select("id").compile();
  assert.match(plain.sql, /where "cases"\."workspace_id" = \$1/);
  // Only reachable with a cast today, but a scoped query must never filter a table it did not name.
  const aliased = scope
    .selectFrom("cases as c" as "cases")
    .select("id")
    .compile();
  assert.match(aliased.sql, /from "cases" as "c" where "c"\."workspace_id" = \$1/);
  assert.deepEqual(aliased.parameters, [scope.workspaceId]);
});
