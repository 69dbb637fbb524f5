import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { staffClient } from "../../../test/factories.ts";
import { createTestDatabase, dropTestDatabase, startTestServer } from "../../../test/harness.ts";
import { fence } from "./fence.ts";
import { ensureServerRole, SERVER_ROLE } from "./server-role.ts";

/**
 * The embedded database's app login (server-role.ts): a database made and filled by the
 * superuser, as a cluster from before this change was, is handed to the server role, and
 * Rapport then runs on it as that role: migrations, the fence, the API.
 */
let url: string;
let asServer: string;
const password = "server-role-test-password";

before(async () => {
  url = await createTestDatabase();
  const superuser = new pg.Client({ connectionString: url });
  await superuser.connect();
  // What an older cluster's superuser may have made besides the migrated tables.
  await superuser.query(`
    create schema legacy_extras;
    create table legacy_extras.notes (id serial primary key, body text);
    create table legacy_identity (id int generated always as identity primary key);
    create type legacy_mood as enum ('calm', 'cross');
    create view legacy_view as select id from legacy_identity;
    create function legacy_fn() returns int language sql as 'select 1';`);
  await superuser.end();
  const name = new URL(url).pathname.slice(1);
  await ensureServerRole(url, name, password);
  const u = new URL(url);
  u.username = SERVER_ROLE;
  u.password = password;
  asServer = u.toString();
});
after(() => dropTestDatabase(url));

test("everything the superuser made in the database is handed to the server role", async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ what: string; owner: string }>(`
      select c.relname as what, pg_get_userbyid(c.relowner) as owner from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'legacy_extras', 'auth')
         and c.relkind in ('r', 'v', 'S') and pg_get_userbyid(c.relowner) <> '${SERVER_ROLE}'
      union all
      select p.proname, pg_get_userbyid(p.proowner) from pg_proc p
       where p.pronamespace = 'public'::regnamespace and pg_get_userbyid(p.proowner) <> '${SERVER_ROLE}'
         and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
      union all
      select 'legacy_mood', pg_get_userbyid(typowner) from pg_type where typname = 'legacy_mood'
      union all
      select 'schema legacy_extras', pg_get_userbyid(nspowner) from pg_namespace where nspname = 'legacy_extras'
      union all
      select 'database', pg_get_userbyid(datdba) from pg_database where datname = current_database()`);
    const notHanded = rows.filter((r) => r.owner !== SERVER_ROLE);
    assert.deepEqual(notHanded, []);
    assert.ok(rows.length >= 3, "the type, the schema and the database were checked");
    // Running it again changes nothing and does not fail (every start runs it).
    await ensureServerRole(url, new URL(url).pathname.slice(1), password);
  } finally {
    await client.end();
  }
});

// Through the pooled suite's PgBouncer every test server logs in as the pooler's one user
// (direct.testkit.ts keeps only the database name), so the role under test cannot be chosen.
const pooled = process.env.TEST_PG_POOLED_URL
  ? "the pooled suite's PgBouncer logs everyone in as one user"
  : false;
test("Rapport runs as the server role: not a superuser, fenced, and the API works", {
  skip: pooled,
}, async () => {
  const server = await startTestServer({ databaseUrl: asServer });
  try {
    const { rows } = await server.runtime.ctx.pool.query<{ su: boolean; bypass: boolean }>(
      "select rolsuper as su, rolbypassrls as bypass from pg_roles where rolname = current_user",
    );
    assert.deepEqual(rows[0], { su: false, bypass: false });
    assert.equal(fence.enabled, true, "the fence is raised by a login that is not a superuser");
    const { client } = await staffClient(server, "admin");
    const cu = await client.post("/api/v1/customers", { name: "Runs Unprivileged" });
    assert.equal(cu.status, 201);
    const kase = await client.post("/api/v1/cases", {
      customerId: cu.body.id,
      subject: "Hello",
      message: "Hi.",
    });
    assert.equal(kase.status, 201);
    await assert.rejects(
      server.runtime.ctx.pool.query("select pg_read_file('PG_VERSION')"),
      /permission denied/,
    );
  } finally {
    await server.close();
  }
});
