import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase, dropTestDatabase } from "../../../../test/harness.ts";
import { createDb, createPool, type Db } from "../pool.ts";
import { readCatalogue } from "./catalogue.ts";
import { planCitus } from "./plan.ts";

/**
 * `rapport scaling citus-plan` (issue #25): the plan and its blockers come from PostgreSQL's
 * catalogue. A scratch schema holds one of each shape Citus accepts or refuses, so each rule is
 * seen to fire (and to stay quiet) on real constraints.
 */
let url: string;
let pool: ReturnType<typeof createPool>;
let db: Db;

before(async () => {
  url = await createTestDatabase();
  pool = createPool(url, 2);
  db = createDb(pool);
  await pool.query(`
    create schema probe;
    create table probe.tenants (id uuid primary key);
    -- Compliant: keys carry workspace_id, and the child's key pairs it with the parent's.
    create table probe.parents (workspace_id uuid not null references probe.tenants, id uuid not null,
      primary key (id, workspace_id));
    create table probe.children (workspace_id uuid not null, id uuid not null, parent_id uuid,
      primary key (workspace_id, id),
      foreign key (workspace_id, parent_id) references probe.parents (workspace_id, id));
    -- Refused: a key without workspace_id, a unique index without it, a foreign key on id alone.
    create table probe.loose (workspace_id uuid not null, id uuid primary key, code text);
    create unique index loose_code on probe.loose (code);
    create table probe.loose_notes (workspace_id uuid not null, id uuid not null, loose_id uuid references probe.loose,
      primary key (workspace_id, id));
    -- Refused: a global (reference) table pointing at tenant data.
    create table probe.tokens (token text primary key, loose_id uuid references probe.loose);
    -- Allowed, but a cycle: distributed in an order, one key added back afterwards.
    create table probe.ring_a (workspace_id uuid not null, id uuid not null, b_id uuid, primary key (workspace_id, id));
    create table probe.ring_b (workspace_id uuid not null, id uuid not null, a_id uuid, primary key (workspace_id, id),
      foreign key (workspace_id, a_id) references probe.ring_a (workspace_id, id));
    alter table probe.ring_a add constraint ring_a_b foreign key (workspace_id, b_id) references probe.ring_b (workspace_id, id);
  `);
});

after(async () => {
  await db.destroy();
  await dropTestDatabase(url);
});

test("tables with workspace_id are distributed, the others are reference tables", async () => {
  const plan = planCitus(await readCatalogue(db, ["probe"]));
  assert.equal(plan.placements.get("probe.tenants"), "reference");
  assert.equal(plan.placements.get("probe.tokens"), "reference");
  for (const t of ["parents", "children", "loose", "loose_notes", "ring_a", "ring_b"])
    assert.equal(plan.placements.get(`probe.${t}`), "distributed", t);
});

test("every constraint Citus would refuse is named, and no compliant one", async () => {
  const plan = planCitus(await readCatalogue(db, ["probe"]));
  const named = plan.blockers.map((b) => `${b.table}.${b.constraint}`).sort();
  assert.deepEqual(named, [
    "probe.loose.loose_code",
    "probe.loose.loose_pkey",
    "probe.loose_notes.loose_notes_loose_id_fkey",
    "probe.tokens.tokens_loose_id_fkey",
  ]);
  const reasons = new Map(plan.blockers.map((b) => [b.constraint, b.reason]));
  assert.match(reasons.get("loose_pkey") ?? "", /primary key \(id\) leaves out workspace_id/);
  assert.match(reasons.get("loose_code") ?? "", /unique index \(code\) leaves out workspace_id/);
  assert.match(reasons.get("tokens_loose_id_fkey") ?? "", /reference table may not point/);
});

test("the calls create reference tables first and every table after the tables it points at", async () => {
  const plan = planCitus(await readCatalogue(db, ["probe"]));
  // A table's own call names it first; a later colocate_with names the anchor again.
  const at = (table: string) => plan.statements.findIndex((s) => s.includes(`('${table}'`));
  const lastReference = Math.max(at("probe.tenants"), at("probe.tokens"));
  for (const t of ["parents", "children", "loose", "loose_notes", "ring_a", "ring_b"]) {
    assert.ok(at(`probe.${t}`) > lastReference, `${t} is distributed after the reference tables`);
    assert.equal(plan.statements.filter((s) => s.includes(`('probe.${t}'`)).length, 1, t);
  }
  assert.ok(at("probe.parents") < at("probe.children"));
  assert.ok(at("probe.loose") < at("probe.loose_notes"));
  // One co-location group: every later table is placed with the first.
  const [anchor, ...rest] = plan.statements.filter((s) => s.includes("create_distributed_table"));
  assert.match(anchor ?? "", /'workspace_id'\);$/);
  for (const s of rest) assert.match(s, /colocate_with =>/);
  // The ring is broken at exactly one of its two keys.
  assert.equal(plan.cyclic.length, 1);
  assert.match(plan.cyclic[0] ?? "", /^probe\.ring_(a|b)\.ring_/);
});

test("Rapport's own schema can be distributed: no constraint blocks it, and every table is placed once", async () => {
  // This is the guard for future migrations: a new key or foreign key that leaves out
  // workspace_id fails here, naming it, before it reaches an installation that runs Citus.
  const plan = planCitus(await readCatalogue(db, ["public", "auth"]));
  assert.deepEqual(
    plan.blockers.map((b) => `${b.table}.${b.constraint}: ${b.reason}`),
    [],
  );
  assert.equal(plan.placements.get("workspaces"), "reference");
  assert.equal(plan.placements.get("support_addresses"), "reference");
  assert.equal(plan.placements.get("cases"), "distributed");
  assert.equal(plan.placements.get("auth.user"), "reference");
  assert.equal(plan.placements.get("schema_migrations"), "coordinator");
  const placed =
    plan.statements.length + [...plan.placements.values()].filter((p) => p === "coordinator").length;
  assert.equal(placed, plan.placements.size);
});

test("a foreign key between tenant tables refuses a row that points into another workspace", async () => {
  const [a, b] = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"];
  await pool.query("insert into workspaces (id, name) values ($1, 'A'), ($2, 'B')", [a, b]);
  const { rows } = await pool.query(
    "insert into customers (workspace_id, name) values ($1, 'Ann') returning id",
    [a],
  );
  await assert.rejects(
    pool.query(
      "insert into cases (workspace_id, customer_id, subject, channel, number) values ($1, $2, 'Elsewhere', 'email', next_case_number($1))",
      [b, rows[0].id],
    ),
    /violates foreign key constraint/,
  );
});
