import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * Test support for the pooled/direct split (direct.ts). Two uses:
 * - the server suite run through PgBouncer (scripts/pgbouncer-suite.sh): test servers get
 *   DATABASE_URL at the pooler and DATABASE_DIRECT_URL at PostgreSQL (`testDatabaseEnv`), and
 *   a dropped test database's pooled server connections are closed first (`releasePooled`);
 * - a test that needs a transaction pooler of its own starts Debian's pgbouncer (`startPgBouncer`).
 */
const PGBOUNCER = "/usr/sbin/pgbouncer";

/** The pooler in front of the suite's PostgreSQL, when the suite runs through one. */
function pooledBase(): string | undefined {
  return process.env.TEST_PG_POOLED_URL || undefined;
}

/** Whether the suite runs through a pooler (scripts/pgbouncer-suite.sh). */
export function suitePooled(): boolean {
  return pooledBase() !== undefined;
}

/**
 * The database environment of a test server whose database is `directUrl`. The suite's pooler
 * stands only in front of the suite's own server (TEST_PG_ADMIN_URL): a test that starts a
 * server of its own (replica/replica.test.ts) gets that server directly, not a pooler that
 * forwards its database name to another server where no such database exists.
 */
export function testDatabaseEnv(directUrl: string): Record<string, string> {
  const base = pooledBase();
  const suiteServer = process.env.TEST_PG_ADMIN_URL ? new URL(process.env.TEST_PG_ADMIN_URL).host : undefined;
  if (!base || new URL(directUrl).host !== suiteServer) return { DATABASE_URL: directUrl };
  const pooled = new URL(base);
  pooled.pathname = new URL(directUrl).pathname;
  return {
    DATABASE_URL: pooled.toString(),
    DATABASE_DIRECT_URL: directUrl,
    // PgBouncer before 1.21 cannot carry named prepared statements in transaction mode.
    DB_PREPARED_STATEMENTS: process.env.DB_PREPARED_STATEMENTS ?? "false",
  };
}

/**
 * Closes PgBouncer's server connections to a test database about to be dropped (its admin
 * console's KILL), so the drop need not wait for them to idle out. Nothing without a pooler.
 */
export async function releasePooled(database: string): Promise<void> {
  const base = pooledBase();
  if (!base) return;
  const console = new URL(base);
  console.pathname = "/pgbouncer";
  const client = new pg.Client({ connectionString: console.toString() });
  try {
    await client.connect();
    await client.query(`kill ${database}`);
  } catch {
    // Never connected through the pooler (no such database there): nothing to close.
  } finally {
    await client.end().catch(() => {});
  }
}

export function pgBouncerInstalled(): boolean {
  return fs.existsSync(PGBOUNCER);
}

export type PgBouncer = { url: (database: string) => string; stop: () => Promise<void> };

/**
 * Starts pgbouncer (pool_mode=transaction, trust on loopback) in front of `backendUrl`'s server,
 * on `port`, with at most `poolSize` server connections per database. As root it runs as the postgres user (pgbouncer refuses root). Stopped by its PID.
 */
export async function startPgBouncer(backendUrl: string, port: number, poolSize = 5): Promise<PgBouncer> {
  const backend = new URL(backendUrl);
  const user = decodeURIComponent(backend.username);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgbouncer-test-"));
  const asRoot = process.getuid?.() === 0;
  // Clients are trusted; the password (if any) is what pgbouncer itself logs in to PostgreSQL with.
  fs.writeFileSync(path.join(dir, "users.txt"), `"${user}" "${decodeURIComponent(backend.password)}"\n`);
  fs.writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${backend.hostname} port=${backend.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      "pool_mode = transaction",
      "max_client_conn = 200",
      `default_pool_size = ${poolSize}`,
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  if (asRoot) fs.chmodSync(dir, 0o777);
  const args = [PGBOUNCER, "-d", path.join(dir, "pgbouncer.ini")];
  await new Promise<void>((resolve, reject) => {
    const child = asRoot
      ? spawn("runuser", ["-u", "postgres", "--", ...args])
      : spawn(args[0] as string, args.slice(1));
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`pgbouncer exited ${code}: ${err}`)),
    );
  });
  // -d forks: wait for its pidfile and port.
  const pidFile = path.join(dir, "pgbouncer.pid");
  for (let waited = 0; !fs.existsSync(pidFile); waited += 50) {
    if (waited > 5000) throw new Error(`pgbouncer did not start: ${readLog(dir)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  return {
    url: (database) => `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      try {
        process.kill(pid, "SIGINT");
      } catch {
        // already gone
      }
      for (let waited = 0; fs.existsSync(pidFile) && waited < 5000; waited += 50)
        await new Promise((r) => setTimeout(r, 50));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, "pgbouncer.log"), "utf8");
  } catch {
    return "(no log)";
  }
}
