import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import pino from "pino";
import { startEmbeddedPostgres } from "../server/src/platform/db/embedded.ts";
import { migrate } from "../server/src/platform/db/migrate.ts";

/**
 * Runs the server suite (node:test) against a real PostgreSQL: DATABASE_URL when set (its
 * user needs CREATEDB), otherwise a throwaway embedded cluster. One migrated template
 * database is made first; each test file clones it (CREATE DATABASE … TEMPLATE), which
 * takes milliseconds, so every file starts from a fresh, fully migrated database.
 * Writes { passed, failed } to .tmp/results/server.json for scripts/test-all.ts.
 */
const root = path.resolve(import.meta.dirname, "..");
const runId = `${process.pid}`;
const log = pino({ level: "warn" });

let adminUrl = process.env.DATABASE_URL;
let stopEmbedded = async () => {};
if (!adminUrl) {
  const dataDir = path.join(root, ".tmp", `test-pg-${runId}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = 55000 + (process.pid % 4000);
  const embedded = await startEmbeddedPostgres({ dataDir, port, password: "test", logger: log });
  adminUrl = embedded.url;
  stopEmbedded = async () => {
    await embedded.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

const template = `rapport_template_${runId}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const serverVersion = (await admin.query("show server_version")).rows[0].server_version;
await admin.query(`drop database if exists ${template}`);
await admin.query(`create database ${template}`);
const templateUrl = withDatabase(adminUrl, template);
const pool = new pg.Pool({ connectionString: templateUrl, max: 2 });
await migrate(pool);
await pool.end();
// pg-boss installs its own schema on first start; do it once here so clones have it.
const boss = new PgBoss({
  connectionString: templateUrl,
  schema: "pgboss",
  supervise: false,
  schedule: false,
});
await boss.start();
await boss.stop({ graceful: false, wait: true });
console.log(`server tests: PostgreSQL ${serverVersion}, template ${template}`);

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : findTests(path.join(root, "server"));
const child = spawn(
  process.execPath,
  ["--test", "--test-concurrency=2", "--test-reporter=spec", "--test-timeout=120000", ...files],
  {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, TEST_PG_ADMIN_URL: adminUrl, TEST_TEMPLATE_DB: template, DATABASE_URL: "" },
  },
);
// Interrupted (Ctrl-C, a CI timeout): stop the tests, then the throwaway cluster, so no
// PostgreSQL is left running in .tmp after the runner is gone.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    interrupted = true;
    child.kill("SIGTERM");
    // The cluster going down ends the admin connection; that is expected here, not a crash.
    admin.on("error", () => {});
    void admin
      .end()
      .catch(() => {})
      .then(stopEmbedded)
      .finally(() => process.exit(130));
  });
}
let output = "";
child.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  output += chunk.toString();
});
const code: number = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 1)));
// When interrupted, the signal handler cleans up and exits; the normal path must not race it.
if (interrupted) await new Promise(() => {});

await admin.query(`drop database if exists ${template}`);
await admin.end();
await stopEmbedded();

const count = (label: string) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
const passed = count("pass");
const failed = count("fail") + count("cancelled") + (code !== 0 && count("fail") === 0 ? 1 : 0);
fs.mkdirSync(path.join(root, ".tmp/results"), { recursive: true });
fs.writeFileSync(path.join(root, ".tmp/results/server.json"), JSON.stringify({ passed, failed }));
process.exit(code);

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".test.ts"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}
