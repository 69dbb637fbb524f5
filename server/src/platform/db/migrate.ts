import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { raiseFence } from "./fence-setup.ts";

/**
 * Applies server/migrations/*.sql in file-name order, each in its own transaction,
 * recording what ran in schema_migrations. An advisory lock makes concurrent starts
 * of several app processes safe: one migrates, the others wait and find nothing to do.
 * Migrations are append-only: an applied file is never edited, a change is a new file.
 */
const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../../migrations");
const LOCK_KEY = 7_246_001; // arbitrary, constant: "rapport migrations"

export async function migrate(pool: pg.Pool, log: (msg: string) => void = () => {}): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query("select pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      "create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())",
    );
    const done = new Set(
      (await client.query<{ name: string }>("select name from schema_migrations")).rows.map((r) => r.name),
    );
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith(".sql"))
      .sort();
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), "utf8");
      await client.query("begin");
      try {
        await client.query(sql);
        await client.query("insert into schema_migrations (name) values ($1)", [file]);
        await client.query("commit");
      } catch (err) {
        await client.query("rollback");
        throw new Error(`migration ${file} failed: ${(err as Error).message}`);
      }
      applied.push(file);
      log(`applied migration ${file}`);
    }
    // Under the same lock: policies for every tenant table, the fenced role and its grants.
    await raiseFence(client, log);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    client.release();
  }
  return applied;
}
