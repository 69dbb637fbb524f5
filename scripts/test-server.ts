import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import pino from "pino";
import { startEmbeddedPostgres } from "../server/src/platform/db/embedded.ts";
import { migrate } from "../server/src/platform/db/migrate.ts";
import { stopClustersUnder } from "./reap.ts";
import { failureDetail, runningGroups, runTestFiles } from "./test-files.ts";

/**
 * Runs the server suite (node:test) against a real PostgreSQL: DATABASE_URL when set (its
 * user needs CREATEDB), otherwise a throwaway embedded cluster. With DATABASE_DIRECT_URL too,
 * DATABASE_URL is a transaction pooler in front of it: test servers (server/test/harness.ts)
 * query through it (TEST_PG_POOLED_URL) and keep their sessions on the direct URL. One migrated template
 * database is made first; each test file clones it (CREATE DATABASE … TEMPLATE), which
 * takes milliseconds, so every file starts from a fresh, fully migrated database.
 * Files run two at a time (TEST_CONCURRENCY), each with a time limit (TEST_FILE_TIMEOUT_MS, default 10 min; one
 * test: TEST_TIMEOUT_MS, default 3 min) enforced by scripts/test-files.ts, so a hung file fails
 * instead of stalling the suite; the failed files are listed at the end with why.
 * Writes { passed, failed } to .tmp/results/server.json for scripts/test-all.ts.
 */
const root = path.resolve(import.meta.dirname, "..");
const runId = `${process.pid}`;
const log = pino({ level: "warn" });

// Behind a pooler (scripts/pgbouncer-suite.sh) DATABASE_URL is PgBouncer and DATABASE_DIRECT_URL
// PostgreSQL itself: databases are made directly, and test servers query through the pooler.
const pooledUrl = process.env.DATABASE_DIRECT_URL ? process.env.DATABASE_URL : undefined;
let adminUrl = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL;
let stopEmbedded = async () => {};
if (!adminUrl) {
  const dataDir = path.join(root, ".tmp", `test-pg-${runId}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  // The port follows the pid so that parallel runs differ, but another program may hold it:
  // then the next few are tried before giving up.
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  for (let attempt = 0; !embedded; attempt++) {
    const port = 55000 + ((process.pid + attempt * 97) % 4000);
    try {
      embedded = await startEmbeddedPostgres({ dataDir, port, password: "test", logger: log });
    } catch (error) {
      if (attempt >= 4) throw error;
      console.log(`embedded PostgreSQL could not start on port ${port}; trying another`);
    }
  }
  adminUrl = embedded.superuserUrl;
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
console.log(
  `server tests: PostgreSQL ${serverVersion}, template ${template}${pooledUrl ? ", test servers through the pooler at DATABASE_URL" : ""}`,
);

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : findTests(path.join(root, "server"));
// Generous but bounded: a slow, loaded machine may take long, but never forever.
const fileTimeoutMs = Number(process.env.TEST_FILE_TIMEOUT_MS ?? 600_000);
const testTimeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 180_000);
const scratchRoot = path.join(root, ".tmp", `test-scratch-${runId}`);
let interrupted = false;
// Interrupted (Ctrl-C, a CI timeout): stop the files' processes and databases, then the
// throwaway cluster, so no PostgreSQL is left running in .tmp after the runner is gone. A file
// that runs files of its own (runner.test.ts) dies at the SIGTERM; the groups it started end
// themselves when it is gone (scripts/lifeline.ts), and their clusters lie under scratchRoot.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    interrupted = true;
    // The cluster going down ends the admin connection; that is expected here, not a crash.
    admin.on("error", () => {});
    void runningGroups
      .stop()
      .then(() => stopClustersUnder(scratchRoot))
      .then(() => fs.rmSync(scratchRoot, { recursive: true, force: true }))
      .then(() => admin.end())
      .catch(() => {})
      .then(stopEmbedded)
      .finally(() => process.exit(130));
  });
}
// Two at a time by default; most of a file's time is waiting (timers, sockets, a child
// process), so CI's second pass may run more (TEST_CONCURRENCY) to stay within its time.
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY ?? 2) || 2);
const results = await runTestFiles(files, {
  root,
  concurrency,
  fileTimeoutMs,
  testTimeoutMs,
  scratchRoot,
  env: {
    ...process.env,
    TEST_PG_ADMIN_URL: adminUrl,
    TEST_TEMPLATE_DB: template,
    DATABASE_URL: "",
    DATABASE_DIRECT_URL: "",
    ...(pooledUrl ? { TEST_PG_POOLED_URL: pooledUrl } : {}),
  },
});
// When interrupted, the signal handler cleans up and exits; the normal path must not race it.
if (interrupted) await new Promise(() => {});
fs.rmSync(scratchRoot, { recursive: true, force: true });

await admin.query(`drop database if exists ${template}`);
await admin.end();
await stopEmbedded();

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const failedFiles = results.filter((r) => r.reason);
if (failedFiles.length > 0) {
  console.log(`\n━━ ${failedFiles.length} test file(s) failed ━━`);
  for (const r of failedFiles) console.log(`\n✖ ${r.file}: ${r.reason}\n${failureDetail(r)}`);
}
console.log(`\nserver tests: ${results.length} files, ${passed} passed, ${failed} failed`);
fs.mkdirSync(path.join(root, ".tmp/results"), { recursive: true });
fs.writeFileSync(path.join(root, ".tmp/results/server.json"), JSON.stringify({ passed, failed }));
process.exit(failed > 0 || failedFiles.length > 0 ? 1 : 0);

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
