import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase, dropTestDatabase } from "../../../test/harness.ts";
import { createPool } from "./pool.ts";

let url: string;
before(async () => {
  url = await createTestDatabase();
});
after(() => dropTestDatabase(url));

/** The statements prepared on the connection the pool hands out (one connection, so always the same). */
async function preparedOn(client: { query: (t: string) => Promise<{ rows: Array<{ statement: string }> }> }) {
  return (await client.query("select statement from pg_prepared_statements")).rows.map((r) => r.statement);
}

test("a statement run again becomes a named prepared statement; one-offs and pattern matches never do", async () => {
  const pool = createPool(url, 1);
  try {
    const client = await pool.connect();
    try {
      const repeated = "select $1::int + 1 as n";
      for (let i = 0; i < 3; i++) assert.equal((await client.query(repeated, [i])).rows[0].n, i + 1);
      await client.query("select $1::text as once", ["x"]);
      const pattern = "select $1::text like $2 as hit";
      for (let i = 0; i < 3; i++)
        assert.equal((await client.query(pattern, ["abc", "%b%"])).rows[0].hit, true);
      const prepared = await preparedOn(client);
      assert.ok(prepared.includes(repeated), "the repeated statement is prepared");
      assert.ok(!prepared.includes("select $1::text as once"), "a one-off is not");
      assert.ok(!prepared.includes(pattern), "a LIKE is planned for its pattern every time");
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
});

test("a prepared statement that fails leaves the connection usable and the statement still works", async () => {
  const pool = createPool(url, 1);
  try {
    const divide = "select 10 / $1::int as q";
    for (let i = 1; i <= 3; i++) assert.equal((await pool.query(divide, [i])).rows[0].q, Math.floor(10 / i));
    await assert.rejects(pool.query(divide, [0]), /division by zero/);
    assert.equal((await pool.query(divide, [5])).rows[0].q, 2);
    // A statement that cannot even be parsed is not remembered as prepared.
    for (let i = 0; i < 2; i++) await assert.rejects(pool.query("select $1::int frm nowhere", [1]), /syntax/);
    assert.equal((await pool.query("select $1::int as ok", [1])).rows[0].ok, 1);
  } finally {
    await pool.end();
  }
});

test("DB_PREPARED_STATEMENTS=false: nothing is prepared (for poolers that cannot keep them)", async () => {
  const pool = createPool(url, 1, { preparedStatements: false });
  try {
    const client = await pool.connect();
    try {
      for (let i = 0; i < 3; i++) await client.query("select $1::int * 2 as n", [i]);
      assert.deepEqual(await preparedOn(client), []);
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
});
